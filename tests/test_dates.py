"""sitegen.dates: parsing datelines in every Arabic month system and English, formatting, Hijri.

The tables POSITIVE, NEGATIVE and INVALID are also what docs/dates.md measures dateparser on.
"""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from hijridate import Gregorian

from sitegen.clock import dateline_time, impossible_offset
from sitegen.dateformat import (
    format_clock,
    format_date,
    format_hijri,
    format_month,
    format_number,
    hijri_date,
    hijri_month_name,
    iso_moment,
    month_name,
    time_zone,
)
from sitegen.dates import (
    InvalidDate,
    date_in_path,
    date_line,
    dateline_dates,
    impossible_path_date,
    is_relative_time,
    labels_date,
    looks_like_date,
    names_month,
    parse_date,
    parse_dateline,
    same_day,
)
from sitegen.months import MONTH_SYSTEMS

D = datetime.date
APR19 = D(2024, 4, 19)

# (text, expected date): true datelines and date metadata values.
POSITIVE: list[tuple[str, datetime.date]] = [
    # a time with a zone written without a colon, west of Greenwich too (Jekyll, RFC 2822, Pelican)
    ("2024-12-15 23:30:00 -0800", D(2024, 12, 15)),
    ("2024-12-15 23:30 -0800", D(2024, 12, 15)),
    ("2024-12-15T23:30:00 -0500", D(2024, 12, 15)),
    ("2024-12-15 10:00:00 +0300", D(2024, 12, 15)),
    ("Sun, 12 Aug 2012 14:27:48 -0700", D(2012, 8, 12)),
    # the year and the month named with a word before them
    ("الجمعة 19 من أبريل سنة 2024", APR19),
    ("19 أبريل عام 2024", APR19),
    ("19 من شهر أبريل 2024", APR19),
    ("10 من شهر رمضان سنة 1445 هـ", D(2024, 3, 20)),
    # the seed line and weekday variants
    ("الجمعة - 19 أبريل 2024", APR19),
    ("الجمعة 19 أبريل 2024", APR19),
    ("الجمعه 19 ابريل 2024", APR19),
    ("السبت 20 أبريل 2024", D(2024, 4, 20)),
    ("الأحد 21 أبريل 2024", D(2024, 4, 21)),
    ("الاحد، 21 أبريل 2024", D(2024, 4, 21)),
    ("الاثنين 22 أبريل 2024", D(2024, 4, 22)),
    ("الإثنين 22 أبريل 2024", D(2024, 4, 22)),
    ("الثلاثاء 23 أبريل 2024", D(2024, 4, 23)),
    ("الأربعاء 24 أبريل 2024", D(2024, 4, 24)),
    ("الاربعاء 24 ابريل 2024", D(2024, 4, 24)),
    ("الخميس 25 أبريل 2024", D(2024, 4, 25)),
    # Egyptian / Gulf names and spelling variants
    ("1 يناير 2024", D(2024, 1, 1)),
    ("29 فبراير 2024", D(2024, 2, 29)),
    ("15 فبرایر 2024", D(2024, 2, 15)),  # Persian yeh
    ("3 مارس 2024", D(2024, 3, 3)),
    ("19 إبريل 2024", APR19),
    ("19 ابريل 2024", APR19),
    ("5 مايو 2024", D(2024, 5, 5)),
    ("6 يونيو 2024", D(2024, 6, 6)),
    ("6 يونية 2024", D(2024, 6, 6)),
    ("7 يوليو 2024", D(2024, 7, 7)),
    ("7 يولية 2024", D(2024, 7, 7)),
    ("8 أغسطس 2024", D(2024, 8, 8)),
    ("8 اغسطس 2024", D(2024, 8, 8)),
    ("9 سبتمبر 2024", D(2024, 9, 9)),
    ("10 أكتوبر 2024", D(2024, 10, 10)),
    ("11 نوفمبر 2024", D(2024, 11, 11)),
    ("12 ديسمبر 2024", D(2024, 12, 12)),
    ("23 ديسمبر 2020م", D(2020, 12, 23)),
    ("19 أبـريل 2024", APR19),  # tatweel
    # Levantine / Iraqi names
    ("1 كانون الثاني 2024", D(2024, 1, 1)),
    ("1 كانون ثاني 2024", D(2024, 1, 1)),
    ("14 شباط 2024", D(2024, 2, 14)),
    ("3 آذار 2024", D(2024, 3, 3)),
    ("3 اذار 2024", D(2024, 3, 3)),
    ("الجمعة 19 نيسان 2024", APR19),
    ("5 أيار 2024", D(2024, 5, 5)),
    ("5 ايار 2024", D(2024, 5, 5)),
    ("6 حزيران 2024", D(2024, 6, 6)),
    ("7 تموز 2024", D(2024, 7, 7)),
    ("8 آب 2024", D(2024, 8, 8)),
    ("9 أيلول 2024", D(2024, 9, 9)),
    ("10 تشرين الأول 2024", D(2024, 10, 10)),
    ("10 تشرين اول 2024", D(2024, 10, 10)),
    ("11 تشرين الثاني 2024", D(2024, 11, 11)),
    ("12 كانون الأول 2024", D(2024, 12, 12)),
    ("12 كانون الاول 2024", D(2024, 12, 12)),
    # Maghrebi (Algeria, Tunisia) and Moroccan names
    ("1 جانفي 2024", D(2024, 1, 1)),
    ("14 فيفري 2024", D(2024, 2, 14)),
    ("19 أفريل 2024", APR19),
    ("5 ماي 2024", D(2024, 5, 5)),
    ("6 جوان 2024", D(2024, 6, 6)),
    ("7 جويلية 2024", D(2024, 7, 7)),
    ("8 أوت 2024", D(2024, 8, 8)),
    ("7 يوليوز 2024", D(2024, 7, 7)),
    ("8 غشت 2024", D(2024, 8, 8)),
    ("9 شتنبر 2024", D(2024, 9, 9)),
    ("11 نونبر 2024", D(2024, 11, 11)),
    ("12 دجنبر 2024", D(2024, 12, 12)),
    # double names
    ("19 أبريل/نيسان 2024", APR19),
    ("19 نيسان (أبريل) 2024", APR19),
    ("19 نيسان - أبريل 2024", APR19),
    # Arabic-Indic, Persian and mixed digits
    ("الجمعة ١٩ أبريل ٢٠٢٤", APR19),
    ("۱۹ أبريل ۲۰۲۴", APR19),
    ("١٩ أبريل 2024", APR19),
    ("١٩/٤/٢٠٢٤", APR19),
    # numeric
    ("2024/04/19", APR19),
    ("2024-04-19", APR19),
    ("2024.04.19", APR19),
    ("2024-04-19T10:30:00+03:00", APR19),
    ("2024-04-19T10:30:00Z", APR19),
    ("2024-04-19 10:30", APR19),
    ("19-04-2024", APR19),
    ("19/4/2024", APR19),
    ("19.4.2024", APR19),
    ("5/4/2024", D(2024, 4, 5)),  # day first
    # a slash between spaces, as Arabic papers set it
    ("الجمعة ١٩ / ٤ / ٢٠٢٤", APR19),
    ("19 / 04 / 2024 - 10:30", APR19),
    ("2024 / 04 / 19", APR19),
    ("4/19/2024", APR19),  # only month first makes sense
    # English
    ("19 April 2024", APR19),
    ("April 19, 2024", APR19),
    ("Apr 19 2024", APR19),
    ("Apr. 19, 2024", APR19),
    ("Friday - 19 April 2024", APR19),
    ("Friday, April 19, 2024", APR19),
    ("Fri, 19 Apr 2024", APR19),
    ("19th April 2024", APR19),
    ("1st of September 2024", D(2024, 9, 1)),
    ("Sept 9, 2024", D(2024, 9, 9)),
    ("Published on April 19, 2024 at 10:30 AM GMT", APR19),
    ("Updated: Fri 19 Apr 2024 10:30 GMT+3", APR19),
    ("Posted 19/04/2024", APR19),
    # separators
    ("الجمعة، 19 أبريل، 2024", APR19),
    ("الجمعة – 19 أبريل 2024", APR19),
    ("الجمعة — 19 أبريل 2024", APR19),
    ("19-أبريل-2024", APR19),
    ("19/أبريل/2024", APR19),
    ("أبريل 19، 2024", APR19),
    ("الجمعة | 19 أبريل 2024", APR19),
    # filler words and times
    ("نشر في: الجمعة 19 أبريل 2024 - 10:30 ص", APR19),
    ("بتاريخ 19 أبريل 2024", APR19),
    ("تاريخ النشر: 19/04/2024", APR19),
    ("آخر تحديث: 19 أبريل 2024 الساعة 10:30 مساء", APR19),
    ("في 19 أبريل 2024", APR19),
    ("يوم الجمعة 19 أبريل 2024", APR19),
    ("19 أبريل 2024 10:30 م بتوقيت القاهرة", APR19),
    ("نشر في 19/4/2024 - 12:00 (مكة المكرمة)", APR19),
    ("نشر في 19 أبريل 2024 آخر تحديث 20 أبريل 2024", APR19),  # first (published) date
    # a Hijri date beside the Gregorian one: Gregorian wins
    ("الجمعة 10 شوال 1445 هـ الموافق 19 أبريل 2024", APR19),
    ("الجمعة 19 أبريل 2024 (10 شوال 1445 هـ)", APR19),
    ("الجمعة 9 شوال 1445 هـ الموافق 19 أبريل 2024م", APR19),  # local sighting differs
    ("19 أبريل 2024 الموافق 10/10/1445 هـ", APR19),
    # a Hijri date alone: converted through Umm al-Qura
    ("الجمعة 10 شوال 1445 هـ", APR19),
    ("1 رمضان 1445هـ", D(2024, 3, 11)),
    ("10 Shawwal 1445 AH", APR19),
    # years at the edges of the accepted range
    ("1 يناير 1900", D(1900, 1, 1)),
    ("31 December 2100", D(2100, 12, 31)),
]

