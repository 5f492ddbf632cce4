"""The time of day in a dateline, and its zone: "10:30 ص", "3:15 p.m. EDT",
"2024-04-19T10:30:00+03:00", "10:30 بتوقيت القاهرة". Read with the keys and the update marker of
dates.py (the publication's part of a line only); an offset no clock uses is told apart. Pure.
"""

from __future__ import annotations

import datetime
import functools
import re

from sitegen.dates import HOUR_HALVES, NO_LETTER_AFTER, UPDATE, alternation, match_key

# The part of the day written after a clock (12-hour clocks): "10:30 ص", "3:15 مساءً", "10:30 p.m.",
# and the hours of a 12-hour clock (1 to 12) that it puts after noon. A morning's 12 is midnight;
# the night's small hours are the morning's ("2:00 ليلا" is 02:00, "12:30 ليلا" 00:30), and "11:30
# ظهرا" is just before noon.
_MORNING = ("ص", "صباحا", "صباح", "فجرا", "am", "a.m.", "a.m")
_AFTERNOON = ("م", "مساء", "مساءا", "عصرا", "pm", "p.m.", "p.m")
_NOON = ("ظهرا", "ظهر")
_NIGHT = ("ليلا",)
_HALVES: dict[str, frozenset[int]] = {
    **{match_key(w): frozenset() for w in _MORNING},
    **{match_key(w): frozenset(range(1, 13)) for w in _AFTERNOON},
    **{match_key(w): frozenset({12, 1, 2, 3, 4, 5}) for w in _NOON},
    **{match_key(w): frozenset(range(6, 12)) for w in _NIGHT},
}
# Zones a dateline names by abbreviation or by city, and their offsets from UTC in minutes. Only
# unambiguous ones: "AST" is Arabia's +3 and the Atlantic's -4. "ET" changes with the season: it
# is a zone of the tz database, as a city's time is (_SEASONAL).
_ZONES = {
    "gmt": 0, "utc": 0, "ت.غ": 0, "ت غ": 0, "z": 0, "غرينتش": 0, "جرينتش": 0, "غرينيتش": 0,
    "مكة المكرمة": 180, "مكة": 180, "msk": 180, "eest": 180, "eet": 120, "cest": 120, "cet": 60,
    "bst": 60, "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
    "pst": -480, "pdt": -420, "gst": 240,
}  # fmt: skip
_ZONE_KEYS = {match_key(name): minutes for name, minutes in _ZONES.items()}
# The American zones named without their season, as AP style writes them ("3:15 p.m. ET"): EST or
# EDT, as the day has it.
_SEASONAL = {"et": "America/New_York", "ct": "America/Chicago", "pt": "America/Los_Angeles"}
# Cities whose time a dateline names ("10:30 بتوقيت القاهرة"), as the tz database knows them: their
# offset follows the day (daylight saving time). Not عمان (Amman or Oman?) nor طرابلس (Libya or
# Lebanon?).
_CITIES = {
    "القاهرة": "Africa/Cairo", "القدس": "Asia/Jerusalem", "غزة": "Asia/Gaza", "بيروت": "Asia/Beirut",
    "دمشق": "Asia/Damascus", "بغداد": "Asia/Baghdad", "الرياض": "Asia/Riyadh", "الدوحة": "Asia/Qatar",
    "الكويت": "Asia/Kuwait", "أبوظبي": "Asia/Dubai", "أبو ظبي": "Asia/Dubai", "دبي": "Asia/Dubai",
    "الإمارات": "Asia/Dubai", "مسقط": "Asia/Muscat", "المنامة": "Asia/Bahrain", "صنعاء": "Asia/Aden",
    "الخرطوم": "Africa/Khartoum", "تونس": "Africa/Tunis", "الجزائر": "Africa/Algiers",
    "الرباط": "Africa/Casablanca", "المغرب": "Africa/Casablanca", "نواكشوط": "Africa/Nouakchott",
    "أنقرة": "Europe/Istanbul", "إسطنبول": "Europe/Istanbul", "طهران": "Asia/Tehran", "موسكو": "Europe/Moscow",
    "لندن": "Europe/London", "باريس": "Europe/Paris", "واشنطن": "America/New_York", "نيويورك": "America/New_York",
}  # fmt: skip
_CITY_KEYS = {match_key(name): zone for name, zone in _CITIES.items()}


