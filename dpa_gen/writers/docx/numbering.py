"""The lists of ``word/numbering.xml``: articles and clauses, parties, recitals, lettered lists."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


class Numbering:
    """Adds abstract lists and list instances to ``word/numbering.xml``."""

    def __init__(self, doc: Any) -> None:
        self.root = doc.part.numbering_part.element
        for child in list(self.root):  # python-docx's template lists are unused
            self.root.remove(child)
        self.next_abstract = 1
        self.next_num = 1
        self.simple: dict[tuple[str, str], int] = {}
        self.alpha_abstract: int | None = None

    def clause_list(self, prefix: str) -> int:
        """Level 0 "Artikel %1" (articles), level 1 "%1.%2" (clauses)."""
        abstract = self._abstract(
            [
                _level(0, "decimal", f"{prefix} %1", left=0, hanging=0, suffix="tab", tab=1300, bold=True),
                _level(1, "decimal", "%1.%2", left=624, hanging=624, suffix="tab"),
            ]
        )
        return self._num(abstract)

    def simple_list(self, kind: str, lang: str) -> int:
        """Parties "1." and recitals "A.", one list per language column."""
        key = (kind, lang)
        if key not in self.simple:
            fmt, text = ("decimal", "%1.") if kind == "party" else ("upperLetter", "%1.")
            abstract = self._abstract([_level(0, fmt, text, left=624, hanging=624, suffix="tab")])
            self.simple[key] = self._num(abstract)
        return self.simple[key]

    def new_alpha_list(self) -> int:
        """A lettered list (a), (b) that starts again at (a)."""
        if self.alpha_abstract is None:
            self.alpha_abstract = self._abstract(
                [_level(0, "lowerLetter", "(%1)", left=1077, hanging=453, suffix="tab")]
            )
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
        self.root.append(num)
        return ident


def _level(
    ilvl: int, fmt: str, text: str, *, left: int, hanging: int, suffix: str, tab: int | None = None, bold: bool = False
) -> Any:
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), str(ilvl))
    for tag, value in (
        ("w:start", "1"),
        ("w:numFmt", fmt),
        ("w:suff", suffix),
        ("w:lvlText", text),
        ("w:lvlJc", "left"),
    ):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        lvl.append(el)
    pPr = OxmlElement("w:pPr")
    if tab is not None:
        tabs = OxmlElement("w:tabs")
        stop = OxmlElement("w:tab")
        stop.set(qn("w:val"), "left")
        stop.set(qn("w:pos"), str(tab))
        tabs.append(stop)
        pPr.append(tabs)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(left))
    ind.set(qn("w:hanging"), str(hanging))
    pPr.append(ind)
    lvl.append(pPr)
    rPr = OxmlElement("w:rPr")
    if bold:
        rPr.append(OxmlElement("w:b"))
    lvl.append(rPr)
    return lvl


def set_num(pPr: Any, num_id: int, level: int) -> None:
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