# Texts that are not (essentially) a date: both functions give None, parse_date does not raise.
NEGATIVE: list[str] = [
    "",
    "علاقات روسية ـ باكستانية متنامية",
    "قال الرئيس يوم 23 ديسمبر إن العلاقات جيدة",
    "قال الرئيس يوم 23 ديسمبر 2023 إن العلاقات جيدة",
    "في يومي 6 و7 أبريل الجاري، قام وزير الخارجية الروسي سيرغي لافروف بزيارة عمل إلى باكستان",
    (
        "وتباحث الطرفان خلال الاتصالات التي جرت في 19 أبريل 2024 بشكل أساسي حول آفاق تطوير"
        " العلاقات الروسية الباكستانية وعبّرا عن اهتمام متبادل بمواصلة الحوار السياسي الثنائي"
        " وتوسيع أطر التعاون في مكافحة الإرهاب وتعزيز علاقات التعاون التجاري والاقتصادي"
    ),
    "The minister said on 19 April 2024 that talks would continue.",
    "أبريل 2024",
    "April 2024",
    "نيسان 2024",
    "19 أبريل",
    "19 أبريل 24",
    "19/4/24",
    "19-04-24",
    "0123-456-7890",
    "+20 123 456 7890",
    "2-1",
    "فاز الأهلي 2-1",
    "السعر 19.99 دولار",
    "1,500 جنيه",
    "2024",
    "2024/2025",
    "10:30",
    "19 أبريل 1850",
    "19 أبريل 2150",
    "2024-13-01",  # numbers out of range: a reference, not a date
    "13/13/2024",
    "2024/13/45",
    "12.50.2024",
    "19 /4/ 2024",  # spaces on one side only: no date's separator
    "19 - 4 - 2024",  # a score or a range, not a date
    "19 أبريل/أيار 2024",  # two different months
    "القانون رقم 19 لسنة 2024",
    "الجمعة",
    "1445 هـ",
    "19 مارسيليا 2024",
    "19 أبريل 2024 123",
    "Page 19 of 2024",
]

# Date-shaped texts naming a day that does not exist.
INVALID: list[str] = [
    "31 فبراير 2024",
    "30 فبراير 2024",
    "29 فبراير 2023",
    "2024-02-31",
    "31/4/2024",
    "31 April 2024",
    "الجمعة 31 نيسان 2024",
    "٣١ جوان ٢٠٢٤",
    "30 شوال 1445 هـ",  # Shawwal 1445 has 29 days in Umm al-Qura
    # a day or a month out of range in a date's shape: no other kind of text
    "45 أبريل 2024",
    "32 أبريل 2024",
    "0 أبريل 2024",
    "الجمعة 31 ذو القعدة 1445",
]


# Datelines with a time of day that no clock shows: as impossible as 31 February.
IMPOSSIBLE_TIMES: list[tuple[str, str]] = [
    ("2024-04-19 25:99", "25:99"),
    ("2024-04-19T25:99:00Z", "25:99:00"),
    ("2024-04-19 10:60", "10:60"),
    ("19 April 2024 10:30:61", "10:30:61"),
    ("الجمعة 19 أبريل 2024 - 10:75 ص", "10:75"),
    ("١٩ أبريل ٢٠٢٤ الساعة ٢٥:٠٠", "25:00"),
]


APR20 = D(2024, 4, 20)

