"""Periods that used to be fixed in the clause text are contract terms now: set, open, or a reported default.

The seed processors' contracts promised "within 10 Business Days" and "within 30 days" in five
places no customer file could change and no build reported. Each is now a term of the policy:
the file sets it, leaves it open where the policy has a wording for that, or gets the
library's default, which ``build``, the manifest and ``check`` (C120) report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

from dpa_gen.check import check
from dpa_gen.library import Library, load_library
from dpa_gen.models.customer import Customer
from dpa_gen.policy import applied_defaults, resolve_terms
from tests.contract_text import REPO, clause_text, customer

LANGS = ("nl", "en")


class Term(NamedTuple):
    """One period term: where a file sets it, the clause that prints it, and the words to find."""

    path: str  # section.key in the customer file
    clause: str
    default: dict[str, str]  # the words around the library's default
    chosen: str  # a value a file writes
    shows: dict[str, str]  # the words around that value
    open: dict[str, str] | None  # the words when the file writes `open`; None: may not be open


TERMS = [
    Term(
        "subprocessors.settlement_days",
        "subprocessing.objection",
        {"nl": "tenzij Partijen binnen 30 dagen na het bezwaar", "en": "or additional safeguards, within 30 days of"},
        "45 days",
        {"nl": "tenzij Partijen binnen 45 dagen na het bezwaar", "en": "or additional safeguards, within 45 days of"},
        None,
    ),
    Term(
        "subprocessors.list_days",
        "subprocessing.list",
        {
            "nl": "Op verzoek verstrekt Verwerker Verwerkingsverantwoordelijke binnen 10 Werkdagen de actuele lijst",
            "en": "On request, the Processor shall provide the Controller within 10 Business Days with the current",
        },
        "5 business days",
        {
            "nl": "Op verzoek verstrekt Verwerker Verwerkingsverantwoordelijke binnen 5 Werkdagen de actuele lijst",
            "en": "On request, the Processor shall provide the Controller within 5 Business Days with the current",
        },
        {
            "nl": "verstrekt Verwerker Verwerkingsverantwoordelijke binnen een redelijke termijn de actuele lijst",
            "en": "shall provide the Controller within a reasonable period with the current list",
        },
    ),
    Term(
        "audit.findings_days",
        "audits.findings",
        {
            "nl": "Partijen bespreken de bevindingen van een audit binnen 10 Werkdagen nadat het auditrapport",
            "en": "The Parties shall discuss the findings of an audit within 10 Business Days after the audit report",
        },
        "15 business days",
        {
            "nl": "Partijen bespreken de bevindingen van een audit binnen 15 Werkdagen nadat het auditrapport",
            "en": "The Parties shall discuss the findings of an audit within 15 Business Days after the audit report",
        },
        {
            "nl": "de bevindingen van een audit binnen een redelijke termijn nadat het auditrapport",
            "en": "the findings of an audit within a reasonable period after the audit report",
        },
    ),
    Term(
        "deletion.reminder_days",
        "return_deletion.choice",
        {
            "nl": "herinnert hem daaraan uiterlijk 10 Werkdagen vóór dat einde",
            "en": "no later than 10 Business Days before",
        },
        "20 business days",
        {
            "nl": "herinnert hem daaraan uiterlijk 20 Werkdagen vóór dat einde",
            "en": "no later than 20 Business Days before",
        },
        None,
    ),
    Term(
        "deletion.confirmation_days",
        "return_deletion.confirmation",
        {
            "nl": "Binnen 10 Werkdagen nadat de wissing of teruggave is voltooid, bevestigt Verwerker",
            "en": "Within 10 Business Days after the deletion or return has been completed, the Processor shall",
        },
        "5 business days",
        {
            "nl": "Binnen 5 Werkdagen nadat de wissing of teruggave is voltooid, bevestigt Verwerker",
            "en": "Within 5 Business Days after the deletion or return has been completed, the Processor shall",
        },
        None,
    ),
]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(REPO / "clauses")


def with_term(term: Term, value: str | None) -> dict[str, Any]:
    section, key = term.path.split(".")
    return customer(**{section: {key: value}}) if value is not None else customer()


@pytest.mark.parametrize("term", TERMS, ids=[t.path for t in TERMS])
def test_the_default_the_chosen_period_and_the_open_wording_in_both_languages(
    term: Term, tmp_path: Path, library: Library
) -> None:
    for lang in LANGS:
        assert term.default[lang] in clause_text(with_term(term, None), lang, term.clause, tmp_path, library)
        chosen = clause_text(with_term(term, term.chosen), lang, term.clause, tmp_path, library)
        assert term.shows[lang] in chosen
        assert term.default[lang] not in chosen
        if term.open is not None:
            assert term.open[lang] in clause_text(with_term(term, "open"), lang, term.clause, tmp_path, library)


def test_a_file_that_leaves_them_out_has_every_one_reported_as_a_default(library: Library) -> None:
    data = customer()
    applied = applied_defaults(resolve_terms(Customer.model_validate(data), library.policy))
    assert {t.path: applied.get(t.path) for t in TERMS} == {
        "subprocessors.settlement_days": "30 days",
        "subprocessors.list_days": "10 business days",
        "audit.findings_days": "10 business days",
        "deletion.reminder_days": "10 business days",
        "deletion.confirmation_days": "10 business days",
    }
    chosen = {**data}
    for term in TERMS:
        section, key = term.path.split(".")
        chosen = {**chosen, section: {**chosen.get(section, {}), key: term.chosen}}
    assert not set(applied_defaults(resolve_terms(Customer.model_validate(chosen), library.policy))) & {
        t.path for t in TERMS
    }


def test_the_annex_of_unnamed_sub_processors_uses_the_same_period(tmp_path: Path, library: Library) -> None:
    unnamed = {"categories": ["cloud_hosting"], "current_list": {"where": "on_request"}, "list_days": "open"}
    data = customer(subprocessors=unnamed)
    nl = clause_text(data, "nl", "annex_subprocessors.current_list", tmp_path, library)
    en = clause_text(data, "en", "annex_subprocessors.current_list", tmp_path, library)
    assert "verstrekt Verwerkingsverantwoordelijke op verzoek binnen een redelijke termijn de actuele lijst" in nl
    assert "shall provide the Controller within a reasonable period with the current list" in en


@pytest.mark.slow  # a full check of the bundled library
@pytest.mark.parametrize(
    ("path", "value", "code", "words"),
    [
        ("subprocessors.list_days", "60 business days", "C102", "subprocessors.list_days"),
        ("subprocessors.settlement_days", "open", "C122", "subprocessors.settlement_days"),
        ("deletion.confirmation_days", "open", "C122", "deletion.confirmation_days"),
        ("audit.findings_days", "40 business days", "C102", "audit.findings_days"),
    ],
)
def test_a_period_outside_the_policy_is_refused(tmp_path: Path, path: str, value: str, code: str, words: str) -> None:
    section, key = path.split(".")
    file = tmp_path / "customer.yaml"
    file.write_text(yaml.safe_dump(customer(**{section: {key: value}}), allow_unicode=True), encoding="utf-8")
    found = [d for d in check([file], REPO / "clauses").findings(strict=False) if d.code == code]
    assert [d.key for d in found] == [path], [str(d) for d in found]
    assert words in found[0].message or words == found[0].key
