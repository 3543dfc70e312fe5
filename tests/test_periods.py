"""dpa_gen.periods against a calendar worked out by hand.

Every expected date below is a literal, with the count that gives it in a comment; none is
computed by the code under test. Weekdays in the comments were read off a printed calendar.
Anchors: 1 Jan 2026 is a Thursday; Easter 2026 is 5 April, Easter 2027 is 28 March.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from dpa_gen.periods import (
    Period,
    add_period,
    easter_sunday,
    extend_deadline,
    is_business_day,
    public_holidays,
)

# -- Easter and public holidays -------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2000, date(2000, 4, 23)),
        (2008, date(2008, 3, 23)),  # so Ascension (+39) is 1 May 2008
        (2016, date(2016, 3, 27)),  # so Ascension is 5 May 2016
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),  # the latest possible date
        (2285, date(2285, 3, 22)),  # the earliest possible date
    ],
)
def test_easter_sunday(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


def test_easter_needs_a_gregorian_year() -> None:
    with pytest.raises(ValueError, match="1583"):
        easter_sunday(1582)


def test_dutch_holidays_2026() -> None:
    # Algemene termijnenwet art. 3 lid 1, plus Easter Sunday and Whit Sunday. Easter 5 April:
    # Monday 6 April, Ascension 5 April + 39 = 14 May, Whit Sunday + 49 = 24 May, Monday 25 May.
    assert public_holidays("NL", 2026) == {
        date(2026, 1, 1): ("Nieuwjaarsdag", "New Year's Day"),
        date(2026, 4, 5): ("Eerste Paasdag", "Easter Sunday"),
        date(2026, 4, 6): ("Tweede Paasdag", "Easter Monday"),
        date(2026, 4, 27): ("Koningsdag", "King's Day"),  # a Monday
        date(2026, 5, 5): ("Bevrijdingsdag", "Liberation Day"),  # 2026 is no lustrum year: counted anyway
        date(2026, 5, 14): ("Hemelvaartsdag", "Ascension Day"),
        date(2026, 5, 24): ("Eerste Pinksterdag", "Whit Sunday"),
        date(2026, 5, 25): ("Tweede Pinksterdag", "Whit Monday"),
        date(2026, 12, 25): ("Eerste Kerstdag", "Christmas Day"),
        date(2026, 12, 26): ("Tweede Kerstdag", "Boxing Day"),
    }


def test_belgian_holidays_2026() -> None:
    # The ten legal public holidays (KB 18 April 1974) plus Easter Sunday and Whit Sunday.
    assert public_holidays("BE", 2026) == {
        date(2026, 1, 1): ("Nieuwjaar", "New Year's Day"),
        date(2026, 4, 5): ("Pasen", "Easter Sunday"),
        date(2026, 4, 6): ("Paasmaandag", "Easter Monday"),
        date(2026, 5, 1): ("Dag van de Arbeid", "Labour Day"),
        date(2026, 5, 14): ("O.L.H. Hemelvaart", "Ascension Day"),
        date(2026, 5, 24): ("Pinksteren", "Whit Sunday"),
        date(2026, 5, 25): ("Pinkstermaandag", "Whit Monday"),
        date(2026, 7, 21): ("Nationale feestdag", "Belgian National Day"),
        date(2026, 8, 15): ("O.L.V. Hemelvaart", "Assumption Day"),
        date(2026, 11, 1): ("Allerheiligen", "All Saints' Day"),
        date(2026, 11, 11): ("Wapenstilstand", "Armistice Day"),
        date(2026, 12, 25): ("Kerstmis", "Christmas Day"),
    }


@pytest.mark.parametrize(
    ("year", "expected", "name"),
    [
        (2014, date(2014, 4, 26), "Koningsdag"),  # 27 April 2014 was a Sunday (Easter 20 April + 7)
        (2025, date(2025, 4, 26), "Koningsdag"),  # 27 April 2025 is a Sunday (Easter 20 April + 7)
        (2026, date(2026, 4, 27), "Koningsdag"),  # Monday
        (2027, date(2027, 4, 27), "Koningsdag"),  # Tuesday
        (
            2031,
            date(2031, 4, 26),
            "Koningsdag",
        ),  # 27 April: Sun 2025, Mon 26, Tue 27, Thu 28 (leap), Fri 29, Sat 30, Sun 31
        (2036, date(2036, 4, 26), "Koningsdag"),  # Tue 32 (leap), Wed 33, Thu 34, Fri 35, Sun 36 (leap)
        (2000, date(2000, 4, 29), "Koninginnedag"),  # 30 April 2000 was a Sunday (Easter 23 April + 7)
        (2006, date(2006, 4, 29), "Koninginnedag"),  # 30 April 2006 was a Sunday (Easter 16 April + 14)
        (2013, date(2013, 4, 30), "Koninginnedag"),  # a Tuesday
    ],
)
def test_kings_and_queens_day(year: int, expected: date, name: str) -> None:
    royal = {day: names for day, names in public_holidays("NL", year).items() if day.month == 4 and day.day >= 26}
    assert royal == {expected: (name, "King's Day" if name == "Koningsdag" else "Queen's Day")}


def test_holidays_on_the_same_day_keep_both_names() -> None:
    # Easter 27 March 2016 + 39 = 5 May 2016; Easter 23 March 2008 + 39 = 1 May 2008.
    assert public_holidays("NL", 2016)[date(2016, 5, 5)] == (
        "Bevrijdingsdag en Hemelvaartsdag",
        "Liberation Day and Ascension Day",
    )
    assert public_holidays("BE", 2008)[date(2008, 5, 1)] == (
        "Dag van de Arbeid en O.L.H. Hemelvaart",
        "Labour Day and Ascension Day",
    )


def test_good_friday_is_a_dutch_business_day() -> None:
    # Good Friday 3 April 2026 is not in art. 3 lid 1 Atw (only equated with it for the Atw itself).
    assert date(2026, 4, 3) not in public_holidays("NL", 2026)
    assert is_business_day(date(2026, 4, 3), "NL")


@pytest.mark.parametrize(
    ("day", "nl", "be"),
    [
        (date(2026, 1, 14), True, True),  # an ordinary Wednesday
        (date(2026, 1, 10), False, False),  # Saturday
        (date(2026, 1, 11), False, False),  # Sunday
        (date(2026, 5, 1), True, False),  # Friday, Labour Day: Belgian only
        (date(2026, 5, 5), False, True),  # Tuesday, Liberation Day: Dutch only
        (date(2026, 7, 21), True, False),  # Tuesday, Belgian National Day
        (date(2028, 12, 26), False, True),  # Tuesday, Boxing Day: Dutch only
        (date(2026, 11, 11), True, False),  # Wednesday, Armistice Day
    ],
)
def test_is_business_day(day: date, nl: bool, be: bool) -> None:
    assert (is_business_day(day, "NL"), is_business_day(day, "BE")) == (nl, be)


def test_unsupported_years_and_countries_are_refused() -> None:
    for year in (1999, 2200):
        with pytest.raises(ValueError, match="2000–2199"):
            public_holidays("NL", year)
    with pytest.raises(ValueError, match="'DE'"):
        public_holidays("DE", 2026)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'DE'"):
        add_period(date(2026, 1, 1), 30, "days", "DE")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="2200"):  # the 1st business day after 31 Dec 2199 is in 2200
        add_period(date(2199, 12, 31), 1, "business_days", "NL")


def test_public_holidays_returns_a_copy() -> None:
    public_holidays("NL", 2026).clear()
    assert len(public_holidays("NL", 2026)) == 10


# -- Business-day periods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "amount", "country", "expected"),
    [
        # Sub-processor notice on Tue 20 April 2027, 14 business days to object. NL: Wed 21 (1),
        # Thu 22 (2), Fri 23 (3), Mon 26 (4), [Tue 27 Koningsdag], Wed 28 (5), Thu 29 (6), Fri 30 (7),
        # Mon 3 May (8), Tue 4 (9), [Wed 5 Bevrijdingsdag], [Thu 6 Ascension], Fri 7 (10), Mon 10 (11),
        # Tue 11 (12), Wed 12 (13), Thu 13 (14).
        (date(2027, 4, 20), 14, "NL", date(2027, 5, 13)),
        # BE: 21, 22, 23, 26, 27, 28, 29, 30 April (8), Mon 3 May (9), Tue 4 (10), Wed 5 (11),
        # [Thu 6 Ascension], Fri 7 (12), Mon 10 (13), Tue 11 (14). (1 May 2027 is a Saturday.)
        (date(2027, 4, 20), 14, "BE", date(2027, 5, 11)),
        # Christmas 2028 on Monday: Wed 20 Dec; Thu 21 (1), Fri 22 (2), [Mon 25, Tue 26], Wed 27 (3),
        # Thu 28 (4), Fri 29 (5).
        (date(2028, 12, 20), 5, "NL", date(2028, 12, 29)),
        # ... [Mon 1 Jan 2029], Tue 2 (6), Wed 3 (7), Thu 4 (8), Fri 5 (9), Mon 8 (10).
        (date(2028, 12, 20), 10, "NL", date(2029, 1, 8)),
        # BE has no Boxing Day: Thu 21 (1), Fri 22 (2), [Mon 25], Tue 26 (3), Wed 27 (4), Thu 28 (5),
        # Fri 29 (6), [Mon 1 Jan], Tue 2 (7), Wed 3 (8), Thu 4 (9), Fri 5 (10).
        (date(2028, 12, 20), 10, "BE", date(2029, 1, 5)),
        # Easter 2026: Thu 2 April; Fri 3 (1, Good Friday counts), [Mon 6 Easter Monday], Tue 7 (2).
        (date(2026, 4, 2), 2, "NL", date(2026, 4, 7)),
        (date(2026, 4, 2), 2, "BE", date(2026, 4, 7)),
        # Fri 24 April 2026. NL: [Mon 27 Koningsdag], Tue 28 (1), Wed 29 (2), Thu 30 (3), Fri 1 May (4),
        # Mon 4 (5), [Tue 5 Bevrijdingsdag], Wed 6 (6), Thu 7 (7), Fri 8 (8), Mon 11 (9), Tue 12 (10).
        (date(2026, 4, 24), 10, "NL", date(2026, 5, 12)),
        # BE: Mon 27 (1), Tue 28 (2), Wed 29 (3), Thu 30 (4), [Fri 1 May], Mon 4 (5), Tue 5 (6), Wed 6 (7),
        # Thu 7 (8), Fri 8 (9), Mon 11 (10).
        (date(2026, 4, 24), 10, "BE", date(2026, 5, 11)),
        # Wed 13 May 2026: [Thu 14 Ascension], Fri 15 (1), Mon 18 (2), Tue 19 (3), Wed 20 (4), Thu 21 (5),
        # Fri 22 (6), [Mon 25 Whit Monday], Tue 26 (7), Wed 27 (8). The same in both countries.
        (date(2026, 5, 13), 5, "NL", date(2026, 5, 21)),
        (date(2026, 5, 13), 8, "NL", date(2026, 5, 27)),
        (date(2026, 5, 13), 8, "BE", date(2026, 5, 27)),
        # Fri 18 July 2025. BE: [Mon 21 National Day], Tue 22 (1), Wed 23 (2), Thu 24 (3). NL: Mon 21 (1), 22, 23.
        (date(2025, 7, 18), 3, "BE", date(2025, 7, 24)),
        (date(2025, 7, 18), 3, "NL", date(2025, 7, 23)),
        # Thu 14 Aug 2025. BE: [Fri 15 Assumption], Mon 18 (1). NL: Fri 15 (1).
        (date(2025, 8, 14), 1, "BE", date(2025, 8, 18)),
        (date(2025, 8, 14), 1, "NL", date(2025, 8, 15)),
        # Fri 29 Oct 2027. BE: [Mon 1 Nov All Saints], Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4), Mon 8 (5),
        # Tue 9 (6), Wed 10 (7), [Thu 11 Armistice], Fri 12 (8), Mon 15 (9), Tue 16 (10).
        (date(2027, 10, 29), 10, "BE", date(2027, 11, 16)),
        # NL: Mon 1 (1) ... Fri 5 (5), Mon 8 (6) ... Fri 12 (10).
        (date(2027, 10, 29), 10, "NL", date(2027, 11, 12)),
        # Easter 26 March 2062: Koningsdag Thu 27 April, Ascension Thu 4 May, Bevrijdingsdag Fri 5 May,
        # Whit Monday 15 May. Wed 26 April: [27], Fri 28 (1), Mon 1 (2), Tue 2 (3), Wed 3 (4), [4], [5],
        # Mon 8 (5), Tue 9 (6), Wed 10 (7), Thu 11 (8), Fri 12 (9), [Mon 15], Tue 16 (10): 20 days.
        (date(2062, 4, 26), 10, "NL", date(2062, 5, 16)),
        # Easter 25 March 2035: Labour Day Tue 1 May, Ascension Thu 3 May, Whit Monday 14 May.
        # Thu 26 April: Fri 27 (1), Mon 30 (2), [Tue 1], Wed 2 (3), [Thu 3], Fri 4 (4), Mon 7 (5) ...
        # Fri 11 (9), [Mon 14], Tue 15 (10): 19 days.
        (date(2035, 4, 26), 10, "BE", date(2035, 5, 15)),
        # A weekend start: Sat 10 Jan 2026, Mon 12 (1). Zero business days end on the start day.
        (date(2026, 1, 10), 1, "NL", date(2026, 1, 12)),
        (date(2026, 1, 10), 0, "NL", date(2026, 1, 10)),
    ],
)
def test_business_days(start: date, amount: int, country: str, expected: date) -> None:
    assert add_period(start, amount, "business_days", country) == expected  # type: ignore[arg-type]


# -- Calendar periods ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        (date(2026, 1, 15), 30, "days", date(2026, 2, 14)),  # 16 days to 31 Jan, 14 more in February
        (date(2026, 12, 20), 14, "days", date(2027, 1, 3)),  # 11 days to 31 Dec, 3 more
        (date(2026, 1, 15), 0, "days", date(2026, 1, 15)),
        (date(2026, 3, 3), 2, "weeks", date(2026, 3, 17)),  # Tuesday to Tuesday
        (date(2027, 1, 31), 1, "months", date(2027, 2, 28)),  # no 31 February: its last day
        (date(2028, 1, 31), 1, "months", date(2028, 2, 29)),  # 2028 is a leap year
        (date(2026, 3, 31), 1, "months", date(2026, 4, 30)),
        (date(2026, 8, 31), 6, "months", date(2027, 2, 28)),
        (date(2026, 11, 30), 3, "months", date(2027, 2, 28)),
        (date(2026, 12, 15), 1, "months", date(2027, 1, 15)),
        (date(2026, 1, 15), 12, "months", date(2027, 1, 15)),
        (date(2026, 10, 31), 14, "months", date(2027, 12, 31)),
        (date(2028, 2, 29), 12, "months", date(2029, 2, 28)),
    ],
)
def test_calendar_periods(start: date, amount: int, unit: str, expected: date) -> None:
    assert add_period(start, amount, unit, "NL") == expected  # type: ignore[arg-type]


def test_bad_amounts_and_units_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_period(date(2026, 1, 1), -1, "days", "NL")
    with pytest.raises(ValueError, match="'hours'"):
        add_period(date(2026, 1, 1), 48, "hours", "NL")  # type: ignore[arg-type]


# -- Extension: art. 1 and 2 Algemene termijnenwet, art. 53 Gerechtelijk Wetboek -----------------------


@pytest.mark.parametrize(
    ("day", "country", "expected"),
    [
        (date(2026, 1, 14), "NL", date(2026, 1, 14)),  # a Wednesday stays
        (date(2026, 4, 5), "NL", date(2026, 4, 7)),  # Easter Sunday, [Easter Monday], Tuesday
        (date(2026, 4, 3), "NL", date(2026, 4, 7)),  # Good Friday counts under Atw art. 3 lid 2: Fri, Sat, Sun, Mon
        (date(2026, 4, 3), "BE", date(2026, 4, 3)),  # not in Belgium
        (date(2026, 4, 25), "NL", date(2026, 4, 28)),  # Sat, Sun, [Mon 27 Koningsdag], Tue 28
        (date(2025, 7, 19), "BE", date(2025, 7, 22)),  # Sat, Sun, [Mon 21 National Day], Tue 22
        (date(2025, 7, 19), "NL", date(2025, 7, 21)),  # Sat, Sun, Mon 21
        (date(2027, 12, 25), "NL", date(2027, 12, 27)),  # Christmas on Saturday, Boxing Day on Sunday
        (date(2028, 12, 23), "NL", date(2028, 12, 27)),  # Sat, Sun, [Mon 25], [Tue 26], Wed 27
        (date(2028, 12, 23), "BE", date(2028, 12, 26)),  # Sat, Sun, [Mon 25], Tue 26
    ],
)
def test_extend_deadline(day: date, country: str, expected: date) -> None:
    assert extend_deadline(day, country) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "amount", "unit", "country", "plain", "extended"),
    [
        # 30 days after Fri 6 March 2026: 25 to 31 March, then 5 April = Easter Sunday -> Tue 7 April.
        (date(2026, 3, 6), 30, "days", "NL", date(2026, 4, 5), date(2026, 4, 7)),
        (date(2026, 3, 6), 30, "days", "BE", date(2026, 4, 5), date(2026, 4, 7)),
        # 3 days after Fri 9 Jan 2026 end on Mon 12, which holds only one open day (Mon): Atw art. 2
        # extends to Tue 13. Belgium has no such rule.
        (date(2026, 1, 9), 3, "days", "NL", date(2026, 1, 12), date(2026, 1, 13)),
        (date(2026, 1, 9), 3, "days", "BE", date(2026, 1, 12), date(2026, 1, 12)),
        # 2 days are too short for art. 2: Sun 11 -> Mon 12.
        (date(2026, 1, 9), 2, "days", "NL", date(2026, 1, 11), date(2026, 1, 12)),
        # 3 days after Thu 2 April 2026 end on Easter Sunday. NL: [Good Friday], Sat, Sun, [Mon], Tue 7
        # is the first open day, Wed 8 the second. BE: Sun -> [Mon] -> Tue 7.
        (date(2026, 4, 2), 3, "days", "NL", date(2026, 4, 5), date(2026, 4, 8)),
        (date(2026, 4, 2), 3, "days", "BE", date(2026, 4, 5), date(2026, 4, 7)),
        # 1 month after 27 Feb 2027 ends on Sat 27 March; Sun 28 is Easter, Mon 29 Easter Monday -> Tue 30.
        (date(2027, 2, 27), 1, "months", "NL", date(2027, 3, 27), date(2027, 3, 30)),
        # A business-day period ending on Good Friday: extended too, Good Friday counts for the Atw.
        (date(2026, 4, 2), 1, "business_days", "NL", date(2026, 4, 3), date(2026, 4, 7)),
    ],
)
def test_extended_periods(start: date, amount: int, unit: str, country: str, plain: date, extended: date) -> None:
    assert add_period(start, amount, unit, country) == plain  # type: ignore[arg-type]
    assert add_period(start, amount, unit, country, extend=True) == extended  # type: ignore[arg-type]
    assert Period(amount, unit).end(start, country, extend=True) == extended  # type: ignore[arg-type]


# -- Period: parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (30, Period(30, "days")),
        ("30", Period(30, "days")),
        ("30 days", Period(30, "days")),
        ("1 day", Period(1, "days")),
        ("10 dagen", Period(10, "days")),
        ("1 dag", Period(1, "days")),
        ("10 business days", Period(10, "business_days")),
        ("10 business day", Period(10, "business_days")),
        ("10 werkdagen", Period(10, "business_days")),
        ("1 werkdag", Period(1, "business_days")),
        ("2 weeks", Period(2, "weeks")),
        ("1 week", Period(1, "weeks")),
        ("2 weken", Period(2, "weeks")),
        ("3 months", Period(3, "months")),
        ("1 month", Period(1, "months")),
        ("3 maanden", Period(3, "months")),
        ("1 maand", Period(1, "months")),
        ("48 hours", Period(48, "hours")),
        ("1 hour", Period(1, "hours")),
        ("48 uur", Period(48, "hours")),
        ("48 uren", Period(48, "hours")),
        ("  30 Days  ", Period(30, "days")),
        ("10 Business Days", Period(10, "business_days")),
        ("10 WERKDAGEN", Period(10, "business_days")),
        ("30\u00a0dagen", Period(30, "days")),  # a no-break space, as pasted from Word
        ("0 days", Period(0, "days")),
        ("3650 days", Period(3650, "days")),
        ("2500 business days", Period(2500, "business_days")),
        ("521 weeks", Period(521, "weeks")),
        ("120 months", Period(120, "months")),
        ("87600 hours", Period(87600, "hours")),
    ],
)
def test_parse_accepts(text: object, expected: Period) -> None:
    assert Period.parse(text) == expected


def test_parse_default_unit_is_for_bare_numbers_only() -> None:
    assert Period.parse("48", default_unit="hours") == Period(48, "hours")
    assert Period.parse(10, default_unit="business_days") == Period(10, "business_days")
    assert Period.parse("10 days", default_unit="hours") == Period(10, "days")


_FORMS = ("30,", "'30 days'", "'1 day'", "'10 business days'", "'2 weeks'", "'3 months'", "'48 hours'")
_DUTCH_FORMS = ("'30 dagen'", "'10 werkdagen'", "'2 weken'", "'3 maanden'", "'48 uur'")


@pytest.mark.parametrize(
    "text",
    [
        "4_8",  # int() would read 48
        "1e3",
        "+30",
        " 30 days days",
        "٣٠",  # Arabic-Indic digits: int() would read 30
        "３０ days",  # full-width digits
        "030",  # a bare 030 in YAML 1.1 is octal 24
        "30.0",
        "1,000 days",
        "1 000 days",
        "thirty days",
        "30days",
        "30 jours",
        "30 business",
        "10 werk dagen",
        "days",
        "",
        "   ",
        30.0,
        True,
        None,
    ],
)
def test_parse_refuses(text: object) -> None:
    with pytest.raises(ValueError, match="is not a period") as error:
        Period.parse(text)
    for form in _FORMS + _DUTCH_FORMS:
        assert form in str(error.value)
    assert "a bare number counts in days" in str(error.value)


@pytest.mark.parametrize("text", ["-30", -30, "-5 days", "-1 werkdag"])
def test_parse_refuses_negative_periods(text: object) -> None:
    with pytest.raises(ValueError, match="cannot be negative") as error:
        Period.parse(text)
    assert "'10 werkdagen'" in str(error.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3651 days", "at most 3650 days"),
        (3651, "at most 3650 days"),
        ("2501 business days", "at most 2500 business days"),
        ("522 weken", "at most 521 weeks"),
        ("121 maanden", "at most 120 months"),
        ("87601 uur", "at most 87600 hours"),
        ("9" * 5000 + " days", "at most 3650 days"),  # more digits than int() accepts
    ],
)
def test_parse_refuses_too_long_periods(text: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Period.parse(text)


def test_parse_message_names_the_default_unit() -> None:
    with pytest.raises(ValueError, match="a bare number counts in hours"):
        Period.parse("4_8", default_unit="hours")


def test_period_is_checked_and_frozen() -> None:
    with pytest.raises(ValueError):
        Period(-1, "days")
    with pytest.raises(ValueError):
        Period(1, "years")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Period(True, "days")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Period(1, "days").amount = 2  # type: ignore[misc]


def test_end() -> None:
    # The brief's example: notice Tue 20 April 2027, 14 business days (see test_business_days).
    assert Period.parse("14 werkdagen").end(date(2027, 4, 20), "NL") == date(2027, 5, 13)
    with pytest.raises(ValueError, match="hours"):
        Period(48, "hours").end(date(2027, 4, 20), "NL")


# -- Period: words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "nl", "en"),
    [
        (Period(30, "days"), "30 dagen", "30 days"),
        (Period(1, "days"), "1 dag", "1 day"),
        (Period(0, "days"), "0 dagen", "0 days"),
        (Period(10, "business_days"), "10 werkdagen", "10 business days"),
        (Period(1, "business_days"), "1 werkdag", "1 business day"),
        (Period(2, "weeks"), "2 weken", "2 weeks"),
        (Period(1, "weeks"), "1 week", "1 week"),
        (Period(3, "months"), "3 maanden", "3 months"),
        (Period(1, "months"), "1 maand", "1 month"),
        (Period(48, "hours"), "48 uur", "48 hours"),
        (Period(1, "hours"), "1 uur", "1 hour"),
        (Period(3650, "days"), "3650 dagen", "3650 days"),
    ],
)
def test_words(period: Period, nl: str, en: str) -> None:
    assert (period.words("nl"), period.words("en")) == (nl, en)
    assert Period.parse(nl) == period == Period.parse(en)


def test_words_with_the_defined_term() -> None:
    defined_nl, defined_en = ("Werkdag", "Werkdagen"), ("Business Day", "Business Days")
    assert Period(10, "business_days").words("nl", business_day=defined_nl) == "10 Werkdagen"
    assert Period(1, "business_days").words("nl", business_day=defined_nl) == "1 Werkdag"
    assert Period(10, "business_days").words("en", business_day=defined_en) == "10 Business Days"
    assert Period(1, "business_days").words("en", business_day=defined_en) == "1 Business Day"
    assert Period(30, "days").words("nl", business_day=defined_nl) == "30 dagen"  # other units unchanged


# -- Period: comparing with a policy range ------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "country", "expected"),
    [
        (Period(30, "days"), "NL", (30, 30)),
        (Period(2, "weeks"), "NL", (14, 14)),
        (Period(0, "business_days"), "NL", (0, 0)),
        # 1 business day: 1 day after a Sunday (or any day before a business day). Longest NL: Fri
        # 22 Dec 2028, [Mon 25, Tue 26], Wed 27 = 5 days; no three closed weekdays join a weekend.
        (Period(1, "business_days"), "NL", (1, 5)),
        # BE: a Friday before a Monday holiday gives 4; its only adjacent weekday holidays, Ascension
        # and 1 May, are Wed-Thu (Easter 24 March) or Thu-Fri only with Easter 22 March (2285).
        (Period(1, "business_days"), "BE", (1, 4)),
        # 10 business days: Sunday start, Mon-Fri, Mon-Fri = 12 days; longest NL 2062 (20 days), BE
        # 2035 (19 days), both counted in test_business_days.
        (Period(10, "business_days"), "NL", (12, 20)),
        (Period(10, "business_days"), "BE", (12, 19)),
        # 1 month: 31 Jan -> 28 Feb = 28 days; 1 July -> 1 Aug = 31 days.
        (Period(1, "months"), "NL", (28, 31)),
        # 3 months: 31 Jan -> 30 April (non-leap) = 28 + 31 + 30 = 89; 1 July -> 1 Oct = 31 + 31 + 30 = 92.
        (Period(3, "months"), "NL", (89, 92)),
        (Period(12, "months"), "NL", (365, 366)),
    ],
)
def test_span_days(period: Period, country: str, expected: tuple[int, int]) -> None:
    assert period.span_days(country) == expected  # type: ignore[arg-type]


def test_span_days_covers_every_start_of_a_year() -> None:
    # Not a hand-computed check: the bounds above must hold for each actual start in 2026-2028.
    for n in (1, 3, 10):
        shortest, longest = Period(n, "business_days").span_days("NL")
        spans = {
            (add_period(date.fromordinal(d), n, "business_days", "NL") - date.fromordinal(d)).days
            for d in range(date(2026, 1, 1).toordinal(), date(2029, 1, 1).toordinal())
        }
        assert shortest <= min(spans) and max(spans) <= longest


def test_span_hours() -> None:
    assert Period(48, "hours").span_hours("NL") == (48, 48)
    # 2 days after an event at 23:59 on day D: 48 hours; after one at 00:00: 72 hours.
    assert Period(2, "days").span_hours("NL") == (48, 72)
    assert Period(1, "business_days").span_hours("NL") == (24, 144)  # 1 to 5 days, plus the event's day
    with pytest.raises(ValueError, match="span_hours"):
        Period(48, "hours").span_days("NL")


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "expected"),
    [
        ("30 days", 14, 90, "days", True),
        ("14 days", 14, 90, "days", True),
        ("13 days", 14, 90, "days", False),
        ("91 days", 14, 90, "days", False),
        ("10 business days", 14, 90, "days", False),  # can end after 12 days (notice on a Sunday)
        ("10 business days", 12, 90, "days", True),
        ("10 business days", 12, 19, "days", False),  # can take 20 days (Easter 2062)
        ("2 weeks", 14, 90, "days", True),
        ("1 month", 30, 90, "days", False),  # February: 28 days
        ("1 month", 28, 31, "days", True),
        ("3 months", 14, 90, "days", False),  # 1 July -> 1 October is 92 days
        ("3 months", 14, 92, "days", True),
        ("48 hours", 0, 48, "hours", True),
        ("49 hours", 0, 48, "hours", False),
        ("2 days", 0, 48, "hours", False),  # up to 72 hours after the event
        ("2 days", 0, 72, "hours", True),
        ("2 days", 48, 72, "hours", True),
        ("48 hours", 2, 2, "days", True),  # compared with days at 24 hours a day
        ("48 hours", 3, 10, "days", False),
    ],
)
def test_within(text: str, low: int, high: int, unit: str, expected: bool) -> None:
    assert Period.parse(text).within(low, high, unit, "NL") is expected  # type: ignore[arg-type]
