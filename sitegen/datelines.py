"""Datelines: the place, the date and the wire agency's credit that open a report. Pure.

"القاهرة في 19 أبريل 2024", "CAIRO, April 19, 2024 (Reuters) -", "القاهرة (أ ش أ) -": a dateline stands
over the title, under it or at the start of the first paragraph, and dates the article. A title
with its date ("حرب أكتوبر - 6 أكتوبر 1973") and a sentence about the past ("NATO, April 4, 1949 -")
look the same, so what tells a place from an event or an organisation is here too; titles.py
and extract.py decide where in the file each line is read.
"""

from __future__ import annotations

import datetime as dt
import re

from sitegen import clock, dates
from sitegen.arabic import normalize_key

# Wire agencies as a credit names them: a line that names one is a byline (bylines.is_byline),
# and one in a dateline's credit (split_credit) makes it wire copy.
AGENCIES = tuple(
    normalize_key(a)
    for a in (
        "أ ش أ",
        "أ.ش.أ",
        "رويترز",
        "أ ف ب",
        "أ.ف.ب",
        "فرانس برس",
        "د ب أ",
        "د.ب.أ",
        "وكالات",
        "الأناضول",
        "سبوتنيك",
        "واس",
        "وام",
        "كونا",
        "بترا",
        "سانا",
        "قنا",
        "شينخوا",
        "تاس",
        "بنا",
        "العمانية",
        "الشرق الأوسط",
        "Reuters",
        "AFP",
        "AP",
        "dpa",
        "Xinhua",
        "Anadolu",
    )
)
_AGENCY_KEYS = frozenset(AGENCIES)
# Agencies named only in a credit's brackets ("CAIRO (MENA) -", "رام الله (وفا) -", "بيروت (وطنية) -"):
# as words of a short line they would be something else ("MENA markets rally", "وحدة وطنية", "معا
# نبني", "ملكة سبأ", "Petra by night").
CREDIT_KEYS = _AGENCY_KEYS | frozenset(
    normalize_key(a)
    for a in (
        *("MENA", "وفا", "WAFA", "KUNA", "QNA", "SPA", "WAM", "Petra"),
        *("وطنية", "NNA", "معا", "Maan", "سبأ", "Saba"),  # Lebanon's, Palestine's Ma'an and Yemen's agencies
        *("سونا", "SUNA", "وات", "TAP", "واج", "APS", "MAP"),  # Sudan's, Tunisia's, Algeria's, Morocco's
        *("إرنا", "IRNA"),  # Iran's
    )
)
# Credits that are also words of a title: the region the paper is named for ("إيران - الشرق
# الأوسط"), an adjective ("السعودية ـ العمانية": Omani), a region ("الأناضول": Anatolia), and the
# names read only in brackets (above), other bodies' initials too ("Gaza (MAP)": Medical Aid for
# Palestinians). After a place alone, with no date and no dash into the text, they make a
# dateline or a byline only after a place known to be one (_known_place) or set in quotes.
_WORD_CREDITS = (CREDIT_KEYS - _AGENCY_KEYS) | frozenset(
    normalize_key(a) for a in ("الشرق الأوسط", "العمانية", "الأناضول")
)
# Organisations, not places: a name and a date that open a sentence about their past ("NATO,
# April 4, 1949 - Twelve countries signed ...") are no dateline.
_NOT_PLACES = frozenset(
    normalize_key(name)
    for name in (
        *("NATO", "UN", "EU", "OPEC", "ASEAN", "UNESCO", "UNICEF", "UNRWA", "WHO", "IMF", "IAEA", "NASA", "FIFA"),
        *("WTO", "GCC", "OIC", "الناتو", "أوبك", "اليونسكو", "اليونيسف", "الأونروا"),
    )
)
# Cities of several words that wire copy names most often: their dateline opening a paragraph
# dates the article without a weekday or time (lead_dateline), as a one-word city's does; an
# event's name of several words ("وعد بلفور") does not.
_CITIES_OF_WORDS = frozenset(
    normalize_key(name)
    for name in (
        *("رام الله", "شرم الشيخ", "الدار البيضاء", "أبو ظبي", "بيت لحم", "خان يونس", "دير الزور", "رأس الخيمة"),
        *("أم القيوين", "كفر الشيخ", "بني سويف", "بور سعيد", "مكة المكرمة", "المدينة المنورة", "دار السلام"),
        *("نيو يورك", "نيودلهي", "نيو دلهي", "هونغ كونغ", "كوالا لمبور", "لوس أنجلوس", "تل أبيب", "بوينس آيرس"),
        *("New York", "New Delhi", "Hong Kong", "Kuala Lumpur", "Los Angeles", "Tel Aviv", "Buenos Aires"),
        *("Abu Dhabi", "Ras Al Khaimah", "Sharm el-Sheikh", "Sharm El Sheikh", "Cape Town", "San Francisco"),
        *("Mexico City", "Kuwait City", "Addis Ababa", "Dar es Salaam", "Rio de Janeiro", "Port Said"),
    )
)
# An Arabic letter: Arabic text, which has no capitals (a place of one Arabic word, a byline joined with "، ").
ARABIC_LETTER = re.compile(r"[\u0620-\u064a]")


