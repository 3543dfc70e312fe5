"""The lists of ``word/numbering.xml``: articles and clauses, parties, recitals, lettered lists."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


@dataclass(frozen=True, slots=True)
class LevelLook:
    """How a list level looks: the indents, tab stop and weight of the paragraph style it numbers."""

    left: int = 0
    hanging: int = 0
    tab: int | None = None
    bold: bool = False


class Numbering:
    """Adds abstract lists and list instances to ``word/numbering.xml``.

    The reference document's own lists are kept (its styles may use them); ours get the ids
    after theirs. ``looks`` maps a paragraph style name to the look of the level numbering it.
    """

    def __init__(self, doc: Any, looks: Mapping[str, LevelLook]) -> None:
        self.root = doc.part.numbering_part.element
        self.looks = looks
        self.next_abstract = 1 + max(
            (int(a.get(qn("w:abstractNumId"))) for a in self.root.findall(qn("w:abstractNum"))), default=0
        )
        self.next_num = 1 + max((int(n.get(qn("w:numId"))) for n in self.root.findall(qn("w:num"))), default=0)
        self.simple: dict[tuple[str, str], int] = {}
        self.alpha_abstract: int | None = None

    def clause_list(self, article_word: str) -> int:
        """Level 0 "Artikel %1" (articles, ``Heading 1``), level 1 "%1.%2" (clauses, ``DPA Clause``)."""
        abstract = self._abstract(
            [
                _level(0, "decimal", f"{article_word} %1", self.looks["Heading 1"]),
                _level(1, "decimal", "%1.%2", self.looks["DPA Clause"]),
            ]
        )
        return self._num(abstract)

    def simple_list(self, kind: Literal["party", "recital"], lang: str) -> int:
        """Parties "1." and recitals "A.", one list per language column."""
        key = (kind, lang)
        if key not in self.simple:
            if kind == "party":
                level = _level(0, "decimal", "%1.", self.looks["DPA Party"])
            else:
                level = _level(0, "upperLetter", "%1.", self.looks["DPA Recital"])
            self.simple[key] = self._num(self._abstract([level]))
        return self.simple[key]

    def new_alpha_list(self) -> int:
        """A lettered list (a), (b) that starts again at (a)."""
        if self.alpha_abstract is None:
            self.alpha_abstract = self._abstract([_level(0, "lowerLetter", "(%1)", self.looks["DPA List"])])
        return self._num(self.alpha_abstract, restart=True)

    def _abstract(self, levels: list[Any]) -> int:
        ident = self.next_abstract
        self.next_abstract += 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(ident))
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "multilevel" if len(levels) > 1 else "singleLevel")
        abstract.append(multi)
        for level in levels:
            abstract.append(level)
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # schema order: every abstractNum before any num
        else:
            self.root.append(abstract)
        return ident

    def _num(self, abstract: int, *, restart: bool = False) -> int:
        ident = self.next_num
        self.next_num += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(ident))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(abstract))
        num.append(ref)
        if restart:
            override = OxmlElement("w:lvlOverride")
            override.set(qn("w:ilvl"), "0")
            start = OxmlElement("w:startOverride")
            start.set(qn("w:val"), "1")
            override.append(start)
            num.append(override)
        cleanup = self.root.find(qn("w:numIdMacAtCleanup"))  # Word's last element, if any
        (cleanup.addprevious(num) if cleanup is not None else self.root.append(num))
        return ident


def _level(ilvl: int, fmt: str, text: str, look: LevelLook) -> Any:
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), str(ilvl))
    for tag, value in (
        ("w:start", "1"),
        ("w:numFmt", fmt),
        ("w:suff", "tab"),
        ("w:lvlText", text),
        ("w:lvlJc", "left"),
    ):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        lvl.append(el)
    pPr = OxmlElement("w:pPr")
    if look.tab is not None:
        tabs = OxmlElement("w:tabs")
        stop = OxmlElement("w:tab")
        stop.set(qn("w:val"), "left")
        stop.set(qn("w:pos"), str(look.tab))
        tabs.append(stop)
        pPr.append(tabs)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(look.left))
    ind.set(qn("w:hanging"), str(look.hanging))
    pPr.append(ind)
    lvl.append(pPr)
    rPr = OxmlElement("w:rPr")  # no font: the number takes its paragraph's
    if look.bold:
        rPr.append(OxmlElement("w:b"))
    lvl.append(rPr)
    return lvl


def set_num(pPr: Any, num_id: int, level: int) -> None:
    """Put a paragraph (or a paragraph style) on level ``level`` of list ``num_id``."""
    existing = pPr.find(qn("w:numPr"))
    if existing is not None:
        pPr.remove(existing)
    numPr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    numPr.append(ilvl)
    numPr.append(num)
    style = pPr.find(qn("w:pStyle"))
    keep = pPr.find(qn("w:keepNext"))
    anchor = keep if keep is not None else style
    if anchor is not None:
        anchor.addnext(numPr)
    else:
        pPr.insert(0, numPr)
