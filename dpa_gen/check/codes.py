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
            "a clause text does not render for a sample customer (complete, minimal or sub-processing)",
        ),
        Code("E215", "error", "a clause text goes beyond a rendering limit (time, size, power, repetition, padding)"),
        Code(
            "E216", "error", "a clause text prints what differs between runs (a function, the random filter, a method)"
        ),
        Code(
            "E217", "error", "policy.yaml's terms differ from the customer schema's, or a default is not a valid value"
        ),
        Code("E218", "error", "a measure profile names a measure the catalogue lacks"),
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
        Code(
            "C104", "error", "a sub-processor processes or accesses data outside the EEA without a transfer safeguard"
        ),
        Code("C105", "error", "a transfer safeguard does not apply to the country concerned"),
        Code("C106", "error", "a date lies before the date of the main agreement"),
        Code("C107", "error", "an unknown security measure (not in measures.yaml)"),
        Code(
            "C108",
            "warning",
            "special categories of data without a description of the extra safeguards",
        ),
        Code("C109", "warning", "one text for both languages in a bilingual contract"),
        Code("C110", "error", "a duty is not covered by the contract this customer file produces"),
        Code("C111", "error", "the processor is established or processes outside the EEA without a transfer mechanism"),
        Code("C120", "warning", "a term is not set, so the library's default applies (accept with `library_defaults`)"),
        Code("C121", "error", "a term the policy makes explicit is not set"),
        Code("C122", "error", "a term is left open that the policy does not allow open"),
        Code("C123", "error", "an unknown measure profile, or a profile and an own list of measures together"),
        Code("C124", "error", "a security measure the file lists contradicts the file (its `when` does not hold)"),
        Code("C125", "error", "the court does not fit the governing law or the forum"),
        Code("C127", "warning", "a single-language contract names the other language as prevailing"),
        Code("C128", "warning", "the file does not say whether the processor has a data protection officer"),
        Code("C129", "warning", "a party has neither a legal form nor a register number"),
        Code("C130", "error", "an own clause names an article, clause or variant the library does not have"),
        Code("C131", "error", "a replaced clause covers duties, but its replacement does not say which it covers"),
        Code(
            "C132",
            "error",
            "an own text uses template syntax other than {{ variable }} and {{ ref('id') }}, or cannot be filled in",
        ),
        Code("C133", "error", "the Dutch and English own text use different placeholders"),
        Code("C134", "error", "a number written in an own text differs between Dutch and English"),
        Code("C135", "error", "an own clause's id is already used"),
        Code("C136", "error", "an own clause covers a duty that duties.yaml does not define"),
        Code("C137", "error", "sub-processors named by category without the place of the current list"),
        Code("C138", "error", "the objection period is longer than the notice period"),
        Code("C139", "error", "the clause library does not build this kind of agreement"),
        Code(
            "C140",
            "error",
            "a transfer mechanism for the processor, who neither is established nor processes outside the EEA",
        ),
        Code("C141", "error", "sub-processor changes announced on a web page without its address"),
        Code(
            "C142",
            "warning",
            "the forum is the controller's seat, but the controller is established outside the law's country",
        ),
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
