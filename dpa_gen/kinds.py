"""What each kind of library section means, in one table.

Why one table: numbering, cross-references, headings, clause styles and the coverage table
all depend on the kind of a section. Stated once here, a new kind is one row, and every
pass that reads the table (resolve, assemble, the writers, ``check``) follows it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from dpa_gen.document import ClauseStyle
from dpa_gen.locale import letter, roman
from dpa_gen.models.library import SectionKind


@dataclass(frozen=True, slots=True)
class KindRules:
    """How sections of one kind are numbered, headed and laid out."""

    section_number: Callable[[int], str] | None  # the n-th section of this kind → "7", "II"
    clause_number: Literal["section.position", "letter", "position"] | None
    heading: Literal["section", "article", "annex"] | None  # None: no heading of its own
    clause_style: ClauseStyle
    new_page: bool = False
    defines_terms: bool = False  # its **Term**s are defined terms (check W221/W222)
    signatures: bool = False  # the signature boxes follow its clauses

    @property
    def numbered(self) -> bool:
        """Whether a section of this kind carries a number ``ref()`` can print."""
        return self.section_number is not None

    def number_clause(self, section_number: str | None, position: int) -> str | None:
        """The number of the clause at ``position`` (1-based): "7.3", "B", "2", or None."""
        match self.clause_number:
            case "section.position":
                return f"{section_number}.{position}"
            case "letter":
                return letter(position)
            case "position":
                return str(position)
            case None:
                return None


KINDS: Mapping[SectionKind, KindRules] = {
    "parties": KindRules(None, "position", "section", "party", defines_terms=True),
    "recitals": KindRules(None, "letter", "section", "recital", defines_terms=True),
    "article": KindRules(str, "section.position", "article", "clause"),
    "closing": KindRules(None, None, None, "plain", signatures=True),
    "annex": KindRules(roman, None, "annex", "plain", new_page=True),
}
