"""Dates, numbers, money, lists and country names the way each contract language writes them.

Babel is imported on first use, so ``--help`` and ``--version`` never pay for it.
"""

from __future__ import annotations

import datetime as dt
import re
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


_CONJUNCTION = {"nl": "en", "en": "and"}
_OR = {"nl": "of", "en": "or"}


def join_items(items: Iterable[Any], lang: Lang, *, style: Literal["standard", "or"] = "standard") -> str:
    """A list in running text that says how many items it has.

    ``a, b en c`` as ``join_list`` writes it, unless an item itself contains a comma, a
    semicolon or the conjunction ("opslaan en bewaren", "Mailgun Technologies, Inc., Verenigde
    Staten"): then ``a; b; en c``, so that the reader still counts the items right.
    """
    texts = [str(item) for item in items]
    conjunction = (_OR if style == "or" else _CONJUNCTION)[lang]
    complex_item = re.compile(rf"[,;]|\b(?:{_CONJUNCTION[lang]}|{_OR[lang]})\b")
    if len(texts) < 2 or not any(complex_item.search(text) for text in texts):
        return join_list(texts, lang, style=style)
    return "; ".join(texts[:-1]) + f"; {conjunction} {texts[-1]}"


def inline(text: str) -> str:
    """A customer's text used inside a sentence: its first letter lower-cased where it only starts a sentence.

    The rule: the first letter is lower-cased when the first word is written as an ordinary
    word at the start of a sentence — one capital followed by lower-case letters (hyphens and
    apostrophes allowed: "Hosting", "Back-ups") — and the second word does not start with a
    capital too. It is left as typed when the first word is an abbreviation or acronym (two
    capitals or more, a digit or a full stop: "BSN", "ICT-beheer", "B.V.", "SaaS"), has a capital
    inside ("iPad", "McKinsey"), or begins a name of several capitalised words ("Gemeente
    Zuidhaven", "Microsoft Azure", "Personal Data", "Microsoft 365"). A one-word proper name ("Microsoft") is
    not recognised: write such a text so that it does not start with the name.
    """
    words = text.split(maxsplit=2)
    if not words:
        return text
    first = words[0]
    core = first.rstrip(",;:.)")
    if not re.fullmatch(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]*", core) or re.search(r"-[A-Z]", core):
        return text
    if len(words) > 1 and (words[1][:1].isupper() or words[1][:1].isdigit()):
        return text
    start = text.index(first)
    return text[:start] + first[0].lower() + text[start + 1 :]


@cache
def _territories(lang: Lang) -> dict[str, str]:
    from babel import Locale

    names = dict(Locale.parse(BABEL_LOCALE[lang]).territories)
    if lang == "en":  # CLDR's short forms ("Bosnia & Herzegovina") do not belong in a contract
        names = {code: name.replace(" & ", " and ") for code, name in names.items()}
    return names


def country_name(code: str, lang: Lang) -> str:
    """``DE`` → ``Duitsland`` / ``Germany``."""
    return _territories(lang).get(code, code)


# Countries whose name takes the definite article in running text: (Dutch, English) article,
# None where that language uses none ("Nederland", but "the Netherlands"). Names of islands in
# the plural and of unions and republics take one; CLDR's names are the ones looked up.
_COUNTRY_ARTICLES: dict[str, tuple[str | None, str | None]] = {
    "NL": (None, "the"),
    "US": ("de", "the"),
    "GB": ("het", "the"),
    "AE": ("de", "the"),
    "PH": ("de", "the"),
    "BS": ("de", "the"),
    "MV": ("de", "the"),
    "SC": ("de", "the"),
    "DO": ("de", "the"),
    "CF": ("de", "the"),
    "MH": ("de", "the"),
    "SB": ("de", "the"),
    "KM": ("de", "the"),
    "FO": ("de", "the"),
    "KY": ("de", "the"),
    "VG": ("de", "the"),
    "VI": ("de", "the"),
    "TC": ("de", "the"),
    "CK": ("de", "the"),
    "FK": ("de", "the"),
    "GM": (None, "the"),
    "IM": (None, "the"),
}


@cache
def _articled_names(lang: Lang) -> dict[str, str]:
    index = 0 if lang == "nl" else 1
    names = _territories(lang)
    out: dict[str, str] = {}
    for code, articles in _COUNTRY_ARTICLES.items():
        article = articles[index]
        if article is not None and code in names:
            out[names[code]] = f"{article} {names[code]}"
    return out


def country_in_text(name: str, lang: Lang) -> str:
    """A country's name as running text writes it: ``de Verenigde Staten``, ``the Netherlands``.

    ``name`` is the name in ``lang`` (as the facts give it); a name that takes no article, or
    that is not a country's name, is returned as it is.
    """
    return _articled_names(lang).get(name, name)


def indefinite(phrase: str, lang: Lang) -> str:
    """``een stichting`` / ``a foundation``, ``an association``, ``a European company``."""
    if lang == "nl":
        return f"een {phrase}"
    lowered = phrase.lower()
    vowel = lowered[:1] in ("a", "e", "i", "o", "u") and not lowered.startswith(("eu", "uni", "use", "one", "uk "))
    return f"{'an' if vowel else 'a'} {phrase}"


# Street names that take "het" in Dutch ("aan het Stadhuisplein 1"); all others take "de"
# ("aan de Keizersgracht 1", "aan de Brink 5", "aan de Meir 34").
_HET_STREETS = ("plein", "pad", "plantsoen", "park", "hof", "erf", "veld", "eiland", "bos", "dok", "kanaal", "rak")
_HET_NAMES = frozenset({"rokin", "spui", "damrak", "rond", "water", "zand", "hout", "eiland", "plein"})
_NO_ARTICLE = (
    "de ",
    "het ",
    "'t ",
    "den ",
    "postbus",
    "rue ",
    "avenue ",
    "boulevard ",
    "chaussée ",
    "place ",
    "quai ",
    "square ",
    "chemin ",
    "allée ",
    "impasse ",
)


def street_in_text(street: str, country: str) -> str:
    """A Dutch or Belgian street after ``aan`` in Dutch text: ``het Stadhuisplein 1``, ``de Meir 34``.

    A street that already has an article, starts with a number or lies in another country is
    returned as it is (``aan 1 Main Street`` is how a foreign address is written).
    """
    text = street.strip()
    if country not in ("NL", "BE") or not text or not text[0].isalpha() or text.lower().startswith(_NO_ARTICLE):
        return text
    words = []
    for word in text.split():
        if word[0].isdigit():
            break
        words.append(word)
    last = (words[-1] if words else text).lower().strip(",")
    het = last in _HET_NAMES or last.endswith(_HET_STREETS) or last.endswith(("je", "tje", "pje"))
    return f"{'het' if het else 'de'} {text}"


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
