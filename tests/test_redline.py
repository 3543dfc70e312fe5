"""The redline: word-level changes, real tracked changes, and accept/reject giving the new/old contract.

The central check: accepting every change of a redline gives, paragraph by paragraph
(style, numbering, text), the plain build of the new contract; rejecting every change gives
the old one. ``tracked_changes`` does this on the XML; the LibreOffice tests prove that
LibreOffice sees the same changes and numbers the results like the builds.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from lxml import etree

from dpa_gen.document import (
    Clause,
    Column,
    Document,
    DocumentInfo,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Ref,
    Strong,
    Table,
    Text,
)
from dpa_gen.engine import compose, load_customer
from dpa_gen.library import load_library
from dpa_gen.models.base import LanguageMode
from dpa_gen.redline.align import redline_document
from dpa_gen.redline.docx import Stamp, render_redline
from dpa_gen.redline.model import ChangedRef, ChangedText
from dpa_gen.redline.words import diff_inlines
from dpa_gen.writers.docx import render_docx
from tests.conftest import REPO, tool
from tests.tracked_changes import change_marks, document_xml, paragraphs, resolve, w

STAMP = Stamp("Legal Team", dt.date(2026, 3, 1))
JOINS = ("word", "libreoffice")  # how the two programs join paragraphs (see tracked_changes)
INFO = DocumentInfo("t", "s", "a", "k", "nl-NL", dt.date(2026, 3, 1), "h", "p", "1")


def document(*blocks: object) -> Document:
    """A one-language document of ``blocks``."""
    return Document(LanguageMode.NL, INFO, tuple(blocks), {"nl": "Artikel"})  # type: ignore[arg-type]


def clause(anchor: str, *texts: str, number: str = "1.1") -> Clause:
    """A numbered clause with one paragraph per text."""
    return Clause("clause", number, f"nl-{anchor}", tuple(Paragraph((Text(t),)) for t in texts))


def cell_table(*lines: str) -> Table:
    """A one-cell table with a line per text."""
    return Table((Column("x", 100),), ((tuple((Text(line),) for line in lines),),), header=False)


def assert_resolves(old: Document, new: Document) -> bytes:
    """The redline of old → new; accepting gives new's build and rejecting old's, paragraph by paragraph."""
    merged = redline_document(old, new)
    assert merged is not None
    red = render_redline(merged, STAMP)
    for join in JOINS:
        assert paragraphs(resolve(red, accept=True, join=join)) == paragraphs(render_docx(new)), join
        assert paragraphs(resolve(red, accept=False, join=join)) == paragraphs(render_docx(old)), join
    return red


# --- words ---------------------------------------------------------------------------------


def test_one_changed_word_is_one_deletion_and_one_insertion_the_rest_unmarked() -> None:
    old = (Text("Verwerker meldt een Datalek binnen 48 uur aan Verwerkingsverantwoordelijke."),)
    new = (Text("Verwerker meldt een Datalek binnen 24 uur aan Verwerkingsverantwoordelijke."),)
    assert diff_inlines(old, new) == (
        Text("Verwerker meldt een Datalek binnen "),
        ChangedText("48", "deleted"),
        ChangedText("24", "inserted"),
        Text(" uur aan Verwerkingsverantwoordelijke."),
    )
    red = assert_resolves(
        document(clause("breach.notice", old[0].value)), document(clause("breach.notice", new[0].value))
    )
    p = next(p for p in document_xml(red).iter(w("p")) if "Datalek" in "".join(p.itertext()))
    marks = [(m.tag, "".join(m.itertext())) for m in p.iter(w("ins"), w("del"))]
    assert marks == [(w("del"), "48"), (w("ins"), "24")]
    unmarked = "".join(t.text for t in p.iter(w("t")) if t.getparent().getparent().tag == w("p"))
    assert unmarked == "Verwerker meldt een Datalek binnen  uur aan Verwerkingsverantwoordelijke."
    for mark in p.iter(w("ins"), w("del")):
        assert (mark.get(w("author")), mark.get(w("date"))) == ("Legal Team", "2026-03-01T00:00:00Z")


def test_formatting_and_links_survive_inside_a_changed_paragraph() -> None:
    old = (Text("De "), Strong((Text("Verwerker"),)), Text(" volgt artikel "), Ref("nl-a", "7.3"), Text(" na."))
    new = (Text("De "), Strong((Text("Verwerker"),)), Text(" volgt steeds artikel "), Ref("nl-a", "7.4"), Text(" na."))
    merged = diff_inlines(old, new)
    assert Strong((Text("Verwerker"),)) in merged
    assert ChangedRef("nl-a", "7.3", "deleted") in merged and ChangedRef("nl-a", "7.4", "inserted") in merged
    red = assert_resolves(
        document(Clause("clause", "1.1", "nl-x", (Paragraph(old),))),
        document(Clause("clause", "1.1", "nl-x", (Paragraph(new),))),
    )
    root = document_xml(red)
    links = list(root.iter(w("hyperlink")))
    # The cross-references stay links, with the change inside the link.
    assert [(link[0].tag, "".join(link.itertext())) for link in links] == [(w("del"), "7.3"), (w("ins"), "7.4")]
    bold = [r for r in root.iter(w("r")) if r.find(f"{w('rPr')}/{w('b')}") is not None]
    assert ["".join(r.itertext()) for r in bold] == ["Verwerker"]


def test_a_small_unchanged_word_between_two_changes_joins_them() -> None:
    merged = diff_inlines((Text("binnen twee weken na de melding"),), (Text("binnen drie dagen na de melding"),))
    assert merged == (
        Text("binnen "),
        ChangedText("twee weken", "deleted"),
        ChangedText("drie dagen", "inserted"),
        Text(" na de melding"),
    )


# --- paragraphs, rows and paragraph marks --------------------------------------------------


def some_fast(cases: Mapping[str, object], *fast: str) -> list[object]:
    """The names of ``cases``, the ones not in ``fast`` marked slow (each renders and resolves a redline twice)."""
    assert set(fast) <= set(cases)
    return [pytest.param(name, marks=() if name in fast else pytest.mark.slow) for name in cases]


CELL_CASES = {
    "line deleted in the middle": (["a", "b", "c"], ["a", "c"]),
    "line added at the end of the cell": (["a", "b"], ["a", "b", "x"]),
    "line deleted at the end of the cell": (["a", "b", "x"], ["a", "b"]),
    "reworded, then added, then last added": (
        ["s", "printing", "erasure"],
        ["s", "hosting", "backups", "erasure", "z"],
    ),
    "added after a paragraph that ends in an insertion": (["a", "p X", "c"], ["a", "p Y", "b", "c"]),
    "deleted after a paragraph that ends in a deletion": (["a", "p X", "b", "c"], ["a", "p", "c"]),
    "everything replaced": (["a", "b", "c"], ["d"]),
}


@pytest.mark.parametrize("case", some_fast(CELL_CASES, "line deleted in the middle", "everything replaced"))
def test_lines_of_a_table_cell_accept_and_reject_exactly(case: str) -> None:
    old, new = CELL_CASES[case]
    assert_resolves(document(cell_table(*old)), document(cell_table(*new)))


def lettered(*items: str) -> ListBlock:
    return ListBlock(tuple((Text(item),) for item in items))


def body_clause(anchor: str, *body: Paragraph | ListBlock) -> Clause:
    return Clause("clause", "1.1", f"nl-{anchor}", body)


INTRO = Paragraph((Text("De maatregelen omvatten:"),))
BLOCK_CASES = {
    # A lettered list that loses its first items must not continue the list before it.
    "first items of a list added": (
        (Heading("group", "g1"), lettered("x", "y"), Heading("group", "g2"), lettered("a", "b")),
        (Heading("group", "g1"), lettered("x", "y"), Heading("group", "g2"), lettered("n1", "n2", "a", "p")),
    ),
    # Before a page break (a paragraph without text) the mark before the new items carries the change.
    "list items added before a page break": (
        (body_clause("k", INTRO, lettered("a")), PageBreak(), Paragraph((Text("c"),))),
        (body_clause("k", INTRO, lettered("a", "b", "d")), PageBreak(), Paragraph((Text("c"),))),
    ),
    "a list added to a clause before a page break": (
        (body_clause("k", INTRO), PageBreak(), Paragraph((Text("c"),))),
        (body_clause("k", INTRO, lettered("a", "b")), PageBreak(), Paragraph((Text("c"),))),
    ),
    "a list removed from a clause before a page break": (
        (body_clause("k", INTRO, lettered("a", "b")), PageBreak(), Paragraph((Text("c"),))),
        (body_clause("k", INTRO), PageBreak(), Paragraph((Text("c"),))),
    ),
    "a clause added before a page break": (
        (Paragraph((Text("x"),)), PageBreak(), Paragraph((Text("c"),))),
        (Paragraph((Text("x"),)), body_clause("k", INTRO), PageBreak(), Paragraph((Text("c"),))),
    ),
    # Changes ending one item and opening the next stay apart (LibreOffice would join the items).
    "items reworded at their ends": (
        (lettered("opslaan", "gebruiken", "verzenden van e-mailberichten"),),
        (lettered("opslaan", "verstrekken", "printen en verzenden per post"),),
    ),
}


@pytest.mark.parametrize(
    "case", some_fast(BLOCK_CASES, "first items of a list added", "a list removed from a clause before a page break")
)
def test_blocks_accept_and_reject_exactly(case: str) -> None:
    old, new = BLOCK_CASES[case]
    assert_resolves(document(*old), document(*new))


def test_a_clause_added_whole_is_marked_with_its_paragraph_mark_and_renumbers() -> None:
    old = document(clause("a.one", "Eén.", number="1.1"), clause("a.three", "Drie.", number="1.2"))
    new = document(
        clause("a.one", "Eén.", number="1.1"),
        clause("a.two", "Twee.", "Tweede alinea.", number="1.2"),
        clause("a.three", "Drie.", number="1.3"),
    )
    red = assert_resolves(old, new)
    root = document_xml(red)
    inserted = [p for p in root.iter(w("p")) if p.find(f"{w('pPr')}/{w('rPr')}/{w('ins')}") is not None]
    assert ["".join(p.itertext()) for p in inserted] == ["Twee.", "Tweede alinea."]
    styles = {para.text: para.style for para in paragraphs(red)}
    assert styles["Twee."] == styles["Eén."]  # a clause paragraph, numbered by the style's list


def test_identical_documents_give_no_redline() -> None:
    assert redline_document(document(clause("a", "x")), document(clause("a", "x"))) is None


# --- the examples: every kind of change a real contract has --------------------------------

PAIRS = [
    ("minimal", "emailmarketing-saas", "nl+en"),
    ("emailmarketing-saas", "minimal", "nl+en"),
    ("payroll-hr", "strict-municipality", "nl"),
    ("belgian-processor", "edtech-school", "en"),
]


@pytest.fixture(scope="module")
def composed() -> Callable[[str, str], Document]:
    library = load_library(REPO / "clauses")
    cache: dict[tuple[str, str], Document] = {}

    def get(stem: str, mode: str) -> Document:
        if (stem, mode) not in cache:
            loaded = load_customer(REPO / "examples" / f"{stem}.yaml", library, LanguageMode(mode))
            cache[stem, mode] = compose(loaded.customer, library, loaded.mode).document
        return cache[stem, mode]

    return get


@pytest.mark.slow  # composes and redlines every pair of examples
@pytest.mark.parametrize(("old", "new", "mode"), PAIRS, ids=["-".join(p) for p in PAIRS])
def test_between_two_different_examples_accept_gives_the_new_and_reject_the_old(
    composed: Callable[[str, str], Document], old: str, new: str, mode: str
) -> None:
    """Parties, clauses, variants, annex tables and sections all differ between these examples."""
    assert_resolves(composed(old, mode), composed(new, mode))


def test_a_redline_is_byte_identical_every_time(composed: Callable[[str, str], Document]) -> None:
    merged = redline_document(composed("minimal", "nl"), composed("payroll-hr", "nl"))
    assert merged is not None
    assert render_redline(merged, STAMP) == render_redline(merged, STAMP)


# --- LibreOffice ---------------------------------------------------------------------------


def soffice_convert(files: list[Path], target: str, out_dir: Path) -> None:
    """Convert with LibreOffice in its own profile."""
    subprocess.run(
        [
            tool("soffice"),
            f"-env:UserInstallation={(out_dir / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )


ODF = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def lo_changes(odt: Path) -> tuple[str, str, set[tuple[str, str]]]:
    """What LibreOffice recorded: the inserted text, the deleted text, and the (author, date) pairs."""
    with zipfile.ZipFile(odt) as archive:
        root = etree.fromstring(archive.read("content.xml"))
    kinds: dict[str, str] = {}
    stamps: set[tuple[str, str]] = set()
    deleted: list[str] = []
    for region in root.iterfind(".//text:tracked-changes/text:changed-region", ODF):
        ident = region.get(f"{{{ODF['text']}}}id") or region.get("{http://www.w3.org/XML/1998/namespace}id") or ""
        change = region[0]
        kinds[ident] = etree.QName(change).localname
        info = change.find("office:change-info", ODF)
        assert info is not None
        stamps.add((info.findtext("dc:creator", namespaces=ODF) or "", info.findtext("dc:date", namespaces=ODF) or ""))
        if kinds[ident] == "deletion":
            info.getparent().remove(info)
            deleted.append("".join(change.itertext()))
    inserted: list[str] = []
    open_insertions: set[str] = set()
    body = root.find(".//office:text", ODF)
    assert body is not None
    for kind, value in _odf_stream(body):
        if kind == "start" and kinds.get(value) == "insertion":
            open_insertions.add(value)
        elif kind == "end":
            open_insertions.discard(value)
        elif kind == "text" and open_insertions:
            inserted.append(value)
    return "".join(inserted), "".join(deleted), stamps


def _odf_stream(node: etree._Element) -> Iterator[tuple[str, str]]:
    """Change starts and ends and text, in document order (the change list itself left out)."""
    name = etree.QName(node).localname
    change_id = node.get(f"{{{ODF['text']}}}change-id") or ""
    if name == "change-start":
        yield "start", change_id
    elif name == "change-end":
        yield "end", change_id
    elif name != "tracked-changes":
        if node.text:
            yield "text", node.text
        for child in node:
            yield from _odf_stream(child)
            if child.tail:
                yield "text", child.tail


def docx_changes(docx: bytes) -> tuple[str, str]:
    """The inserted and the deleted text of a DOCX, in document order."""
    marks = [m for m in change_marks(docx) if m.getparent().tag not in (w("rPr"), w("trPr"))]
    inserted = "".join("".join(m.itertext()) for m in marks if m.tag == w("ins"))
    deleted = "".join("".join(m.itertext()) for m in marks if m.tag == w("del"))
    return inserted, deleted


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.slow  # LibreOffice
def test_libreoffice_opens_a_redline_and_numbers_accepted_and_rejected_like_the_builds(
    composed: Callable[[str, str], Document], tmp_path: Path
) -> None:
    """From minimal to SaaS side by side: whole sections, tables, rows and clauses come and go."""
    old, new = composed("minimal", "nl+en"), composed("emailmarketing-saas", "nl+en")
    merged = redline_document(old, new)
    assert merged is not None
    red = render_redline(merged, STAMP)
    files = {
        "red": red,
        "accepted": resolve(red, accept=True),
        "rejected": resolve(red, accept=False),
        "new": render_docx(new),
        "old": render_docx(old),
    }
    for name, data in files.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    soffice_convert([tmp_path / f"{name}.docx" for name in files], "txt:Text (encoded):UTF8", tmp_path)
    soffice_convert([tmp_path / "red.docx"], "odt", tmp_path)
    text = {name: (tmp_path / f"{name}.txt").read_text(encoding="utf-8-sig") for name in files}
    # LibreOffice's text export writes the list numbers ("Artikel 9", "9.1", "(a)"): they match too.
    assert text["accepted"] == text["new"]
    assert text["rejected"] == text["old"]
    inserted, deleted, stamps = lo_changes(tmp_path / "red.odt")
    assert stamps == {("Legal Team", "2026-03-01")}
    assert (squeeze(inserted), squeeze(deleted)) == tuple(squeeze(t) for t in docx_changes(red))


def uno_python() -> str | None:
    """A Python that can drive LibreOffice through UNO (the system one, with python3-uno), if any."""
    for candidate in dict.fromkeys(filter(None, (shutil.which("python3"), "/usr/bin/python3"))):
        try:
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return candidate
    return None


@pytest.mark.slow  # LibreOffice
def test_libreoffice_itself_accepts_and_rejects_all_changes_into_the_new_and_old_contract(
    composed: Callable[[str, str], Document], tmp_path: Path
) -> None:
    """Edit > Track Changes > Accept All / Reject All in LibreOffice, through UNO (Debian: python3-uno)."""
    tool("soffice")
    python = uno_python()
    if python is None:
        pytest.skip("no Python with uno (Debian: python3-uno)")
    reds: list[Path] = []
    for old_stem, new_stem, mode in PAIRS:
        merged = redline_document(composed(old_stem, mode), composed(new_stem, mode))
        assert merged is not None
        name = f"{old_stem}.{new_stem}.{LanguageMode(mode).file_part}"
        (tmp_path / f"{name}.docx").write_bytes(render_redline(merged, STAMP))
        (tmp_path / f"{name}.new.docx").write_bytes(render_docx(composed(new_stem, mode)))
        (tmp_path / f"{name}.old.docx").write_bytes(render_docx(composed(old_stem, mode)))
        reds.append(tmp_path / f"{name}.docx")
    script = Path(__file__).with_name("lo_tracked_changes.py")
    for action in ("accept", "reject"):
        (tmp_path / action).mkdir()
        profile = tmp_path / f"uno-{action}"
        subprocess.run(
            [python, str(script), str(profile), str(tmp_path / action), action, *map(str, reds)],
            check=True,
            capture_output=True,
            timeout=900,
        )
    builds = list(itertools.chain.from_iterable((p.with_suffix(".new.docx"), p.with_suffix(".old.docx")) for p in reds))
    soffice_convert(builds, "txt:Text (encoded):UTF8", tmp_path)
    for red in reds:
        accepted = (tmp_path / "accept" / f"{red.stem}.txt").read_text(encoding="utf-8-sig")
        rejected = (tmp_path / "reject" / f"{red.stem}.txt").read_text(encoding="utf-8-sig")
        assert accepted == (tmp_path / f"{red.stem}.new.txt").read_text(encoding="utf-8-sig"), red.stem
        assert rejected == (tmp_path / f"{red.stem}.old.txt").read_text(encoding="utf-8-sig"), red.stem