# "Title - 19 April 2024", also with the time after another dash ("Title - 19 أبريل 2024 - 10:30")
TITLE_DATE = re.compile(
    r"^(?P<title>.{3,}?\S)\s+[-–—|]\s+(?P<date>[^-–—|]*\d[^-–—|]*(?:\s+[-–—|]\s+[^-–—|]*\d[^-–—|]*)?)$"
)


# What a title recalling a past event with its date names it by ("حرب أكتوبر - 6 أكتوبر 1973",
# "Yom Kippur War - October 6, 1973", "ذكرى مجزرة دير ياسين - 9 أبريل 1948"), as normalize_key
# writes it, also after the letters Arabic joins to a word (و، ف، ب، ل، ك، ال: "لحرب", "والثورة").
# Nouns only, and those a day's news seldom puts before its own date: not "وعد" (he promised),
# "اتفاق" (an agreement reached today), "attacks" (a verb as often as not).
_EVENT_WORDS = (
    "حرب", "حروب", "ثورة", "معركة", "مجزرة", "مذبحة", "ذكرى", "نكبة", "نكسة", "انتفاضة", "معاهدة",
    "اتفاقية", "اغتيال", "انقلاب", "استقلال",
    "war", "wars", "revolution", "battle", "massacre", "anniversary", "uprising", "intifada", "nakba",
    "naksa", "treaty", "accords", "assassination", "coup", "independence",
)  # fmt: skip
_EVENT_WORD = re.compile(
    rf"(?<!\w)(?:[وف]?(?:[بلك]?ال|لل|[بلك])?)(?:{'|'.join(normalize_key(w) for w in _EVENT_WORDS)})(?!\w)"
)

# A Latin word typed in lower case, never an English month (but "al-" of "Dhu al-Hijjah").
_LOWER_LATIN_WORD = re.compile(r"(?<![^\W\d_])[a-z]+(?![^\W\d_]|-)")


def names_event(title: str, date_text: str) -> bool:
    """Whether the words before a title's date name an event (a war, a massacre, an
    anniversary: _EVENT_WORDS) or the month of that date ("ثورة يوليو - 23 يوليو 1952"): the date
    is then the event's, decades before the article may have appeared. Read only when the file
    has no other date; the cost of a wrong "yes" is an undated article with a warning, of a wrong
    "no" a misdated one without any. A time of day after the date makes it a publication's stamp
    ("حرب غزة - 19 أبريل 2024 - 10:30"): no event is recalled to the minute."""
    if clock.dateline_time(date_text) is not None:
        return False
    key = normalize_key(title)
    if _EVENT_WORD.search(key):
        return True
    # An English month is written with a capital; "may", "march" in lower case are verbs
    # ("Oil prices may fall further - May 3, 2024"), which the month's key would match.
    named = {m.group(0) for m in dates.month_words(_LOWER_LATIN_WORD.sub(" ", title))}
    return bool(named & {m.group(0) for m in dates.month_words(date_text)})


