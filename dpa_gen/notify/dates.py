"""The dates of one notice: the last day to object, and whether the change leaves the notice period.

The rules, applied to each customer's own terms (``periods.py`` does the counting):

* both periods run from the day after the letter's date (``sent``);
* the objection period is ``subprocessors.objection_days`` when the contract sets it, else
  the notice period; its last day is moved past a Saturday, Sunday or public holiday of the
  calendar's country to the next day that is none (Algemene termijnenwet art. 1 and 2 in
  NL, Gerechtelijk Wetboek art. 53 in BE, applied to the contractual period in the
  customer's favour);
* the change may take effect on the day after both the notice period has run out and, for a
  notice, the objection deadline has passed;
* public holidays are those of the library's ``policy.calendar``: a fixed country, or that of
  the governing law (``BE`` → Belgium; ``NL``, the main agreement's law or none → the
  Netherlands).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from dpa_gen.models.base import Lang
from dpa_gen.models.library import Policy
from dpa_gen.periods import Country, Period, easter_sunday, extend_deadline, public_holidays

_DAY = dt.timedelta(days=1)
Kind = Literal["notice", "request"]


@dataclass(frozen=True)
class NoticeDates:
    """The dates of one letter to one customer."""

    kind: Kind
    sent: dt.date
    effective: dt.date
    calendar: Country
    notice: Period
    objection: Period | None  # None for a request: there is no period to object
    notice_end: dt.date  # the last day of the notice period
    period_end: dt.date | None  # the last day of the objection period as counted
    deadline: dt.date | None  # the last day to object: ``period_end`` moved past non-business days
    earliest: dt.date  # the first day the change may take effect

    @property
    def in_time(self) -> bool:
        """Whether the change's date leaves the customer its full periods."""
        return self.effective >= self.earliest

    @property
    def extended(self) -> bool:
        """Whether the objection deadline was moved past a weekend or holiday."""
        return self.deadline is not None and self.deadline != self.period_end


def calendar_country(policy: Policy, governing_law: object) -> Country:
    """Whose public holidays count: the policy's fixed country, else the governing law's."""
    if policy.calendar in ("NL", "BE"):
        return policy.calendar
    return "BE" if governing_law == "BE" else "NL"


def notice_dates(
    kind: Kind,
    sent: dt.date,
    effective: dt.date,
    notice: Period,
    objection: Period | None,
    calendar: Country,
) -> NoticeDates:
    """Compute the dates; ``ValueError`` for a period in hours (it has no last day)."""
    notice_end = notice.end(sent, calendar)
    period_end = deadline = None
    last = notice_end
    if kind == "notice":
        period = objection or notice
        period_end = period.end(sent, calendar)
        deadline = extend_deadline(period_end, calendar)
        last = max(last, deadline)
    used = (objection or notice) if kind == "notice" else None
    return NoticeDates(kind, sent, effective, calendar, notice, used, notice_end, period_end, deadline, last + _DAY)


def latest_sent(dates: NoticeDates) -> dt.date | None:
    """The last date a letter can be sent for the change to take effect on its date (None: none is)."""
    day = dates.effective - _DAY
    floor = dates.effective - dt.timedelta(days=4000)  # longer than any period periods.py accepts
    while day > floor:
        again = notice_dates(dates.kind, day, dates.effective, dates.notice, dates.objection, dates.calendar)
        if again.in_time:
            return day
        day -= _DAY
    return None  # pragma: no cover - a period is at most ten years


def day_name(day: dt.date, calendar: Country, lang: Lang) -> tuple[str, bool]:
    """Why a day is no business day: its public holiday's name (and True), else its weekday's name.

    Good Friday is named too: the Algemene termijnenwet moves a deadline past it (art. 3 lid 2).
    """
    from dpa_gen.locale import BABEL_LOCALE

    names = public_holidays(calendar, day.year).get(day)
    if names is None and calendar == "NL" and day == easter_sunday(day.year) - 2 * _DAY:
        names = ("Goede Vrijdag", "Good Friday")
    if names is not None:
        return names[0 if lang == "nl" else 1], True
    from babel.dates import format_date

    return str(format_date(day, format="EEEE", locale=BABEL_LOCALE[lang])), False
