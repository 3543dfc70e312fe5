"""The Word styles of the generated DOCX: the reference document's, completed from the bundled ones.

A team's ``reference.docx`` made in Word often defines only the styles it uses; a style the
writer needs but the reference lacks is copied from the bundled reference, with its links
(based on, next style) pointed at the reference's own styles, so it inherits the team's
``Normal`` font.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import docx
from docx.oxml.ns import qn

from dpa_gen.paths import assets_dir
from dpa_gen.writers.docx.numbering import LevelLook, set_num

# Every style the builder writes (paragraph styles, and the table style of annex tables).
REQUIRED_STYLES = (
    "Normal",
    "Title",
    "DPA Parallel Title",
    "Subtitle",
    "Heading 1",
    "DPA Section Heading",
    "DPA Annex Heading",
    "DPA Group Heading",
    "DPA Clause",
    "DPA Clause Text",
    "DPA Party",
    "DPA Recital",
    "DPA List",
    "DPA Table Text",
    "DPA Signature",
    "Header",
    "Footer",
    "Table Grid",
)


@cache
def _bundled() -> Any:
    """The bundled reference, opened once per process and only read from."""
    return docx.Document(str(assets_dir() / "reference.docx"))


def adopt_styles(doc: Any) -> dict[str, str]:
    """Make sure ``doc`` has every required style; returns style name → style id."""
    return {name: _style_element(doc, name).get(qn("w:styleId")) for name in REQUIRED_STYLES}


def _style_element(doc: Any, name: str) -> Any:
    try:
        return doc.styles[name].element
    except KeyError:
        return _copy_from_bundled(doc, name)


def _copy_from_bundled(doc: Any, name: str) -> Any:
    source = _bundled().styles[name].element
    element = copy.deepcopy(source)
    root = doc.styles.element
    ident = element.get(qn("w:styleId"))
    taken = {s.get(qn("w:styleId")) for s in root.findall(qn("w:style"))}
    unique, n = ident, 1
    while unique in taken:  # the id belongs to another style there (ids are not names)
        n += 1
        unique = f"{ident}{n}"
    element.set(qn("w:styleId"), unique)
    if element.get(qn("w:default")) is not None:
        del element.attrib[qn("w:default")]
    for tag in ("w:link", "w:rsid"):  # the linked character style is not copied
        for child in element.findall(qn(tag)):
            element.remove(child)
    for tag in ("w:basedOn", "w:next"):
        link = element.find(qn(tag))
        if link is None:
            continue
        target = _bundled_name(link.get(qn("w:val")))
        if target is None or (tag == "w:next" and not _has(doc, target)):
            element.remove(link)
        else:
            link.set(qn("w:val"), _style_element(doc, target).get(qn("w:styleId")))
    root.append(element)
    return element


def _bundled_name(style_id: str | None) -> str | None:
    for style in _bundled().styles:
        if style.style_id == style_id:
            return str(style.name)
    return None


def _has(doc: Any, name: str) -> bool:
    try:
        doc.styles[name]
    except KeyError:
        return False
    return True


def link_style_numbering(doc: Any, num_id: int) -> None:
    """Number article headings and clauses through their styles, as Word does it."""
    for name, level in (("Heading 1", 0), ("DPA Clause", 1)):
        set_num(doc.styles[name].element.get_or_add_pPr(), num_id, level)


# The paragraph styles that lists number, whose looks the list levels copy.
NUMBERED_STYLES = ("Heading 1", "DPA Clause", "DPA Party", "DPA Recital", "DPA List")


def level_looks(doc: Any) -> dict[str, LevelLook]:
    """The look of each list level, from the paragraph style it numbers."""
    return {name: level_look(doc, name) for name in NUMBERED_STYLES}


def level_look(doc: Any, name: str) -> LevelLook:
    """The look of the list level that numbers paragraphs of style ``name``.

    Why: a numbered paragraph takes its indents from the list, not from its style; copying
    them from the style makes a change of indent in Word's style dialog show in the numbers.
    """
    chain = _chain(doc, doc.styles[name].element)
    ind = _first(chain, "w:pPr", "w:ind")
    left = hanging = 0
    if ind is not None:
        left = _twips(ind, "w:left", "w:start")
        hanging = _twips(ind, "w:hanging") or -_twips(ind, "w:firstLine")
    tabs = _first(chain, "w:pPr", "w:tabs")
    stops = [t for t in tabs.findall(qn("w:tab")) if t.get(qn("w:val")) != "clear"] if tabs is not None else []
    tab = int(stops[0].get(qn("w:pos"))) if stops else None
    bold = _first(chain, "w:rPr", "w:b")
    is_bold = bold is not None and bold.get(qn("w:val"), "true") not in ("0", "false", "off")
    return LevelLook(left, hanging, tab, is_bold)


def _chain(doc: Any, element: Any) -> list[Any]:
    """The style and the styles it is based on, nearest first."""
    chain = []
    while element is not None and element not in chain:
        chain.append(element)
        based = element.find(qn("w:basedOn"))
        element = doc.styles.element.get_by_id(based.get(qn("w:val"))) if based is not None else None
    return chain


def _first(chain: list[Any], group: str, tag: str) -> Any:
    for element in chain:
        properties = element.find(qn(group))
        found = properties.find(qn(tag)) if properties is not None else None
        if found is not None:
            return found
    return None


def _twips(element: Any, *names: str) -> int:
    for name in names:
        value = element.get(qn(name))
        if value is not None:
            try:
                return int(value)
            except ValueError:  # a measure with a unit ("1.1cm", strict OOXML): not worth guessing
                return 0
    return 0