# Arabic papers also set the dash as a tatweel between spaces ("القاهرة ـ 19 أبريل 2024"): only
# between spaces, where it lengthens no letter (_TATWEEL_DASH).
_TATWEEL_DASH = r"\u0640+(?=\s)"
# A place, then في, a dash, a comma or a colon, then the date: "القاهرة في 19 أبريل 2024", "Cairo, April 19, 2024".
PLACE_DATELINE = re.compile(
    rf"^(?P<place>[^\d\-–—،,:()]{{2,40}}?)\s*(?:\sفي\s|[\-–—،,:]|{_TATWEEL_DASH})\s*(?P<rest>.*\d.*)$"
)
# Wire copy also writes the place and the date with only a space between them: "القاهرة 3 مارس 1994".
PLACE_SPACE_DATE = re.compile(r"^(?P<place>[^\d\-–—،,:()]{2,40}?)\s+(?P<rest>\d.*)$")
# ... and English wire copy a city with its state or country: "AUSTIN, Texas, April 19, 2024",
# "WASHINGTON, D.C., March 3, 2024".
_PLACE_STATE_DATELINE = re.compile(
    r"^(?P<place>[^\d\-–—،,:()]{2,40}?,\s*[A-Z][^\d\-–—،,:()]{0,20}?)\s*,\s*(?P<rest>.*\d.*)$"
)
_PLACE_PATTERNS = (PLACE_DATELINE, PLACE_SPACE_DATE, _PLACE_STATE_DATELINE)
# Some papers set the place in brackets ("(القاهرة) - 3 ديسمبر 2024", "(Cairo) - December 3, 2024"):
# a place of words, as without them, before the dash, comma, colon, في or date that follows a place.
_BRACKETED_PLACE = re.compile(
    rf"^\((?P<place>[^\d()\[\]\-–—،,:/]{{2,40}}?)\)(?=\s*(?:[\-–—،,:]|{_TATWEEL_DASH}|في\s|\d))"
)


def _unbracketed(line: str) -> str:
    """The line with the place it opens with out of its brackets ("(القاهرة) - 3 ديسمبر 2024" is
    read as "القاهرة - 3 ديسمبر 2024"), else the line. What a bracket also opens is no place: a
    number ("(1) - ..."), an update ("(تحديث) - 3 ديسمبر 2024", a date line) or a phrase."""
    if not line.startswith("(") or (match := _BRACKETED_PLACE.match(line)) is None:
        return line
    place = match["place"].strip()
    if not place or dates.is_update(place) or is_phrase(place):
        return line
    return place + line[match.end() :]


# ... or a wire agency's credit where the place stands ("(رويترز) - 3 ديسمبر 2024", "(Reuters) - December
# 3, 2024", "(وام) 3 ديسمبر 2024"): read as the same line without brackets, the agency for the place.
_CREDIT_FIRST = re.compile(rf"^\((?P<agency>[^\d()\[\]\-–—،,:/]{{2,30}}?)\)(?=\s*(?:[\-–—،,:]|{_TATWEEL_DASH}|\d))")


def _credit_first(line: str) -> str:
    """The line with the agency's credit it opens with out of its brackets, where the place
    would stand ("(رويترز) - 3 ديسمبر 2024" is read as "رويترز - 3 ديسمبر 2024"), else the line:
    taken as a credit (without_credit), it left a date with no place before it, and the line was
    read as a title with its date ("(رويترز)")."""
    if not line.startswith("(") or (match := _CREDIT_FIRST.match(line)) is None:
        return line
    agency = match["agency"].strip()
    return agency + line[match.end() :] if normalize_key(agency) in CREDIT_KEYS else line


def dateline_bare(line: str) -> str:
    """What of a dateline the place patterns read: the line without its credit (without_credit)
    and with its place out of brackets (_unbracketed), or the agency's credit that stands for
    the place (_credit_first)."""
    return _unbracketed(without_credit(_credit_first(line)))


# A line that ends a sentence is no dateline, but one whose clock ends in "a.m." or "p.m." may be.
_CLOCK_END = re.compile(r"(?i)\d\s*[ap]\.m\.$")


def _sentence_end(line: str) -> bool:
    return line.endswith(".") and _CLOCK_END.search(line) is None


