"""The deadlines of ``dpa-gen notify`` against a calendar worked out by hand.

Every expected date is a literal with the count that gives it; none is computed by the code
under test. Anchors: 1 January 2027 is a Friday, so 26 February 2027 and 25 December 2026 are
Fridays; Easter 2027 is Sunday 28 March (Good Friday 26 March, Easter Monday 29 March);
King's Day is Tuesday 27 April 2027; Ascension is Thursday 6 May 2027 (Easter + 39); Whit
Monday is 17 May 2027. 2027 is no leap year: February has 28 days.
"""

from __future__ import annotations

from datetime import date

import pytest

from dpa_gen.models.library import Policy
from dpa_gen.notify.dates import calendar_country, day_name, latest_sent, notice_dates
from dpa_gen.periods import Country, Period

FRI_26_FEB_2027 = date(2027, 2, 26)
LATE = date(2027, 12, 1)  # an effective date well after every period below


def days(n: int) -> Period:
    return Period(n, "days")


def business(n: int) -> Period:
    return Period(n, "business_days")


@pytest.mark.parametrize(
    ("period", "calendar", "period_end", "deadline"),
    [
        # 14 days: Fri 26 Feb + 14 = Fri 12 Mar, a working day: no move.
        (days(14), "NL", date(2027, 3, 12), date(2027, 3, 12)),
        # 15 days: Sat 13 Mar -> Sun 14 -> Mon 15 Mar.
        (days(15), "NL", date(2027, 3, 13), date(2027, 3, 15)),
        # 28 days: 26 Feb + 2 = 28 Feb, + 26 = Fri 26 Mar, Good Friday. The Algemene termijnenwet
        # (art. 3 lid 2) moves past it: Sat 27, Sun 28 (Easter), Mon 29 (Easter Monday) -> Tue 30 Mar.
        (days(28), "NL", date(2027, 3, 26), date(2027, 3, 30)),
        # Belgium has no Good Friday holiday: Fri 26 Mar stays.
        (days(28), "BE", date(2027, 3, 26), date(2027, 3, 26)),
        # 30 days: Sun 28 Mar (Easter) -> Mon 29 (Easter Monday, in both countries) -> Tue 30 Mar.
        (days(30), "NL", date(2027, 3, 28), date(2027, 3, 30)),
        (days(30), "BE", date(2027, 3, 28), date(2027, 3, 30)),
        # 60 days: 28 Feb is +2, 31 Mar is +33, + 27 = Tue 27 Apr: King's Day -> Wed 28 Apr.
        (days(60), "NL", date(2027, 4, 27), date(2027, 4, 28)),
        # No King's Day in Belgium: Tue 27 Apr stays.
        (days(60), "BE", date(2027, 4, 27), date(2027, 4, 27)),
        # 69 days: 27 Apr + 9 = Thu 6 May, Ascension -> Fri 7 May (both countries).
        (days(69), "NL", date(2027, 5, 6), date(2027, 5, 7)),
        (days(69), "BE", date(2027, 5, 6), date(2027, 5, 7)),
        # 80 days: Mon 17 May, Whit Monday -> Tue 18 May.
        (days(80), "BE", date(2027, 5, 17), date(2027, 5, 18)),
        # 10 business days: Mon 1 - Fri 5 Mar (5), Mon 8 - Fri 12 Mar (10).
        (business(10), "NL", date(2027, 3, 12), date(2027, 3, 12)),
        # 20 business days: Mon 15 - Fri 19 (15), Mon 22 - Fri 26 Mar (20). Good Friday is counted
        # (it is no "algemeen erkende feestdag"), but a deadline is moved past it: Tue 30 Mar.
        (business(20), "NL", date(2027, 3, 26), date(2027, 3, 30)),
        (business(20), "BE", date(2027, 3, 26), date(2027, 3, 26)),
        # 42 business days: after Fri 26 Mar (20) Easter Monday 29 Mar is skipped; Tue 30 (21),
        # Wed 31 (22), Thu 1 (23), Fri 2 (24), Mon 5 (25) ... Fri 9 (29), Mon 12 - Fri 16 (34),
        # Mon 19 - Fri 23 (39), Mon 26 (40); NL skips King's Day Tue 27: Wed 28 (41), Thu 29 Apr (42).
        (business(42), "NL", date(2027, 4, 29), date(2027, 4, 29)),
        # BE counts Tue 27 Apr: Tue 27 (41), Wed 28 Apr (42).
        (business(42), "BE", date(2027, 4, 28), date(2027, 4, 28)),
    ],
)
def test_objection_deadline_from_friday_26_february_2027(
    period: Period, calendar: Country, period_end: date, deadline: date
) -> None:
    dates = notice_dates("notice", FRI_26_FEB_2027, LATE, days(90), period, calendar)
    assert (dates.period_end, dates.deadline) == (period_end, deadline)
    assert dates.extended == (period_end != deadline)


