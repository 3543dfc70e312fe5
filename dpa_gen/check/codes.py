"""The stable finding codes of ``dpa-gen check``, each with its severity and a one-line meaning.

Why one table: the README ("Checking"), the JUnit report and the tests all read
it, so a code cannot mean one thing in the output and another in the documentation. Codes
never change meaning; a new kind of finding gets a new code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Code:
    """One finding code."""

    code: str
    severity: Severity
    meaning: str


CODES: dict[str, Code] = {
    c.code: c
    for c in (
        # --- the clause library -------------------------------------------------------------
        Code("E100", "error", "a library file is not valid YAML or does not match the library schema"),
        Code("E201", "error", "an id (section, clause, duty or measure) is used twice"),
        Code("E202", "error", "a text, title or annex text is missing or empty in Dutch or English"),
        Code("E203", "error", "a clause text does not compile (Jinja syntax, unknown filter or test)"),
        Code("E204", "error", "a `when` condition does not compile or cannot be evaluated"),
        Code(
            "E205",
            "error",
            "a variable (or a vocabulary of the `label` filter) that the customer schema lacks",
        ),
        Code("E206", "error", "the Dutch and English text of a variant use different variables"),
        Code(
            "E207",
            "error",
            "`ref()` points to something that is not a numbered clause, article or annex",
        ),
        Code("E208", "error", "the Dutch and English text of a variant refer to different clauses"),
        Code("E209", "error", "a number written in the text differs between Dutch and English"),
        Code("E210", "error", "`covers:` names a duty that duties.yaml does not define"),
        Code("E211", "error", "a duty is not covered in every contract the library can produce"),
        Code("E212", "error", "an outdated or wrong term from terms.yaml `deprecated` is used"),
        Code("E213", "error", "a pattern in terms.yaml is not a valid regular expression"),
        Code(
            "E214",
            "error",
            "a clause text does not render for a sample customer (complete or minimal)",
        ),
        Code("E215", "error", "a clause text goes beyond a rendering limit (time, size, power, repetition, padding)"),
        Code(
            "E216", "error", "a clause text prints what differs between runs (a function, the random filter, a method)"
        ),
        Code(
            "W221",
            "warning",
            "a capitalised word mid-sentence is neither a defined term nor a listed word",
        ),
        Code("W222", "warning", "a defined term (**Term**) is defined in one language only"),
        Code("W223", "warning", "`ref()` with a computed target cannot be checked"),
        Code("W224", "warning", "`ref()` points to a clause that is left out of some contracts"),
        # --- customer files -----------------------------------------------------------------
        Code(
            "C100",
            "error",
            "a customer file is not valid YAML or does not match the customer schema",
        ),
        Code("C101", "error", "an unknown vocabulary key (legal form, purpose, data category, …)"),
        Code("C102", "error", "a number lies outside the range the legal team allows (policy.yaml)"),
        Code("C103", "error", "a country is not an ISO 3166 country code"),
        Code("C104", "error", "a sub-processor outside the EEA has no transfer safeguard"),
        Code("C105", "error", "a transfer safeguard does not apply to the sub-processor's country"),
        Code("C106", "error", "a date lies before the date of the main agreement"),
        Code("C107", "error", "an unknown security measure (not in measures.yaml)"),
        Code(
            "C108",
            "warning",
            "special categories of data without a description of the extra safeguards",
        ),
        Code("C109", "warning", "one text for both languages in a bilingual contract"),
        Code("C110", "error", "a duty is not covered by the contract this customer file produces"),
        Code("C190", "error", "the worker process checking a customer file died (killed, out of memory?)"),
        Code("E301", "error", "a clause text does not render for this customer file"),
        Code("E302", "error", "a `when` condition cannot be evaluated for this customer file"),
    )
}


def meaning(code: str) -> str:
    """The one-line meaning of ``code`` ("" for a code this table does not know)."""
    entry = CODES.get(code)
    return entry.meaning if entry else ""


def markdown_table() -> str:
    """The code table as Markdown, the way the README shows it."""
    rows = ["| Code | Severity | Meaning |", "|---|---|---|"]
    rows += [f"| {c.code} | {c.severity} | {c.meaning} |" for c in CODES.values()]
    return "\n".join(rows)
