"""Write a check result as text (one line per finding), JSON or JUnit XML; print nothing itself."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from dpa_gen import __version__
from dpa_gen.check.codes import meaning
from dpa_gen.check.coverage import Cover, Coverage
from dpa_gen.check.customers import CustomerReport
from dpa_gen.errors import Diagnostic, SourcePos, printable
from dpa_gen.models.base import LANGS, Lang


@dataclass(frozen=True)
class CheckResult:
    """Everything one ``dpa-gen check`` run found."""

    library_label: str  # "clauses/" as the user knows it
    library_files: tuple[str, ...]  # the files of the library, as findings name them
    library_findings: tuple[Diagnostic, ...]
    static: Coverage | None  # None when the library does not load
    customers: tuple[CustomerReport, ...]

    def findings(self, *, strict: bool) -> list[Diagnostic]:
        """Every finding once, sorted by file, line and column; ``strict`` makes warnings errors."""
        every = [*self.library_findings, *(d for c in self.customers for d in c.findings)]
        return _sorted(every, strict=strict)

    def summary(self, *, strict: bool) -> tuple[int, int]:
        """(errors, warnings)."""
        found = self.findings(strict=strict)
        errors = sum(1 for d in found if d.severity == "error")
        return errors, len(found) - errors

    def summary_line(self, *, strict: bool) -> str:
        """``check: 2 errors, 1 warning in 14 files (library clauses/, 13 customer files)``."""
        errors, warnings = self.summary(strict=strict)
        count = len(self.customers)
        return (
            f"check: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
            f" in {_plural(count + 1, 'file')}"
            f" (library {self.library_label}, {_plural(count, 'customer file')})"
        )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _sorted(diagnostics: Iterable[Diagnostic], *, strict: bool) -> list[Diagnostic]:
    out = {replace(d, severity="error") if strict else d: None for d in diagnostics}
    return sorted(out, key=lambda d: (*d.sort_key(), d.message))


def message_of(diagnostic: Diagnostic, *, redact: bool) -> str:
    """The message alone, with customer values hidden when ``redact``."""
    return replace(diagnostic, pos=None, key="", severity="error").render(redact=redact).removeprefix("error: ")


# --- text ------------------------------------------------------------------------------------


def text_report(result: CheckResult, *, strict: bool, coverage: bool, redact: bool) -> str:
    """Coverage tables (when asked), one line per finding, and the summary line."""
    parts: list[str] = []
    if coverage:
        for table in coverage_tables(result):
            parts.append(coverage_text(table))
    lines = [d.render(with_code=True, redact=redact) for d in result.findings(strict=strict)]
    lines.append(result.summary_line(strict=strict))
    parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def coverage_tables(result: CheckResult) -> list[Coverage]:
    """The library's static table, then each customer's table."""
    tables = [result.static] if result.static is not None else []
    return tables + [c.coverage for c in result.customers if c.coverage is not None]


def coverage_text(table: Coverage) -> str:
    """A plain-text table a lawyer can read in a terminal: per duty, the clauses that cover it."""
    lines = [f"Coverage: {table.title}", ""]
    covers = [cover for row in table.rows for cover in row.covers]
    name_width = max((len(c.name) for c in covers), default=0)
    place_width = {lang: max((len(_place(table, c, lang)) for c in covers), default=0) for lang in table.langs}
    for row in table.rows:
        duty = row.duty
        status = "covered" if row.covered else ("NOT IN EVERY CONTRACT" if row.covers else "NOT COVERED")
        lines.append(f"{duty.id}  [{duty.severity}, {duty.source}]  {status}")
        for lang in LANGS:
            lines.append(f"    {lang}: {duty.title.in_(lang)}")
        for cover in row.covers:
            cells = [cover.name.ljust(name_width)]
            cells += [_place(table, cover, lang).ljust(place_width[lang]) for lang in table.langs]
            if cover.conditions:
                cells.append(" and ".join(cover.conditions))
            lines.append(("    - " + "  ".join(cells)).rstrip())
        lines.append("")
    covered = sum(1 for row in table.rows if row.covered)
    lines.append(f"{covered} of {len(table.rows)} duties covered")
    return "\n".join(lines)


def _place(table: Coverage, cover: Cover, lang: Lang) -> str:
    """Where ``cover`` stands in the table's contract, shortened to fit a terminal."""
    if not table.in_contract(cover):
        return "(not in this contract)"
    place = table.places.get(cover.clause, {}).get(lang, "")
    return place if len(place) <= _PLACE_WIDTH else place[: _PLACE_WIDTH - 1] + "…"


_PLACE_WIDTH = 40  # two languages side by side stay readable in a 120-column terminal


# --- JSON ------------------------------------------------------------------------------------


