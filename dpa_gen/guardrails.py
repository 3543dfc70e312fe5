"""Rules a schema-valid customer file must also meet against one library.

Vocabulary keys must exist, numbers must lie in the legal team's ranges (``policy.yaml``),
a sub-processor outside the EEA needs a transfer safeguard, dates must make sense. ``build``
refuses a file with errors; ``check`` reports errors and warnings alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from dpa_gen.errors import Diagnostic, did_you_mean, shown
from dpa_gen.library import Library
from dpa_gen.locale import is_country
from dpa_gen.models.base import LanguageMode, LocalText, Term
from dpa_gen.models.customer import Customer
from dpa_gen.models.library import Range
from dpa_gen.models.settings import ITEM, is_list_field, schema_fields
from dpa_gen.sources import Loc, Sourced, dotted


def check_customer(customer: Customer, sourced: Sourced, library: Library, mode: LanguageMode) -> list[Diagnostic]:
    """Every guardrail finding for ``customer`` built in ``mode``."""
    out: list[Diagnostic] = []

    def add(loc: Loc, message: str, code: str, severity: str = "error", *, key: bool = False) -> None:
        out.append(Diagnostic(sourced.where(loc, key=key), dotted(loc), message, severity, code))  # type: ignore[arg-type]

    for pattern, vocabulary in _vocabulary_fields():
        known = library.vocabulary[vocabulary]
        for loc, term in _terms_at(customer, pattern):
            if term.key is not None and term.key not in known:
                add(
                    loc,
                    f"unknown {vocabulary.replace('_', ' ')} key {shown(term.key)}{did_you_mean(term.key, known)};"
                    f" use a key from clauses/vocabulary.yaml or write your own text ({{nl: …, en: …}})",
                    "C101",
                )

    policy = library.policy
    _range(add, ("breach", "notice_hours"), customer.breach.notice_hours, policy.breach_notice_hours, "hours")
    _range(
        add,
        ("subprocessors", "notice_days"),
        customer.subprocessors.notice_days,
        policy.subprocessor_notice_days,
        "days",
    )
    _range(add, ("audit", "notice_days"), customer.audit.notice_days, policy.audit_notice_days, "days")
    _range(add, ("deletion", "period_days"), customer.deletion.period_days, policy.deletion_period_days, "days")
    _range(add, ("deletion", "backup_days"), customer.deletion.backup_days, policy.backup_deletion_days, "days")

    countries: list[tuple[Loc, str]] = [
        (("controller", "address", "country"), customer.controller.address.country),
        (("processor", "address", "country"), customer.processor.address.country),
        *((("processing", "locations", i), code) for i, code in enumerate(customer.processing.locations)),
        *((("subprocessors", "list", i, "country"), s.country) for i, s in enumerate(customer.subprocessors.engaged)),
    ]
    for loc, code in countries:
        if not is_country(code):
            add(loc, f"{shown(code)} is not an ISO 3166 country code (such as NL, DE, US)", "C103")

    for i, sub in enumerate(customer.subprocessors.engaged):
        entry: Loc = ("subprocessors", "list", i)
        if sub.country in policy.eea_countries:
            continue
        if sub.safeguard is None:
            add(
                (*entry, "country"),
                f"sub-processor {shown(sub.name)} is outside the EEA and needs a transfer safeguard;"
                " add safeguard: adequacy, scc, dpf or bcr",
                "C104",
            )
        elif sub.safeguard == "adequacy" and sub.country not in policy.adequacy_countries:
            add(
                (*entry, "safeguard"),
                f"there is no adequacy decision for {shown(sub.country)} in clauses/policy.yaml; use scc, dpf or bcr",
                "C105",
            )
        elif sub.safeguard == "dpf" and sub.country != "US":
            add((*entry, "safeguard"), "the EU-US Data Privacy Framework covers only the United States", "C105")

    contract = customer.contract
    main_date = contract.main_agreement.date
    if main_date is not None and contract.effective_date < main_date:
        add(
            ("contract", "effective_date"),
            f"the effective date lies before the date of the main agreement ({main_date.isoformat()})",
            "C106",
        )
    signing = customer.signing.date
    if signing is not None and main_date is not None and signing < main_date:
        add(("signing", "date"), "the signing date lies before the date of the main agreement", "C106")

    if customer.security.measures is not None:
        catalogue = {m.id for g in library.measures.groups for m in g.measures}
        for i, ident in enumerate(customer.security.measures):
            if ident not in catalogue:
                add(
                    ("security", "measures", i),
                    f"unknown measure {shown(ident)}{did_you_mean(ident, catalogue)}; see clauses/measures.yaml",
                    "C107",
                )

    vocab = library.vocabulary["data_categories"]
    special = any(
        (t.key is not None and t.key in vocab and vocab[t.key].special) or (t.key is None and t.special)
        for t in customer.processing.data_categories
    )
    if special and customer.processing.special_category_safeguards is None:
        add(
            ("processing", "data_categories"),
            "special categories of personal data are processed; describe the extra safeguards in"
            " processing.special_category_safeguards",
            "C108",
            "warning",
        )

    if mode.bilingual:
        for loc in _single_texts(customer):
            add(
                loc,
                "one text for both languages in a bilingual contract; give {nl: …, en: …}",
                "C109",
                "warning",
            )
    return out


@cache
def _vocabulary_fields() -> tuple[tuple[Loc, str], ...]:
    """Where the customer schema takes vocabulary keys: path pattern → vocabulary name."""
    return tuple(
        ((*spec.loc, ITEM) if is_list_field(spec.field.annotation) else spec.loc, spec.setting.vocabulary)
        for spec in schema_fields(Customer)
        if spec.setting is not None and spec.setting.vocabulary is not None
    )


def _range(add: Any, loc: Loc, value: int, allowed: Range, unit: str) -> None:
    if not allowed.min <= value <= allowed.max:
        add(
            loc,
            f"{value} {unit} is outside the range the legal team allows ({allowed.min}–{allowed.max} {unit},"
            " clauses/policy.yaml)",
            "C102",
        )


def _terms_at(customer: Customer, pattern: Loc) -> Iterator[tuple[Loc, Term]]:
    """Each ``Term`` in the model at ``pattern`` (``[]`` matches every list index)."""

    def walk(model: Any, rest: Loc, loc: Loc) -> Iterator[tuple[Loc, Term]]:
        if model is None:
            return
        if not rest:
            if isinstance(model, Term):
                yield loc, model
            return
        head, tail = rest[0], rest[1:]
        if head == ITEM:
            for i, item in enumerate(model):
                yield from walk(item, tail, (*loc, i))
        else:
            yield from walk(_field(model, str(head)), tail, (*loc, head))

    yield from walk(customer, pattern, ())


def _field(model: Any, alias: str) -> Any:
    for name, field in type(model).model_fields.items():
        if alias in (name, field.alias):
            return getattr(model, name)
    return None


def _single_texts(model: Any, loc: Loc = ()) -> Iterator[Loc]:
    """Locations of customer texts given once for both languages."""
    if isinstance(model, (LocalText, Term)):
        if model.single:
            yield loc
        return
    if isinstance(model, list):
        for i, item in enumerate(model):
            yield from _single_texts(item, (*loc, i))
        return
    if hasattr(type(model), "model_fields"):
        for name, field in type(model).model_fields.items():
            yield from _single_texts(getattr(model, name), (*loc, field.alias or name))
