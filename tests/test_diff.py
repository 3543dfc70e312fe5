"""``dpa-gen diff``: two versions of the SaaS example, the summary, the redline, exit statuses.

The versions differ in exactly three things, as issue 13 asks: a sub-processor added to the
list, the breach deadline changed from 48 to 24 hours (both in the customer file), and one
clause replaced by a newer library version (a copy of the library with that clause's text
changed). The redline must hold exactly those changes, and accepting or rejecting them must
give the new and the old build.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from dpa_gen.build import build
from dpa_gen.cli import app
from tests.conftest import REPO, tool
from tests.test_redline import JOINS, docx_changes, lo_changes, soffice_convert, squeeze
from tests.tracked_changes import change_marks, document_xml, paragraphs, resolve, w

runner = CliRunner()
EXAMPLE = REPO / "examples" / "emailmarketing-saas.yaml"
CURRENT = yaml.safe_load((REPO / "clauses" / "library.yaml").read_text(encoding="utf-8"))["version"]
ADDED = {"name": "Mollie B.V.", "service": "payment", "country": "NL", "city": "Amsterdam"}


@dataclass(frozen=True)
class Versions:
    """The two customer files and the two libraries."""

    old: Path
    new: Path
    old_library: Path
    new_library: Path


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Versions:
    root = tmp_path_factory.mktemp("versions")
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert data["breach"]["notice_hours"] == "48 hours", "the SaaS example no longer has a 48-hour breach notice"
    old = root / "saas.yaml"
    shutil.copy(EXAMPLE, old)
    data["breach"]["notice_hours"] = "24 hours"
    data["subprocessors"]["list"].append(ADDED)
    new = root / "saas-2027.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    library = root / "clauses-2027"
    shutil.copytree(REPO / "clauses", library)
    audits = library / "12-audits.yaml"
    text = audits.read_text(encoding="utf-8")
    # The example answers within the library default (10 business days); the newer version
    # of audits.information answers within a fixed 5.
    for before, after in (
        ("binnen {{ audit.response_days }}{% endif %} volledig", "binnen 5 Werkdagen{% endif %} volledig"),
        (
            "truthfully {% if audit.response_days.open %}{{ audit.response_days }}"
            "{% else %}within {{ audit.response_days }}",
            "truthfully {% if audit.response_days.open %}{{ audit.response_days }}{% else %}within 5 Business Days",
        ),
    ):
        assert text.count(before) == 1, f"audits.information no longer says {before!r}"
        text = text.replace(before, after)
    audits.write_text(text, encoding="utf-8")
    meta = library / "library.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(f'version: "{CURRENT}"', 'version: "2027.1.0"'))
    return Versions(old, new, REPO / "clauses", library)


def run_diff(versions: Versions, out: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(
        app,
        [
            "diff",
            str(versions.old),
            str(versions.new),
            "--old-clauses",
            str(versions.old_library),
            "--clauses",
            str(versions.new_library),
            "-o",
            str(out),
            *args,
        ],
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def redlines(
    versions: Versions, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[dict[str, object], bytes]]:
    """The JSON summary and the redline, per language mode."""
    out = tmp_path_factory.mktemp("redlines")
    found = {}
    for mode in ("nl+en", "nl"):
        code, stdout, stderr = run_diff(versions, out, "-l", mode, "--format", "json")
        assert code == 0, stderr
        summary = json.loads(stdout)
        found[mode] = (summary, Path(str(summary["output"])).read_bytes())
    return found


@pytest.mark.slow  # uses ``redlines``: two versions redlined in both modes
@pytest.mark.parametrize("mode", ["nl+en", "nl"])
def test_the_summary_names_exactly_the_three_changes(redlines: dict, mode: str) -> None:  # type: ignore[type-arg]
    summary, _ = redlines[mode]
    assert [(c["id"], c["change"]) for c in summary["changes"]] == [
        ("breach.notification", "changed"),
        ("audits.information", "changed"),
        ("annex_subprocessors", "changed"),
    ]
    assert summary["changes"][0]["names"]["nl"] == "Artikel 9.1 Datalekken"
    assert [(s["path"], s["change"], s["old"], s["new"]) for s in summary["settings"]] == [
        ("subprocessors.list[31]", "added", None, ADDED),
        ("breach.notice_hours", "changed", "48 hours", "24 hours"),
    ]
    assert (summary["old"]["library"]["version"], summary["new"]["library"]["version"]) == (CURRENT, "2027.1.0")
    assert summary["identical"] is False and summary["deviations"] == {"added": [], "removed": []}
    assert Path(summary["output"]).name == f"saas-2027.{mode.replace('+', '-')}.redline.docx"


@pytest.mark.slow  # uses ``redlines``: two versions redlined in both modes
@pytest.mark.parametrize("mode", ["nl+en", "nl"])
def test_the_redline_tracks_exactly_those_changes(redlines: dict, mode: str) -> None:  # type: ignore[type-arg]
    _, red = redlines[mode]
    runs = [(m.tag, "".join(m.itertext())) for m in change_marks(red) if m.getparent().tag == w("p")]
    row = [text for tag, text in runs if tag == w("ins") and text not in ("24", "5")]
    nl = [(w("del"), "48"), (w("ins"), "24"), (w("del"), "10"), (w("ins"), "5")]
    if mode == "nl":
        assert runs[:4] == nl
    else:  # side by side: each change in the Dutch and the English column
        assert runs[:8] == [nl[0], nl[1], nl[0], nl[1], nl[2], nl[3], nl[2], nl[3]]
    assert "".join(row).startswith("32Mollie B.V.")
    assert all(tag == w("ins") for tag, _ in runs[len(nl) * (2 if mode == "nl+en" else 1) :])
    rows = [m for m in change_marks(red) if m.getparent().tag == w("trPr")]
    assert [m.tag for m in rows] == [w("ins")]  # the new sub-processor's row, whole
    for mark in change_marks(red):
        assert (mark.get(w("author")), mark.get(w("date"))) == ("dpa-gen", "2026-04-01T00:00:00Z")


@pytest.mark.slow  # uses ``redlines``: two versions redlined in both modes
@pytest.mark.parametrize("mode", ["nl+en", "nl"])
def test_accepting_gives_the_new_build_and_rejecting_the_old_one(
    versions: Versions,
    redlines: dict,
    mode: str,
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    from dpa_gen.models.base import LanguageMode

    _, red = redlines[mode]
    lang = LanguageMode(mode)
    new = build(versions.new, out_dir=tmp_path / "new", formats=("docx",), mode=lang, clauses=versions.new_library)
    old = build(versions.old, out_dir=tmp_path / "old", formats=("docx",), mode=lang, clauses=versions.old_library)
    for join in JOINS:
        assert paragraphs(resolve(red, accept=True, join=join)) == paragraphs(new.written[0].read_bytes())
        assert paragraphs(resolve(red, accept=False, join=join)) == paragraphs(old.written[0].read_bytes())


@pytest.mark.slow  # LibreOffice
def test_libreoffice_opens_the_redline_with_those_changes(redlines: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    _, red = redlines["nl+en"]
    (tmp_path / "redline.docx").write_bytes(red)
    soffice_convert([tmp_path / "redline.docx"], "odt", tmp_path)
    inserted, deleted, stamps = lo_changes(tmp_path / "redline.odt")
    assert stamps == {("dpa-gen", "2026-04-01")}
    assert (squeeze(inserted), squeeze(deleted)) == tuple(squeeze(t) for t in docx_changes(red))
    assert squeeze(deleted) == "48481010"


def test_the_text_summary(versions: Versions, tmp_path: Path) -> None:
    code, stdout, _ = run_diff(versions, tmp_path, "-l", "nl")
    assert code == 0
    assert stdout.splitlines() == [
        f"dpa-gen diff: {versions.old} → {versions.new} (nl)",
        f"library: dpa_gen_standard {CURRENT} ({versions.old_library})"
        f" → dpa_gen_standard 2027.1.0 ({versions.new_library})",
        "contract:",
        "  Artikel 9.1 Datalekken: changed",
        "  Artikel 11.1 Informatie en audits: changed",
        "  Bijlage III Subverwerkers: changed",
        "settings:",
        "  subprocessors.list[31]: added"
        ' {"name": "Mollie B.V.", "service": "payment", "country": "NL", "city": "Amsterdam"}',
        '  breach.notice_hours: "48 hours" → "24 hours"',
        f"redline: {tmp_path / 'saas-2027.nl.redline.docx'}",
    ]


def test_redact_hides_the_values_and_author_and_date_are_options(versions: Versions, tmp_path: Path) -> None:
    code, stdout, _ = run_diff(
        versions, tmp_path, "-l", "nl", "--redact", "--author", "Mr. Smith", "--date", "2027-01-02"
    )
    assert code == 0
    assert "  breach.notice_hours: … → …" in stdout and "Mollie" not in stdout
    red = (tmp_path / "saas-2027.nl.redline.docx").read_bytes()
    assert {(m.get(w("author")), m.get(w("date"))) for m in change_marks(red)} == {
        ("Mr. Smith", "2027-01-02T00:00:00Z")
    }


@pytest.mark.slow  # writes the redline twice
def test_the_same_inputs_give_the_same_bytes(versions: Versions, tmp_path: Path) -> None:
    run_diff(versions, tmp_path / "a", "-l", "en")
    run_diff(versions, tmp_path / "b", "-l", "en")
    name = "saas-2027.en.redline.docx"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_an_unchanged_contract_says_so_and_writes_nothing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(EXAMPLE), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "no changes: the contracts are identical" in result.stdout
    assert not (tmp_path / "out").exists()
    as_json = runner.invoke(app, ["diff", str(EXAMPLE), str(EXAMPLE), "--format", "json", "-o", str(tmp_path / "out")])
    summary = json.loads(as_json.stdout)
    assert (summary["identical"], summary["output"], summary["changes"]) == (True, None, [])


def test_bad_input_in_either_file_gets_positioned_errors_and_nothing_is_written(
    versions: Versions, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(versions.new.read_text(encoding="utf-8").replace("notice_hours: 24", "notice_hours: 240"))
    worse = tmp_path / "worse.yaml"
    worse.write_text("contract:\n  effective_date: 2026-02-30\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(worse), str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"{worse}:2:19: error: contract.effective_date: is not a real date; check the day and the month" in lines
    assert any(line.startswith(f"{bad}:") and "breach.notice_hours" in line for line in lines)
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["only.yaml"], "give two customer files (OLD NEW), or one customer file and --old-clauses DIR or git:REV"),
        (["missing.yaml", str(EXAMPLE)], "missing.yaml: no such customer file"),
        ([str(EXAMPLE), "--old-clauses", "no-such-folder"], "the clause library folder does not exist"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    (tmp_path / "only.yaml").write_text("x: 1\n")
    result = runner.invoke(app, ["diff", *[str(tmp_path / a) if a == "only.yaml" else a for a in args]])
    assert result.exit_code == 2
    assert message in result.stderr


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        [tool("git"), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.mark.slow  # git subprocesses
def test_old_clauses_at_a_git_revision(versions: Versions, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(versions.old_library, repo / "legal" / "clauses")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "2026")
    shutil.rmtree(repo / "legal" / "clauses")
    shutil.copytree(versions.new_library, repo / "legal" / "clauses")
    _git(repo, "commit", "-q", "-am", "2027")
    folder = repo / "legal" / "clauses"
    args = ["diff", str(versions.old), "--old-clauses", "git:HEAD~1", "--clauses", str(folder), "-l", "nl"]
    result = runner.invoke(app, [*args, "--format", "json", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert [(c["id"], c["change"]) for c in summary["changes"]] == [("audits.information", "changed")]
    assert summary["old"]["library"] | {"sha256": ""} == {
        "id": "dpa_gen_standard",
        "version": CURRENT,
        "sha256": "",
        "folder": "HEAD~1:legal/clauses",
    }
    assert (tmp_path / "out" / "saas.nl.redline.docx").exists()

    for revision, message in (
        ("no-such-rev", "--old-clauses git:no-such-rev: no such revision"),
        ("", "give a revision after 'git:'"),
    ):
        result = runner.invoke(
            app, ["diff", str(versions.old), "--old-clauses", f"git:{revision}", "--clauses", str(folder)]
        )
        assert (result.exit_code, message in result.stderr) == (2, True), result.stderr
    outside = tmp_path / "outside"
    shutil.copytree(versions.old_library, outside)
    result = runner.invoke(app, ["diff", str(versions.old), "--old-clauses", "git:HEAD", "--clauses", str(outside)])
    assert result.exit_code == 2
    assert f"--old-clauses git:HEAD: {outside} is not in a git repository" in result.stderr


@pytest.mark.slow  # git subprocesses
def test_a_broken_library_at_a_git_revision_is_reported_at_its_place_in_git(versions: Versions, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(versions.old_library, repo / "clauses")
    broken = repo / "clauses" / "12-audits.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("id: audits.information", "id: Audits Information"))
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "broken")
    shutil.copy(versions.new_library / "12-audits.yaml", broken)
    _git(repo, "commit", "-q", "-am", "fixed")
    result = runner.invoke(
        app, ["diff", str(versions.old), "--old-clauses", "git:HEAD~1", "--clauses", str(repo / "clauses")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("HEAD~1:clauses/12-audits.yaml:"), result.stderr


@pytest.mark.slow  # uses ``redlines``: two versions redlined in both modes
def test_the_redline_paragraph_with_the_changed_deadline(redlines: dict) -> None:  # type: ignore[type-arg]
    """Word-level in a real clause: the rest of article 9.1 stays unmarked text."""
    _, red = redlines["nl"]
    p = next(p for p in document_xml(red).iter(w("p")) if "Datalek, en in ieder geval binnen" in "".join(p.itertext()))
    assert [(m.tag, "".join(m.itertext())) for m in p.iter(w("ins"), w("del"))] == [(w("del"), "48"), (w("ins"), "24")]
    assert "".join(p.itertext()).count("uur daarna") == 1