# (text, (publication date, update date)): lines that say when an article was last changed.
UPDATE_LINES: list[tuple[str, tuple[datetime.date | None, datetime.date | None]]] = [
    ("آخر تحديث: 20 أبريل 2024", (None, APR20)),
    ("اخر تحديث 20 ابريل 2024", (None, APR20)),
    ("آخر تحديث: السبت 20 نيسان 2024 - 10:30 م", (None, APR20)),
    ("تحديث: ٢٠ أفريل ٢٠٢٤", (None, APR20)),
    ("تاريخ التحديث: 2024/04/20", (None, APR20)),
    ("تم التحديث في 20 أبريل/نيسان 2024", (None, APR20)),
    ("آخر تعديل: ٢٠/٤/٢٠٢٤", (None, APR20)),
    ("محدَّث 20 أبريل 2024", (None, APR20)),
    ("آخر تحديث: 11 شوال 1445 هـ", (None, APR20)),
    ("Updated: April 20, 2024", (None, APR20)),
    ("Last updated 20 April 2024", (None, APR20)),
    ("Last modified: Sat, 20 Apr 2024 10:30 GMT", (None, APR20)),
    ("Update: 2024-04-20T10:30:00Z", (None, APR20)),
    # published and updated on one line
    ("نشر في 19 أبريل 2024 آخر تحديث 20 أبريل 2024", (APR19, APR20)),
    ("نشر في: الجمعة 19 أبريل 2024 - آخر تحديث: السبت 20 أبريل 2024", (APR19, APR20)),
    ("Published: April 19, 2024 | Updated: April 20, 2024", (APR19, APR20)),
    # times with a US or European zone; an update that only says how long ago it was
    ("UPDATED: 3:45 p.m. EDT, April 20, 2024", (None, APR20)),
    ("April 19, 2024 10:30 AM ET", (APR19, None)),
    ("Friday 19 April 2024 10:30 CEST", (APR19, None)),
    ("April 19, 2024 / 10:30 AM / Updated 2 hours ago", (APR19, None)),
    ("الجمعة 19 أبريل 2024 - آخر تحديث منذ 3 ساعات", (APR19, None)),
    ("الجمعة 19 أبريل 2024 - آخر تحديث منذ ساعتين", (APR19, None)),  # two hours, in the dual
    ("19 أبريل 2024 - نشر منذ يومين", (APR19, None)),
    ("April 19, 2024 - updated an hour ago", (APR19, None)),
    # no update: a plain date, or an update word that names no day of its own
    ("الجمعة 19 أبريل 2024", (APR19, None)),
    ("19 April 2024 (updated)", (APR19, None)),
    # prose is no dateline
    ("تحديث البنية التحتية في 20 أبريل 2024", (None, None)),
    ("Updated guidance was published on 20 April 2024 by the ministry.", (None, None)),
    ("Updated 2 hours ago", (None, None)),
    ("آخر تحديث منذ ساعتين", (None, None)),
    ("منذ 19 أبريل 2024", (None, None)),
    ("منذ يوم 7 أكتوبر 2023", (None, None)),  # "since the day of": no "a day ago" before a date
    ("Est. 1998", (None, None)),
]


@pytest.mark.parametrize(("text", "expected"), UPDATE_LINES)
def test_update_lines_in_every_supported_form_give_the_update_date(text: str, expected: tuple) -> None:
    assert parse_dateline(text) == expected
    assert dateline_dates(text) == expected


LONG_AGO = ["منذ 3 أشهر", "منذ أسبوعين", "منذ شهر", "منذ سنة", "منذ 11 شهرا", "منذ عامين", "آخر تحديث منذ 3 أسابيع"]
LONG_AGO_EN = ["2 weeks ago", "3 months ago", "a year ago", "Updated a month ago", "Published 2 years ago"]


@pytest.mark.parametrize("line", [*LONG_AGO, *LONG_AGO_EN])
def test_a_week_a_month_or_a_year_ago_is_a_relative_time_as_an_hour_ago_is(line: str) -> None:
    assert is_relative_time(line)
    # ... not on a date line either: it names no day, and the date is read
    assert parse_dateline(f"19 أبريل 2024 - {line}") == (APR19, None)
    # Between paragraphs, only minutes, hours and days ago are never a heading: "منذ 3 أشهر"
    # also heads a section of a timeline.
    assert not is_relative_time(line, long_ago=False)


@pytest.mark.parametrize(
    "line",
    [
        "منذ شهر رمضان",
        "منذ عام 2011",
        "منذ سنة 2020",
        "منذ شهر 7 أكتوبر 2023",
        "3 months to go",
        "yesterday",
        "Yesterday",
    ],
)
def test_a_since_or_a_span_that_is_no_relative_time_is_not_one(line: str) -> None:
    assert not is_relative_time(line)
    assert parse_dateline(line) == (None, None)


# Every Arabic unit, in the plural of 3 to 10 and in the singular with alif Arabic uses from 11 on
# ("منذ 15 يوما", also with tanwin: "يومًا"), with Western and Arabic-Indic digits.
AR_RECENT_UNITS = ["دقيقة", "دقائق", "ساعة", "ساعات", "يوم", "أيام", "يوما", "يومًا"]
AR_LONG_AGO_UNITS = ["أسبوع", "أسابيع", "أسبوعا", "شهر", "أشهر", "شهرا", "سنة", "سنوات", "عام", "أعوام", "عاما"]


@pytest.mark.parametrize("number", ["3", "15", "٣", "١٥"])
@pytest.mark.parametrize("unit", AR_RECENT_UNITS)
def test_minutes_hours_and_days_ago_in_every_arabic_form_are_a_recent_time(number: str, unit: str) -> None:
    line = f"منذ {number} {unit}"
    assert is_relative_time(line)
    assert is_relative_time(line, long_ago=False)
    assert parse_dateline(f"19 أبريل 2024 - آخر تحديث {line}") == (APR19, None)


@pytest.mark.parametrize("number", ["3", "15", "٣", "١٥"])
@pytest.mark.parametrize("unit", AR_LONG_AGO_UNITS)
def test_weeks_months_and_years_ago_in_every_arabic_form_are_a_relative_time(number: str, unit: str) -> None:
    line = f"منذ {number} {unit}"
    assert is_relative_time(line)
    assert not is_relative_time(line, long_ago=False)
    assert parse_dateline(f"19 أبريل 2024 - {line}") == (APR19, None)


def test_an_impossible_update_date_raises_in_parse_dateline_and_is_no_dateline_quietly() -> None:
    with pytest.raises(InvalidDate):
        parse_dateline("آخر تحديث: 31 نيسان 2024")
    assert dateline_dates("آخر تحديث: 31 نيسان 2024") == (None, None)


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_datelines_in_every_supported_form_parse(text: str, expected: datetime.date) -> None:
    assert date_line(text) == expected
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_text_that_is_not_a_date_gives_none(text: str) -> None:
    assert date_line(text) is None
    assert parse_date(text) is None


@pytest.mark.parametrize("text", INVALID)
def test_impossible_dates_raise_in_parse_date(text: str) -> None:
    with pytest.raises(InvalidDate):
        parse_date(text)


@pytest.mark.parametrize("text", INVALID)
def test_impossible_dates_are_not_datelines(text: str) -> None:
    assert date_line(text) is None


@pytest.mark.parametrize(("text", "time"), IMPOSSIBLE_TIMES)
def test_a_dateline_with_an_impossible_time_is_an_impossible_date(text: str, time: str) -> None:
    with pytest.raises(InvalidDate, match=f"^{time} is not a time of day$"):
        parse_date(text)
    assert date_line(text) is None