def is_city(text: str) -> bool:
    """Whether text names a city (or country) that a dateline's clock may name (_CITIES): a place
    known to be one, not a word that only stands where a dateline's place would."""
    return match_key(text) in _CITY_KEYS


_HOUR_HALF_KEYS = frozenset(match_key(w) for w in HOUR_HALVES)
_CLOCK = re.compile(
    r"(?P<at>الساعه\s*)?(?<![\d+\-−:.])(?P<h>\d{1,2})(?::(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?)?(?![\d:])"
    r"(?(m)|(?!\.\d))"  # an hour alone, not that of a time with a dot ("الساعة 10.30"), which is not read
    rf"(?:\s*(?P<half>{alternation(_HALVES)}){NO_LETTER_AFTER})?"
    # the zone: an offset (+03:00, -0800, GMT+3), a name (UTC, EST), or "بتوقيت مكة المكرمة", also
    # in brackets or after a comma ("10:30 ص (بتوقيت مكة المكرمة)" as Al Jazeera writes it, "(GMT)")
    r"(?:[\s,،]*[(\[]?\s*(?:(?P<offset>[+-]\d{2}:?\d{2})(?!\d)"
    rf"|(?:بتوقيت\s+|توقيت\s+)(?P<city>{alternation(_CITY_KEYS)}){NO_LETTER_AFTER}"
    rf"|(?P<seasonal>{alternation(_SEASONAL)}){NO_LETTER_AFTER}(?!\s*[+-]\s*\d)"
    rf"|(?:بتوقيت\s+|توقيت\s+)?(?P<zone>{alternation(_ZONE_KEYS)}){NO_LETTER_AFTER}"
    r"(?:\s*(?P<shift>[+-])\s*(?P<sh>\d{1,2})(?::?(?P<sm>\d{2}))?(?!\d))?))?"
)


@functools.cache
def _city_zone(name: str) -> datetime.tzinfo | None:
    import zoneinfo  # here: only datelines that name a city's time need the tz database

    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def dateline_time(text: str) -> datetime.time | None:
    """The time of day at which a dateline says the article appeared ("الجمعة 19 أبريل 2024 -
    10:30 ص", "2024-04-19T10:30:00+03:00", "April 19, 2024 3:15 p.m. EDT"), with its offset
    from UTC when the line names one; None when it names no time, or only the update's
    ("آخر تحديث 20 أبريل 2024 - 09:00"). Articles of one day are ordered by it, and feeds say
    it. A clock no day has (25:99, 24:00) gives None: parse_date has already said so. An offset
    no clock uses (+25:00, +03:75) is left out, the time kept: impossible_offset names it for a
    warning."""
    read = dateline_clock(text)
    return read[0] if read is not None else None


def impossible_offset(text: str) -> str | None:
    """The UTC offset of a dateline's clock, as written, when no clock uses it: hours beyond
    -12:00 to +14:00 ("+25:00", "GMT+25") or minutes past 59 ("+03:75"); else None. Such an
    offset is a typo that dateline_time leaves out (reading +03:75 as +04:15 would move the
    article unseen): the caller warns, so that the author's offset is not dropped without a word."""
    read = dateline_clock(text)
    return read[1] if read is not None else None


def dateline_clock(text: str) -> tuple[datetime.time, str | None] | None:
    """(dateline_time, impossible_offset) of a dateline from one reading of it; None when it
    names no time."""
    found = _clock(text)
    if found is None:
        return None
    clock, match = found
    fixed = _fixed_offset(match)
    impossible = None
    if fixed is not None and not fixed[1]:
        where = "offset" if match["offset"] is not None else "zone"
        impossible = match.group(0)[match.start(where) - match.start() :].upper()
    return clock.replace(tzinfo=_offset(match)), impossible


