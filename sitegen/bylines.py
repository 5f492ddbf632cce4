"""Bylines: who wrote an article or sent it ("كتب: ...", "By Jane Doe", "القاهرة - أ ش أ"). Pure.

A byline looks much like a title that opens with the same word ("تقرير مطول عن ...", "By the
numbers: ..."); what tells them apart is here, so that plain text (titles.py) and the lines over
a Markdown body (frontmatter.py) are read alike.
"""

from __future__ import annotations

import re

from sitegen.arabic import loose, loose_phrases, normalize_key
from sitegen.datelines import (
    AGENCIES,
    ARABIC_LETTER,
    CREDIT_KEYS,
    is_date_line,
    is_phrase,
    split_credit,
    wire_dateline,
    word_credit,
)

# A byline or dateline right after the title: "كتب: ...", "By ...", "القاهرة - أ ش أ".
_AUTHOR_WORDS = loose_phrases("كتب", "كتبت", "بقلم", "by", "written by", "reporting by")  # only ever open a byline
_BYLINE_WORDS = (
    rf"(?:{_AUTHOR_WORDS}|{loose_phrases('إعداد', 'تقرير', 'ترجمة', 'حوار', 'تحرير', 'متابعة', 'from')}"
    rf"|{loose('مراسل')}\S*|{loose('من')}\s+{loose('مراسل')}\S*)"
)
# Labelled fields, as databases and content systems export an article ("الكاتب: ...",
# "Author: ..."): a byline only with the colon (a title may begin "المحرر الذي ...").
_AUTHOR_LABELS = (
    "(?:"
    + loose_phrases("الكاتب", "الكاتبة", "المؤلف", "المؤلفة", "المحرر", "المحررة")
    + r"|author|authors|writer|byline|reporter)\s*:"
)
BYLINE_START = re.compile(rf"^(?:{_BYLINE_WORDS}\b\s*[:\-–—]?|{_AUTHOR_LABELS})\s*\S", re.IGNORECASE)
# ... and surely a byline, even where a title could begin with the same word ("تقرير مطول ...").
BYLINE_MARKED = re.compile(rf"^(?:(?:{_AUTHOR_WORDS})\b|{_BYLINE_WORDS}\s*[:\-–—]|{_AUTHOR_LABELS})", re.IGNORECASE)
# Agencies named in full, as a byline or its second line names them ("By JANE DOE" / "Associated Press").
_AGENCY_NAMES = frozenset(
    normalize_key(a)
    for a in (
        *("Associated Press", "The Associated Press", "Agence France-Presse", "Agence France Presse"),
        *("وكالة الأنباء الفرنسية", "وكالة فرانس برس", "وكالة رويترز", "وكالة الأناضول", "وكالة أسوشيتد برس"),
        *("وكالة أنباء الشرق الأوسط", "وكالة الأنباء السعودية", "وكالة الأنباء الألمانية"),
    )
)
_DASHED = re.compile(r"^[^\-–—:]{2,40}\s[\-–—]\s[^\-–—:]{2,40}$")
# The end of a sentence or a clause: no byline ends so (is_byline), nor a heading or a line wrapped mid-sentence.
SENTENCE_END = re.compile(r"[.!?؟…:;؛،,]$|[.!?؟]\s*[\"”»)]$")


def goes_on_byline(byline: str | None, text: str) -> bool:
    """Whether a line under the title that is_byline does not take is the byline, or goes on the
    byline above it: an agency named in full ("Associated Press"), alone or under the author ("By
    JANE DOE" / "Associated Press"), or, under the author, a credit ("Petra") or a wire dateline
    without a year ("DOHA, April 19 (Reuters) -")."""
    key = normalize_key(text)
    if byline is None:
        return key in _AGENCY_NAMES
    return BYLINE_MARKED.match(byline) is not None and (
        key in _AGENCY_NAMES or key in CREDIT_KEYS or wire_dateline(text)
    )


def join_byline(byline: str, text: str) -> str:
    """A byline and the line that goes on it (a dateline, an author), as one."""
    return byline + ("، " if ARABIC_LETTER.search(text) else ", ") + text


# Where a line may hold a byline and a date side by side: "By Jane Doe | April 19, 2024",
# "بقلم: أحمد محمد - 19 أبريل 2024", "Posted on April 19, 2024 by Jane Doe".
_BYLINE_DATE_SPLIT = re.compile(r"\s+[|•·\-–—]\s+|[,،]\s+|\s+(?=(?:by|بقلم|كتب|كتبت)\b)", re.IGNORECASE)