# A wire agency's credit on a dateline, and the dash that leads into the text: 'القاهرة - 19 أبريل
# 2024 (أ ف ب) -', 'القاهرة (رويترز) - 19 أبريل 2024', 'DUBAI, March 3, 2023 (Reuters) -',
# 'القاهرة - 19 أبريل 2024 - أ ش أ'.
# Some agencies set their name between slashes instead ("بيروت في 19 أبريل 2024 /وطنية/ -", "/ وام /").
_CREDIT_IN_BRACKETS = re.compile(r"\s*,?\s*(?:\((?P<agency>[^()]{1,30})\)|/\s*(?P<slashed>[^/()\d]{1,30}?)\s*/)")
# ... or after a colon, and in quotes, as papers sign their own reports ("لندن: «الشرق الأوسط»").
_CREDIT_AFTER_DASH = re.compile(
    rf"(?:\s+[\-–—]\s+|\s+{_TATWEEL_DASH}\s+|\s*:\s*)[«\"“]?(?P<agency>[^\-–—:«»\"“”\u0640]{{1,30}}?)[»\"”]?$"
)
# ... or with only a space after the date (and its era), as the Saudi Press Agency signs ("الرياض 10
# شوال 1445 هـ الموافق 19 أبريل 2024 م واس").
_CREDIT_AFTER_DATE = re.compile(r"\d(?:\s?(?:م|هـ|ه))?\s+(?P<agency>[^\d\-–—:()«»/]{1,30})$")
_LEADS_ON = re.compile(r"(?:\s*[\-–—]+|\s+\u0640+)$")


def without_credit(line: str) -> str:
    """The line without a wire agency's credit and a final dash: what is left of a dateline is
    its place and date. Other brackets and dashes stay."""
    return split_credit(line)[0]


def split_credit(line: str) -> tuple[str, list[tuple[str, bool]]]:
    """without_credit's line, and the credits taken from it: each agency's key, and whether it
    was set in quotes ("لندن: «الشرق الأوسط»")."""
    credits: list[tuple[str, bool]] = []

    def taken(match: re.Match[str]) -> str:
        if (key := normalize_key(match["agency"] or match["slashed"])) not in CREDIT_KEYS:
            return match[0]
        credits.append((key, False))
        return ""

    if "(" in line or "/" in line:
        line = _CREDIT_IN_BRACKETS.sub(taken, line)
    line = _LEADS_ON.sub("", line)
    if (credit := _CREDIT_AFTER_DASH.search(line)) is not None and (
        key := normalize_key(credit["agency"])
    ) in _AGENCY_KEYS:
        credits.append((key, credit[0].endswith(("»", '"', "”"))))
        line = line[: credit.start()]
    elif (credit := _CREDIT_AFTER_DATE.search(line)) is not None and (
        key := normalize_key(credit["agency"])
    ) in _AGENCY_KEYS:
        credits.append((key, False))
        line = line[: credit.start("agency")].rstrip()
    return line, credits


def is_credited(line: str) -> bool:
    """Whether the line carries a wire agency's credit: in brackets or slashes, after a dash or a colon, or
    after the date."""
    return without_credit(line) != _LEADS_ON.sub("", line)


def leads_on(line: str) -> bool:
    """Whether a dateline leads into the text under it: its final dash says so ("CAIRO, April
    19, 2024 (Reuters) -"), and so does a wire agency's credit after a place that is surely one
    (named_as_place), with a whole date or none ("القاهرة - 19 أبريل 2024 (أ ف ب)", "الرياض
    (واس)"), or after a date with a weekday or a time."""
    if _LEADS_ON.search(line) is not None:
        return True
    if not is_credited(line):
        return False
    if (place_dateline(line) or impossible_place_dateline(line)) is None:
        return wire_dateline(line)
    # "زلزال تركيا - 19 أبريل 2024 (الأناضول)" may be a title that ends with its source
    bare = dateline_bare(line)
    placed = next(match for pattern in _PLACE_PATTERNS if (match := pattern.match(bare)) is not None)
    rest = placed["rest"]
    sure = named_as_place(placed["place"].split(",")[0]) or dates.names_weekday(rest)
    return sure or clock.dateline_time(rest) is not None


