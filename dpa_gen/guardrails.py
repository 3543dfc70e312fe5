"""Rules a schema-valid customer file must also meet against one library.

Vocabulary keys must exist; contract terms must lie in the legal team's ranges and may be left
open or out only as ``policy.yaml`` allows (a library default that fills a gap is reported);
processing or access outside the EEA needs a transfer mechanism that fits the country; dates,
courts, measures and languages must agree with the rest of the file. ``build`` refuses a file
with errors; ``check`` reports errors and warnings alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from dpa_gen import own_clauses
from dpa_gen.errors import Diagnostic, Severity, did_you_mean, shown
from dpa_gen.library import Library
from dpa_gen.locale import is_country
from dpa_gen.models.base import LanguageMode, LocalText, Term
from dpa_gen.models.customer import Customer
from dpa_gen.models.library import Policy
from dpa_gen.models.parties import Party
from dpa_gen.models.settings import ITEM, is_list_field, schema_fields
from dpa_gen.models.terms import describe
from dpa_gen.periods import Period
from dpa_gen.policy import TermValue, describe_range, in_range, resolve_terms
from dpa_gen.sources import Loc, Sourced, dotted

Add = Callable[..., None]


def check_customer(customer: Customer, sourced: Sourced, library: Library, mode: LanguageMode) -> list[Diagnostic]:
    """Every guardrail finding for ``customer`` built in ``mode``."""
    out: list[Diagnostic] = []

    def add(
        loc: Loc, message: str, code: str, severity: Severity = "error", *, key: bool = False, name: str = ""
    ) -> None:
        out.append(Diagnostic(sourced.where(loc, key=key), name or dotted(loc), message, severity, code))

    terms = resolve_terms(customer, library.policy)
    kind = customer.contract.kind
    if kind != "controller_processor" and kind not in library.meta.kinds:
        add(("contract", "kind"), f"this clause library does not build {kind} agreements (library.yaml kinds)", "C139")
    _vocabulary(customer, library, add)
    _terms(customer, terms, library, add)
    _countries(customer, add)
    _transfers(customer, library, add)
    _dates(customer, add)
    _measures(customer, library, add)
    _court(customer, terms, library, add)
    _parties(customer, add)
    _languages(customer, mode, add)
    _subprocessor_lists(customer, add)
    for problem in own_clauses.problems(library, customer):
        add(problem.loc, problem.message, problem.code)
    return out


def _vocabulary(customer: Customer, library: Library, add: Add) -> None:
    for pattern, vocabulary in _vocabulary_fields():
        known = library.vocabulary.get(vocabulary, {})
        for loc, term in _terms_at(customer, pattern):
            if term.key is not None and term.key not in known:
                add(
                    loc,
                    f"unknown {vocabulary.replace('_', ' ')} key {shown(term.key)}{did_you_mean(term.key, known)};"
                    f" use a key from clauses/vocabulary.yaml or write your own text ({{nl: …, en: …}})",
                    "C101",
                )


def _terms(customer: Customer, terms: Mapping[str, TermValue], library: Library, add: Add) -> None:
    """Ranges, open terms, terms that must be explicit, and defaults that fill a gap (C120)."""
    policy = library.policy
    country = "BE" if terms["law.governing_law"].value == "BE" else "NL"
    for path, term in terms.items():
        loc = tuple(path.split("."))
        rule = policy.terms.get(path)
        if rule is None:
            continue  # the library lint reports a term the policy lacks
        if term.source == "open" and rule.open is None:
            add(loc, "may not be left open under this library's policy (policy.yaml); give a value", "C122")
        elif term.source == "file" and not in_range(term.value, rule, country):
            add(
                loc,
                f"{shown(describe(term.value))} is outside the range the legal team allows"
                f" ({describe_range(rule)}, policy.yaml)",
                "C102",
            )
        elif term.source in ("default", "unset") and rule.explicit:
            add(loc[:-1], "must be set in this file (policy.yaml makes it explicit)", "C121", key=True, name=path)
        elif term.source == "default" and customer.library_defaults != "accept":
            add(
                loc[:-1],
                f"not set; the library's default {shown(describe(term.value))} applies. Set it to what you"
                " offer, or write `library_defaults: accept` to choose the library's defaults",
                "C120",
                "warning",
                key=True,
                name=path,
            )


def _countries(customer: Customer, add: Add) -> None:
    for loc, code in _country_codes(customer):
        if not is_country(code):
            add(loc, f"{shown(code)} is not an ISO 3166 country code (such as NL, DE, US)", "C103")


def _country_codes(customer: Customer) -> Iterator[tuple[Loc, str]]:
    for role, party in _named_parties(customer):
        yield (role, "address", "country"), party.address.country
    if isinstance(customer.processing.locations, list):
        for i, code in enumerate(customer.processing.locations):
            yield ("processing", "locations", i), code
    for i, sub in enumerate(customer.subprocessors.engaged):
        entry: Loc = ("subprocessors", "list", i)
        yield (*entry, "country"), sub.country
        for field, codes in (("locations", sub.locations), ("access_from", sub.access_from)):
            for j, code in enumerate(codes):
                yield (*entry, field, j), code


def _transfers(customer: Customer, library: Library, add: Add) -> None:
    """Processing or access outside the EEA needs a mechanism that fits the country (C104, C105, C111)."""
    _subprocessor_transfers(customer, library.policy, add)
    _processor_transfer(customer, library.policy, add)


def _subprocessor_transfers(customer: Customer, policy: Policy, add: Add) -> None:
    """Each sub-processor established, processing or accessing data outside the EEA needs a fitting safeguard."""
    eea = set(policy.eea_countries)
    for i, sub in enumerate(customer.subprocessors.engaged):
        entry: Loc = ("subprocessors", "list", i)
        places = list(dict.fromkeys([sub.country, *(sub.locations or [sub.country]), *sub.access_from]))
        outside = [c for c in places if c not in eea]
        if not outside:
            continue
        if not sub.safeguard:
            add(
                (*entry, "country"),
                f"sub-processor {shown(sub.name)} processes or accesses data outside the EEA"
                f" ({shown(', '.join(outside))}) and needs a transfer safeguard; add safeguard: adequacy, scc,"
                " dpf or bcr",
                "C104",
            )
        else:
            _safeguards_fit(
                policy, add, list(sub.safeguard), outside, (*entry, "safeguard"), f"sub-processor {shown(sub.name)}"
            )


def _processor_transfer(customer: Customer, policy: Policy, add: Add) -> None:
    """The processor's own processing outside the EEA is a transfer (C111); inside it, none (C140)."""
    processing = customer.processing
    processor = customer.subprocessor or customer.processor
    places = [processor.address.country]
    if isinstance(processing.locations, list):
        places += processing.locations
    eea = set(policy.eea_countries)
    outside = [c for c in dict.fromkeys(places) if c not in eea]
    if outside and not processing.transfer_safeguard:
        add(
            ("processing", "locations") if processing.locations else ("processor", "address", "country"),
            f"the processor is established or processes outside the EEA ({shown(', '.join(outside))}); that is a"
            " transfer (Chapter V GDPR): set processing.transfer_safeguard to adequacy, scc, dpf or bcr",
            "C111",
        )
    elif outside and processing.transfer_safeguard:
        safeguards = list(processing.transfer_safeguard)
        _safeguards_fit(policy, add, safeguards, outside, ("processing", "transfer_safeguard"), "the processor")
    elif processing.transfer_safeguard and processing.locations != "eea_and_adequacy":
        add(
            ("processing", "transfer_safeguard"),
            "the processor is established and processes in the EEA, so its own processing is no transfer; remove"
            " transfer_safeguard (the contract would describe a transfer that does not take place)",
            "C140",
        )


