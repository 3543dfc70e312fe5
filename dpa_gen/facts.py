"""Turn a validated customer into the plain, per-language facts clause text is rendered with.

Why a separate layer: templates get only plain data (strings, numbers, dates, tuples and
read-only records), never pydantic models or paths, so the sandbox has nothing to escape
through; vocabulary keys and ``{nl, en}`` texts are already resolved to the language at hand.

The facts follow the schema: every field a model declares becomes a fact under the name users
write in the customer file, converted by its type (a vocabulary term to its wording, a
``{nl, en}`` text to one language, a model to a record); ``derived_facts`` of a model adds
values computed from several fields. No field is listed here by hand.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any

from pydantic import BaseModel

from dpa_gen.library import Library
from dpa_gen.locale import country_name
from dpa_gen.models.base import Lang, LanguageMode, LocalText, Term
from dpa_gen.models.customer import Customer
from dpa_gen.models.library import VocabEntry
from dpa_gen.models.settings import ITEM, Loc, dotted, setting_of
from dpa_gen.models.terms import OPEN
from dpa_gen.periods import Period
from dpa_gen.policy import TermValue, resolve_terms
from dpa_gen.roles import RoleWords, role_words


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


class TermText(str):
    """A period or an open term as clause text prints it, which a condition can still take apart.

    It prints as "10 Werkdagen" or "binnen een redelijke termijn"; ``.open``, ``.amount`` and
    ``.unit`` take it apart.

    Why a ``str``: printing it needs no filter, and it stays plain data in the sandbox.
    """

    open: bool
    amount: int | None
    unit: str | None
    business: bool

    def __new__(cls, text: str, *, period: Period | None) -> TermText:
        """Wrap ``text``; ``period`` None means the term is open."""
        self = super().__new__(cls, text)
        self.open = period is None
        self.amount = period.amount if period is not None else None
        self.unit = period.unit if period is not None else None
        self.business = period is not None and period.unit == "business_days"
        return self


def customer_facts(customer: Customer, library: Library, lang: Lang, mode: LanguageMode) -> dict[str, Any]:
    """All facts for one language; the keys are the template's top-level names."""
    roles = role_words(library.meta.kind(customer.contract.kind), lang)
    facts = _Facts(library, lang, resolve_terms(customer, library.policy), roles)
    top = facts.facts_of(customer)
    return {"lang": lang, "document": document_facts(mode, lang), **top}


def _keys(name: str, value: Any) -> dict[str, Any]:
    if isinstance(value, list):
        return {f"{name}_keys": tuple(item.key for item in value if isinstance(item, Term))}
    return {f"{name}_key": value.key if isinstance(value, Term) else None}


class _Facts:
    """Converts models to facts for one language (the ``FactContext`` of ``derived_facts``)."""

    def __init__(self, library: Library, lang: Lang, terms: Mapping[str, TermValue], roles: RoleWords) -> None:
        self.vocabulary = library.vocabulary
        self.policy = library.policy
        self.eea = frozenset(library.policy.eea_countries)
        self.lang = lang
        self.terms = terms
        self.roles = roles  # vocabulary wording is library text: role words follow the kind

    def facts_of(self, value: Any, **overrides: Any) -> Any:
        """The facts of ``value`` (a model, list or leaf), with ``overrides`` for a model's fields.

        Terms resolve on the walk from the customer down, so ``derived_facts`` may convert
        parts of a model that hold no terms (a party, a list of sub-processors).
        """
        return self._value(value, None, (), overrides)

    def _value(self, value: Any, vocabulary: str | None, loc: Loc, overrides: Mapping[str, Any] | None = None) -> Any:
        match value:
            case None:
                return None
            case Term():
                return self.term(vocabulary or "", value)
            case LocalText():
                return value.in_(self.lang)
            case Period():
                return TermText(self.period_words(value), period=value)
            case BaseModel():
                return self._model(value, loc, overrides or {})
            case list() | tuple():
                return tuple(self._value(item, vocabulary, (*loc, ITEM)) for item in value)
            case Enum():
                return value.value
            case _:
                return value

    def _model(self, model: BaseModel, loc: Loc, overrides: Mapping[str, Any]) -> Record:
        fields: dict[str, Any] = {}
        for name, field in type(model).model_fields.items():
            setting = setting_of(field)
            if field.exclude or (setting is not None and not setting.facts):
                continue
            key = field.alias or name
            value = getattr(model, name)
            if setting is not None and setting.term:
                fields[key] = self._term(dotted((*loc, key)), setting.vocabulary)
            else:
                vocabulary = setting.vocabulary if setting is not None else None
                fields[key] = self._value(value, vocabulary, (*loc, key))
                if vocabulary is not None:
                    # The vocabulary keys too, so conditions test a key, not its wording:
                    # `'health' in processing.data_categories_keys` (None for a customer's own text).
                    fields.update(_keys(key, value))
        derive = getattr(model, "derived_facts", None)
        if derive is not None:
            fields.update(derive(self))
        fields.update(overrides)
        return Record(**fields)

    def _term(self, path: str, vocabulary: str | None) -> Any:
        term = self.terms[path]  # KeyError: a term converted outside the walk from the customer down
        if term.value is None:
            return None
        if term.value == OPEN:
            wording = self.policy.terms[path].open
            return TermText(wording.in_(self.lang) if wording is not None else OPEN, period=None)
        return self._value(term.value, vocabulary, ())

    def period_words(self, period: Period) -> str:
        """``30 dagen`` / ``10 Werkdagen`` with the library's defined term for a business day."""
        return period.words(self.lang, business_day=self.policy.business_day.get(self.lang))

    def entry(self, vocabulary: str, key: str) -> VocabEntry | None:
        """A vocabulary entry, if the key exists."""
        return self.vocabulary.get(vocabulary, {}).get(key)

    def label(self, vocabulary: str, key: str) -> str:
        """A vocabulary key's wording in this language."""
        return self.roles.apply(self.vocabulary[vocabulary][key].in_(self.lang))

    def term(self, vocabulary: str, item: Term) -> str:
        """A vocabulary key's wording, or the customer's own text, in this language."""
        if item.key is not None:
            return self.label(vocabulary, item.key)
        text = item.nl if self.lang == "nl" else item.en
        assert text is not None  # Term's validator guarantees both languages
        return text

    def is_special(self, item: Term) -> bool:
        """Whether a data category is a special category (art. 9 or 10 GDPR)."""
        if item.key is not None:
            return self.vocabulary["data_categories"][item.key].special
        return item.special

    def country_name(self, code: str) -> str:
        """``DE`` → ``Duitsland`` / ``Germany``."""
        return country_name(code, self.lang)

    def in_eea(self, code: str) -> bool:
        """Whether a country lies in the EEA (the library's policy)."""
        return code in self.eea
