"""Customer files: every problem reported at once, at the right line, in words a user can act on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dpa_gen.engine import load_customer
from dpa_gen.errors import UserError
from dpa_gen.library import Library

VALID = """\
contract:
  effective_date: 2026-03-01
  main_agreement: {title: {nl: Overeenkomst, en: Agreement}, date: 2026-02-01}
controller:
  name: Acme B.V.
  kvk: "01234567"
  address: {city: Utrecht}
  contact: {name: A. de Vries, email: privacy@acme.nl}
processor:
  name: Mailflow B.V.
  address: {city: Amsterdam}
  contact: {name: Security Desk, email: security@mailflow.example}
processing:
  subject_matter: {nl: Nieuwsbrieven, en: Newsletters}
  nature: [storage]
  purposes: [email_marketing]
  data_categories: [email_address]
  data_subjects: [customers]
"""


def errors(write: Callable[[str, str], Path], library: Library, text: str) -> list[str]:
    path = write("c.yaml", text)
    with pytest.raises(UserError) as info:
        load_customer(path, library)
    return [d.render().replace(str(path), "c.yaml") for d in info.value.diagnostics]


def test_the_valid_file_loads(write: Callable[[str, str], Path], fixture_library: Library) -> None:
    loaded = load_customer(write("c.yaml", VALID), fixture_library)
    assert loaded.customer.controller.kvk == "01234567"
    assert loaded.customer.breach.notice_hours is None  # not set: the library default applies
    assert loaded.customer.subprocessors.authorisation is None


def test_all_problems_at_once_with_lines_and_suggestions(
    write: Callable[[str, str], Path], fixture_library: Library
) -> None:
    text = VALID.replace('  kvk: "01234567"', "  kvk: 1234567").replace("controller:\n  name", "controller:\n  nmae")
    text = text.replace("effective_date: 2026-03-01", "effective_date: 2026-02-30")
    text = text.replace("  nature: [storage]", "  nature: [storge]")
    text += "breach:\n  notice_hours: 72\naudit:\n  onsite: yes\n  costs: controler\n"
    assert errors(write, fixture_library, text) == [
        "c.yaml:2:19: error: contract.effective_date: is not a real date; check the day and the month",
        "c.yaml:4:1: error: controller.name: missing required key; add it",
        "c.yaml:5:3: error: controller.nmae: unknown key 'nmae' (did you mean 'name'?)",
        'c.yaml:6:8: error: controller.kvk: must be the 8-digit KvK number, in quotes: kvk: "01234567"',
        "c.yaml:22:11: error: audit.onsite: must be true or false",
        "c.yaml:23:10: error: audit.costs: must be one of 'controller', 'processor' or 'controller_unless_breach'"
        " (did you mean 'controller'?)",
    ]


def test_guardrails_run_once_the_schema_holds(write: Callable[[str, str], Path], fixture_library: Library) -> None:
    text = VALID.replace("  nature: [storage]", "  nature: [storge]")
    text += (
        "breach:\n  notice_hours: 72\n"
        "subprocessors:\n  list:\n    - {name: Cloud Inc., service: email_delivery, country: US}\n"
    )
    assert errors(write, fixture_library, text) == [
        "c.yaml:15:12: error: processing.nature[0]: unknown operations key 'storge' (did you mean 'storage'?);"
        " use a key from clauses/vocabulary.yaml or write your own text ({nl: …, en: …})",
        "c.yaml:20:17: error: breach.notice_hours: '72 hours' is outside the range the legal team allows"
        " (1–48 hours, policy.yaml)",
        "c.yaml:23:60: error: subprocessors.list[0].country: sub-processor 'Cloud Inc.' processes or accesses data"
        " outside the EEA ('US') and needs a transfer safeguard; add safeguard: adequacy, scc, dpf or bcr",
    ]


def test_effective_date_before_the_main_agreement(write: Callable[[str, str], Path], fixture_library: Library) -> None:
    text = VALID.replace("effective_date: 2026-03-01", "effective_date: 2026-01-01")
    assert errors(write, fixture_library, text) == [
        "c.yaml:2:19: error: contract.effective_date: the effective date lies before the date of the main"
        " agreement (2026-02-01)"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            '"Acme\\x0bB.V."',
            "contains the character U+000B (vertical tab, an Excel line break), which a document"
            " cannot hold; delete it",
        ),
        ('"Acme\\0"', "contains the character U+0000 (NUL), which a document cannot hold; delete it"),
        (
            '"Acme\\uFFFF"',
            "contains the character U+FFFF (a control character), which a document cannot hold; delete it",
        ),
        (
            '"Acme\\u202EV.B"',
            "contains the invisible text-direction control U+202E (RIGHT-TO-LEFT OVERRIDE); delete it",
        ),
        ('"Acme\\nB.V."', "must be one line; remove the U+000A (line break)"),
        ('""', "must not be empty"),
        ("[Acme]", "must be text, not a list or mapping"),
    ],
)
def test_text_hygiene_names_the_field(
    write: Callable[[str, str], Path], fixture_library: Library, value: str, message: str
) -> None:
    text = VALID.replace("  name: Acme B.V.", f"  name: {value}")
    assert errors(write, fixture_library, text) == [f"c.yaml:5:9: error: controller.name: {message}"]


def test_unicode_is_normalised_to_nfc(write: Callable[[str, str], Path], fixture_library: Library) -> None:
    decomposed = "Cafe\u0301 B.V."
    loaded = load_customer(write("c.yaml", VALID.replace("Acme B.V.", decomposed)), fixture_library)
    assert loaded.customer.controller.name == "Café B.V."
