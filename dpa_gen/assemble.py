"""Lay out a resolved, rendered contract as a ``Document``: one language, or Dutch and English side by side.

The layout is built as a list of *units*. A ``Prose`` unit holds the same block in each
language (a heading, a clause); a ``Shared`` unit is one block for all languages (an annex
table with bilingual headers, the signature boxes, a page break). A one-language document
takes its language's block from each unit; a side-by-side document pairs consecutive
prose units into rows of a ``Parallel`` block, so both columns always have the same clauses
in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dpa_gen.document import (
    Block,
    Body,
    Clause,
    Document,
    DocumentInfo,
    Heading,
    Inline,
    PageBreak,
    Paragraph,
    Parallel,
    Signatory,
    SignatureBlock,
    Text,
    anchor,
)
from dpa_gen.kinds import KINDS
from dpa_gen.library import Library
from dpa_gen.measures import Selection
from dpa_gen.models.base import Lang, LanguageMode
from dpa_gen.models.customer import Customer
from dpa_gen.models.labels import Labels
from dpa_gen.models.parties import Party
from dpa_gen.resolve import ChosenSection, Resolution
from dpa_gen.roles import RoleWords, names_the_kind

Cell = tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True, slots=True)
class Prose:
    """The same block in every language."""

    blocks: Mapping[Lang, Block]


@dataclass(frozen=True, slots=True)
class Shared:
    """One block that already serves every language."""

    block: Block


Unit = Prose | Shared


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything the layout needs, per language where it differs."""

    mode: LanguageMode
    library: Library
    customer: Customer
    resolution: Resolution
    bodies: Mapping[Lang, Mapping[str, tuple[Body, ...]]]
    labels: Mapping[Lang, Labels]
    facts: Mapping[Lang, Mapping[str, Any]]
    measures: Selection
    roles: Mapping[Lang, RoleWords]

    def shared(self, lang: Lang, text: str) -> str:
        """Library text written for the main kind of agreement, in this kind's role words."""
        return self.roles[lang].apply(text)

    @property
    def langs(self) -> tuple[Lang, ...]:
        """The languages in column order."""
        return self.mode.langs


def assemble(inputs: Inputs) -> Document:
    """Build the document for ``inputs.langs``."""
    units = list(_units(inputs))
    if len(inputs.langs) == 1:
        (lang,) = inputs.langs
        blocks = tuple(u.blocks[lang] if isinstance(u, Prose) else u.block for u in units)
    else:
        blocks = tuple(_pair(units, inputs.langs))
    article_words = {lang: inputs.labels[lang].article for lang in inputs.langs}
    return Document(inputs.mode, _info(inputs), blocks, article_words)


def _pair(units: Sequence[Unit], langs: tuple[Lang, ...]) -> Iterator[Block]:
    left, right = langs
    rows: list[tuple[Block, Block]] = []
    for unit in units:
        if isinstance(unit, Prose):
            rows.append((unit.blocks[left], unit.blocks[right]))
            continue
        if rows:
            yield Parallel(tuple(rows))
            rows = []
        yield unit.block
    if rows:
        yield Parallel(tuple(rows))


def _units(inputs: Inputs) -> Iterator[Unit]:
    langs = inputs.langs
    kind = inputs.library.meta.kind(inputs.customer.contract.kind)
    yield Prose({lang: Heading("title", kind.title.in_(lang)) for lang in langs})
    if kind.subtitle is not None:
        yield Prose({lang: Paragraph((Text(kind.subtitle.in_(lang)),)) for lang in langs})
    if inputs.customer.contract.reference:
        ref = inputs.customer.contract.reference
        yield Prose({lang: Paragraph((Text(f"{inputs.labels[lang].reference}: {ref}"),)) for lang in langs})
    for chosen in inputs.resolution.sections:
        yield from _section(inputs, chosen)


def _section(inputs: Inputs, chosen: ChosenSection) -> Iterator[Unit]:
    section, langs = chosen.section, inputs.langs
    rules = KINDS[section.kind]
    own_words = names_the_kind(section.when)

    def title(lang: Lang) -> str:
        text = section.title.in_(lang)
        return text if own_words else inputs.shared(lang, text)

    if rules.new_page:
        yield Shared(PageBreak())
    if rules.heading is not None:
        yield Prose(
            {
                lang: Heading(
                    rules.heading,
                    title(lang),
                    number=chosen.number,
                    prefix=inputs.labels[lang].word(rules.heading),
                    anchor=anchor(lang, section.id),
                )
                for lang in langs
            }
        )
    for item in chosen.clauses:
        yield Prose(
            {
                lang: Clause(
                    rules.clause_style, item.number, anchor(lang, item.clause.id), inputs.bodies[lang][item.clause.id]
                )
                for lang in langs
            }
        )
    if rules.signatures:
        yield Shared(_signatures(inputs))
    if section.table is not None:
        from dpa_gen.annex_tables import annex_units  # the tables import this module's units

        yield from annex_units(inputs, section.table)


def _signatures(inputs: Inputs) -> SignatureBlock:
    langs, labels = inputs.langs, inputs.labels

    def joined(pick: Any) -> str:
        return " / ".join(dict.fromkeys(pick(labels[lang]) for lang in langs))

    def signatories(role: str, party: Party) -> Iterator[Signatory]:
        reps = {lang: inputs.facts[lang][role].representatives for lang in langs}
        label = joined(lambda lb: getattr(lb.party, role))
        if not reps[langs[0]]:
            yield Signatory(party_label=label, party_name=party.name, name=None, role=None)
        for i, rep in enumerate(reps[langs[0]]):
            role_text = " / ".join(dict.fromkeys(reps[lang][i].role for lang in langs))
            yield Signatory(party_label=label, party_name=party.name, name=rep.name, role=role_text)

    return SignatureBlock(
        signatories=tuple(s for role, party in inputs.customer.parties() for s in signatories(role, party)),
        name_label=joined(lambda lb: lb.signature.name),
        role_label=joined(lambda lb: lb.signature.role),
        date_label=joined(lambda lb: lb.signature.date),
        signature_label=joined(lambda lb: lb.signature.signature),
    )


def _info(inputs: Inputs) -> DocumentInfo:
    langs, c, meta = inputs.langs, inputs.customer, inputs.library.meta
    (_, client), (_, provider) = c.parties()
    kind = meta.kind(c.contract.kind)
    title = " / ".join(kind.title.in_(lang) for lang in langs)
    names = {"client": client.name, "provider": provider.name}
    return DocumentInfo(
        title=title,
        subject=" / ".join(inputs.labels[lang].subject.format(title=kind.title.in_(lang), **names) for lang in langs),
        author=provider.name,
        keywords=", ".join(
            dict.fromkeys([*", ".join(inputs.labels[lang].keywords for lang in langs).split(", "), *names.values()])
        ),
        language={"nl": "nl-NL", "en": "en-GB"}[langs[0]],
        created=c.contract.effective_date,
        header=f"{title} – {client.name} / {provider.name}",
        page_label=" / ".join(inputs.labels[lang].page for lang in langs),
        library_version=meta.version,
    )
