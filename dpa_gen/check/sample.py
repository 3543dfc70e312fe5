"""A complete synthetic customer: every optional field set, every list filled.

Why in code and not a YAML file: ``check`` must work from an installed wheel, and the sample
must follow the schema as it is, not as a file in a checkout was written. Its facts are the
yardstick for clause variables (does ``controller.dpo.email`` exist?) and the sample
contract of the coverage table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from dpa_gen.facts import customer_facts
from dpa_gen.library import Library
from dpa_gen.models.base import Lang, LanguageMode
from dpa_gen.models.customer import Customer, Party, Registration
from dpa_gen.models.library import VocabEntry


def _text(nl: str, en: str) -> dict[str, str]:
    return {"nl": nl, "en": en}


def _party(name: str, city: str) -> dict[str, Any]:
    contact = {
        "name": "Contact",
        "role": _text("functionaris", "officer"),
        "email": "a@b.nl",
        "phone": "+31 20 1234567",
    }
    return {
        "name": name,
        "legal_form": _text("rechtsvorm", "legal form"),
        "kvk": "12345678",
        "address": {"street": "Straat 1", "postcode": "1000 AA", "city": city, "country": "NL"},
        "representative": {"name": "Vertegenwoordiger", "role": _text("bestuurder", "director")},
        "contact": contact,
        "dpo": contact,
    }


_SAMPLE: dict[str, Any] = {
    "contract": {
        "effective_date": "2026-03-01",
        "main_agreement": {
            "title": _text("Hoofdovereenkomst", "Main Agreement"),
            "date": "2026-02-01",
            "reference": "HO-1",
        },
        "language": "nl+en",
        "prevailing_language": "nl",
        "reference": "VO-1",
    },
    "controller": _party("Verantwoordelijke B.V.", "Utrecht"),
    "processor": _party("Verwerker B.V.", "Amsterdam"),
    "processing": {
        "subject_matter": _text("onderwerp", "subject matter"),
        "nature": [_text("opslag", "storage")],
        "purposes": [_text("doel", "purpose")],
        "data_categories": [
            _text("contactgegevens", "contact details"),
            {**_text("gezondheid", "health"), "special": True},
        ],
        "data_subjects": [_text("klanten", "customers")],
        "duration": _text("looptijd", "term"),
        "locations": ["NL", "US"],
        "special_category_safeguards": _text("waarborgen", "safeguards"),
    },
    "subprocessors": {
        "authorisation": "general",
        "notice_days": 30,
        "list": [
            {
                "name": "Binnen B.V.",
                "service": _text("hosting", "hosting"),
                "country": "DE",
                "city": "Berlin",
                "safeguard": "scc",
            },
            {
                "name": "Buiten Inc.",
                "service": _text("e-mail", "e-mail"),
                "country": "US",
                "city": "Boston",
                "safeguard": "scc",
            },
        ],
    },
    "breach": {"notice_hours": 48},
    "audit": {
        "max_per_year": 1,
        "notice_days": 14,
        "onsite": "true",
        "auditor": "controller_or_independent",
        "reports": [_text("rapport", "report")],
        "costs": "controller_unless_breach",
    },
    "deletion": {"default_action": "delete", "period_days": 30, "backup_days": 90},
    "security": {
        "measures": ["m"],
        "additional": [_text("maatregel", "measure")],
        "certifications": [_text("certificaat", "certificate")],
    },
    "liability": {"cap_eur": 100000},
    "law": {"governing_law": "NL", "court": "Amsterdam"},
    "signing": {"place": "Utrecht", "date": "2026-03-01"},
}


_MINIMAL: dict[str, Any] = {
    "contract": {"effective_date": "2026-03-01", "main_agreement": {"title": "Hoofdovereenkomst"}},
    "controller": {
        "name": "Verantwoordelijke B.V.",
        "address": {"city": "Utrecht"},
        "contact": {"name": "Contact", "email": "a@b.nl"},
    },
    "processor": {
        "name": "Verwerker B.V.",
        "address": {"city": "Amsterdam"},
        "contact": {"name": "Contact", "email": "c@d.nl"},
    },
    "processing": {
        "subject_matter": _text("onderwerp", "subject matter"),
        "nature": [_text("opslag", "storage")],
        "purposes": [_text("doel", "purpose")],
        "data_categories": [_text("contactgegevens", "contact details")],
        "data_subjects": [_text("klanten", "customers")],
    },
}

SAMPLES = ("complete", "minimal")
"""The sample customers: every optional field filled, and only what the schema requires."""


@cache
def sample_customer(which: str = "complete") -> Customer:
    """A sample customer; the complete one has both a KvK number and another registration,
    which no file may have, so that every field exists."""
    if which == "minimal":
        return Customer.model_validate(_MINIMAL)
    customer = Customer.model_validate(_SAMPLE)
    registration = Registration.model_validate({"register": _text("register", "register"), "number": "1"})

    def registered(party: Party) -> Party:
        return party.model_copy(update={"registration": registration})

    return customer.model_copy(
        update={
            "controller": registered(customer.controller),
            "processor": registered(customer.processor),
        }
    )


@dataclass(frozen=True)
class _Policy:
    eea_countries: tuple[str, ...]


@dataclass(frozen=True)
class _StubLibrary:
    """What ``customer_facts`` reads from a library, for a library that may not load."""

    vocabulary: dict[str, dict[str, VocabEntry]]
    policy: _Policy


_STUB = _StubLibrary(
    vocabulary={
        "safeguards": {"scc": VocabEntry(nl="standaardcontractbepalingen", en="standard contractual clauses")},
        "data_categories": {},
    },
    policy=_Policy(eea_countries=("DE", "NL")),
)


@cache
def sample_facts(lang: Lang, mode: LanguageMode = LanguageMode.NL_EN, which: str = "complete") -> dict[str, Any]:
    """The facts of a sample customer (the complete one's are what clause text may use)."""
    return customer_facts(sample_customer(which), cast(Library, _STUB), lang, mode)


def sample_runs(lang: Lang) -> list[tuple[str, dict[str, Any]]]:
    """The samples a text in ``lang`` is tried with: each sample customer in each mode."""
    modes = (LanguageMode(lang), LanguageMode.NL_EN)
    return [
        (f"the {which} sample customer ({mode})", sample_facts(lang, mode, which))
        for which in SAMPLES
        for mode in modes
    ]