@pytest.mark.parametrize(
    "text", ["2024-04-19 24:00", "2024-04-19 23:59:59", "2024-04-19T00:00:00-05:00", "19 أبريل 2024 +03:30"]
)
def test_times_a_clock_shows_and_zone_offsets_are_possible(text: str) -> None:
    assert parse_date(text) == APR19


def test_invalid_date_is_a_value_error() -> None:
    assert issubclass(InvalidDate, ValueError)


def test_prose_around_an_impossible_date_does_not_raise() -> None:
    assert parse_date("قال إن 31 فبراير 2024 لم يكن يوما عاديا") is None


def test_invisible_bidi_marks_do_not_hide_a_date() -> None:
    assert date_line("\u200fالجمعة - 19 أبريل 2024\u200e") == APR19


def test_tashkeel_does_not_hide_a_date() -> None:
    assert date_line("الجُمُعَة 19 أَبْرِيل 2024") == APR19


def test_seed_article_first_line_is_its_dateline() -> None:
    first_line = "الجمعة - 19 أبريل 2024\n".splitlines()[0]
    assert date_line(first_line) == APR19


# --- Formatting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"lang": "ar"}, "الجمعة 19 أبريل 2024"),
        ({"lang": "ar", "digits": "arabic"}, "الجمعة ١٩ أبريل ٢٠٢٤"),
        ({"lang": "ar", "system": "levantine"}, "الجمعة 19 نيسان 2024"),
        ({"lang": "ar", "system": "maghrebi"}, "الجمعة 19 أفريل 2024"),
        ({"lang": "ar", "weekday": False}, "19 أبريل 2024"),
        ({"lang": "ar", "system": "levantine", "digits": "arabic"}, "الجمعة ١٩ نيسان ٢٠٢٤"),
        ({"lang": "en"}, "Friday, 19 April 2024"),
        ({"lang": "en", "weekday": False}, "19 April 2024"),
        ({"lang": "en", "system": "levantine"}, "Friday, 19 April 2024"),
        ({"lang": "en", "digits": "arabic"}, "Friday, 19 April 2024"),  # English keeps 0-9
    ],
)
def test_format_date_in_both_languages_and_all_systems(kwargs: dict, expected: str) -> None:
    assert format_date(APR19, **kwargs) == expected


@pytest.mark.parametrize(
    ("month", "system", "expected"),
    [
        (1, "egyptian", "يناير"),
        (8, "egyptian", "أغسطس"),
        (1, "levantine", "كانون الثاني"),
        (10, "levantine", "تشرين الأول"),
        (12, "levantine", "كانون الأول"),
        (1, "maghrebi", "جانفي"),
        (7, "maghrebi", "جويلية"),
        (8, "maghrebi", "أوت"),
    ],
)
def test_arabic_month_names_follow_the_system(month: int, system: str, expected: str) -> None:
    assert month_name(month, "ar", system) == expected


def test_english_month_names_ignore_the_system() -> None:
    assert [month_name(4, "en", s) for s in MONTH_SYSTEMS] == ["April"] * 3


@pytest.mark.parametrize("system", MONTH_SYSTEMS)
@pytest.mark.parametrize("month", range(1, 13))
def test_formatted_dates_parse_back(system: str, month: int) -> None:
    d = D(2024, month, 28)
    for lang in ("ar", "en"):
        for digits in ("western", "arabic"):
            assert date_line(format_date(d, lang, system=system, digits=digits)) == d


@pytest.mark.parametrize(
    ("lang", "kwargs", "expected"),
    [
        ("ar", {}, "أبريل 2024"),
        ("ar", {"digits": "arabic"}, "أبريل ٢٠٢٤"),
        ("ar", {"system": "levantine"}, "نيسان 2024"),
        ("ar", {"system": "maghrebi"}, "أفريل 2024"),
        ("en", {}, "April 2024"),
    ],
)
def test_format_month_for_archive_headings(lang: str, kwargs: dict, expected: str) -> None:
    assert format_month(2024, 4, lang, **kwargs) == expected


@pytest.mark.parametrize(
    ("n", "lang", "digits", "expected"),
    [
        (1234, "ar", "western", "1234"),
        (1234, "ar", "arabic", "١٢٣٤"),
        (1234, "en", "arabic", "1234"),
        (0, "ar", "arabic", "٠"),
    ],
)
def test_format_number_applies_the_digit_policy_to_arabic_only(n: int, lang: str, digits: str, expected: str) -> None:
    assert format_number(n, lang, digits) == expected


@pytest.mark.parametrize(
    ("n", "lang", "digits", "expected"),
    [
        (7955, "en", "western", "7,955"),
        (1234567, "en", "arabic", "1,234,567"),
        (7955, "ar", "western", "7,955"),
        (7955, "ar", "arabic", "٧٬٩٥٥"),
        (999, "ar", "arabic", "٩٩٩"),
    ],
)
def test_a_grouped_count_separates_thousands_as_its_page_writes_digits(n: int, lang: str, digits: str, expected: str):
    assert format_number(n, lang, digits, grouped=True) == expected
    assert format_number(2024, lang, digits) in ("2024", "٢٠٢٤")  # a year never is


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (month_name, (13, "ar")),
        (month_name, (0, "en")),
        (month_name, (4, "fr")),
        (month_name, (4, "ar", "persian")),
        (format_number, (1, "ar", "roman")),
        (hijri_month_name, (13, "ar")),
    ],
)
def test_unknown_policy_values_are_rejected(call, args) -> None:
    with pytest.raises(ValueError):
        call(*args)


def test_lang_with_region_uses_the_language() -> None:
    assert month_name(4, "ar-EG") == "أبريل"


# --- Hijri ------------------------------------------------------------------------------------


def test_hijri_date_is_umm_al_qura() -> None:
    assert hijri_date(APR19) == (1445, 10, 10)
    h = Gregorian(2024, 4, 19).to_hijri()
    assert hijri_date(APR19) == (h.year, h.month, h.day)


@pytest.mark.parametrize(("offset", "expected"), [(-1, (1445, 10, 9)), (1, (1445, 10, 11))])
def test_hijri_offset_shifts_the_day(offset: int, expected: tuple[int, int, int]) -> None:
    assert hijri_date(APR19, offset) == expected


def test_hijri_offset_shifts_the_whole_calendar_across_month_ends() -> None:
    # 1 Ramadan 1445 was 11 March 2024 in Umm al-Qura; with a day-late sighting that day is
    # still Sha'ban. The offset shifts days, it does not model a local 30th day.
    assert hijri_date(D(2024, 3, 11)) == (1445, 9, 1)
    assert hijri_date(D(2024, 3, 11), -1) == hijri_date(D(2024, 3, 10)) == (1445, 8, 29)


@pytest.mark.parametrize("d", [D(1900, 1, 1), D(2100, 1, 1)])
def test_hijri_date_outside_the_tables_raises_value_error(d: datetime.date) -> None:
    with pytest.raises(ValueError):
        hijri_date(d)