def wire_dateline(line: str) -> bool:
    """A wire dateline without a whole date: a place (of two words at most, or a city in
    capitals with its state or day: "WASHINGTON, D.C., March 3") and an agency's credit
    ("القاهرة (أ ش أ) -", "CAIRO (MENA) -", "AUSTIN, Texas, (Reuters) -"), leading into the text
    with its dash (a title may end with its source: "زلزال تركيا (الأناضول)"), or without it
    after a place that is surely one ("الرياض (واس)", "الدوحة - قنا": named_as_place). A wire
    service's city in capitals needs no credit ("CAIRO -", "WASHINGTON, D.C. -"): no title is a
    place."""
    if len(line) > 80:
        return False
    bare, credits = split_credit(line)
    credited = bare != _LEADS_ON.sub("", line)  # is_credited, from the one reading
    place = bare.strip(" ,،")
    city = place.split(",")[0]
    if _LEADS_ON.search(line) is None:  # "الرياض (واس)", "الدوحة - قنا": a credit after a place alone
        return (
            credited
            and named_as_place(place)
            and normalize_key(place) not in _NOT_PLACES
            and not word_credit(place, credits)
        )
    if not credited:
        return (
            city.isupper()
            and 0 < len(city.split()) <= 3
            and normalize_key(city) not in _NOT_PLACES
            and not _news_label(city)
        )
    return 0 < len(place.split()) <= 2 or city.isupper()


# The words of the labels news sites set in capitals over or under a title, with a dash as a
# dateline has ("BREAKING NEWS -", "UPDATE -", "OPINION -", "WORLD NEWS -"): nothing in the line
# tells them from a city ("CAIRO -"), and sitegen knows no list of the world's cities, but a
# label is made of these common words only, where a city's name is not ("NEWPORT NEWS").
_LABEL_WORDS = frozenset(
    {
        *("breaking", "news", "update", "updated", "urgent", "alert", "flash", "live", "latest", "developing"),
        *("exclusive", "opinion", "analysis", "editorial", "comment", "commentary", "feature", "review"),
        *("interview", "explainer", "report", "special", "fact", "check", "watch", "video", "photos", "the"),
        *("world", "local", "national", "international", "business", "politics", "sport", "sports"),
        *("economy", "markets", "tech", "technology", "health", "science", "culture"),
    }
)


def _news_label(words: str) -> bool:
    """Whether a line of capitals is a news site's label, not a city (_LABEL_WORDS)."""
    return all(word in _LABEL_WORDS for word in words.casefold().split())


# The dash that leads from a dateline into the text ("القاهرة - 19 أبريل 2024 - أعلنت ...").
INTO_TEXT = re.compile(rf"\s(?:[\-–—]+|{_TATWEEL_DASH})\s")
_PROSE_ON = frozenset({"في", "on", "in", "at", "منذ", "since"})  # a date after these is the text's
# ... or a wire agency's name between slashes with no dash after it, as the UAE's WAM writes
# ("أبوظبي في 3 ديسمبر 2024 / وام / أعلنت ...", "دبي في 3 ديسمبر/ وام/ أعلنت ..."): the credit's
# closing slash, before the text.
_SLASHED_INTO_TEXT = re.compile(r"\s?/\s*(?P<agency>[^/()\d\-–—]{1,30}?)\s*/(?=\s+[^\s\-–—\u0640/])")


def openings(text: str) -> list[str]:
    """What may be a dateline at the start of a paragraph, shortest first: the text before each
    dash into the text in the first 100 characters (INTO_TEXT), and the text to the closing
    slash of an agency's credit that the text follows without a dash (_SLASHED_INTO_TEXT)."""
    found = [text[: dash.start()] for dash in INTO_TEXT.finditer(text, 0, 100)]
    if "/" in text[:100]:
        found.extend(
            text[: slashed.end()]
            for slashed in _SLASHED_INTO_TEXT.finditer(text, 0, 100)
            if normalize_key(slashed["agency"]) in CREDIT_KEYS
        )
        found.sort(key=len)
    return found


def strip_into_text(rest: str) -> str:
    """The text after a paragraph's dateline (openings), without the dash that leads into it."""
    dash = INTO_TEXT.match(rest)
    return (rest[dash.end() :] if dash is not None else rest).strip()


