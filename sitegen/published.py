"""When an article appeared and was last updated, read as its date lines are met. Pure.

Shared by plain text (extract.py) and Markdown (frontmatter.py), so that a date line, a day that
does not exist, a second date or an update before the publication is read and warned about alike.
"""

from __future__ import annotations

import datetime as dt

from sitegen import clock, dates
from sitegen.bylines import byline_and_date
from sitegen.datelines import place_update
from sitegen.model import Diagnostic


class Dates:
    """The publication and update dates of a plain-text article, as its date lines are met."""

    def __init__(self, source: str, notes: list[Diagnostic]):
        self.source = source
        self.notes = notes
        self.date: dt.date | None = None
        self.updated: dt.date | None = None
        self.time: dt.time | None = None  # of the publication date, when its line says it
        self.updated_line: int | None = None
        self.impossible = False  # a date line named a day that does not exist (already warned about)

    def take(self, numbered: tuple[int, str]) -> bool:
        """Whether the line is a date or update line; its dates are the article's unless it
        already has them. A dateline naming a day that does not exist is one too, with a
        warning, so that '31 February 2024' is neither taken for the title nor ignored."""
        n, line = numbered
        warned = False
        try:
            found, found_update = dates.parse_dateline(line)
        except dates.InvalidDate as exc:
            # The other part of the line stands: "19 April 2024 - updated 31 April 2024" is dated.
            warned = True
            if exc.update:
                message = f"impossible update date {line!r} ({exc}); no update date is shown (correct the update line)"
                found, found_update = exc.date, None
            else:
                message = f"impossible date {line!r} ({exc}); the article is listed as undated (correct the date line)"
                found, found_update = None, exc.date
                self.impossible = True
            self.notes.append(Diagnostic(self.source, message, n))
        if found is None and found_update is None:
            return warned
        day = found or found_update
        if day is not None and (named := dates.weekday_mismatch(line, day)) is not None:
            actual = day.weekday()
            message = (
                f"the date line {line!r} names {dates.weekday_name(named, 'ar')} ({dates.weekday_name(named, 'en')}), "
                f"but {day.isoformat()} was a {dates.weekday_name(actual, 'ar')} ({dates.weekday_name(actual, 'en')}); "
                "the date is used as written (correct the day or the weekday)"
            )
            self.notes.append(Diagnostic(self.source, message, n))
        if found is not None and (hijri := dates.hijri_mismatch(line, found)) is not None:
            message = (
                f"the date line {line!r} names the Hijri day {hijri[0]} ({hijri[1].isoformat()} in Umm al-Qura), "
                f"{abs((hijri[1] - found).days)} days from {found.isoformat()}; the Gregorian date is used "
                "(correct one of them)"
            )
            self.notes.append(Diagnostic(self.source, message, n))
        if found is not None and self.time is None and self.date in (None, found):  # a repeat may add the time
            self.time = self.time_of(line, n)
        self.date = self._first(self.date, found, n, "date")
        if found_update is not None and self.updated is None:
            self.updated_line = n
        self.updated = self._first(self.updated, found_update, n, "update")
        return True

    def place(self, day: dt.date, numbered: tuple[int, str]) -> None:
        """The day (and time) of a dateline with a place ("القاهرة في 19 أبريل 2024 الساعة 10:30"),
        and its update's (place_update), unless the article has them already. A date line's day
        stands over a dateline of another: sites post wire copy a day or so after its dateline, so
        this is said as a note, which --strict does not count, not as a warning that would fire on
        every such article."""
        try:
            update = place_update(numbered[1]) if self.updated is None else None
        except dates.InvalidDate as exc:  # said as for an update line (take)
            update = None
            message = f"impossible update date {numbered[1]!r} ({exc}); no update date is shown (correct the dateline)"
            self.notes.append(Diagnostic(self.source, message, numbered[0]))
        if update is not None:
            self.updated, self.updated_line = update, numbered[0]
        if self.date is None:
            self.date, self.time = day, self.time_of(numbered[1], numbered[0])
        elif day != self.date:
            message = (
                f"the dateline {numbered[1]!r} names {day.isoformat()}, not the date line's "
                f"{self.date.isoformat()}, which is used as the day the article was posted"
            )
            self.notes.append(Diagnostic(self.source, message, numbered[0], level="info"))

    def time_of(self, text: str, line: int | None) -> dt.time | None:
        """The time of day of a date line that gives the article its date (time_of_day)."""
        return time_of_day(text, self.source, line, self.notes)

    def impossible_place(self, numbered: tuple[int, str], impossible: dates.InvalidDate) -> None:
        """A dateline with a place that names a day that does not exist, kept as the byline."""
        n, line = numbered
        self.impossible = self.date is None
        message = f"impossible date in the dateline {line!r} ({impossible}); it is kept as the byline"
        message += ", and the article is listed as undated" * self.impossible
        self.notes.append(Diagnostic(self.source, message, n))

    def byline(self, numbered: tuple[int, str]) -> str | None:
        """The byline of a line that holds a byline and a date (byline_and_date), whose date
        is taken as take() takes a date line; None for any other line."""
        n, line = numbered
        found = byline_and_date(line)
        if found is None:
            return None
        self.take((n, found[1]))
        return found[0]

    def _first(self, date: dt.date | None, found: dt.date | None, line: int, kind: str) -> dt.date | None:
        """The first date once another line of its kind is found. A second date line is not
        shown on the page, so a different day is reported, never dropped unseen."""
        if date is not None and found is not None and found != date:
            self.notes.append(
                Diagnostic(self.source, f"several {kind} lines; using the first, {date.isoformat()}", line)
            )
        return date or found


def time_of_day(text: str, source: str, line: int | None, notes: list[Diagnostic]) -> dt.time | None:
    """The time of day of a date line or date value (clock.dateline_time), with a warning when
    it names a UTC offset no clock uses ("+25:00", "+03:75"): the offset is left out and the
    time kept, and the author is told which offset was ignored, never left to find a wrong
    hour in a feed."""
    read = clock.dateline_clock(text)  # the time and an impossible offset, from one reading
    if read is None:
        return None
    found, offset = read
    if offset is not None:
        message = (
            f"the UTC offset {offset!r} in {text!r} is impossible (an offset runs from -12:00 to +14:00 with "
            f"minutes 00 to 59, such as '+03:00'); it is ignored and the time {found:%H:%M} is kept as if "
            "written without an offset (correct the offset)"
        )
        notes.append(Diagnostic(source, message, line))
    return found


def check_update(
    date: dt.date | None, updated: dt.date | None, source: str, line: int | None, notes: list[Diagnostic]
) -> None:
    """An article cannot change before it appeared: one of the two dates is mistyped."""
    if date is not None and updated is not None and updated < date:
        notes.append(
            Diagnostic(
                source,
                f"the update date {updated.isoformat()} is before the publication date {date.isoformat()}; "
                "both are shown as written, feeds and the sitemap use the publication date (correct one of them)",
                line,
            )
        )
