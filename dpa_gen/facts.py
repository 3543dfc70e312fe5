"""Turn a validated customer into the plain, per-language facts clause text is rendered with.

Why a separate layer: templates get only plain data (strings, numbers, dates, tuples and
read-only records), never pydantic models or paths, so the sandbox has nothing to escape
through; vocabulary keys and ``{nl, en}`` texts are already resolved to the language at hand.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dpa_gen.library import Library
from dpa_gen.locale import country_name
from dpa_gen.models.base import Lang, LanguageMode, LocalText, Term
from dpa_gen.models.customer import Address, Contact, Customer, Party


class Record(Mapping[str, Any]):
    """A read-only record that templates reach with ``record.field``.

    Why not a dict: in Jinja ``d.items`` finds the dict method before the key, so a field
    called ``items`` or ``values`` would silently print a method.
    """

    __slots__ = ("_fields",)

    def __init__(self, **fields: Any) -> None:
        object.__setattr__(self, "_fields", fields)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("facts are read-only")

    def __getitem__(self, name: str) -> Any:
        return self._fields[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __repr__(self) -> str:
        return f"Record({self._fields!r})"


def document_facts(mode: LanguageMode, lang: Lang) -> Record:
    """What the build produces: one language or both, and the language of this text."""
    return Record(languages=mode.value, bilingual=mode.bilingual, lang=lang)


def customer_facts(customer: Customer, library: Library, lang: Lang, mode: LanguageMode) -> dict[str, Any]:
    """All facts for one language; the keys are the template's top-level names."""
    words = _Words(library, lang)
    c = customer
    special = tuple(
        words.term("data_categories", item) for item in c.processing.data_categories if words.is_special(item)
    )
    subprocessors = tuple(
        Record(
            name=s.name,
            service=words.term("services", s.service),
            country=s.country,
            country_name=country_name(s.country, lang),
            city=s.city,
            safeguard=s.safeguard,
            safeguard_name=words.label("safeguards", s.safeguard) if s.safeguard else None,
            outside_eea=s.country not in library.policy.eea_countries,
        )
        for s in c.subprocessors.engaged
    )
    return {
        "lang": lang,
        "document": document_facts(mode, lang),
        "contract": Record(
            effective_date=c.contract.effective_date,
            reference=c.contract.reference,
            language=c.contract.language.value,
            prevailing_language=c.contract.prevailing_language,
            main_agreement=Record(
                title=c.contract.main_agreement.title.in_(lang),
                date=c.contract.main_agreement.date,
                reference=c.contract.main_agreement.reference,
            ),
        ),
        "controller": _party(c.controller, words),
        "processor": _party(c.processor, words),
        "processing": Record(
            subject_matter=c.processing.subject_matter.in_(lang),
            nature=words.terms("operations", c.processing.nature),
            purposes=words.terms("purposes", c.processing.purposes),
            data_categories=words.terms("data_categories", c.processing.data_categories),
            special_categories=special,
            data_subjects=words.terms("data_subjects", c.processing.data_subjects),
            duration=_in(c.processing.duration, lang),
            locations=tuple(country_name(code, lang) for code in c.processing.locations),
            special_category_safeguards=_in(c.processing.special_category_safeguards, lang),
        ),
        "subprocessors": Record(
            authorisation=c.subprocessors.authorisation,
            notice_days=c.subprocessors.notice_days,
            list=subprocessors,
            count=len(subprocessors),
            outside_eea=tuple(s for s in subprocessors if s.outside_eea),
        ),
        "breach": Record(notice_hours=c.breach.notice_hours),
        "audit": Record(
            max_per_year=c.audit.max_per_year,
            notice_days=c.audit.notice_days,
            onsite=c.audit.onsite,
            auditor=c.audit.auditor,
            reports=words.terms("assurance", c.audit.reports),
            costs=c.audit.costs,
        ),
        "deletion": Record(
            default_action=c.deletion.default_action,
            period_days=c.deletion.period_days,
            backup_days=c.deletion.backup_days,
        ),
        "security": Record(certifications=words.terms("assurance", c.security.certifications)),
        "liability": Record(cap_eur=c.liability.cap_eur),
        "law": Record(
            governing_law=c.law.governing_law,
            court=c.law.court or c.processor.address.city,
        ),
        "signing": Record(
            place=c.signing.place or c.controller.address.city,
            date=c.signing.date,
        ),
    }


def _party(party: Party, words: _Words) -> Record:
    registration = None
    if party.registration is not None:
        registration = Record(
            register=words.term("registers", party.registration.register_name), number=party.registration.number
        )
    rep = party.representative
    return Record(
        name=party.name,
        legal_form=words.term("legal_forms", party.legal_form) if party.legal_form else None,
        kvk=party.kvk,
        registration=registration,
        address=_address(party.address, words.lang),
        representative=Record(name=rep.name, role=words.term("roles", rep.role)) if rep else None,
        contact=_contact(party.contact, words.lang),
        dpo=_contact(party.dpo, words.lang) if party.dpo else None,
    )


def _address(address: Address, lang: Lang) -> Record:
    city = " ".join(part for part in (address.postcode, address.city) if part)
    parts = [part for part in (address.street, city) if part]
    if address.country != "NL":
        parts.append(country_name(address.country, lang))
    return Record(
        street=address.street,
        postcode=address.postcode,
        city=address.city,
        country=address.country,
        country_name=country_name(address.country, lang),
        text=", ".join(parts),
    )


def _contact(contact: Contact, lang: Lang) -> Record:
    return Record(name=contact.name, role=_in(contact.role, lang), email=contact.email, phone=contact.phone)


def _in(text: LocalText | None, lang: Lang) -> str | None:
    return text.in_(lang) if text is not None else None


class _Words:
    """Vocabulary lookups for one language."""

    def __init__(self, library: Library, lang: Lang) -> None:
        self.vocabulary = library.vocabulary
        self.lang = lang

    def label(self, vocabulary: str, key: str) -> str:
        return self.vocabulary[vocabulary][key].in_(self.lang)

    def term(self, vocabulary: str, item: Term) -> str:
        if item.key is not None:
            return self.label(vocabulary, item.key)
        text = item.nl if self.lang == "nl" else item.en
        assert text is not None  # Term's validator guarantees both languages
        return text

    def terms(self, vocabulary: str, items: list[Term]) -> tuple[str, ...]:
        return tuple(self.term(vocabulary, item) for item in items)

    def is_special(self, item: Term) -> bool:
        if item.key is not None:
            return self.vocabulary["data_categories"][item.key].special
        return item.special