def lead_dateline(text: str) -> tuple[dt.date, str] | None:
    """The date of a dateline that opens a paragraph and leads into its text with a dash, or
    with an agency's credit between slashes (openings): a place, a whole date, perhaps a wire
    agency's credit, in the first 100 characters ('القاهرة - 19 أبريل 2024 (أ ف ب) - أعلنت ...',
    'أبوظبي في 3 ديسمبر 2024 / وام / أعلنت ...'), and the dateline's text, whose time of day is
    the article's; None for any other paragraph."""
    for opening in openings(text):
        plain = without_credit(_credit_first(opening))
        bare = _unbracketed(plain)
        placed = PLACE_DATELINE.match(bare) or PLACE_SPACE_DATE.match(bare)
        if placed is None or len(placed["place"].split()) > 3 or placed["rest"].split()[0].casefold() in _PROSE_ON:
            continue  # not a place and a date, but a sentence: "قال الوزير - في 19 أبريل 2024 - إن"
        # Nor is a date that a preposition leads to, in the place's words or between them and
        # the date ("وقع الزلزال في 6 فبراير 2023 -", "Since 7 October 2023 -"), unless a wire
        # agency's credit makes it a dateline ("القاهرة في 19 أبريل 2024 (أ ش أ) -").
        before = bare[: placed.start("rest")].casefold().split()
        credited = plain != _LEADS_ON.sub("", opening)
        if not credited and (is_phrase(" ".join(before)) or any(word in _PROSE_ON for word in before)):
            continue
        # A name and a date after a comma open many sentences about the past ("حرب أكتوبر، 6
        # أكتوبر 1973 - عبرت ...", "Paris, 14 July 1789 - The crowd ..."): without a credit, only
        # a wire service's capitals make that a dateline ("CAIRO, April 19, 2024 - ..."), or, in
        # Arabic, which has no capitals, a place of one word ("القاهرة، 19 أبريل 2024 - ...").
        comma = any(mark in bare[placed.end("place") : placed.start("rest")] for mark in ",،")
        place = placed["place"]
        one_arabic_word = len(place.split()) == 1 and ARABIC_LETTER.search(place) is not None
        if comma and not credited and not place.isupper() and not one_arabic_word:
            continue
        # A credit between slashes with the text right after it ("أبوظبي في 3 ديسمبر 2024 / وام /
        # أعلنت ...") has no dash to say the dateline ends there: only a place that is surely one
        # opens it, not a sentence ("أعلنت الوزارة في 3 ديسمبر 2024 / وام / أن ...").
        if opening.endswith("/") and not named_as_place(place.strip()):
            continue
        # So does an event's name of several words and a date after a dash ("وعد بلفور - 2
        # نوفمبر 1917 - صدر ...", "حرب أكتوبر - 6 أكتوبر 1973 - ..."), where a place of several
        # words would be ("شرم الشيخ"): without a credit, such a dateline needs what marks a
        # day's report, a weekday or a time of day ("رام الله - الجمعة 19 أبريل 2024 - ...").
        if (
            not credited
            and not named_as_place(place)
            and not dates.names_weekday(bare)
            and clock.dateline_time(opening) is None
        ):
            continue
        if (day := place_dateline(opening)) is not None:
            return day, opening
    return None


def yearless_dateline(opening: str) -> bool:
    """Whether a paragraph's opening (openings) is a dateline with a wire agency's credit and a
    day and month but no year, as wire services write it in Arabic too ("أبوظبي في 3 ديسمبر / وام
    /", "القاهرة في 19 أبريل (أ ش أ)"): a place that is surely one (named_as_place) and the day and
    month alone. It dates nothing: no year is guessed."""
    bare, credits = split_credit(opening)
    if not credits or (placed := PLACE_DATELINE.match(bare.strip())) is None:
        return False
    place, rest = placed["place"].strip(), placed["rest"].strip()
    day_month = _DAY_MONTH.fullmatch(rest)
    return (
        day_month is not None
        and dates.names_month(day_month["before"] or day_month["after"])
        and named_as_place(place)
        and _is_place(place)
        and not word_credit(place, credits)
    )


# A day and a month without a year: "3 ديسمبر", "3 كانون الأول", "December 3".
_DAY = r"(?:[1-9]|[12]\d|3[01])"
_DAY_MONTH = re.compile(rf"{_DAY}\s+(?P<after>[^\W\d_]+(?:\s[^\W\d_]+)?)|(?P<before>[^\W\d_]+)\s+{_DAY}")


def named_as_place(words: str) -> bool:
    """Whether what stands before a date surely names a place, not an event or a title: one
    word, a wire service's capitals, or a city of several words (_CITIES_OF_WORDS)."""
    return len(words.split()) == 1 or words.isupper() or normalize_key(words) in _CITIES_OF_WORDS


