"""Dates out: a day, a month, a time of day, a Hijri date and a number as a page shows them, in
either language and digit policy, from our own tables (months.py: never the machine's locale);
and the moment a feed states (a day at its time, in the zone the source or the site names).
"""

from __future__ import annotations

import datetime
import functools
import re

from hijridate import Gregorian

from sitegen.arabic import to_arabic_digits
from sitegen.months import (
    AR_HIJRI_MONTHS,
    AR_MONTH_VARIANTS,
    AR_MONTHS,
    AR_WEEKDAYS,
    DIGITS,
    EN_HIJRI_MONTHS,
    EN_MONTHS,
    EN_WEEKDAYS,
    LANGS,
    MONTH_SYSTEMS,
)


def _check(value: str, allowed: tuple[str, ...], what: str) -> str:
    """Validate a policy argument; lang also accepts a region ('ar-EG' -> 'ar')."""
    if what == "lang":
        value = value.split("-")[0].split("_")[0].lower()
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; expected one of {', '.join(allowed)}")
    return value


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, got {month}")


def format_number(n: int, lang: str, digits: str, *, grouped: bool = False) -> str:
    """A count or page number under the site's digit policy.

    Arabic-Indic digits apply to Arabic pages only: English text always uses Western digits.
    ``grouped``: thousands separated (7,955; ٧٬٩٥٥ with Arabic-Indic digits), for counts; never
    for years.
    """
    lang = _check(lang, LANGS, "lang")
    digits = _check(digits, DIGITS, "digits")
    text = f"{n:,}" if grouped else str(n)
    return to_arabic_digits(text).replace(",", "\u066c") if lang == "ar" and digits == "arabic" else text


def month_name(month: int, lang: str, system: str = "egyptian") -> str:
    """The month's name from our own tables (never the machine's locale)."""
    _check_month(month)
    lang = _check(lang, LANGS, "lang")
    system = _check(system, MONTH_SYSTEMS, "system")
    return AR_MONTHS[system][month - 1] if lang == "ar" else EN_MONTHS[month - 1]


def arabic_month_names() -> tuple[str, ...]:
    """Every Arabic name of a Gregorian month that the tables write or read, as written: search
    makes one word of those that are two words (كانون الثاني) or a common word (آب, أب), which
    it finds among these rather than in a list of its own (sitegen.stemming._MONTH)."""
    names = [*(name for names in AR_MONTHS.values() for name in names), *(v for vs in AR_MONTH_VARIANTS for v in vs)]
    return tuple(dict.fromkeys(names))


def format_date(
    d: datetime.date,
    lang: str,
    *,
    system: str = "egyptian",
    digits: str = "western",
    weekday: bool = True,
) -> str:
    """'الجمعة 19 أبريل 2024' or 'Friday, 19 April 2024' (day first in both languages)."""
    lang = _check(lang, LANGS, "lang")
    day = format_number(d.day, lang, digits)
    year = format_number(d.year, lang, digits)
    text = f"{day} {month_name(d.month, lang, system)} {year}"
    if not weekday:
        return text
    if lang == "ar":
        return f"{AR_WEEKDAYS[d.weekday()]} {text}"
    return f"{EN_WEEKDAYS[d.weekday()]}, {text}"


def format_clock(t: datetime.time, lang: str, *, digits: str = "western") -> str:
    """'10:30' on a 24-hour clock, as a time of day beside a date (no seconds, no zone)."""
    text = f"{t.hour:02d}:{t.minute:02d}"
    lang = _check(lang, LANGS, "lang")
    return to_arabic_digits(text) if lang == "ar" and _check(digits, DIGITS, "digits") == "arabic" else text


def moment(d: datetime.date, t: datetime.time | None = None, zone: datetime.tzinfo | None = None) -> datetime.datetime:
    """A day at its time of day (midnight without one), in the zone the source names, else the
    site's ``zone``, else UTC: what feeds state and what the order within a day compares."""
    clock = t.replace(tzinfo=None) if t is not None else datetime.time()
    return datetime.datetime.combine(d, clock, (t.tzinfo if t is not None else None) or zone or datetime.UTC)