@pytest.mark.parametrize(
    ("lang", "kwargs", "expected"),
    [
        ("ar", {}, "10 شوال 1445 هـ"),
        ("ar", {"digits": "arabic"}, "١٠ شوال ١٤٤٥ هـ"),
        ("ar", {"offset": -1}, "9 شوال 1445 هـ"),
        ("ar", {"offset": 1}, "11 شوال 1445 هـ"),
        ("en", {}, "10 Shawwal 1445 AH"),
        ("en", {"digits": "arabic"}, "10 Shawwal 1445 AH"),
    ],
)
def test_format_hijri(lang: str, kwargs: dict, expected: str) -> None:
    assert format_hijri(APR19, lang, **kwargs) == expected


@pytest.mark.parametrize("d", [D(1900, 1, 1), D(2100, 1, 1), D(1, 1, 1), D(9999, 12, 31)])
def test_format_hijri_outside_the_range_is_none(d: datetime.date) -> None:
    assert format_hijri(d, "ar") is None


def test_formatted_hijri_parses_back_to_the_gregorian_date() -> None:
    assert date_line(format_hijri(APR19, "ar") or "") == APR19


@pytest.mark.parametrize(
    ("month", "lang", "expected"),
    [
        (1, "ar", "محرم"),
        (9, "ar", "رمضان"),
        (12, "ar", "ذو الحجة"),
        (9, "en", "Ramadan"),
        (10, "en", "Shawwal"),
    ],
)
def test_hijri_month_names(month: int, lang: str, expected: str) -> None:
    assert hijri_month_name(month, lang) == expected


def test_an_impossible_date_asked_twice_raises_a_new_error_each_time() -> None:
    """Lines are remembered (extraction asks about the same line more than once); an error
    object raised again would keep every earlier traceback, and their frames, alive."""
    with pytest.raises(InvalidDate) as first:
        parse_date("31 February 2024")
    with pytest.raises(InvalidDate) as second:
        parse_date("31 February 2024")
    assert first.value is not second.value and str(first.value) == str(second.value)


@pytest.mark.parametrize(
    ("source", "day"),
    [
        ("_posts/2019-03-15-hello-world.md", D(2019, 3, 15)),  # Jekyll
        ("2019_03_15_story.txt", D(2019, 3, 15)),
        ("2019-03-15.txt", D(2019, 3, 15)),
        ("2019/03/15/story.txt", D(2019, 3, 15)),
        ("news/2019/03/15/story.txt", D(2019, 3, 15)),
        ("20190315.txt", None),  # as often an article number
        ("2019/03/story.txt", None),  # a month is not a day
        ("2019/02/30/story.txt", None),
        ("2019-02-30-story.md", None),
        ("story-2019-03-15.txt", None),
        ("2019-03-150.txt", None),
        ("2019/03/15/deeper/story.txt", None),
    ],
)
def test_the_day_a_file_name_or_its_folders_give(source, day):
    assert date_in_path(source) == day


def _names_with_joiners() -> list[tuple[str, int, bool]]:
    """(month name, month, Hijri?) for every stored name that has a space or a hyphen."""
    from sitegen import dates

    found = []
    for table, hijri in ((dates._GREGORIAN_MONTHS, False), (dates._HIJRI_MONTHS, True)):
        found += [(name, month, hijri) for name, month in table.items() if " " in name or "-" in name]
    return found


@pytest.mark.parametrize(("name", "month", "hijri"), _names_with_joiners())
def test_a_month_name_of_several_words_reads_with_a_space_a_hyphen_or_neither(name: str, month: int, hijri: bool):
    year = 1445 if hijri else 2023
    for spelled in {name.replace("-", " "), name.replace(" ", "-"), name.replace("-", "")}:
        found = parse_date(f"10 {spelled} {year}")
        assert found is not None, spelled
        if hijri:
            assert hijri_date(found)[1] == month, spelled
        else:
            assert (found.month, found.day) == (month, 10), spelled


def test_month_names_written_with_hyphens_for_spaces_are_read_in_datelines() -> None:
    assert parse_date("الأحد 17 كانون-الأول 2023") == D(2023, 12, 17)
    assert parse_date("10 Dhu al Hijjah 1445") == parse_date("10 ذو الحجة 1445") == D(2024, 6, 16)
    assert parse_date("10 ربيع-الأول 1445") == D(2023, 9, 25)


@pytest.mark.parametrize(
    ("text", "looks"),
    [
        ("أبريل 2024", True),
        ("April 2024", True),
        ("الجمعة أبريل 2024", True),
        ("رمضان 1445", True),
        ("19/4/24", True),
        ("2024 أبريل 19", True),
        ("2024/13/01", True),  # numbers out of range: no date, but a date's shape
        ("الجمعة 19/19/2024", True),
        ("قرار رقم 2024/13/45", False),
        ("19 أبريل 2024", False),  # a whole date: read, not a look-alike
        ("قمة أبريل 2024 في القاهرة", False),
        ("فاز الأهلي 2-1", False),
        ("2024", False),
        ("Page 19 of 2024", False),
    ],
)
def test_a_line_made_of_date_parts_that_is_no_whole_date_looks_like_one(text: str, looks: bool) -> None:
    assert looks_like_date(text) is looks


def test_an_impossible_day_in_a_file_path_is_said() -> None:
    assert impossible_path_date("2018/02/30/story.txt") == "; the date 2018-02-30 in its path does not exist"
    assert impossible_path_date("2018-02-30-story.md") == "; the date 2018-02-30 in its path does not exist"
    assert impossible_path_date("2018-02-28-story.md") == impossible_path_date("story.md") == ""


# --- Time of day ---------------------------------------------------------------------------------