def word_credit(place: str, credits: list[tuple[str, bool]]) -> bool:
    """Whether a line's credits are all words too, not in quotes (_WORD_CREDITS), after a place
    not known to be one (_known_place): "إيران - الشرق الأوسط", "Gaza (MAP)" may be titles, where
    "مسقط - العمانية", "RABAT (MAP)" and "لندن: «الشرق الأوسط»" are datelines."""
    return all(key in _WORD_CREDITS and not quoted for key, quoted in credits) and not _known_place(place)


def _known_place(place: str) -> bool:
    """Whether a place is known to be one by itself, not only by where it stands: a wire
    service's capitals ("RABAT"), or a city that dates knows ("مسقط": clock.is_city) or one of
    several words (_CITIES_OF_WORDS)."""
    return place.isupper() or clock.is_city(place) or normalize_key(place) in _CITIES_OF_WORDS


def doubtful_place(line: str) -> bool:
    """Whether a line read as a dateline with a place may be a title with its date ("عنوان الخبر
    - 20 أبريل 2024"): a "Title - date" line whose words before the date are not surely a place
    (named_as_place), with no agency's credit, weekday or time of day, which mark a report's
    dateline."""
    titled = TITLE_DATE.match(_unbracketed(line))
    return (
        titled is not None
        and not is_credited(line)
        and not named_as_place(titled["title"])
        and not dates.names_weekday(titled["date"])
        and clock.dateline_time(titled["date"]) is None
    )


def place_dateline(line: str) -> dt.date | None:
    """The date of a dateline that starts with a place: 'القاهرة في 19 أبريل 2024',
    'Cairo, April 19, 2024', 'بيروت - 19/4/2024', 'القاهرة 19 أبريل 2024', also with a wire
    agency's credit ('القاهرة - 19 أبريل 2024 (أ ف ب) -'). None for anything else; the date must
    be whole (day, month and year)."""
    line = dateline_bare(line)
    if _too_long_for_a_dateline(line):
        return None
    titled = TITLE_DATE.match(line)
    if titled is not None and dates.is_update(titled["date"]) and dates.dateline_dates(titled["date"])[0] is None:
        # Split at its update ("CAIRO, April 19, 2024 | Updated April 20, 2024"), the words
        # before are a dateline, not a title naming the update's month: an event is named before
        # the first date
        titled = TITLE_DATE.match(titled["title"])
    if titled is not None and names_event(titled["title"], titled["date"]):
        return None  # "مجزرة دير ياسين - 9 أبريل 1948", "Yom Kippur War - ...": no place names an event
    for pattern in _PLACE_PATTERNS:
        match = pattern.match(line)
        if match is not None and _is_place(match["place"]) and (found := dates.date_line(match["rest"])):
            return found
    return None


def _too_long_for_a_dateline(line: str) -> bool:
    """Whether a line (without its credit) is a sentence rather than a dateline with a place: more
    than ten words, or six more with an update ("القاهرة - 19 أبريل 2024 | آخر تحديث: 20 أبريل
    2024"), or a final stop."""
    return len(line.split()) > (16 if dates.is_update(line) else 10) or _sentence_end(line)


def place_update(line: str) -> dt.date | None:
    """The update date of a dateline with a place that names one ("القاهرة - 19 أبريل 2024 | آخر
    تحديث: 20 أبريل 2024"); None for any other line. Raises InvalidDate (its update set) for an
    update day that does not exist."""
    if not dates.is_update(line):
        return None
    line = dateline_bare(line)
    for pattern in _PLACE_PATTERNS:
        if (match := pattern.match(line)) is not None and _is_place(match["place"]):
            try:
                return dates.parse_dateline(match["rest"])[1]
            except dates.InvalidDate as exc:
                if exc.update:
                    raise
                return None  # the publication's day: place_dateline has read it, or not
    return None