@pytest.mark.parametrize(
    ("sent", "period", "calendar", "deadline"),
    [
        # Wed 25 Nov 2026 + 30 days = Fri 25 Dec, Christmas -> Sat 26 (Boxing Day in NL) -> Sun 27
        # -> Mon 28 Dec, in both countries.
        (date(2026, 11, 25), days(30), "NL", date(2026, 12, 28)),
        (date(2026, 11, 25), days(30), "BE", date(2026, 12, 28)),
        # 27 business days from Wed 25 Nov 2026: Thu 26, Fri 27 (2), Mon 30 Nov - Fri 4 Dec (7),
        # 7-11 Dec (12), 14-18 Dec (17), 21-24 Dec (21), [Fri 25 Christmas, weekend], Mon 28 -
        # Thu 31 Dec (25), [Fri 1 Jan New Year's Day, weekend], Mon 4 (26), Tue 5 Jan 2027 (27).
        (date(2026, 11, 25), business(27), "NL", date(2027, 1, 5)),
        # 10 business days from Fri 30 Oct 2026 (Sun 1 Nov is All Saints' Day anyway): Mon 2 -
        # Fri 6 Nov (5), Mon 9 (6), Tue 10 (7); BE skips Wed 11 Nov, Armistice Day: Thu 12 (8),
        # Fri 13 (9), Mon 16 Nov (10). NL counts it: Wed 11 (8), Thu 12 (9), Fri 13 Nov (10).
        (date(2026, 10, 30), business(10), "BE", date(2026, 11, 16)),
        (date(2026, 10, 30), business(10), "NL", date(2026, 11, 13)),
    ],
)
def test_objection_deadline_around_christmas_and_armistice(
    sent: date, period: Period, calendar: Country, deadline: date
) -> None:
    assert notice_dates("notice", sent, LATE, days(90), period, calendar).deadline == deadline


def test_the_change_may_take_effect_the_day_after_the_later_of_notice_and_deadline() -> None:
    # Notice 30 days from Fri 26 Feb: ends Sun 28 Mar; objecting within the same 30 days runs to
    # Tue 30 Mar (Easter Monday in between), so the change may take effect on Wed 31 Mar.
    dates = notice_dates("notice", FRI_26_FEB_2027, date(2027, 3, 31), days(30), None, "NL")
    assert (dates.notice_end, dates.deadline, dates.earliest) == (
        date(2027, 3, 28),
        date(2027, 3, 30),
        date(2027, 3, 31),
    )
    assert dates.in_time
    assert not notice_dates("notice", FRI_26_FEB_2027, date(2027, 3, 30), days(30), None, "NL").in_time
    # A request has no period to object: only the notice counts, Mon 29 Mar is possible.
    request = notice_dates("request", FRI_26_FEB_2027, date(2027, 3, 29), days(30), None, "NL")
    assert (request.deadline, request.earliest, request.in_time) == (None, date(2027, 3, 29), True)


def test_the_last_day_to_send() -> None:
    # For a change on Wed 31 Mar with 30 days' notice: sent Sun 28 Feb, the period ends Tue 30 Mar
    # (no move); sent Mon 1 Mar, it ends Wed 31 Mar: too late. Sent Sat 27 Feb it would end on
    # Easter Monday and move to Tue 30 Mar: still in time. So the last day is Sun 28 Feb.
    dates = notice_dates("notice", date(2027, 3, 10), date(2027, 3, 31), days(30), None, "NL")
    assert not dates.in_time
    assert latest_sent(dates) == date(2027, 2, 28)


def test_whose_holidays_count() -> None:
    governing = Policy.model_construct(calendar="governing_law")
    assert calendar_country(governing, "BE") == "BE"
    assert calendar_country(governing, "NL") == "NL"
    assert calendar_country(governing, "main_agreement") == "NL"  # documented: the Dutch calendar
    assert calendar_country(governing, None) == "NL"
    assert calendar_country(Policy.model_construct(calendar="BE"), "NL") == "BE"


def test_day_names_say_why_a_deadline_moved() -> None:
    assert day_name(date(2027, 3, 26), "NL", "nl") == ("Goede Vrijdag", True)
    assert day_name(date(2027, 4, 27), "NL", "en") == ("King's Day", True)
    assert day_name(date(2027, 3, 13), "NL", "nl") == ("zaterdag", False)
    assert day_name(date(2027, 3, 13), "BE", "en") == ("Saturday", False)
    assert day_name(date(2026, 11, 11), "BE", "nl") == ("Wapenstilstand", True)