UTC, CAIRO_SUMMER = datetime.UTC, datetime.timezone(datetime.timedelta(hours=3))
EAST = datetime.timezone(datetime.timedelta(hours=-4))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الجمعة - 19 أبريل 2024 - 10:30 ص", datetime.time(10, 30)),
        ("الجمعة 19 أبريل 2024 - ٠٣:١٥ مساءً", datetime.time(15, 15)),  # Arabic-Indic digits, tanween
        ("19 أبريل 2024 الساعة 9:05 مساء", datetime.time(21, 5)),
        ("19 أبريل 2024 - 12:10 ص", datetime.time(0, 10)),  # just after midnight
        ("19 April 2024 12:30 pm", datetime.time(12, 30)),
        ("19 April 2024 18:45", datetime.time(18, 45)),  # 24-hour clock: no half needed
        ("2024-04-19 23:30:00 -0800", datetime.time(23, 30, tzinfo=datetime.timezone(-datetime.timedelta(hours=8)))),
        ("2024-04-19T10:30:00+03:00", datetime.time(10, 30, tzinfo=CAIRO_SUMMER)),
        ("2024-04-19T10:30:00Z", datetime.time(10, 30, tzinfo=UTC)),
        ("April 19, 2024 3:15 p.m. EDT", datetime.time(15, 15, tzinfo=EAST)),
        ("Friday 19 April 2024 12:05 am GMT+3", datetime.time(0, 5, tzinfo=CAIRO_SUMMER)),
        ("19 أبريل 2024 10:30 بتوقيت مكة المكرمة", datetime.time(10, 30, tzinfo=CAIRO_SUMMER)),
        # a city's time: its zone, whose offset follows the day (daylight saving time)
        ("19 أبريل 2024 10:30 بتوقيت القاهرة", datetime.time(10, 30, tzinfo=zoneinfo.ZoneInfo("Africa/Cairo"))),
        ("19 أبريل 2024 10:30 ص (بتوقيت بيروت)", datetime.time(10, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Beirut"))),
        ("القاهرة - 19 أبريل 2024 - 10:30", datetime.time(10, 30)),  # the place of the news, not a zone
        ("19 أبريل 2024 10:30 بتوقيت عمان", datetime.time(10, 30)),  # Amman or Oman: no zone
        ("19 أبريل 2024 - 10:30 - آخر تحديث 20 أبريل 2024 - 18:00", datetime.time(10, 30)),
        # an hour without minutes, said to be one by الساعة or the part of the day
        ("الجمعة 19 أبريل 2024 الساعة 12 ظهرا", datetime.time(12, 0)),
        ("الجمعة 19 أبريل 2024 الساعة 10 صباحا", datetime.time(10, 0)),
        ("19 أبريل 2024 الساعة 9", datetime.time(9, 0)),
        ("April 19, 2024 3 pm EDT", datetime.time(15, 0, tzinfo=EAST)),
        ("19 أبريل 2024 10 ليلا", datetime.time(22, 0)),
        ("19 أبريل 2024 10 ص", datetime.time(10, 0)),
        ("الجمعة 19 أبريل 2024 - 3 م", datetime.time(15, 0)),
        ("19 أبريل 2024م", None),  # the era after a year, not an hour
        ("19 أبريل 2024 م", None),
        ("2024-04-19 م", None),
        # no time of the publication's own
        ("الجمعة 19 أبريل 2024", None),
        ("19 أبريل 2024 - آخر تحديث 20 أبريل 2024 09:00", None),
        ("آخر تحديث 20 أبريل 2024 09:00", None),
        ("19 April 2024 25:99", None),  # no clock shows it (parse_date says so)
    ],
)
def test_the_time_of_day_of_a_dateline_is_read_with_its_half_of_the_day_and_zone(text, expected) -> None:
    found = dateline_time(text)
    assert found == expected
    assert (found.tzinfo if found else None) == (expected.tzinfo if expected else None)


@pytest.mark.parametrize(
    "line",
    [
        "الجمعة 19 أبريل 2024 الساعة 12 ظهرا",
        "19 أبريل 2024 الساعة 10 صباحا",
        "April 19, 2024 3 p.m.",
        "19 أبريل 2024 - 9 مساء",
        "19 أبريل 2024 10 ص",
        "19 أبريل 2024 - 3 م",
    ],
)
def test_a_dateline_with_an_hour_without_minutes_is_still_a_dateline(line) -> None:
    assert date_line(line) == APR19


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("2024-04-19T10:30:00+25:00", "+25:00"),  # no zone is a day ahead
        ("2024-04-19T10:30:00+03:75", "+03:75"),  # an hour has 60 minutes: was read as +04:15
        ("2024-04-19 10:30:00 -1300", "-1300"),  # west of -12:00 there is no land
        ("2024-04-19T10:30:00+15:00", "+15:00"),  # east of +14:00 (Kiribati) neither
        ("19 April 2024 10:30 GMT+25", "GMT+25"),
        ("19 April 2024 10:30 UTC+3:75", "UTC+3:75"),
        ("الجمعة 19 أبريل 2024 - 10:30 +03:75", "+03:75"),
    ],
)
def test_an_offset_no_clock_uses_is_named_and_the_date_and_time_are_kept_without_it(text, offset) -> None:
    assert parse_date(text) == APR19
    assert impossible_offset(text) == offset
    found = dateline_time(text)
    assert found == datetime.time(10, 30) and found.tzinfo is None


@pytest.mark.parametrize(
    "text",
    [
        "2024-04-19T10:30:00+14:00",
        "2024-04-19T10:30:00-12:00",
        "2024-04-19T10:30:00+05:45",  # Nepal
        "2024-04-19T10:30:00Z",
        "19 April 2024 10:30 GMT+3",
        "April 19, 2024 3:15 p.m. EDT",
        "19 أبريل 2024 10:30 بتوقيت القاهرة",
        "19 أبريل 2024 10:30",  # no offset at all
        "19 أبريل 2024",  # no clock
        "19 April 2024 25:99 +25:00",  # no clock shows it: parse_date says so, not the offset
        "19 April 2024 10:30 - updated 20 April 2024 11:00 +25:00",  # the update's clock is not read
    ],
)
def test_offsets_a_clock_uses_and_lines_without_one_have_no_impossible_offset(text) -> None:
    assert impossible_offset(text) is None


def test_a_site_zone_is_a_name_of_the_tz_database_an_offset_or_utc() -> None:
    cairo = time_zone("Africa/Cairo")
    # Egypt's daylight saving time began on 26 April 2024: the offset follows the day
    assert iso_moment(APR19, datetime.time(10, 30), cairo) == "2024-04-19T10:30:00+02:00"
    assert iso_moment(D(2024, 5, 19), datetime.time(10, 30), cairo) == "2024-05-19T10:30:00+03:00"
    assert iso_moment(APR19, datetime.time(10, 30), time_zone("+03:00")) == "2024-04-19T10:30:00+03:00"
    assert iso_moment(APR19, datetime.time(10, 30), time_zone("UTC-5")) == "2024-04-19T10:30:00-05:00"
    assert time_zone("utc") is datetime.UTC
    for wrong in ("Cairo", "+25:00", "Mars/Olympus", "localtime", "posixrules", "Factory"):
        with pytest.raises(ValueError, match="unknown time zone"):
            time_zone(wrong)


def test_a_citys_time_has_the_offset_of_its_day() -> None:
    cairo = dateline_time("19 أبريل 2024 10:30 بتوقيت القاهرة")
    assert iso_moment(APR19, cairo) == "2024-04-19T10:30:00+02:00"
    assert iso_moment(D(2024, 5, 19), cairo) == "2024-05-19T10:30:00+03:00"  # summer time since 26 April


def test_a_zone_the_source_names_wins_over_the_sites_and_a_day_alone_stays_a_day() -> None:
    assert iso_moment(APR19, datetime.time(9, 0, tzinfo=EAST), time_zone("+03:00")) == "2024-04-19T09:00:00-04:00"
    assert iso_moment(APR19, datetime.time(9, 0)) == "2024-04-19T09:00:00"  # local time: no zone said
    assert iso_moment(APR19, None, time_zone("+03:00")) == "2024-04-19"


