"""Dates, numbers, money, lists and country names the way each contract language writes them.

Babel is imported on first use, so ``--help`` and ``--version`` never pay for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import Any, Literal

from dpa_gen.models.base import Lang

BABEL_LOCALE: dict[Lang, str] = {"nl": "nl_NL", "en": "en_GB"}


def long_date(value: dt.date, lang: Lang) -> str:
    """``1 maart 2026`` / ``1 March 2026``."""
    from babel.dates import format_date

    return str(format_date(value, format="long", locale=BABEL_LOCALE[lang]))


def integer(value: int, lang: Lang) -> str:
    """``500.000`` / ``500,000``; small numbers as they are."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=BABEL_LOCALE[lang]))


def money(value: int, lang: Lang) -> str:
    """Whole euros: ``€ 500.000`` / ``€500,000`` (a no-break space after the sign in Dutch)."""
    from babel.numbers import format_currency

    text = str(format_currency(value, "EUR", format="¤ #,##0", locale=BABEL_LOCALE[lang], currency_digits=False))
    return text.replace("€ ", "€\u00a0") if lang == "nl" else text.replace("€ ", "€").replace("€\u00a0", "€")


def join_list(items: Iterable[Any], lang: Lang, *, style: Literal["standard", "or"] = "standard") -> str:
    """``a, b en c`` / ``a, b and c``; ``style="or"`` for alternatives."""
    from babel.lists import format_list

    return str(format_list([str(item) for item in items], style=style, locale=BABEL_LOCALE[lang]))


@cache
def _territories(lang: Lang) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(BABEL_LOCALE[lang]).territories)


def country_name(code: str, lang: Lang) -> str:
    """``DE`` → ``Duitsland`` / ``Germany``."""
    return _territories(lang).get(code, code)


_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


def is_country(code: str) -> bool:
    """Whether ``code`` is an ISO 3166 country code (CLDR also names groupings such as EU)."""
    return len(code) == 2 and code not in _NOT_COUNTRIES and code in _territories("en")


_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """Annex numbers: 1 → I, 4 → IV (annexes never run past a few dozen)."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def letter(number: int) -> str:
    """Recital letters: 1 → A, 26 → Z, 27 → AA."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("A") + rest) + out
    return out
