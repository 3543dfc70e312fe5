"""Contract periods ("30 days", "10 business days", "48 hours") and business days in NL and BE.

Why: customer files state periods the way a legal team writes them, and deadlines computed
from them (the last day to object to a new sub-processor) get disputed. So periods are read
strictly, printed in both contract languages, and turned into dates by rules that are written
down here and checked in tests against a calendar worked out by hand. Stdlib only: public
holidays are computed, not looked up, and only for FIRST_YEAR–LAST_YEAR, where every rule
below is known to hold (outside: ValueError).

Counting rule (EU Regulation 1182/71 art. 3; Belgian Gerechtelijk Wetboek art. 52–54): the
day of the event is not counted; a period of N days after an event on day D ends at the end
of day D+N; N weeks end on the same weekday N weeks later; N months end on the same day
number N months later, or on that month's last day when it is shorter (31 Jan + 1 month =
28/29 Feb). N business days end on the N-th business day after D.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Literal

Country = Literal["NL", "BE"]
Lang = Literal["nl", "en"]
Unit = Literal["hours", "days", "business_days", "weeks", "months"]
DateUnit = Literal["days", "business_days", "weeks", "months"]

# Every rule below holds in these years; earlier ones differ (5 May entered the Atw by a bill of
# 1981; Koninginnedag moved to 1 May before 1980) and later ones are more likely typos than terms.
FIRST_YEAR, LAST_YEAR = 2000, 2199
_DAY = timedelta(days=1)


def easter_sunday(year: int) -> date:
    """Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    if not 1583 <= year <= 9999:
        raise ValueError(f"year {year}: Easter is computed for Gregorian years 1583–9999")
    a, (b, c) = year % 19, divmod(year, 100)
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_fix = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_fix) // 451
    month, day = divmod(h + weekday_fix - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _check_country(country: str) -> None:
    if country not in ("NL", "BE"):
        raise ValueError(f"country {country!r}: business days are known for 'NL' and 'BE' only")


@cache
def _holidays(country: str, year: int) -> dict[date, tuple[str, str]]:
    _check_country(country)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year {year}: public holidays are known for {FIRST_YEAR}–{LAST_YEAR} only")
    easter = easter_sunday(year)
    if country == "NL":  # Algemene termijnenwet art. 3 lid 1, the "algemeen erkende feestdagen"
        # Koningsdag (since 2014) is kept on Saturday 26 April when the 27th is a Sunday; Koninginnedag
        # (until 2013) on Saturday 29 April when the 30th was a Sunday (the rule since 1980).
        royal = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
        royal -= _DAY if royal.weekday() == 6 else timedelta(0)
        royal_nl, royal_en = ("Koningsdag", "King's Day") if year >= 2014 else ("Koninginnedag", "Queen's Day")
        days = [
            (date(year, 1, 1), "Nieuwjaarsdag", "New Year's Day"),
            (easter, "Eerste Paasdag", "Easter Sunday"),  # a Sunday anyway, listed to be complete
            (easter + _DAY, "Tweede Paasdag", "Easter Monday"),
            (royal, royal_nl, royal_en),
            (date(year, 5, 5), "Bevrijdingsdag", "Liberation Day"),  # art. 3 says "de vijfde mei": every year
            (easter + 39 * _DAY, "Hemelvaartsdag", "Ascension Day"),
            (easter + 49 * _DAY, "Eerste Pinksterdag", "Whit Sunday"),  # idem
            (easter + 50 * _DAY, "Tweede Pinksterdag", "Whit Monday"),
            (date(year, 12, 25), "Eerste Kerstdag", "Christmas Day"),
            (date(year, 12, 26), "Tweede Kerstdag", "Boxing Day"),
        ]
        # Not Good Friday: art. 3 lid 2 equates it with these days only for the Atw's own
        # extension rules (see extend_deadline), it is not an "algemeen erkende feestdag".
    else:  # the ten "wettelijke feestdagen": KB of 18 April 1974 (wet van 4 januari 1974), plus two Sundays
        days = [
            (date(year, 1, 1), "Nieuwjaar", "New Year's Day"),
            (easter, "Pasen", "Easter Sunday"),  # a Sunday anyway, listed to be complete
            (easter + _DAY, "Paasmaandag", "Easter Monday"),
            (date(year, 5, 1), "Dag van de Arbeid", "Labour Day"),
            (easter + 39 * _DAY, "O.L.H. Hemelvaart", "Ascension Day"),
            (easter + 49 * _DAY, "Pinksteren", "Whit Sunday"),  # idem
            (easter + 50 * _DAY, "Pinkstermaandag", "Whit Monday"),
            (date(year, 7, 21), "Nationale feestdag", "Belgian National Day"),
            (date(year, 8, 15), "O.L.V. Hemelvaart", "Assumption Day"),
            (date(year, 11, 1), "Allerheiligen", "All Saints' Day"),
            (date(year, 11, 11), "Wapenstilstand", "Armistice Day"),
            (date(year, 12, 25), "Kerstmis", "Christmas Day"),
        ]
    result: dict[date, tuple[str, str]] = {}
    for day, nl, en in days:  # Ascension can fall on 5 May (NL) or 1 May (BE): keep both names
        old = result.get(day)
        result[day] = (f"{old[0]} en {nl}", f"{old[1]} and {en}") if old else (nl, en)
    return dict(sorted(result.items()))


def public_holidays(country: Country, year: int) -> dict[date, tuple[str, str]]:
    """The public holidays of ``country`` in ``year``, by date, with their Dutch and English names."""
    return dict(_holidays(country, year))


def is_business_day(day: date, country: Country) -> bool:
    """Monday to Friday and not a public holiday of ``country``."""
    return day.weekday() < 5 and day not in _holidays(country, day.year)


def extend_deadline(day: date, country: Country) -> date:
    """Move a last day that is a Saturday, Sunday or public holiday to the next day that is none.

    NL: art. 1 lid 1 Algemene termijnenwet, with Good Friday counted as a holiday (art. 3 lid 2).
    Days equated by royal decree under art. 3 lid 3 (such as the Friday after Ascension in some
    years) are published per year and not included, nor are the Atw's exceptions (art. 4).
    BE: art. 53 Gerechtelijk Wetboek, the same rule for procedural periods ("wettelijke
    feestdagen"). Both laws govern statutory periods; for a contractual period this applies
    only where the contract or the court says so.
    """
    while not is_business_day(day, country) or (country == "NL" and day == easter_sunday(day.year) - 2 * _DAY):
        day += _DAY
    return day


def _add_months(day: date, months: int) -> date:
    years, month0 = divmod(day.month - 1 + months, 12)
    year = day.year + years
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


def add_period(start: date, amount: int, unit: DateUnit, country: Country, *, extend: bool = False) -> date:
    """The last day of a period of ``amount`` units that starts running the day after ``start``.

    days: ``start + amount``; weeks: ``start + 7 * amount``; months: the same day number
    ``amount`` months later, clamped to that month's last day; business_days: the
    ``amount``-th business day after ``start`` (0 gives ``start``). The period ends at the end
    of the day returned. ``extend=True`` then applies :func:`extend_deadline` and, for NL,
    art. 2 Algemene termijnenwet: a period of three days or more is extended until it holds at
    least two days that are not Saturday, Sunday or holiday.
    """
    _check_country(country)
    if amount < 0:
        raise ValueError(f"a period cannot be negative: {amount}")
    if unit == "days":
        end = start + amount * _DAY
    elif unit == "weeks":
        end = start + 7 * amount * _DAY
    elif unit == "months":
        end = _add_months(start, amount)
    elif unit == "business_days":
        end = start
        for _ in range(amount):
            end += _DAY
            while not is_business_day(end, country):
                end += _DAY
    else:
        raise ValueError(f"unit {unit!r}: a date is computed for days, business_days, weeks or months")
    if not extend:
        return end
    if country == "NL" and (end - start).days >= 3:
        second_open_day = extend_deadline(extend_deadline(start + _DAY, country) + _DAY, country)
        return max(extend_deadline(end, country), second_open_day)
    return extend_deadline(end, country)


@cache
def _business_ordinals(country: Country) -> tuple[int, ...]:
    first, last = date(FIRST_YEAR, 1, 1).toordinal(), date(LAST_YEAR, 12, 31).toordinal()
    return tuple(n for n in range(first, last + 1) if is_business_day(date.fromordinal(n), country))


@cache
def _business_span(country: Country, n: int) -> tuple[int, int]:
    # Every start between two business days b[j-1] <= s < b[j] ends on b[j+n-1]: the span is
    # shortest for s = b[j] - 1 and longest for s = b[j-1].
    b = _business_ordinals(country)
    shortest = min(b[j + n - 1] - b[j] + 1 for j in range(len(b) - n + 1))
    return shortest, max(b[j + n] - b[j] for j in range(len(b) - n))


@cache
def _month_span(n: int) -> tuple[int, int]:
    # From day d of a month, N months span the whole months between the 1sts, less the days
    # cut off when the target month is shorter than d.
    spans = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for month in range(1, 13):
            first = date(year, month, 1)
            target = _add_months(first, n)
            whole = (target - first).days
            cut = max(0, monthrange(year, month)[1] - monthrange(target.year, target.month)[1])
            spans += [whole - cut, whole]
    return min(spans), max(spans)


_NAMES: dict[Unit, dict[Lang, tuple[str, str]]] = {
    "hours": {"nl": ("uur", "uur"), "en": ("hour", "hours")},
    "days": {"nl": ("dag", "dagen"), "en": ("day", "days")},
    "business_days": {"nl": ("werkdag", "werkdagen"), "en": ("business day", "business days")},
    "weeks": {"nl": ("week", "weken"), "en": ("week", "weeks")},
    "months": {"nl": ("maand", "maanden"), "en": ("month", "months")},
}
_UNITS: dict[str, Unit] = {word: unit for unit, langs in _NAMES.items() for pair in langs.values() for word in pair}
_UNITS["uren"] = "hours"
# About ten years in every unit: longer is a typo, not a contract term.
MAX_AMOUNT: dict[Unit, int] = {"hours": 87_600, "days": 3_650, "business_days": 2_500, "weeks": 521, "months": 120}
_FORMS = (
    "write a whole number and a unit: 30, '30 days', '1 day', '10 business days', '2 weeks', '3 months', "
    "'48 hours', or in Dutch '30 dagen', '10 werkdagen', '2 weken', '3 maanden', '48 uur' (singular forms "
    "too; a bare number counts in {default})"
)


@dataclass(frozen=True)
class Period:
    """A contract period.

    At most MAX_AMOUNT per unit: 87600 hours, 3650 days, 2500 business days, 521 weeks or
    120 months (about ten years each).
    """

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.unit not in MAX_AMOUNT or type(self.amount) is not int:
            raise ValueError(f"not a period: {self.amount!r} {self.unit!r}")
        if not 0 <= self.amount <= MAX_AMOUNT[self.unit]:
            raise ValueError(f"{self.amount} {self.unit}: must be 0 to {MAX_AMOUNT[self.unit]} {self.unit}")

    @classmethod
    def parse(cls, text: object, default_unit: Unit = "days") -> Period:
        """Read ``30``, ``"30"``, ``"30 days"``, ``"10 werkdagen"``, ``"48 uur"``, ….

        Case does not matter, surrounding spaces are allowed. ValueError, listing the accepted
        forms, for anything else: signs, separators (``4_8``), exponents (``1e3``), non-ASCII
        digits, leading zeros (a bare ``030`` is octal 24 in YAML 1.1), repeated or unknown
        units, too long periods.
        """
        forms = _FORMS.format(default=_NAMES[default_unit]["en"][1])
        shown = repr(text) if len(repr(text)) <= 40 else repr(text)[:37] + "..."
        if isinstance(text, int) and not isinstance(text, bool):
            number, unit_text = str(text), None
        elif isinstance(text, str):
            number, *rest = text.split(None, 1) or [""]
            unit_text = " ".join(rest[0].lower().split()) if rest else None
        else:
            raise ValueError(f"{shown} is not a period; {forms}")
        unit = default_unit if unit_text is None else _UNITS.get(unit_text)
        if re.fullmatch(r"-[0-9]+", number):
            raise ValueError(f"{shown}: a period cannot be negative; {forms}")
        if unit is None or not re.fullmatch(r"0|[1-9][0-9]*", number):
            raise ValueError(f"{shown} is not a period; {forms}")
        if len(number) > 6 or int(number) > MAX_AMOUNT[unit]:
            raise ValueError(f"{shown} is too long: at most {Period(MAX_AMOUNT[unit], unit).words('en')}")
        return cls(int(number), unit)

    def end(self, start: date, country: Country, *, extend: bool = False) -> date:
        """The last day of this period after an event on ``start`` (see :func:`add_period`)."""
        if self.unit == "hours":
            raise ValueError("a period in hours ends at a moment, not on a day: add a timedelta instead")
        return add_period(start, self.amount, self.unit, country, extend=extend)

    def span_days(self, country: Country) -> tuple[int, int]:
        """Fewest and most days from the event's day to the last day.

        Over every start day in FIRST_YEAR–LAST_YEAR (10 business days: 12 after a Sunday to 20
        around holidays).
        """
        n = self.amount
        if self.unit == "hours":
            raise ValueError("a period in hours has no last day; use span_hours")
        if self.unit in ("days", "weeks"):
            return (n, n) if self.unit == "days" else (7 * n, 7 * n)
        return _month_span(n) if self.unit == "months" else _business_span(country, n) if n else (0, 0)

    def span_hours(self, country: Country) -> tuple[int, int]:
        """Fewest and most hours from the moment of the event to the end of the period.

        A period in days ends at midnight, so an event early on day D adds up to 24 hours.
        """
        if self.unit == "hours":
            return self.amount, self.amount
        shortest, longest = self.span_days(country)
        return 24 * shortest, 24 * (longest + 1)

    def within(self, low: int, high: int, unit: Literal["days", "hours"], country: Country) -> bool:
        """True if the period surely lies within ``low``–``high`` ``unit``.

        Its shortest possible length reaches ``low`` and its longest stays within ``high`` (so
        10 business days is not inside 14–90 days: it can end after 12). Hours count against
        days at 24 a day.
        """
        if unit == "hours":
            shortest, longest = self.span_hours(country)
        elif self.unit == "hours":
            low, high, shortest, longest = 24 * low, 24 * high, self.amount, self.amount
        else:
            shortest, longest = self.span_days(country)
        return low <= shortest and longest <= high

    def words(self, lang: Lang, *, business_day: tuple[str, str] | None = None) -> str:
        """``30 dagen`` / ``30 days``, ``1 werkdag`` / ``1 business day``, ``48 uur`` / ``48 hours``.

        ``business_day`` gives other business-day words, e.g. ``("Werkdag", "Werkdagen")``.
        """
        one, many = business_day if business_day and self.unit == "business_days" else _NAMES[self.unit][lang]
        return f"{self.amount} {one if self.amount == 1 else many}"