def test_a_clock_is_written_on_24_hours_in_the_pages_digits() -> None:
    assert format_clock(datetime.time(9, 5, 59), "ar") == "09:05"
    assert format_clock(datetime.time(21, 5), "ar", digits="arabic") == "٢١:٠٥"
    assert format_clock(datetime.time(21, 5), "en", digits="arabic") == "21:05"  # English keeps Western digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19 أبريل 2024 - 12:30 ليلا", datetime.time(0, 30)),  # half past midnight, not noon
        ("19 أبريل 2024 - 2:00 ليلا", datetime.time(2, 0)),  # the small hours are the night's
        ("19 أبريل 2024 - 11:30 ليلا", datetime.time(23, 30)),
        ("19 أبريل 2024 - 11:30 ظهرا", datetime.time(11, 30)),  # just before noon
        ("19 أبريل 2024 - 12:15 ظهرا", datetime.time(12, 15)),
        ("19 أبريل 2024 - 2:15 ظهرا", datetime.time(14, 15)),
        ("19 أبريل 2024 - 4:00 عصرا", datetime.time(16, 0)),
        ("19 أبريل 2024 - 5:00 فجرا", datetime.time(5, 0)),
    ],
)
def test_the_words_for_night_and_noon_name_the_hours_they_stand_for(text, expected) -> None:
    assert dateline_time(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Al Jazeera's form: the zone in brackets after the clock
        ("تاريخ النشر: 19/4/2024 10:30 ص (بتوقيت مكة المكرمة)", datetime.time(10, 30, tzinfo=CAIRO_SUMMER)),
        ("Published On 19 Apr 2024 10:30 AM (GMT)", datetime.time(10, 30, tzinfo=UTC)),
        ("19 April 2024 10:30 (GMT+3)", datetime.time(10, 30, tzinfo=CAIRO_SUMMER)),
        ("April 19, 2024 3:15 p.m. (EDT)", datetime.time(15, 15, tzinfo=EAST)),
        ("19 أبريل 2024 10:30 ص، بتوقيت مكة المكرمة", datetime.time(10, 30, tzinfo=CAIRO_SUMMER)),
    ],
)
def test_a_zone_in_brackets_or_after_a_comma_is_the_clocks(text, expected) -> None:
    found = dateline_time(text)
    assert found == expected
    assert found is not None and found.tzinfo == expected.tzinfo


@pytest.mark.parametrize(
    "line",
    [
        "الجمعة 19 أبريل 2024 الساعة 10:00-13:00",
        "الجمعة 19 أبريل 2024 - 10:00-12:00",
        "Friday, April 19, 2024, 10:00-13:00",
    ],
)
def test_a_span_of_hours_in_a_dateline_is_no_utc_offset(line):
    # '-12:00' after 10:00 is the span's end, not twelve hours behind UTC (which moved the
    # article's moment unseen), and '-13:00' no impossible offset to warn about.
    from sitegen.clock import dateline_time, impossible_offset

    assert dateline_time(line) == datetime.time(10, 0)
    assert impossible_offset(line) is None


@pytest.mark.parametrize(
    ("line", "hours"),
    [("2024-04-19T10:30-05:00", -5), ("19 April 2024 10:30-05:00", -5), ("2024-04-19T10:00-11:00", -11)],
)
def test_an_offset_after_a_clock_stays_an_offset_in_iso_form_or_when_it_is_no_later_hour(line, hours):
    from sitegen.clock import dateline_time

    found = dateline_time(line)
    assert found is not None and found.utcoffset() == datetime.timedelta(hours=hours)


@pytest.mark.parametrize(("line", "hours"), [("2024-04-19 01:00-04:00", -4), ("٢٠٢٤-٠٤-١٩ ٠٣:١٥-٠٥:٠٠", -5)])
def test_an_offset_after_an_iso_date_and_a_space_stays_an_offset_though_it_reads_as_a_later_hour(line, hours):
    # RFC 3339 (and Python's isoformat(" ")) puts a space where ISO 8601 has its "T": 01:00 in
    # New York was read as a span '01:00-04:00' and the offset dropped, moving the moment unseen.
    from sitegen.clock import dateline_time

    found = dateline_time(line)
    assert found is not None and found.utcoffset() == datetime.timedelta(hours=hours)


@pytest.mark.parametrize(
    "text",
    ["Fri 19 Apr 2024 09.30 BST", "Friday 19 April 2024 21.05 BST", "19 April 2024, 9.30pm", "19 أبريل 2024 - 10.30"],
)
def test_a_time_written_with_a_dot_as_british_papers_write_it_does_not_hide_the_date(text: str) -> None:
    # "Fri 19 Apr 2024 09.30 BST" (The Guardian's dateline) was no date line: the article was
    # undated and the line a subheading.
    assert parse_date(text) == APR19


@pytest.mark.parametrize(
    "text", ["19 April 2024 3.75", "19 April 2024 24.30", "19 April 2024 1.5", "19 April 2024 10.30.15"]
)
def test_a_number_with_a_dot_that_is_no_time_of_day_is_no_date_line(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["19 أبريل 2024 الساعة 10.30", "الجمعة 19 أبريل 2024 الساعة 10.30 صباحا"])
def test_a_time_with_a_dot_after_the_word_for_hour_does_not_hide_the_date_nor_give_the_hour_alone(text: str) -> None:
    # "الساعة 10.30": the hour after الساعة was read alone (10:00), the ".30" left over, so the
    # line was no date line; were it one, its time would have been 10:00.
    assert (parse_date(text), dateline_time(text)) == (APR19, None)


LIBYAN = (
    "أي النار", "النوار", "الربيع", "الطير", "الماء", "الصيف",
    "ناصر", "هانيبال", "الفاتح", "التمور", "الحرث", "الكانون",
)  # fmt: skip


@pytest.mark.parametrize(("month", "name"), list(enumerate(LIBYAN, start=1)))
def test_the_libyan_month_names_are_read_in_a_dateline(month: int, name: str) -> None:
    # Libya's papers named the months so from 1986 to 2011; such a date was no date at all.
    assert parse_date(f"الأحد 1 {name} 2009") == D(2009, month, 1)
    assert parse_date(f"١٩ {name} ٢٠٠٩ م") == D(2009, month, 19)


def test_libyan_month_names_in_other_spellings_and_beside_another_systems_name_are_read() -> None:
    assert parse_date("19 اي النار 2009") == parse_date("19 أين النار 2009") == D(2009, 1, 19)
    assert parse_date("19 هنيبال 2009") == D(2009, 8, 19)
    assert parse_date("19 الطير/أبريل 2009") == D(2009, 4, 19)
    assert parse_date("19 الطير (مايو) 2009") is None  # two different months


def test_libyan_month_names_are_common_words_that_name_no_month_outside_a_date() -> None:
    # الربيع (spring), الماء (water), ناصر (a name): a title or a place that says them names no
    # month, and a day and a year around them are needed to read one.
    assert not names_month("الربيع العربي") and not names_month("شارع ناصر")
    assert not looks_like_date("الصيف 2009")
    assert parse_date("19 الطير 1377") is None  # the Libyan count of years, from 632: not read