def _clock(text: str) -> tuple[datetime.time, re.Match[str]] | None:
    """The time of the publication's clock in a dateline, without its zone, and its match."""
    key = match_key(text)
    marker = UPDATE.search(key)
    if marker is not None:
        key = key[: marker.start()]  # the publication's part; nothing before the marker: none
    # the first clock: hours and minutes, or an hour said to be one ("الساعة 10", "10 صباحا")
    found = next((m for m in _CLOCK.finditer(key) if m["m"] or m["at"] or m["half"] in _HOUR_HALF_KEYS), None)
    if found is None:
        return None
    hour, minute, second = int(found["h"]), int(found["m"] or 0), min(int(found["s"] or 0), 59)
    if found["half"] is not None and 1 <= hour <= 12:
        hour = hour % 12 + (12 if hour in _HALVES[found["half"]] else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return datetime.time(hour, minute, second), found


# Every zone on Earth is between 12 hours behind UTC and 14 ahead of it (Kiribati).
_EARLIEST_OFFSET, _LATEST_OFFSET = -12 * 60, 14 * 60


def _offset(found: re.Match[str]) -> datetime.tzinfo | None:
    """The zone of a clock match: a fixed offset, or a city's zone; None when it names none,
    names one no clock uses (impossible_offset), or the machine has no tz database to know the
    city's."""
    if found["city"] is not None:
        return _city_zone(_CITY_KEYS[found["city"]])
    if found["seasonal"] is not None:
        return _city_zone(_SEASONAL[found["seasonal"]])
    fixed = _fixed_offset(found)
    if fixed is None or not fixed[1]:
        return None
    return datetime.timezone(datetime.timedelta(minutes=fixed[0]))


def _fixed_offset(found: re.Match[str]) -> tuple[int, bool] | None:
    """(minutes east of UTC, whether a clock uses that offset) of a clock match's offset or
    zone name ("+03:00", "EST", "GMT+3"); None when it names neither."""
    if found["offset"] is not None:
        if _time_range(found):
            return None
        digits = found["offset"].replace(":", "")
        hours, minutes, sign, base = int(digits[1:3]), int(digits[3:5]), digits[0], 0
    elif found["zone"] is not None:
        base = _ZONE_KEYS[found["zone"]]
        if found["shift"] is None:
            return base, True
        hours, minutes, sign = int(found["sh"]), int(found["sm"] or 0), found["shift"]  # GMT+3, UTC-05:00
    else:
        return None
    total = base + (-1 if sign == "-" else 1) * (hours * 60 + minutes)
    return total, minutes <= 59 and _EARLIEST_OFFSET <= total <= _LATEST_OFFSET


_ISO_DATE_BEFORE = re.compile(r"(?<![0-9٠-٩۰-۹])[0-9٠-٩۰-۹]{4}-[0-9٠-٩۰-۹]{2}-[0-9٠-٩۰-۹]{2} $")


def _time_range(found: re.Match[str]) -> bool:
    """Whether a clock's "offset" is the end of a span of time ("الساعة 10:00-13:00", "10:00-12:00"):
    written with a minus right after a clock of hours and minutes, not in ISO 8601 form (whose
    time follows a "T", or in RFC 3339 a space after the date: "2024-04-19 01:00-04:00"), and a
    later time of that day. "10:30-05:00" stays an offset."""
    offset = found["offset"]
    if offset[0] != "-" or ":" not in offset or found["s"] is not None or found.end("m") != found.start("offset"):
        return False
    if found.start("h") > 0 and found.string[found.start("h") - 1] in "Tt":
        return False
    if _ISO_DATE_BEFORE.search(found.string, 0, found.start("h")):  # RFC 3339's space for the "T"
        return False
    until = int(offset[1:3]) * 60 + int(offset[4:6])
    return until <= 23 * 60 + 59 and int(offset[4:6]) <= 59 and until > int(found["h"]) * 60 + int(found["m"])