def _safeguards_fit(
    policy: Policy, add: Add, safeguards: Sequence[str], countries: Sequence[str], loc: Loc, who: str
) -> None:
    """C105 where a chosen safeguard does not cover every country outside the EEA (adequacy, the DPF)."""
    for safeguard in safeguards:
        if safeguard == "adequacy":
            lacking = [c for c in countries if c not in policy.adequacy_countries]
            if lacking:
                add(
                    loc,
                    f"there is no adequacy decision for {shown(', '.join(lacking))} in clauses/policy.yaml;"
                    f" {who} needs scc, dpf or bcr there",
                    "C105",
                )
        elif safeguard == "dpf" and any(c != "US" for c in countries) and not {"scc", "bcr"} & set(safeguards):
            others = ", ".join(c for c in countries if c != "US")
            add(
                loc,
                f"the EU-US Data Privacy Framework covers only the United States; {who} needs scc or bcr"
                f" for {shown(others)}",
                "C105",
            )


def _dates(customer: Customer, add: Add) -> None:
    contract = customer.contract
    main_date = contract.main_agreement.date
    if main_date is not None and contract.effective_date < main_date:
        add(
            ("contract", "effective_date"),
            f"the effective date lies before the date of the main agreement ({shown(main_date)})",
            "C106",
        )
    signing = customer.signing.date
    if signing is not None and main_date is not None and signing < main_date:
        add(("signing", "date"), "the signing date lies before the date of the main agreement", "C106")


def _measures(customer: Customer, library: Library, add: Add) -> None:
    catalogue = {m.id for g in library.measures.groups for m in g.measures}
    security = customer.security
    if security.measures is not None:
        for i, ident in enumerate(security.measures):
            if ident not in catalogue:
                add(
                    ("security", "measures", i),
                    f"unknown measure {shown(ident)}{did_you_mean(ident, catalogue)}; see clauses/measures.yaml",
                    "C107",
                )
    if security.profile is not None and security.profile not in library.measures.profiles:
        profiles = library.measures.profiles
        add(
            ("security", "profile"),
            f"unknown measure profile {shown(security.profile)}{did_you_mean(security.profile, profiles)};"
            f" profiles in clauses/measures.yaml: {', '.join(profiles) or 'none'}",
            "C123",
        )
    if security.measures is not None and security.profile is not None:
        add(("security", "profile"), "give either a measure profile or your own list of measures, not both", "C123")
    vocab = library.vocabulary.get("data_categories", {})
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