@pytest.mark.parametrize(
    ("line", "zone", "moment"),
    [
        ("April 19, 2024 3:15 p.m. ET", "America/New_York", "2024-04-19T15:15:00-04:00"),
        ("January 19, 2024 3:15 p.m. ET", "America/New_York", "2024-01-19T15:15:00-05:00"),
        ("Friday, April 19, 2024 10:30 AM CT", "America/Chicago", "2024-04-19T10:30:00-05:00"),
        ("April 19, 2024 at 9:00 a.m. PT", "America/Los_Angeles", "2024-04-19T09:00:00-07:00"),
    ],
)
def test_eastern_central_and_pacific_time_without_the_season_follow_the_day_as_a_citys_time_does(
    line: str, zone: str, moment: str
) -> None:
    # AP style writes "3:15 p.m. ET": the zone was dropped, and feeds gave the time as UTC (or the
    # site's zone), hours off. Which of EST and EDT is meant follows from the day.
    found = dateline_time(line)
    assert found is not None and found.tzinfo == zoneinfo.ZoneInfo(zone)
    day = parse_date(line)
    assert day is not None and iso_moment(day, found) == moment
    assert impossible_offset(line) is None


@pytest.mark.parametrize(
    "text", ["10 شوال 1445 للهجرة", "الجمعة 10 شوال 1445 للهجرة", "10 شوال 1445ھ", "10 شوال 1445 ھ", "10/10/1445 ھ"]
)
def test_a_hijri_year_said_to_be_of_the_hijra_or_marked_with_the_urdu_keyboards_heh_is_read(text: str) -> None:
    # "للهجرة" (of the Hijra) and ھ (U+06BE, the heh a Persian or Urdu keyboard types for هـ)
    # left the line no date at all.
    assert parse_date(text) == APR19


GULF = datetime.timezone(datetime.timedelta(hours=4))


@pytest.mark.parametrize(
    ("line", "published", "updated", "clock"),
    [
        # Al Arabiya's datelines, in Gulf Standard Time
        ("نشر في: 19 أبريل ,2024: 10:30 ص GST", APR19, None, datetime.time(10, 30, tzinfo=GULF)),
        (
            "نشر في: 19 أبريل ,2024: 10:30 ص GST آخر تحديث: 20 أبريل ,2024: 11:00 ص GST",
            APR19,
            D(2024, 4, 20),
            datetime.time(10, 30, tzinfo=GULF),
        ),
        # "على الساعة", as Maghrebi sites write "at" the hour
        ("الجمعة 19 أفريل 2024 على الساعة 10:30", APR19, None, datetime.time(10, 30)),
    ],
)
def test_a_dateline_in_gulf_time_or_at_the_hour_said_the_maghrebi_way_is_read_with_its_clock(
    line: str, published: datetime.date, updated: datetime.date | None, clock: datetime.time
) -> None:
    # Each was no dateline at all: GST and على were words no dateline holds.
    assert parse_dateline(line) == (published, updated)
    found = dateline_time(line)
    assert found == clock and (found.tzinfo if found else None) == clock.tzinfo


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("19 أبريل 2024", "الجمعة 19 أبريل 2024 10:30", True),
        ("10 شوال 1445 هـ", "19 أبريل 2024", True),
        ("12 شوال 1445 هـ", "19 أبريل 2024", True),  # two days: local moon sighting
        ("13 شوال 1445 هـ", "19 أبريل 2024", False),
        ("30 رمضان 1445 هـ", "9 أبريل 2024", True),  # a month's end (Ramadan 1445 had 30 days)
        ("19 أبريل 2024", "20 أبريل 2024", False),  # a schedule's days
        ("19 أبريل 2024", "مراحل الخطة", False),
    ],
)
def test_two_date_lines_name_one_day_when_they_agree_or_only_local_sighting_parts_them(first, second, same):
    assert same_day(first, second) is same and same_day(second, first) is same


# The labels news sites and content systems put before an article's date, beyond filler words.
DATE_LABELS = [
    *("تاريخ الخبر", "تاريخ المقال", "تاريخ المقالة", "تاريخ الموضوع", "تاريخ الإضافة", "تاريخ نشر الخبر"),
    *("أضيف في", "أُضيف بتاريخ", "أضيفت يوم", "صدر في", "صدر بتاريخ"),
    *("Publication date", "Date of publication", "Publish date", "Story date", "Article date", "First published on"),
]
# Lead-ins that name another day than the article's: its deadline, an event's, a film's release.
LEAD_INS = [
    *("آخر موعد للتقديم", "موعد الانتخابات", "تاريخ الانتخابات", "تاريخ الإصدار", "تاريخ الميلاد"),
    *("The deadline is", "Election day", "Election date", "Release date", "Date of birth"),
]


@pytest.mark.parametrize("label", DATE_LABELS)
def test_a_date_label_opening_a_line_makes_it_a_dateline_with_or_without_a_colon(label: str) -> None:
    # "تاريخ الخبر: 19 أبريل 2024" was no dateline: "الخبر" is no filler word, so the line was
    # read as a place's dateline ("تاريخ الخبر" the place) or as text.
    for line in (f"{label}: 19 أبريل 2024", f"{label} 19 April 2024", f"{label}: الجمعة 19 أبريل 2024 - 10:30"):
        assert date_line(line) == APR19
    assert parse_dateline(f"{label}: 19 أبريل 2024 - آخر تحديث: 20 أبريل 2024") == (APR19, D(2024, 4, 20))


@pytest.mark.parametrize("label", DATE_LABELS)
def test_a_date_label_on_its_own_line_labels_the_date_under_it(label: str) -> None:
    assert labels_date(f"{label}:", "19 أبريل 2024") and labels_date(f"{label}:", "April 19, 2024")


@pytest.mark.parametrize("lead_in", LEAD_INS)
def test_a_lead_in_naming_another_day_labels_no_date_and_makes_no_dateline(lead_in: str) -> None:
    assert not labels_date(f"{lead_in}:", "19 أبريل 2024")
    assert date_line(f"{lead_in}: 19 أبريل 2024") is None


@pytest.mark.parametrize(
    "line",
    [
        "19 أبريل 2024 تاريخ الخبر",  # a label reads only where a line starts
        "أعلنت الوزارة تاريخ الخبر 19 أبريل 2024",
        "تاريخ الخبرة 19 أبريل 2024",  # a longer word is no label
        "صدر القرار في 19 أبريل 2024",  # a decree's day in a sentence
        "Publication date set for April 19, 2024",
    ],
)
def test_a_date_label_inside_or_beside_other_words_makes_no_dateline(line: str) -> None:
    assert date_line(line) is None


def test_a_date_label_over_a_day_that_does_not_exist_labels_it_to_be_warned_about() -> None:
    assert labels_date("تاريخ الخبر:", "31 أبريل 2024") and labels_date("التاريخ:", "31 أبريل 2024")
    with pytest.raises(InvalidDate):
        parse_dateline("تاريخ الخبر: 31 أبريل 2024")
