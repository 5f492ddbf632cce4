"""Finding dates: Gregorian in every Arabic month system, Hijri, English (dateformat.py writes them).

Arabic news sites write one date in many ways: three families of month names (Egyptian/Gulf
"أبريل", Levantine/Iraqi "نيسان", Maghrebi "أفريل"), hamza and yeh spelling variants, Arabic-Indic
or Persian digits, numeric dates in day-first order, and datelines decorated with a weekday, a
time and a Hijri date. Everything here is a pure function over compiled regular expressions and
lookup tables keyed by :func:`sitegen.arabic.normalize_key`, so spelling variants are handled by
normalisation instead of by listing every spelling, nothing depends on the machine's locale, and
scanning the first lines of every article of a large archive stays cheap.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterable, Iterator

from hijridate import Hijri

from .arabic import normalize_key
from .months import (
    AR_HIJRI_MONTHS,
    AR_LIBYAN_MONTHS,
    AR_MONTH_VARIANTS,
    AR_MONTHS,
    AR_WEEKDAYS,
    EN_HIJRI_MONTHS,
    EN_MONTH_ABBREVIATIONS,
    EN_MONTHS,
    EN_WEEKDAYS,
    HIJRI_VARIANTS,
)

__all__ = [
    "InvalidDate",
    "date_line",
    "dateline_dates",
    "is_update",
    "names_month",
    "names_weekday",
    "parse_date",
    "parse_dateline",
]


class InvalidDate(ValueError):
    """A date-shaped text naming a day that does not exist (31 February).

    Of a dateline with an update part (parse_dateline), ``update`` tells that the update's day
    is the impossible one, and ``date`` the other part's day when that one exists: "19 April
    2024 - updated 31 April 2024" keeps its publication date."""

    def __init__(self, reason: str, *, update: bool = False, date: datetime.date | None = None):
        super().__init__(reason)
        self.update = update
        self.date = date


# --- Lookups keyed by normalize_key ----------------------------------------------------------


_DROP_APOSTROPHES = str.maketrans("", "", "'’‘ʼʿʾ`")


@functools.lru_cache(maxsize=256)  # _dateline keys the text that _scan has just keyed
def match_key(text: str) -> str:
    """Our matching key: normalize_key plus dropping apostrophes (Rabi' / Rabi / Rabiʿ)."""
    return normalize_key(text).translate(_DROP_APOSTROPHES)


def _lookup(groups: Iterable[Iterable[str]]) -> dict[str, int]:
    """{normalised spelling: month number} from twelve groups of spellings."""
    table: dict[str, int] = {}
    for number, names in enumerate(groups, start=1):
        for name in names:
            table[match_key(name)] = number
    return table


_GREGORIAN_MONTHS = _lookup(
    (
        *(names[m] for names in AR_MONTHS.values()),
        *AR_MONTH_VARIANTS[m],
        EN_MONTHS[m],
        *EN_MONTH_ABBREVIATIONS[m],
    )
    for m in range(12)
)
# ... and in a date, between a day and a year, also Libya's names, which are common words too.
_DATE_MONTHS = {**_GREGORIAN_MONTHS, **_lookup(AR_LIBYAN_MONTHS)}
_HIJRI_MONTHS = _lookup((AR_HIJRI_MONTHS[m], EN_HIJRI_MONTHS[m], *HIJRI_VARIANTS[m]) for m in range(12))
_JOINERS = str.maketrans("", "", " -")
# What a month name's space or hyphen may be written as, as search reads a month of two words
# (sitegen.stemming._JOINER): whitespace, or a hyphen with or without whitespace around it
# (U+2010 and U+2011 are a word processor's hyphens); or nothing, as a tatweel joins the words
# (كانونـالثاني, تشرينـأول), which match_key drops. A dash (—, --) is no hyphen.
_NAME_JOINER = r"(?:\s*[-\u2010\u2011]\s*|\s+)?"
_MATCHED_JOINERS = re.compile(r"[\s\-\u2010\u2011]")


def _compact(table: dict[str, int]) -> dict[str, int]:
    """The table keyed without spaces and hyphens: the patterns let a name's space match a
    hyphen and a hyphen match a space or nothing ("كانون-الأول", "Dhu al Hijjah"), so the name
    as matched is looked up this way."""
    compact: dict[str, int] = {}
    for name, month in table.items():
        if compact.setdefault(name.translate(_JOINERS), month) != month:
            raise AssertionError(f"two months are spelled {name!r} but for spaces and hyphens")
    return compact


_GREGORIAN_BY_NAME = _compact(_DATE_MONTHS)
_HIJRI_BY_NAME = _compact(_HIJRI_MONTHS)


def _month(table: dict[str, int], matched: str) -> int:
    """The number of a month name as a pattern matched it (already keyed: see _compact)."""
    return table[_MATCHED_JOINERS.sub("", matched)]