def iso_moment(d: datetime.date, t: datetime.time | None, zone: datetime.tzinfo | None = None) -> str:
    """ISO 8601 of a day, or of a day and its time when it has one: '2024-04-19T10:30:00+03:00'
    with the zone the source names, else the site's ``zone`` (its offset on that day), else
    '2024-04-19T10:30:00', a local time."""
    if t is None:
        return d.isoformat()
    return datetime.datetime.combine(d, t.replace(tzinfo=None), t.tzinfo or zone).isoformat()


_OFFSET_ZONE = re.compile(r"(?:utc|gmt)?\s*(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?", re.IGNORECASE)


def time_zone(name: str) -> datetime.tzinfo:
    """The zone a site's times of day are in: 'UTC', an offset ('+03:00', 'UTC+3') or a name of
    the tz database ('Africa/Cairo', which follows its daylight saving time). Raises ValueError
    with what to write instead."""
    text = name.strip()
    if text.upper() in ("UTC", "GMT", "Z"):
        return datetime.UTC
    if (m := _OFFSET_ZONE.fullmatch(text)) is not None:
        minutes = int(m["h"]) * 60 + int(m["m"] or 0)
        if minutes < 18 * 60 and int(m["m"] or 0) < 60:
            return datetime.timezone(datetime.timedelta(minutes=-minutes if m["sign"] == "-" else minutes))
    elif text.lower() not in ("localtime", "posixrules", "factory"):  # the machine's, or no zone
        import zoneinfo  # here: only sites that name a zone need the tz database

        try:
            return zoneinfo.ZoneInfo(text)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            if "/" in text and not zoneinfo.available_timezones():
                missing = f"no time zone database on this machine to read {name!r}: pip install tzdata"
                raise ValueError(missing) from None
    raise ValueError(f"unknown time zone {name!r}; write a name such as 'Africa/Cairo' or an offset such as '+03:00'")


def format_month(year: int, month: int, lang: str, *, system: str = "egyptian", digits: str = "western") -> str:
    """'أبريل 2024' / 'April 2024', for archive headings."""
    return f"{month_name(month, lang, system)} {format_number(year, lang, digits)}"


def hijri_month_name(month: int, lang: str) -> str:
    """The Hijri month's name ('شوال' / 'Shawwal')."""
    _check_month(month)
    lang = _check(lang, LANGS, "lang")
    return (AR_HIJRI_MONTHS if lang == "ar" else EN_HIJRI_MONTHS)[month - 1]


# A pure function asked again for the same days: an archive's articles share days, and each one's
# Hijri date is wanted on its page, its cards, the Hijri archive and the sitemap (6 µs each).
@functools.lru_cache(maxsize=8192)
def hijri_date(d: datetime.date, offset: int = 0) -> tuple[int, int, int]:
    """(year, month, day) in the Umm al-Qura calendar.

    offset (days) follows a local moon sighting: +1 when the local month began a day before
    Umm al-Qura's, -1 when a day after. It shifts the whole calendar by days, so around a month
    end it cannot produce a local 30th that Umm al-Qura lacks; good enough for a dateline.
    Raises ValueError outside the tables (about 1924-2077).
    """
    try:
        h = Gregorian.fromdate(d + datetime.timedelta(days=offset)).to_hijri()
    except OverflowError as error:
        raise ValueError(f"{d.isoformat()} is outside the Umm al-Qura tables: {error}") from None
    return h.year, h.month, h.day


def format_hijri(d: datetime.date, lang: str, *, digits: str = "western", offset: int = 0) -> str | None:
    """'10 شوال 1445 هـ' / '10 Shawwal 1445 AH'; None outside the supported range, so that a
    template can simply leave the Hijri date out for very old or very new articles."""
    lang = _check(lang, LANGS, "lang")
    try:
        year, month, day = hijri_date(d, offset)
    except ValueError:
        return None
    era = "هـ" if lang == "ar" else "AH"
    return (
        f"{format_number(day, lang, digits)} {hijri_month_name(month, lang)} {format_number(year, lang, digits)} {era}"
    )