def json_report(result: CheckResult, *, strict: bool, coverage: bool, redact: bool) -> str:
    """One JSON document: summary, findings and (when asked) coverage."""
    errors, warnings = result.summary(strict=strict)
    data: dict[str, Any] = {
        "tool": "dpa-gen check",
        "version": __version__,
        "library": result.library_label,
        "summary": {
            "errors": errors,
            "warnings": warnings,
            "files": len(result.customers) + 1,
            "customer_files": len(result.customers),
            "passed": errors == 0,
            "text": result.summary_line(strict=strict),
        },
        "findings": [_finding_json(d, redact=redact) for d in result.findings(strict=strict)],
    }
    if coverage:
        data["coverage"] = {
            "library": result.static.as_json() if result.static is not None else None,
            "customers": {c.path: c.coverage.as_json() for c in result.customers if c.coverage is not None},
        }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _finding_json(d: Diagnostic, *, redact: bool) -> dict[str, Any]:
    pos = d.pos or SourcePos("")
    return {
        "file": printable(pos.file),
        "line": pos.line,
        "column": pos.column,
        "severity": d.severity,
        "code": d.code,
        "key": d.key_text(redact=redact),
        "message": message_of(d, redact=redact),
        "meaning": meaning(d.code),
    }


# --- JUnit -----------------------------------------------------------------------------------


def junit_report(result: CheckResult, *, strict: bool, redact: bool) -> str:
    """JUnit XML: a test case per library file, per duty and per customer file."""
    customer_paths = {c.path for c in result.customers}
    per_customer = {c.path: _sorted(c.findings, strict=strict) for c in result.customers}
    library_files = list(result.library_files)
    library_found = _sorted(result.library_findings, strict=strict)
    for d in library_found:
        name = d.pos.file if d.pos else result.library_label
        if name not in library_files and name not in customer_paths:
            library_files.append(name)
    root = ET.Element("testsuites", name="dpa-gen check")
    suite = _suite(root, f"library {result.library_label}")
    own_case = {"E211"} if result.static is not None else set()  # those get a test case per duty
    for name in sorted(library_files):
        mine = [
            d
            for d in library_found
            if (d.pos.file if d.pos else result.library_label) == name and d.code not in own_case
        ]
        _case(suite, "dpa-gen.library", name, mine, redact=redact)
    if result.static is not None:
        suite = _suite(root, "coverage")
        for index, row in enumerate(result.static.rows):
            mine = [d for d in library_found if d.code == "E211" and d.key == f"duties[{index}].id"]
            covered_by = "\n".join(f"{c.name}: {' and '.join(c.conditions) or 'always'}" for c in row.covers)
            _case(
                suite,
                "dpa-gen.coverage",
                f"{row.duty.id}: {row.duty.title.en}",
                mine,
                redact=redact,
                out=covered_by or "no clause covers this duty",
            )
    if result.customers:
        suite = _suite(root, "customer files")
        for report in result.customers:
            _case(suite, "dpa-gen.customer", report.path, per_customer[report.path], redact=redact)
    root.set("tests", str(sum(int(s.get("tests", "0")) for s in root)))
    root.set("failures", str(sum(int(s.get("failures", "0")) for s in root)))
    root.set("errors", "0")
    root.set("skipped", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(root, "testsuite", name=name, tests="0", failures="0", errors="0", skipped="0")


def _case(
    suite: ET.Element,
    classname: str,
    name: str,
    findings: Sequence[Diagnostic],
    *,
    redact: bool,
    out: str = "",
) -> None:
    name = printable(name)  # XML 1.0 cannot hold control characters, even escaped
    case = ET.SubElement(suite, "testcase", classname=classname, name=name)
    if name.endswith((".yaml", ".yml")):
        case.set("file", name)
    suite.set("tests", str(int(suite.get("tests", "0")) + 1))
    errors = [d for d in findings if d.severity == "error"]
    warnings = [d for d in findings if d.severity == "warning"]
    if errors:
        codes = sorted({d.code for d in errors})
        failure = ET.SubElement(
            case,
            "failure",
            type=",".join(codes),
            message=f"{_plural(len(errors), 'error')}: {', '.join(codes)}",
        )
        lines = [d.render(with_code=True, redact=redact) for d in errors]
        lines += ["", *(f"{code}: {meaning(code)}" for code in codes)]
        failure.text = "\n".join(lines)
        suite.set("failures", str(int(suite.get("failures", "0")) + 1))
    text = [d.render(with_code=True, redact=redact) for d in warnings]
    if out:
        text.insert(0, out)
    if text:
        ET.SubElement(case, "system-out").text = "\n".join(
            printable(line) for part in text for line in part.split("\n")
        )