def alternation(keys: Iterable[str]) -> str:
    """A regex alternation of normalised names, longest first, spaces also matching '-'."""
    ordered = sorted(set(keys), key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", "[ -]").replace(r"\-", "[ -]?") for k in ordered)


def _month_alternation(keys: Iterable[str]) -> str:
    """alternation of month names, a space or a hyphen in a name matching any _NAME_JOINER."""
    ordered = sorted(set(keys), key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", _NAME_JOINER).replace(r"\-", _NAME_JOINER) for k in ordered)


# Letters (not digits) must not touch a name: "أبريل2024" and "19أبريل" are fine, "مارسيليا" is not.
NO_LETTER_BEFORE = r"(?<![^\W\d])"
NO_LETTER_AFTER = r"(?![^\W\d])"

# --- Regular expressions over the normalised key ---------------------------------------------

_SEP = r"[\s\-–—‐‑−,،/.]*"
_ORDINAL = r"(?:st|nd|rd|th)?"
_OF = r"(?:(?:من|of)\s+)?(?:شهر\s+)?"  # 19 من أبريل, 19 من شهر أبريل, 19th of April
_YEAR_WORD = r"(?:(?:سنه|عام)\s+)?"  # 19 أبريل سنة 2024, 19 أبريل عام 2024
_YEAR = r"(\d{4})(?!\d)"


def _month_pair(n: int) -> str:
    """One month name, optionally doubled: 'أبريل/نيسان', 'نيسان (أبريل)', 'April-Nisan'."""
    one = NO_LETTER_BEFORE + "(?:" + _month_alternation(_DATE_MONTHS) + ")" + NO_LETTER_AFTER
    return (
        f"(?P<ma{n}>{one})"
        rf"(?:\s*[/\-–—]\s*(?P<mb{n}>{one})|\s*\(\s*(?P<mc{n}>{one})\s*\))?\.?"
    )


_GREGORIAN = (
    # 19 أبريل 2024, 19th of April, 2024
    rf"(?<!\d)(?P<d1>\d{{1,2}}){_ORDINAL}{_SEP}{_OF}{_month_pair(1)}{_SEP}{_YEAR_WORD}(?P<y1>\d{{4}})(?!\d)"
    # April 19, 2024
    rf"|{_month_pair(2)}{_SEP}(?<!\d)(?P<d2>\d{{1,2}}){_ORDINAL}{_SEP}(?P<y2>\d{{4}})(?!\d)"
    # 2024-04-19, 2024/04/19, ISO 8601 with time and offset; a slash may stand between spaces,
    # as Arabic papers set it ("19 / 4 / 2024"), the same both times
    r"|(?<!\d)(?<!\d[./])(?P<y3>\d{4})(?P<s3>[-/.]|\s/\s)(?P<m3>\d{1,2})(?P=s3)(?P<d3>\d{1,2})"
    r"(?!\d|(?P=s3)\d)(?:t\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|\s?[+-]\d{2}:?\d{2}(?!\d))?)?"
    # 19/4/2024, 19-04-2024, 19.4.2024 (day first)
    r"|(?<!\d)(?<!\d[./])(?P<d4>\d{1,2})(?P<s4>[-/.]|\s/\s)(?P<m4>\d{1,2})(?P=s4)(?P<y4>\d{4})"
    r"(?!\d|(?P=s4)\d)"
)

# هـ (هجرية، للهجرة), or ھ as a Persian or Urdu keyboard types it (U+06BE, which match_key keeps)
_HIJRI_MARK = r"(?:\s*(?:هجريه|هجري|للهجره|ه|\u06be|a\.?h\.?)" + NO_LETTER_AFTER + ")"
_HIJRI_NAME = NO_LETTER_BEFORE + "(?:" + _month_alternation(_HIJRI_MONTHS) + ")" + NO_LETTER_AFTER
_HIJRI = (
    rf"(?<!\d)(?P<d1>\d{{1,2}}){_SEP}{_OF}(?P<m1>{_HIJRI_NAME}){_SEP}{_YEAR_WORD}(?P<y1>\d{{3,4}})(?!\d)"
    rf"{_HIJRI_MARK}?"
    # numeric Hijri dates need the marker: 10/10/1445 هـ, 1445/10/10 هـ
    rf"|(?<!\d)(?P<d2>\d{{1,2}})(?P<s2>[-/.])(?P<m2>\d{{1,2}})(?P=s2)(?P<y2>1[3-5]\d\d){_HIJRI_MARK}"
    rf"|(?<!\d)(?P<y3>1[3-5]\d\d)(?P<s3>[-/.])(?P<m3>\d{{1,2}})(?P=s3)(?P<d3>\d{{1,2}}){_HIJRI_MARK}"
)

# What a dateline may contain besides its date: weekdays, filler words, times, time zones and
# punctuation. Words are matched whole; digits may touch them ("2024م", "10:30ص").
_NOISE_WORDS = (
    # Arabic weekdays, with and without the article
    *(w for day in AR_WEEKDAYS for w in (day, day[2:])),
    "الإثنين", "الاتنين", "الثلاثا", "الأربعا",
    # English weekdays and abbreviations
    *EN_WEEKDAYS, "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    # filler
    "في", "يوم", "الموافق", "موافق", "بتاريخ", "تاريخ", "التاريخ", "النشر", "نشر", "نشرت",
    "منشور", "تم", "آخر", "اخر", "تحديث", "التحديث", "محدث", "تعديل", "التعديل",
    "published", "updated", "update", "last", "posted", "on", "at", "date", "dated", "of",
    "modified", "created", "edited",
    # time of day, era, zones
    "الساعة", "ساعة", "صباحا", "صباح", "مساء", "مساءا", "ظهرا", "ظهر", "عصرا", "ليلا", "فجرا",
    "ص", "م", "ميلادي", "ميلادية", "am", "pm", "a.m.", "p.m.", "a.m", "p.m",
    "gmt", "utc", "ت.غ", "ت غ", "مكة المكرمة", "بتوقيت", "توقيت",
    "et", "est", "edt", "ct", "cst", "cdt", "pt", "pst", "pdt", "bst", "cet", "cest", "eet", "eest",
    "ast", "msk", "gst", "على الساعة",
)  # fmt: skip
# How long ago a page was changed, as news sites show it ("Updated 2 hours ago", "منذ 3 ساعات"):
# no day, so it says nothing, but it must not stop the line from being a dateline.
_AGO_UNITS = ("minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days")
# From 11 on the unit is singular ("منذ 11 ساعة", "منذ 20 دقيقة"), a day with alif ("منذ 15 يوما").
_AR_AGO_UNITS = ("دقيقة", "دقائق", "ساعة", "ساعات", "يوم", "أيام", "يوما")
# ... and in Arabic one or two of a unit without a number: "منذ ساعة", "منذ ساعتين", "منذ يومين".
_AR_AGO_WORDS = ("دقيقة", "دقيقتين", "دقيقتان", "ساعة", "ساعتين", "ساعتان", "يوم", "يومين", "يومان")
# Weeks, months and years ago ("منذ 3 أشهر", "منذ أسبوعين", "2 weeks ago", "a year ago"): the same, but
# between paragraphs also the heading of a section of a timeline (is_relative_time's long_ago). In
# Arabic, from 11 on the unit is singular with alif ("منذ 11 شهرا").
_LONG_AGO_UNITS = ("week", "weeks", "wk", "wks", "month", "months", "year", "years", "yr", "yrs")
_AR_LONG_AGO_UNITS = (
    "أسبوع", "أسابيع", "أسبوعا", "شهر", "أشهر", "شهور", "شهرا", "سنة", "سنوات", "سنين", "عام", "أعوام", "عاما",
)  # fmt: skip
_AR_LONG_AGO_WORDS = (
    "أسبوع", "أسبوعين", "أسبوعان", "شهر", "شهرين", "شهران", "سنة", "سنتين", "سنتان", "عام", "عامين", "عامان",
)  # fmt: skip


def _ago(units: tuple[str, ...], ar_units: tuple[str, ...], ar_words: tuple[str, ...]) -> str:
    """How long ago, in units: "2 hours ago", "an hour ago", "منذ 3 ساعات", "منذ ساعتين"."""
    return (
        rf"(?:(?<!\d)\d{{1,3}} ?|{NO_LETTER_BEFORE}(?:an?|one) )(?:{alternation(units)}) ago{NO_LETTER_AFTER}"
        rf"|{NO_LETTER_BEFORE}منذ (?:\d{{1,3}} ?(?:{alternation(match_key(w) for w in ar_units)})"
        rf"|{alternation(match_key(w) for w in ar_words)}){NO_LETTER_AFTER}"
    )


_RECENTLY = _ago(_AGO_UNITS, _AR_AGO_UNITS, _AR_AGO_WORDS)
_LONG_AGO = _ago(_LONG_AGO_UNITS, _AR_LONG_AGO_UNITS, _AR_LONG_AGO_WORDS)
_AGO = f"{_RECENTLY}|{_LONG_AGO}"
# ... but not before a number: "منذ يوم 7 أكتوبر 2023" is "since the day of 7 October 2023", text.
_SINCE_THE_DAY = re.compile(
    rf"{NO_LETTER_BEFORE}منذ (?:{alternation(match_key(w) for w in (*_AR_AGO_WORDS, *_AR_LONG_AGO_WORDS))})\W*\d"
)
# The parts of the day that may follow an hour written without minutes ("10 صباحا", "3 pm", "10 ص").
# ص and م also follow a year ("2024م"), but an hour is one or two digits with no digit beside them.
HOUR_HALVES = (
    "صباحا", "صباح", "مساء", "مساءا", "ظهرا", "ظهر", "عصرا", "ليلا", "فجرا", "ص", "م", "am", "pm", "a.m.", "p.m.",
)  # fmt: skip
_NOISE = (
    NO_LETTER_BEFORE
    + "(?:"
    + alternation(match_key(w) for w in _NOISE_WORDS)
    + ")"
    + NO_LETTER_AFTER
    # the zone named after بتوقيت: one or two words (القاهرة, مكة المكرمة, غرينتش)
    + r"(?:(?<=توقيت)(?: [^\W\d]+){1,2})?"
    + r"|(?<!\d)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?!\d)"  # 10:30, 10:30:00
    + r"|(?<![\d.:])(?:[01]?\d|2[0-3])\.[0-5]\d(?![\d.:])"  # 09.30, as British papers write it
    # an hour without minutes: "الساعة 10", "10 صباحا", "3 pm"
    + r"|(?<=الساعه)\s*\d{1,2}(?![\d:]|\.\d)"  # not "الساعة 10.30", a dot time (above)
    + rf"|(?<![\d.:/\-])\d{{1,2}}(?!\d)(?=\s*(?:{alternation(match_key(w) for w in HOUR_HALVES)}){NO_LETTER_AFTER})"
    + r"|(?<=gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?(?!\d)|\+\d{1,2}(?::?\d{2})?(?!\d)"  # GMT+3
    + r"|[+-]\d{2}:\d{2}(?!\d)"  # -05:00
    + r"|(?<=\d:\d\d)\s*-\d{4}(?!\d)"  # 23:30:00 -0800 (Jekyll, RFC 2822): after a time only
    + f"|{_AGO}"
    + r"|[\s\-–—‐‑−,،/|:.؛;()\[\]{}•·]+"
)
_TWO_NUMBERS = re.compile(r"\d\D+\d")


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The Hijri, Gregorian and noise patterns, compiled when a line is first read as a date:
    compiling them takes ~20 ms, which a process that only formats dates (a build whose edited
    files a forked child parses) need not spend."""
    return re.compile(_HIJRI), re.compile(_GREGORIAN), re.compile(_NOISE)


def prepare() -> None:
    """Compile the date patterns now: a session with time to spare does it before the first edit."""
    _patterns()


# The words that open the update part of a dateline ("آخر تحديث: 20 أبريل 2024", "Updated: ...").
_UPDATE_WORDS = (
    "آخر تحديث", "تاريخ التحديث", "تم التحديث", "تم تحديث", "تحديث", "التحديث", "محدث",
    "آخر تعديل", "تاريخ التعديل", "تم التعديل", "تعديل", "التعديل",
    "last updated", "last update", "updated", "update", "last modified", "modified", "last edited", "edited",
)  # fmt: skip
UPDATE = re.compile(NO_LETTER_BEFORE + "(?:" + alternation(match_key(w) for w in _UPDATE_WORDS) + ")" + NO_LETTER_AFTER)
# The labels news sites and content systems put before an article's date that are more than
# filler words (_NOISE_WORDS): "تاريخ الخبر: 19 أبريل 2024", "Publication date: April 19, 2024". Read
# only at the start of a line (_DATE_LABEL), so that no other line grows more ways to be a
# dateline: as noise words anywhere in it, "الخبر" or "article" would let prose through. Each names
# the article itself, its publication or its addition to the site; "تاريخ" or "date" with another
# noun names another day ("تاريخ الانتخابات", "Election date"). Not "Release date", "تاريخ الإصدار":
# in a review's facts the film's, book's or product's day.
_LABEL_PHRASES = (
    *(f"تاريخ {noun}" for noun in ("الخبر", "المقال", "المقالة", "الموضوع", "الإضافة")),
    *(f"تاريخ نشر {noun}" for noun in ("الخبر", "المقال", "المقالة", "الموضوع")),
    "أضيف", "أضيفت", "صدر", "صدرت",  # + في, بتاريخ, يوم (noise words): "أضيف في:", "صدر بتاريخ:"
    "publication date", "date of publication", "publish date", "story date", "article date",
    "first published", "originally published",
)  # fmt: skip
_DATE_LABEL = re.compile(r"\s*(?:" + alternation(match_key(w) for w in _LABEL_PHRASES) + ")" + NO_LETTER_AFTER)
# A time of day in a dateline (10:30, 10:30:00, T10:30 in ISO 8601); not a zone offset (+03:00).
_TIME = re.compile(r"(?<![\d+\-−])(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?!\d)")

# A dateline is short; longer text is prose that mentions a date. Counted after normalisation,
# generous enough for a weekday, two dates, a Hijri date, a time and a zone.
_MAX_DATELINE = 200


# --- Parsing -------------------------------------------------------------------------------------


def _gregorian_parts(m: re.Match[str]) -> tuple[int, int, int] | None:
    """(year, month, day) of a Gregorian match if it is date-shaped, else None."""
    named = False
    for n in "12":  # a month name: day-month-year or month-day-year
        if m.group("y" + n) is not None:
            named = True
            names = m.group("ma" + n), m.group("mb" + n) or m.group("mc" + n)
            month = _month(_GREGORIAN_BY_NAME, names[0])
            if names[1] is not None and _month(_GREGORIAN_BY_NAME, names[1]) != month:
                return None  # "19 أبريل/أيار 2024" names two different months
            year, day = int(m.group("y" + n)), int(m.group("d" + n))
            break
    else:  # numeric
        if m.group("y3") is not None:
            year, month, day = int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))
        else:
            year, month, day = int(m.group("y4")), int(m.group("m4")), int(m.group("d4"))
            if month > 12 and day <= 12:  # 4/19/2024 can only be month first (US order)
                month, day = day, month
    if not 1900 <= year <= 2100 or not ((1 <= month <= 12 and 1 <= day <= 31) or named):
        return None  # numbers out of range are a reference, not a date: قرار رقم 2024/13/45
    # A day out of range beside a month's name ("32 أبريل 2024") is no other kind of text: an
    # impossible date (_day), never a title.
    return year, month, day


def _hijri_parts(m: re.Match[str]) -> tuple[int, int, int] | None:
    if m.group("y1") is not None:  # a month name: any day is a date, if an impossible one (_day)
        return int(m.group("y1")), _month(_HIJRI_BY_NAME, m.group("m1")), int(m.group("d1"))
    elif m.group("y2") is not None:
        y, month, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    else:
        y, month, d = int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))
    if not (1 <= month <= 12 and 1 <= d <= 30):
        return None
    return y, month, d


@functools.lru_cache(maxsize=256)
def _scan(text: str) -> datetime.date | InvalidDate | None:
    """The date of a text that is essentially a dateline, an InvalidDate if that date does not
    exist, or None. Shared by parse_date (raises) and date_line (stays quiet). Remembered for
    the last lines asked about: extraction asks about the lines at the top of an article more
    than once (is it a date line? then take it), and the cost is in normalising the text."""
    # Cheap rejections first: most first lines are titles or prose. \d also matches ٠-٩ and ۰-۹.
    # Every date form has at least two numbers (day and year); a title with a year has one.
    if len(text) > 2 * _MAX_DATELINE or _TWO_NUMBERS.search(text) is None:
        return None
    key = match_key(text)
    if len(key) > _MAX_DATELINE:
        return None
    label = _DATE_LABEL.match(key)  # anchored: most lines fail at their first letter
    scanned = key if label is None else key[label.end() :]

    gregorian: list[tuple[int, int, int]] = []
    hijri: list[tuple[int, int, int]] = []

    def take(found: list[tuple[int, int, int]], parts: tuple[int, int, int] | None, m: re.Match[str]) -> str:
        if parts is None:
            return m.group(0)  # not date-shaped: leave it, so the line is not a dateline
        found.append(parts)
        return " "

    if "منذ" in key and _SINCE_THE_DAY.search(key):
        return None
    hijri_re, gregorian_re, noise_re = _patterns()
    rest = hijri_re.sub(lambda m: take(hijri, _hijri_parts(m), m), scanned)
    rest = gregorian_re.sub(lambda m: take(gregorian, _gregorian_parts(m), m), rest)
    if not (gregorian or hijri) or noise_re.sub("", rest).strip():
        return None

    found = _day(gregorian, hijri)
    if isinstance(found, datetime.date) and (time := _impossible_time(key)) is not None:
        return InvalidDate(f"{time} is not a time of day")
    return found


_Ymd = tuple[int, int, int]


def _day(gregorian: list[_Ymd], hijri: list[_Ymd]) -> datetime.date | InvalidDate | None:
    """The day named by the first Gregorian date found, else by the first Hijri one."""
    if gregorian:  # the Gregorian date wins over a Hijri one (local sighting may differ)
        year, month, day = gregorian[0]
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return InvalidDate(f"{day}/{month}/{year} does not exist")
    year, month, day = hijri[0]
    try:
        g = Hijri(year, month, day).to_gregorian()
        return datetime.date(g.year, g.month, g.day)
    except OverflowError:
        return None  # outside the Umm al-Qura tables: we cannot tell
    except ValueError:
        return InvalidDate(f"Hijri {day}/{month}/{year} does not exist in Umm al-Qura")


def _impossible_time(text: str) -> str | None:
    """The first time of day in text that no clock shows ('25:99'), else None. A dateline with
    one is a typo whose date cannot be trusted either; 24:00 (the end of a day) is a time."""
    for m in _TIME.finditer(text):
        hour, minute, second = int(m["h"]), int(m["m"]), int(m["s"] or 0)
        if not (minute <= 59 and second <= 60 and (hour <= 23 or (hour == 24 and minute == second == 0))):
            return m.group(0)
    return None


_SHORT_NUMERIC = re.compile(r"(?<!\d)\d{1,2}([/.\-])\d{1,2}\1\d{2}(?!\d)")  # 19/4/24
# ... and a numeric date whose numbers name no day: 2024/13/01, 19/19/2024 (read as no date, as
# a reference number is, but on a line of its own a mistyped date line)
_NUMERIC_SHAPE = re.compile(r"(?<!\d)(?:\d{4}([/.\-])\d{1,2}\1\d{1,2}|\d{1,2}([/.\-])\d{1,2}\2\d{4})(?!\d)")


@functools.cache
def _month_names() -> re.Pattern[str]:
    names = _month_alternation([*_GREGORIAN_MONTHS, *_HIJRI_MONTHS])
    return re.compile(f"{NO_LETTER_BEFORE}(?:{names}){NO_LETTER_AFTER}")


def names_month(text: str) -> bool:
    """Whether text names a month, of any system or Hijri ("حرب أكتوبر", "ثورة يوليو"): a
    dateline's place never does, an event named for its month does."""
    return _month_names().search(match_key(text)) is not None


@functools.cache
def _date_month_names() -> re.Pattern[str]:
    names = _month_alternation([*_DATE_MONTHS, *_HIJRI_MONTHS])
    return re.compile(f"{NO_LETTER_BEFORE}(?:{names}){NO_LETTER_AFTER}")


def month_words(text: str) -> Iterator[re.Match[str]]:
    """The month names text holds, as match_key keys them ("أكتوبر" and "اكتوبر" alike): an event
    named for the month of its own date ("حرب أكتوبر - 6 أكتوبر 1973") says it twice. Also Libya's
    (common words: "مهرجان الربيع - 5 الربيع 2009"), which are a month only where the date says one."""
    return _date_month_names().finditer(match_key(text))


def names_weekday(text: str) -> bool:
    """Whether text names a day of the week ("الجمعة", "Fri"): a report's dateline may, the
    date of an event recalled in a sentence seldom does."""
    return _weekdays()[0].search(match_key(text)) is not None


@functools.cache
def _weekdays() -> tuple[re.Pattern[str], dict[str, int]]:
    """The weekday names a dateline may hold (with and without ال, English in full and short),
    keyed as match_key keys them, and each one's number (Monday 0)."""
    numbers: dict[str, int] = {}
    for n, (arabic, english) in enumerate(zip(AR_WEEKDAYS, EN_WEEKDAYS, strict=True)):
        for name in (arabic, arabic[2:], english, english[:3]):
            numbers[match_key(name)] = n
    numbers.update({match_key("الإثنين"): 0, match_key("الاتنين"): 0, "tues": 1, "thur": 3, "thurs": 3})
    pattern = re.compile(f"{NO_LETTER_BEFORE}(?:{alternation(numbers)}){NO_LETTER_AFTER}")
    return pattern, numbers


def weekday_mismatch(text: str, day: datetime.date) -> int | None:
    """The weekday (Monday 0) that a dateline names when it is not the weekday of the day read
    from it ("السبت 19 أبريل 2024": 19 April 2024 was a Friday); None when it names none, more
    than one, or the right one. One of the two is a typo: the reader should be told."""
    key = match_key(text)
    gregorian_re = _patterns()[1]
    if UPDATE.search(key) is not None or gregorian_re.search(key) is None:
        return None  # the weekday may be the update's; a Hijri day's weekday follows local sighting
    pattern, numbers = _weekdays()
    named = {numbers[m.group()] for m in pattern.finditer(key)}
    if len(named) != 1:
        return None
    (weekday,) = named
    return weekday if weekday != day.weekday() else None


# Local moon sighting may start a Hijri month a day or two from Umm al-Qura; farther is a typo.
_SIGHTING_DAYS = 2


def hijri_mismatch(text: str, day: datetime.date) -> tuple[str, datetime.date] | None:
    """The Hijri date a dateline names beside its Gregorian one ("10 شوال 1445") and its day in Umm
    al-Qura, when that is more than two days from the day read from the line (the Gregorian
    one: _day); None otherwise. "10 شوال 1445 هـ الموافق 19 مايو 2024" is a month off: one of the two
    is mistyped, and the reader should be told which one was used."""
    key = match_key(text)
    hijri_re, gregorian_re, _ = _patterns()
    if "1" not in key or UPDATE.search(key) is not None or gregorian_re.search(key) is None:
        return None  # no Hijri year (1300-1599) or no Gregorian date; the Hijri may be the update's
    for m in hijri_re.finditer(key):
        if (parts := _hijri_parts(m)) is None:
            continue
        named = _day([], [parts])
        if isinstance(named, datetime.date) and abs((named - day).days) > _SIGHTING_DAYS:
            year, month, day_of_month = parts
            return f"{day_of_month} {AR_HIJRI_MONTHS[month - 1]} {year}", named
        return None
    return None


def labels_date(label: str, line: str) -> bool:
    """Whether a line ending with a colon over a date line is the date's label: the two read as
    one dateline (labelled), the article's date or its update's ("التاريخ:", "Posted:", "نشر في:",
    "تاريخ الخبر:", "Publication date:", "آخر تحديث:"). The label is one that a dateline may open
    with (filler words, _NOISE_WORDS, or a label phrase, _DATE_LABEL), wherever it stands: right
    under the title, under a byline, or over the last line. Any other lead-in announces a day of
    the text, at the head as at the end ("آخر موعد للتقديم:", "The deadline is:", "تاريخ
    الانتخابات:"): "تاريخ" or "date" with a noun other than the article's names another day, and
    an article undated with a warning is better than one silently dated by its deadline. A day
    that does not exist under a label ("تاريخ الخبر:" / "31 أبريل 2024") is labelled too, to be
    warned about as on one line."""
    return _scan(labelled(label, line)) is not None


def only_label(text: str) -> bool:
    """Whether text holds only what a dateline may open with before its date, filler words or a
    label phrase ("التاريخ", "Date", "يوم الجمعة", "تاريخ الخبر"): where a place would stand before
    a date ("التاريخ: 19 أبريل 2024 (أ ش أ)"), the date's label, no lead-in's words."""
    key = match_key(text)
    label = _DATE_LABEL.match(key)
    return not _patterns()[2].sub("", key if label is None else key[label.end() :]).strip()


def labelled(label: str, line: str) -> str:
    """A date's label alone on its line and the date line under it, read as one line."""
    return f"{label} {line}"


def same_day(first: str, second: str) -> bool:
    """Whether two date lines name one day: a repeat (also with a time), or a day's Hijri and
    Gregorian dates one a line, which local moon sighting may put a day or two apart. Different
    days, one a line, are a schedule's or a timeline's."""
    one, other = date_line(first), date_line(second)
    if one is None or other is None:
        return False
    gregorian_re = _patterns()[1]
    hijri_only = any(gregorian_re.search(match_key(text)) is None for text in (first, second))
    return abs((one - other).days) <= (_SIGHTING_DAYS if hijri_only else 0)


def weekday_name(weekday: int, lang: str) -> str:
    """A weekday's name (Monday 0) in the language of a message about it."""
    return (AR_WEEKDAYS if lang == "ar" else EN_WEEKDAYS)[weekday]


def looks_like_date(text: str) -> bool:
    """Whether a short text is made of a date's parts only (month names, numbers, a weekday,
    filler words) though no whole date is read from it: 'أبريل 2024' (no day), '19/4/24' (a
    two-digit year), '2024 أبريل 19', '2024/13/01' (no 13th month). Such a first line is taken
    for the title: a warning says why."""
    if len(text) > 60 or not any(c.isdigit() for c in text) or _scan(text) is not None:
        return False
    key = match_key(text)
    rest, names = _month_names().subn(" ", key)
    if names == 0 and _SHORT_NUMERIC.search(key) is None and _NUMERIC_SHAPE.search(key) is None:
        return False
    return not _patterns()[2].sub("", re.sub(r"\d+", " ", rest)).strip()


def parse_date(text: str) -> datetime.date | None:
    """The date a metadata value or short text states, in any supported form.

    The text must be essentially a date (a weekday, filler words such as "Published" or
    "بتاريخ", a time and a Hijri date are allowed around it); prose that merely mentions a date
    gives None, as does a date without a day ("أبريل 2024") or with a two-digit year.
    Raises InvalidDate when the text names a day that does not exist (or a time no clock shows,
    25:99), so that the caller can warn instead of silently dropping the author's date.
    """
    result = _scan(text)
    if isinstance(result, InvalidDate):
        raise InvalidDate(*result.args)  # a new one: the cached one must not gather tracebacks
    return result


def date_line(line: str) -> datetime.date | None:
    """The date of a true dateline ("الجمعة - 19 أبريل 2024"), else None.

    Used on the first lines of every article, where a sentence that mentions a date must not
    be taken for the article's date. Impossible dates give None here; call parse_date on the
    same line to get an InvalidDate for a warning.
    """
    result = _scan(line)
    return None if isinstance(result, InvalidDate) else result


def parse_dateline(text: str) -> tuple[datetime.date | None, datetime.date | None]:
    """(publication date, update date) of a dateline; (None, None) for anything else.

    News sites write when an article was last changed in the same forms as its date, after a
    word that says so: "آخر تحديث: 20 أبريل 2024" is (None, 20 April), "Published 19 April
    2024, updated 20 April 2024" both. Raises InvalidDate as parse_date does.
    """
    return _dateline(text, parse_date)


# Jekyll names a post YYYY-MM-DD-title.md, and many archives file by day (2019/03/15/story.txt).
# A run of digits alone (20120512.txt) is as often an article number: never read as a date.
_NAME_DATE = re.compile(r"(?P<y>\d{4})[-_](?P<m>\d{2})[-_](?P<d>\d{2})(?=$|[-_. ])")
_FOLDER_DATE = re.compile(r"(?:^|/)(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/[^/]+$")


def date_in_path(source: str) -> datetime.date | None:
    """The day a source file's name or folders give (2019-03-15-title.md, 2019/03/15/story.txt):
    the article's date when its metadata and text give none. None if there is none, or it is no
    day of the calendar."""
    name = source.rsplit("/", 1)[-1]
    found = _NAME_DATE.match(name) or _FOLDER_DATE.search(source)
    if found is None:
        return None
    try:
        return datetime.date(int(found["y"]), int(found["m"]), int(found["d"]))
    except ValueError:
        return None


def impossible_path_date(source: str) -> str:
    """'' unless the file's name or folders give a day of the calendar that does not exist
    (2018-02-30-story.md): then what to say of it after a warning that no date was found."""
    name = source.rsplit("/", 1)[-1]
    found = _NAME_DATE.match(name) or _FOLDER_DATE.search(source)
    if found is None or date_in_path(source) is not None:
        return ""
    return f"; the date {found['y']}-{found['m']}-{found['d']} in its path does not exist"


def dateline_dates(text: str) -> tuple[datetime.date | None, datetime.date | None]:
    """parse_dateline for true datelines only: an impossible date gives None, as in date_line."""
    return _dateline(text, date_line)


# A line that says only how long ago the page was published or changed ("Updated 2 hours ago",
# "آخر تحديث منذ ساعتين", "منذ 3 ساعات"): the time of the site's page, which names no day.
_STAMP_WORDS = (
    rf"(?:(?:{alternation(match_key(w) for w in (*_UPDATE_WORDS, 'published', 'posted', 'نشر', 'تم النشر'))})\s*:?\s*)?"
)
_RELATIVE_TIME = re.compile(rf"{_STAMP_WORDS}(?:{_AGO})\s*\.?")
_RECENT_TIME = re.compile(rf"{_STAMP_WORDS}(?:{_RECENTLY})\s*\.?")


def is_relative_time(line: str, *, long_ago: bool = True) -> bool:
    """Whether a line only says how long ago the page was published or updated (_RELATIVE_TIME).
    In an archive that says nothing true, and no day can be read from it: it stays text, never a
    subheading, nor a date. With long_ago False, only minutes, hours or days ago: between
    paragraphs, "منذ 3 أشهر", "2 weeks ago" may head a section of a timeline."""
    if len(line) > 60 or ("ذ" not in line and "ago" not in line.casefold()):  # منذ, ago: most lines, at C speed
        return False
    return (_RELATIVE_TIME if long_ago else _RECENT_TIME).fullmatch(match_key(line).strip()) is not None


@functools.cache
def _long_ago() -> re.Pattern[str]:
    return re.compile(_LONG_AGO)


def says_long_ago(line: str) -> bool:
    """Whether a line names a week, a month or a year ago ("منذ عام", "20 years ago"): on a line
    with a day, also an anniversary's title ("7 أكتوبر 2023 - منذ عام", "September 11, 2001 - 20
    years ago"), which a date line over the title says no differently."""
    if "ذ" not in line and "ago" not in line.casefold():  # منذ, ago
        return False
    return _long_ago().search(match_key(line)) is not None


def is_update(text: str) -> bool:
    """Whether a text names an update ("آخر تحديث", "Updated"): a warning's wording."""
    return UPDATE.search(match_key(text)) is not None


def _dateline(
    text: str, read: Callable[[str], datetime.date | None]
) -> tuple[datetime.date | None, datetime.date | None]:
    try:
        first = read(text)  # most lines are no dateline: one scan, as for a plain date
    except InvalidDate as exc:
        impossible: InvalidDate | None = exc
        first = None
    else:
        impossible = None
        if first is None:
            return None, None
    key = match_key(text)
    marker = UPDATE.search(key)
    if marker is None:
        if impossible is not None:
            raise impossible
        return first, None
    head, tail = key[: marker.start()], key[marker.start() :]
    if not _patterns()[2].sub("", head).strip():
        if impossible is not None:  # "آخر تحديث: 31 أبريل 2024"
            raise InvalidDate(str(impossible), update=True)
        return None, first  # "آخر تحديث: 20 أبريل 2024", "الجمعة - آخر تحديث ..."
    published, updated = _read_part(read, head), _read_part(read, tail)
    if isinstance(published, InvalidDate):  # the update's day is said even so
        raise InvalidDate(str(published), date=updated if isinstance(updated, datetime.date) else None)
    if isinstance(updated, InvalidDate):  # "19 April 2024 - updated 31 April 2024": the date stands
        raise InvalidDate(str(updated), update=True, date=published)
    if impossible is not None:
        raise impossible
    if published is None or updated is None:
        return first, None  # "19 April 2024 (updated)": the update names no day of its own
    return published, updated


def _read_part(read: Callable[[str], datetime.date | None], text: str) -> datetime.date | InvalidDate | None:
    try:
        return read(text)
    except InvalidDate as exc:
        return exc
