"""The company's own clause texts in a customer file: clauses added, and clauses replaced.

Clauses are added to an article; a library clause (or one variant) is replaced by a
negotiated text.

Own texts are contract text, not template code: they may use the tiny markup of the library
(paragraphs, ``- `` lists, ``**Term**``, ``*italic*``) and two placeholders only,
``{{ dotted.variable }}`` and ``{{ ref('clause.id') }}``, which dpa-gen fills in itself
(``own_text.py``); they are never compiled by Jinja.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from dpa_gen.models.base import ClauseId, Key, Model, clean_text
from dpa_gen.models.settings import Setting


def _own_text(value: str) -> str:
    return clean_text(value, multiline=True)


def _string_only(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("must be text, not a list or mapping")
    return value


OwnText = Annotated[str, BeforeValidator(_string_only), AfterValidator(_own_text), StringConstraints(max_length=8000)]
DutyId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z0-9_]*$", max_length=80)]


class OwnBilingual(Model):
    """An own clause text in both contract languages."""

    __leaf__ = True

    nl: OwnText
    en: OwnText

    def in_(self, lang: str) -> str:
        """The text in ``lang``."""
        return self.nl if lang == "nl" else self.en


class AddedClause(Model):
    """A clause of the company's own, numbered in place in an article or annex."""

    id: Annotated[ClauseId | None, Setting("its id (default `own.<article>.<n>`)", sample="own.extra")] = None
    article: Annotated[ClauseId, Setting("the article or annex it goes into (a section id)", sample="audits")]
    after: Annotated[
        ClauseId | None, Setting("the clause it follows; default: at the end of the article", sample="audits.right")
    ] = None
    covers: Annotated[
        Annotated[list[DutyId], Field(max_length=20)], Setting("the duties (duties.yaml) it covers", sample=[])
    ] = []
    text: Annotated[OwnBilingual, Setting("the text in both languages")]


class ReplacedClause(Model):
    """A negotiated text in place of a library clause, or of one variant of it."""

    clause: Annotated[ClauseId, Setting("the library clause it replaces", sample="audits.costs")]
    variant: Annotated[
        Key | None, Setting("replace only this variant (when the contract uses it)", sample="controller")
    ] = None
    covers: Annotated[
        Annotated[list[DutyId], Field(max_length=20)],
        Setting("the duties the new text covers; required when the library text covers any", sample=[]),
    ] = []
    text: Annotated[OwnBilingual, Setting("the text in both languages")]


class OwnClauses(Model):
    """Deviations from the library, listed in the manifest and by ``build --deviations``."""

    add: Annotated[Annotated[list[AddedClause], Field(max_length=50)], Setting("clauses added")] = []
    replace: Annotated[Annotated[list[ReplacedClause], Field(max_length=50)], Setting("clauses replaced")] = []