# Words that name a day, not a place: the lead-in of a day of the text ("آخر موعد للتقديم: 30
# يونيو 2024", "موعد الانتخابات: ...", "The deadline is: June 30, 2024", "Election day: ...") or a
# label that is no date's (dates.labels_date: "تاريخ الانتخابات:", "Release date:") before a date on
# its line has the shape of a place's dateline, but no place is named with them.
_DAY_WORDS = frozenset(
    normalize_key(w)
    for w in ("تاريخ", "التاريخ", "موعد", "الموعد", "يوم", "date", "dates", "deadline", "deadlines", "day")
)
# ... but "يوم" and "تاريخ" after the place, alone or with the weekday, are its date's filler, as on
# a date line ("القاهرة يوم الجمعة 19 أبريل 2024", "القاهرة تاريخ 19 أبريل 2024"), where a lead-in's
# word for a day opens it ("يوم الانتخابات:") or names what is due ("آخر يوم للتقديم:").
_DATE_FILLERS = frozenset(normalize_key(w) for w in ("يوم", "تاريخ"))


def _is_place(place: str) -> bool:
    """Whether what stands before a dateline's date may be its place: at most three words (a
    state after a comma not counted: "AUSTIN, Texas"), not an event named for its month ("حرب
    أكتوبر", "ثورة يوليو": a place never names one), not an organisation ("NATO") and no words
    for a day (_names_a_day: "آخر موعد للتقديم", "Election day")."""
    city = place.split(",")[0]
    return (
        len(city.split()) <= 3
        and not dates.names_month(place)
        and normalize_key(city) not in _NOT_PLACES
        and not _names_a_day(city)
    )


def _names_a_day(city: str) -> bool:
    """Whether the words before a date hold a word for a day (_DAY_WORDS) other than the date's
    filler after the place (_DATE_FILLERS), or than the date's own label in place of a place
    ("التاريخ: 19 أبريل 2024 (أ ش أ)", "Date: April 19, 2024 (Reuters)": dates.only_label)."""
    words = normalize_key(city).split()
    if _DAY_WORDS.isdisjoint(words) or dates.only_label(city):
        return False
    k = next(k for k, word in enumerate(words) if word in _DAY_WORDS)
    filler = k > 0 and words[k] in _DATE_FILLERS and all(dates.names_weekday(word) for word in words[k + 1 :])
    return not filler


def impossible_place_dateline(line: str) -> dates.InvalidDate | None:
    """What is impossible in the date of a line shaped as place_dateline's ('بغداد في 31 نيسان
    2024'), else None."""
    line = dateline_bare(line)
    if _too_long_for_a_dateline(line):
        return None
    for pattern in _PLACE_PATTERNS:
        match = pattern.match(line)
        if match is not None and _is_place(match["place"]) and (found := impossible_date(match["rest"])):
            return found
    return None


def impossible_date(text: str) -> dates.InvalidDate | None:
    """The InvalidDate of a dateline that names a day that does not exist, else None."""
    try:
        dates.parse_dateline(text)
    except dates.InvalidDate as exc:
        return exc
    return None


# Words that make a phrase, not a name: prepositions, particles, verbs of being. A short line
# above the date line with one of them is a subtitle ("المحادثات تستمر يومين في العاصمة", "Talks
# to resume in Doha"), not an author, an agency or a newspaper ("أحمد محمد", "Associated Press").
# Not "of", "the", "and", بن or ال: names and agencies have them (Bank of England, عبد الله بن علي).
_PHRASE_WORDS = frozenset(
    {
        *("في", "من", "على", "إلى", "الى", "عن", "مع", "بعد", "قبل", "حول", "بين", "خلال", "أمام", "ضد"),
        *("لدى", "منذ", "حتى", "عند", "نحو", "لا", "لن", "لم", "قد", "هل", "التي", "الذي", "الذين"),
        *("إن", "أن", "كان", "كانت", "يكون", "ليس", "هذا", "هذه", "ذلك", "تلك"),
        *("to", "in", "on", "at", "for", "with", "after", "before", "over", "amid", "into", "from", "as"),
        *("by", "is", "are", "was", "were", "will", "be", "not", "has", "have", "had", "says", "said"),
        *("this", "that"),
    }
)


def is_phrase(text: str) -> bool:
    """Whether the words hold one that makes a phrase, not a name (_PHRASE_WORDS; also after و or
    ف: "وفي")."""
    return any(
        word in _PHRASE_WORDS or (word[:1] in "وف" and word[1:] in _PHRASE_WORDS) for word in text.lower().split()
    )


def is_date_line(text: str) -> bool:
    """A date or update line, also one naming a day that does not exist (Dates.take warns)."""
    try:
        return dates.parse_dateline(text) != (None, None)
    except dates.InvalidDate:
        return True