def _court(customer: Customer, terms: Mapping[str, TermValue], library: Library, add: Add) -> None:
    """A named court must exist under the governing law, and only where the forum is that court (C125)."""
    law = customer.law
    forum = terms["law.forum"].value
    governing_law = terms["law.governing_law"].value
    client_role, client = customer.parties()[0]
    seat_country = client.address.country
    if (
        forum == "controller_seat"
        and governing_law in ("NL", "BE")
        and seat_country != governing_law
        and is_country(seat_country)
    ):
        add(
            ("law", "forum") if law.forum else (client_role, "address", "country"),
            f"the forum is the court of the {client_role}'s seat, but it is established outside"
            f" {'the Netherlands' if governing_law == 'NL' else 'Belgium'}: the contract then names the competent"
            " court of that country in general; name a court (forum: court) or follow the main agreement",
            "C142",
            "warning",
        )
    if law.court is not None and forum != "court":
        add(("law", "court"), "a court is named but law.forum is not `court`; set forum: court", "C125")
    if forum == "court" and law.court is None:
        add(("law", "forum"), "forum: court needs law.court (a court key from the vocabulary)", "C125", key=True)
    if law.court is not None and law.court.key is not None:
        entry = library.vocabulary.get("courts", {}).get(law.court.key)
        governing = terms["law.governing_law"].value
        if entry is not None and entry.country and governing in ("NL", "BE") and entry.country != governing:
            add(
                ("law", "court"),
                f"the court {shown(law.court.key)} lies outside the country of the governing law ({governing});"
                " choose a court of that country",
                "C125",
            )


def _parties(customer: Customer, add: Add) -> None:
    for role, party in _named_parties(customer):
        if party.legal_form is None and party.kvk is None and party.registration is None:
            add(
                (role, "name"),
                f"{role} has neither a legal form nor a register number: the contracting party is unclear;"
                " add legal_form and kvk or registration",
                "C129",
                "warning",
            )
    provider_role, provider = customer.parties()[1]
    if provider.dpo is None:
        add(
            (provider_role,),
            f"say whether the {provider_role} has a data protection officer: give dpo, or dpo: none",
            "C128",
            "warning",
            key=True,
        )


def _languages(customer: Customer, mode: LanguageMode, add: Add) -> None:
    if mode.bilingual:
        for loc in _single_texts(customer):
            add(loc, "one text for both languages in a bilingual contract; give {nl: …, en: …}", "C109", "warning")
        return
    prevailing = customer.contract.prevailing_language
    if prevailing is not None and prevailing not in mode.langs:
        add(
            ("contract", "prevailing_language"),
            f"a {mode.value} contract has no {prevailing} version to prevail; the {mode.value} text is the only"
            " one (drop prevailing_language or build nl+en)",
            "C127",
            "warning",
        )


def _subprocessor_lists(customer: Customer, add: Add) -> None:
    subs = customer.subprocessors
    if subs.announcement in ("web_page", "email_and_web_page") and (
        subs.current_list is None or subs.current_list.url is None
    ):
        add(
            ("subprocessors", "announcement"),
            "changes announced on a web page need its address: add current_list: {where: web_page, url: …}",
            "C141",
        )
    if subs.categories and subs.current_list is None:
        add(
            ("subprocessors", "categories"),
            "sub-processors named by category need the place of the current list: add current_list"
            " (where: web_page with url, order_form or on_request)",
            "C137",
        )
    notice, objection = subs.notice_days, subs.objection_days
    if (
        isinstance(notice, Period)
        and isinstance(objection, Period)
        and objection.unit == notice.unit
        and objection.amount > notice.amount
    ):
        add(
            ("subprocessors", "objection_days"),
            "the objection period is longer than the notice period: the controller could only object after the"
            " change took effect",
            "C138",
        )


def _named_parties(customer: Customer) -> Iterator[tuple[str, Party]]:
    for role in ("controller", "processor", "subprocessor"):
        party = getattr(customer, role)
        if party is not None:
            yield role, party


@cache
def _vocabulary_fields() -> tuple[tuple[Loc, str], ...]:
    """Where the customer schema takes vocabulary keys: path pattern → vocabulary name."""
    return tuple(
        ((*spec.loc, ITEM) if is_list_field(spec.field.annotation) else spec.loc, spec.setting.vocabulary)
        for spec in schema_fields(Customer)
        if spec.setting is not None and spec.setting.vocabulary is not None
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
            if isinstance(model, list):
                for i, item in enumerate(model):
                    yield from walk(item, tail, (*loc, i))
        else:
            yield from walk(_field(model, str(head)), tail, (*loc, head))

    yield from walk(customer, pattern, ())


def _field(model: Any, alias: str) -> Any:
    for name, field in getattr(type(model), "model_fields", {}).items():
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