_BYLINE_WORD = re.compile(rf"(?<!\w)(?:{_BYLINE_WORDS}|{_AUTHOR_LABELS})", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def byline_and_date(line: str) -> tuple[str, str] | None:
    """(byline, date line) of a line that holds both, the byline led by its keyword; else None."""
    if len(line) > 120 or not _BYLINE_WORD.search(line) or not _DIGIT.search(line):
        return None  # most lines: one keyword search at C speed
    for cut in _BYLINE_DATE_SPLIT.finditer(line):
        left, right = line[: cut.start()].strip(), line[cut.end() :].strip()
        for byline, date in ((left, right), (right, left)):
            if BYLINE_START.match(byline) and not any(c.isdigit() for c in byline) and is_date_line(date):
                return byline, date
    return None


# The byline words that are nouns a title may open with: "حوار مع وزير الثقافة", "تقرير عن ...".
_NOUNS = loose_phrases("إعداد", "تقرير", "ترجمة", "حوار", "تحرير", "متابعة")
_TITLE_NOUN = re.compile(rf"^(?:{_NOUNS})\s+(?P<rest>.+)")
# ... but a byline says with such a phrase where the story comes from ("تقرير من القاهرة",
# "متابعة في الجريدة", "ترجمة عن الفرنسية: أحمد محمد") or joins two such nouns ("إعداد وحوار مع
# أحمد محمد").
_BYLINE_SOURCE = re.compile(
    rf"^\S+\s+(?:(?:{loose_phrases('من', 'في')})\s|و(?:{_NOUNS})\s)"
    rf"|^(?:{loose_phrases('ترجمة')})\s+(?:{loose_phrases('عن')})\s"
)


# A byline's word that a title may open with, and the words after it, with no colon or dash.
_OPENING_WORD = re.compile(
    rf"^(?P<word>{loose_phrases('by', 'from')}|{_NOUNS})\s+(?P<rest>[^\s:\-–—].*)$", re.IGNORECASE
)


def opens_title(line: str) -> bool:
    """Whether a line under a dateline that opens with a byline's word, without its colon, is a
    title that opens with the word, not a byline that names someone: after "By" no capital ("By
    the numbers: ..."), after "From" no capital or a phrase ("From Cairo to Doha, a long road";
    not "From our correspondent"), after an Arabic noun a word with the article, as no one's name
    begins ("متابعة الانتخابات الرئاسية"; not "متابعة أحمد علي", nor a source: "تقرير من القاهرة")."""
    opening = _OPENING_WORD.match(line)
    if opening is None:
        return False
    word, rest = opening["word"].casefold(), opening["rest"]
    if word == "by":
        return rest[0].islower()
    if word == "from":
        return not rest.startswith("our ") and (rest[0].islower() or is_phrase(rest))
    return rest.startswith("ال") and _BYLINE_SOURCE.match(line) is None


def title_before_byline(line: str, following: str) -> bool:
    """Whether a line that opens with a byline word is the title after all: a title may begin
    with تقرير, حوار or From ("تقرير مطول عن خطة التنمية"), and a byline or dateline under it
    ("القاهرة - أ ش أ") says so; so does a phrase after such a noun ("حوار مع وزير الثقافة"),
    where a byline has a name ("إعداد أحمد محمد") or a source ("تقرير من القاهرة"), even with a
    subtitle under it. A keyword with its colon or dash ("كتب: ...") stays a byline."""
    if BYLINE_MARKED.match(line) is not None:
        return False
    if is_byline(following):
        return True
    noun = _TITLE_NOUN.match(line)
    return noun is not None and is_phrase(noun["rest"]) and _BYLINE_SOURCE.match(line) is None


def is_byline(line: str) -> bool:
    """A byline or dateline: 'كتب: ...', 'By ...', 'القاهرة - أ ش أ', '(رويترز)'."""
    if len(line) > 80 or (SENTENCE_END.search(line.rstrip(")")) and not line.endswith(")")):
        return False
    if BYLINE_START.match(line):
        return True
    key = normalize_key(line)
    words = key.replace("(", " ").replace(")", " ").split()
    if len(words) <= 8 and any(_contains_phrase(key, agency) for agency in AGENCIES):
        return True
    bare, credits = split_credit(line)
    if len(words) <= 8 and credits and not word_credit(bare.strip(" ,،"), credits):  # not "Gaza (MAP)"
        return True
    return (bool(_DASHED.match(line)) and len(line.split()) <= 6) or wire_dateline(line)  # also "CAIRO -"


def _contains_phrase(key: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", key) is not None
