"""Pure text helpers for Arabic: matching keys, digits, script detection and slugs.

Everything here is a pure function built on ``str.translate`` tables and compiled regular
expressions, so it is fast enough to run over every word of a large archive. The character
tables come from pyarabic, so our notion of "a hamza form" or "a diacritic" is the library's.
"""

from __future__ import annotations

import html.entities
import re
import unicodedata
from pathlib import PurePosixPath

from pyarabic import araby

# Bidi controls, zero-width characters and the BOM: invisible, and harmful in titles and slugs;
# every key (normalize_key, slugs, tags, search) ignores them all.
INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u061c"  # ZWSP ZWNJ ZWJ LRM RLM ALM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\ufeff\u2060\u00ad"  # BOM / ZWNBSP, word joiner, soft hyphen
)
# But the zero-width non-joiner is spelling, not noise, inside a word: Persian, Urdu and Kurdish
# write it to keep a letter from joining the next (می‌خواهم, کتاب‌ها), and a title without it
# showed the word joined wrong (میخواهم). strip_invisible keeps it there; the keys still ignore
# it, so that می‌خواهم and میخواهم are one word to search, one tag and one address. So is the
# zero-width joiner (ZWJ) between two characters: it makes one emoji of several (👨‍👩‍👧, a family;
# without it, three faces) and forces a letter's joining form in Arabic-script spellings; the
# keys ignore it too.
ZWNJ = "\u200c"
ZWJ = "\u200d"
_STRIP_INVISIBLE = str.maketrans("", "", INVISIBLE.replace(ZWNJ, "").replace(ZWJ, ""))
_JOINER_RUN = re.compile(f"[{ZWNJ}{ZWJ}]+")

_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
_PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
_TO_WESTERN = str.maketrans(_ARABIC_INDIC + _PERSIAN, "0123456789" * 2)
_TO_ARABIC_INDIC = str.maketrans("0123456789", _ARABIC_INDIC)

# Matching key: drop diacritics and tatweel, fold every hamza/alef form, alef maqsura and
# taa marbuta, so that spelling variants of one word compare equal. A hamza on a seat is its
# seat (ؤ و, ئ ي), as hands often leave it off (اسراييل, الجزاير, لاجي); the spellings that put
# the hamza on another seat are folded by HAMZA_BEFORE and HAMZA_AFTER.
_KEY_DELETE = "".join(araby.TASHKEEL) + araby.TATWEEL + araby.SMALL_ALEF + "\u0653\u0654\u0655"
_KEY_MAP = {
    araby.ALEF_MADDA: araby.ALEF,
    araby.ALEF_HAMZA_ABOVE: araby.ALEF,
    araby.ALEF_HAMZA_BELOW: araby.ALEF,
    araby.ALEF_WASLA: araby.ALEF,
    araby.WAW_HAMZA: "\u0648",  # و
    araby.YEH_HAMZA: araby.YEH,
    araby.ALEF_MAKSURA: araby.YEH,
    araby.TEH_MARBUTA: "\u0647",  # ه
    "\u06cc": araby.YEH,  # Persian yeh
    "\u06a9": "\u0643",  # Persian keheh -> kaf
    # Turkish capital dotted I: casefold() writes it as i and a combining dot, which ends a word
    # (İzmir was i and zmir); Turkish names are everywhere in the news.
    "\u0130": "i",
}
_BASE_TABLE = str.maketrans(
    {**{ord(k): v for k, v in _KEY_MAP.items()}, **{ord(c): None for c in _KEY_DELETE + INVISIBLE}}
)
# Arabic presentation forms (ﻣﺼﺮ, ﻻ, ﷲ), which text copied from a PDF is full of: the letters
# they show (NFKC), folded. A form that is only a mark (ﹰ: a space and a fathatan) is dropped.
# Where they are: A and B, and the few blocks between them (one range searches twice as fast).
PRESENTATION_FORMS = "[\ufb50-\ufefe]"
_PRESENTATION_TABLE = {
    c: folded
    for c in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF))
    if (shown := unicodedata.normalize("NFKC", chr(c))) != chr(c)
    and (folded := shown.translate(_BASE_TABLE).strip()) != chr(c)
}
_KEY_TABLE = {**_PRESENTATION_TABLE, **_BASE_TABLE}
# (written, folded as) pairs applied to the text as written, before the tables, one character
# for one: Egyptian spelling seats on ئ the hamza that is on ؤ elsewhere (مسئول, شئون; not in
# ناشئون, where it is ئ everywhere), and a hamza after an alef is seated either way (تفاؤل and
# تفائل, لقاؤه and لقائه: one word, in two cases).
HAMZA_BEFORE = (("ئول", "ؤول"), ("شئون", "شؤون"), ("اشؤون", "اشئون"), ("اؤ", "ائ"))
# ... and after the tables, to text already folded (ى is ي): older print writes ىء or يء for ئ
# (المبادىء, شاطىء), and شيء is also written شئ.
HAMZA_AFTER = ((araby.YEH + araby.HAMZA, araby.YEH),)
_SPACES = re.compile(r"\s+")
# normalize_key's two tables in one: one pass over the text instead of two. No key of one table
# is a value of the other, so applying them together is applying them in turn.
_DIGITS_AND_KEY_TABLE = {**_KEY_TABLE, **_TO_WESTERN}
assert not set(_KEY_TABLE) & set(_TO_WESTERN) and not any(ord(c) in _KEY_TABLE for c in "0123456789"), (
    "normalize_key's tables overlap"
)

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Runs of letters: counting their lengths makes one match per word, not one per letter.
_ARABIC_RUN = re.compile(_ARABIC_LETTER.pattern + "+")
_LATIN_RUN = re.compile(_LATIN_LETTER.pattern + "+")


def has_invisible(text: str) -> bool:
    """Whether text has any bidi control or zero-width character."""
    # One substring search per character (memchr-fast) is twice as fast on a whole article as a
    # character class, which tests every character of the text against the class.
    return any(char in text for char in INVISIBLE)


def strip_invisible(text: str) -> str:
    """Remove bidi controls and zero-width characters (they break titles, slugs and matching),
    but for a zero-width non-joiner (ZWNJ) or joiner (ZWJ) inside a word or an emoji sequence,
    which is part of its spelling."""
    # str.translate with deletions walks every character in Python-level dict lookups; most
    # text has none of these characters, which has_invisible finds out at C speed.
    if not has_invisible(text):
        return text
    text = text.translate(_STRIP_INVISIBLE)
    return _JOINER_RUN.sub(_inner_joiners, text) if ZWNJ in text or ZWJ in text else text


def _inner_joiners(run: re.Match[str]) -> str:
    """A run of ZWNJ and ZWJ between two characters that are not spaces, each repeat of one
    typed once (ZWJ ZWNJ ZWJ, a joining form without a ligature, is Unicode's own); else nothing."""
    text, start, end = run.string, run.start(), run.end()
    inside = start > 0 and end < len(text) and not text[start - 1].isspace() and not text[end].isspace()
    return "".join(char for at, char in enumerate(run[0]) if at == 0 or run[0][at - 1] != char) if inside else ""


def is_blank(text: str) -> bool:
    """Whether text has nothing visible: only whitespace and invisible characters. Decided by
    its first character that is not whitespace, unless that one is invisible too."""
    text = text.strip()
    return not text or (text[0] in INVISIBLE and not strip_invisible(text).strip())


def to_western_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII, so that dates and numbers parse uniformly."""
    return text.translate(_TO_WESTERN)


def to_arabic_digits(text: str) -> str:
    """ASCII digits to Arabic-Indic (٠-٩), for pages that use the Eastern digit policy."""
    return text.translate(_TO_ARABIC_INDIC)


def normalize_key(text: str) -> str:
    """A comparison key: equal for spelling variants of the same Arabic (or English) text.

    Folds hamza and alef forms, alef maqsura to yeh, taa marbuta to heh, presentation forms to
    their letters, removes tashkeel and tatweel, lowercases Latin letters and collapses
    whitespace.
    """
    key = seat_hamza(text).translate(_DIGITS_AND_KEY_TABLE).casefold()
    key = fold_hamza_after(key)
    return _SPACES.sub(" ", key).strip()


def seat_hamza(text: str) -> str:
    """HAMZA_BEFORE applied to text as written (before the tables fold it)."""
    if araby.YEH_HAMZA not in text and araby.WAW_HAMZA not in text:  # most text: two searches at C speed
        return text
    for written, folded_as in HAMZA_BEFORE:
        text = text.replace(written, folded_as)
    return text


def fold_hamza_after(folded: str) -> str:
    """HAMZA_AFTER applied to text the tables have folded (ى is ي by then)."""
    if araby.HAMZA not in folded:  # most text: one search at C speed
        return folded
    for written, folded_as in HAMZA_AFTER:
        folded = folded.replace(written, folded_as)
    return folded


# What may come after any Arabic letter as typed: tashkeel, the dagger alef, tatweel.
_LOOSE_MARKS = "[\u0610-\u061a\u064b-\u065f\u0670\u0640]*"
_LOOSE_LETTERS = {
    **dict.fromkeys("اأإآٱ", "[اأإآٱ]"),
    **dict.fromkeys("ةه", "[ةه]"),
    **dict.fromkeys("يى", "[يى]"),
    **dict.fromkeys("ؤئ", "[ؤئ]"),
}


def loose(phrase: str) -> str:
    """A regular expression for an Arabic phrase as hands type it: with tashkeel and tatweel
    between its letters, any alef form for an alef, ه for ة, ى for ي, ئ for ؤ, and any run of
    whitespace between its words (the labels of exported articles: "الكلمات المفتاحيه:",
    "الوسـوم:"). Other characters stand for themselves."""
    out = []
    for char in phrase:
        if char.isspace():
            out.append(r"\s+")
        elif "\u0621" <= char <= "\u064a":
            out.append(_LOOSE_LETTERS.get(char, char) + _LOOSE_MARKS)
        else:
            out.append(re.escape(char))
    return "".join(out)


def loose_phrases(*phrases: str) -> str:
    """An alternation of phrases as hands type them (loose: tashkeel, tatweel, ه for ة...), for
    the labels and keywords that several modules look for in an article's lines."""
    return "|".join(map(loose, phrases))


def count_scripts(text: str) -> tuple[int, int]:
    """(Arabic letters, Latin letters) in text."""
    return sum(map(len, _ARABIC_RUN.findall(text))), sum(map(len, _LATIN_RUN.findall(text)))


# Latin letters must outnumber Arabic ones this many times for a text to be English. Arabic news
# quotes English freely (a statement, a tweet, "شركة Apple تطلق iPhone 16 Pro Max"), while
# English news has next to no Arabic script: a plain majority made such Arabic articles English.
ENGLISH_MAJORITY = 3


def detect_lang(text: str) -> str:
    """'en' when Latin letters outnumber Arabic ones ENGLISH_MAJORITY times over, else 'ar'.

    Arabic wins close calls and empty text because the archive is Arabic first. The first 3,000
    characters decide: enough for any article, and constant time for huge ones. Web and e-mail
    addresses are not counted.
    """
    arabic, latin = _letters(text)
    return "en" if latin > ENGLISH_MAJORITY * arabic else "ar"


# A body with fewer letters than this tells nothing of its own (a dateline, a caption, a figure).
BODY_LETTERS = 15


def body_lang(text: str) -> str | None:
    """'ar' or 'en' when an article's body (text: its first blocks) is clearly in one script:
    ENGLISH_MAJORITY times as many letters of it as of the other, BODY_LETTERS letters at least;
    else None (mixed, or too short to tell), and detect_lang reads the title with it.

    The body outweighs the title because a headline is short and often names something in the
    other script: an Arabic report headed "Apple WWDC 2024" or with a quoted English slogan, an
    English brief headed in Arabic. detect_lang over both let a long headline outvote a short
    body. The same first 3,000 characters count, addresses left out, as for detect_lang.
    """
    arabic, latin = _letters(text)
    if arabic + latin < BODY_LETTERS:
        return None
    if arabic >= ENGLISH_MAJORITY * latin:
        return "ar"
    return "en" if latin >= ENGLISH_MAJORITY * arabic else None


def _letters(text: str) -> tuple[int, int]:
    """(Arabic letters, Latin letters) in the first 3,000 characters of text, web and e-mail
    addresses left out: enough for any article, and constant time for huge ones."""
    text = text[:3000]
    if "://" in text or "www." in text or "@" in text:  # addresses are Latin in any language
        text = _ADDRESS.sub(" ", text)
    return count_scripts(text)


# Web and e-mail addresses: an Arabic report that cites two long links is still Arabic.
_ADDRESS = re.compile(r"(?i)(?:[a-z][a-z0-9+.-]*://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def has_arabic(text: str) -> bool:
    return _ARABIC_LETTER.search(text) is not None


# Marks a slug drops, as matching does: tashkeel, tatweel, the dagger alef (هٰذا) and the
# combining hamza and madda (those over a letter NFKC has composed with it already).
_SLUG_DROP = str.maketrans("", "", _KEY_DELETE + INVISIBLE)
_SLUG_UNSAFE = re.compile(r"[^\w]+", re.UNICODE)


# File systems limit a name to 255 bytes; collect.unique_slugs may add '-' and up to 40 hex
# digits, so a slug stays well under that in UTF-8 (Arabic letters take 2 bytes, CJK 3 or 4).
SLUG_MAX_BYTES = 200


def slugify(text: str, max_length: int = 80) -> str:
    """A readable, safe URL path segment; Arabic letters are kept, never transliterated.

    The result contains only letters, digits and '-' (so never '/', '..' or a control
    character), is lowercase for Latin text, and is cut at a word boundary under max_length
    characters and SLUG_MAX_BYTES bytes of UTF-8. Returns "" when nothing usable is left (the
    caller supplies a fallback).
    """
    text = unicodedata.normalize("NFKC", to_western_digits(text)).translate(_SLUG_DROP)
    # casefold can undo NFC ("ǰ" -> "j" + combining caron); recompose so equal slugs compare equal
    text = unicodedata.normalize("NFC", text.casefold())
    words = [w for w in _SLUG_UNSAFE.split(text.replace("_", " ")) if w]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length or len(candidate.encode("utf-8")) > SLUG_MAX_BYTES:
            if not slug:
                slug = _cut_bytes(word[:max_length], SLUG_MAX_BYTES)
            break
        slug = candidate
    return slug


def slug_for(title: str, source: str) -> str:
    """The title's slug; the file name's when the title has no usable letters (both article readers use it)."""
    return slugify(title) or slugify(PurePosixPath(source).stem) or "article"


def _cut_bytes(word: str, limit: int) -> str:
    """The longest prefix of word whose UTF-8 encoding fits in limit bytes."""
    return word.encode("utf-8")[:limit].decode("utf-8", "ignore")


# ASCII comma, Arabic comma and semicolon (both ASCII and Arabic), and newlines (continuation
# lines of a Pelican header are separate items).
_TAG_SEPARATORS = re.compile(r"[,\u060c;\u061b\n]")
# A character reference with its semicolon (&amp;, &#8217;; never "&copy" alone, nor "AT&T" or "Q&A").
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def reference_semicolons(value: str) -> frozenset[int]:
    """Where the ';' that end character references are ('Q&amp;A', as WordPress exporters write
    'Q&A'): they separate no tags. Only a reference HTML knows: 'Johnson&Johnson; Pfizer' and
    'M&Ms; candy' are two tags each, as they were."""
    if "&" not in value:
        return frozenset()
    return frozenset(
        m.end() - 1 for m in CHARACTER_REFERENCE.finditer(value) if m[0][1] == "#" or m[0][1:] in html.entities.html5
    )


# The control characters html.unescape gives: &#9; &#10; &#12; &#13; are a space (a form feed
# is not allowed in XML, the feeds', and no line break belongs in a title or a tag's name), and
# &#129; &#141; &#143; &#144; &#157; (no Windows-1252 letter) nothing: a page may hold none.
# Code points that are not text and make a page invalid HTML (and a feed invalid XML): C0 and C1
# controls other than tab and newline, DEL, and the Unicode noncharacters.
NOT_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
    + "]"
)

_REFERENCE_CONTROLS = str.maketrans(
    {chr(n): None for n in (*range(0x20), *range(0x7F, 0xA0))} | dict.fromkeys("\t\n\x0c\r", " ")
)


def _referenced(match: re.Match[str]) -> str:
    ref = match[0]
    if ref[1] != "#" and ref[1:] not in html.entities.html5:
        return ref  # (html.unescape would read '&ampx;' as '&' and 'x;')
    return html.unescape(ref).translate(_REFERENCE_CONTROLS)


def decode_references(text: str) -> str:
    """text with its character references (&amp;, &#8211;, &#x201C;) read as the characters they
    stand for, once: WordPress and its exporters write metadata so ('Q&amp;A &#8211; talks'),
    and the old site showed 'Q&A – talks'. Only a reference with its ';' that HTML knows:
    'AT&T' and '&copy 2024' stay as typed. A reference to no character (&#0;, &#xD800;) is
    U+FFFD and one to a control character nothing (a tab or a line break a space)."""
    return CHARACTER_REFERENCE.sub(_referenced, text) if "&" in text else text


def split_tags(value: str) -> tuple[str, ...]:
    """Split a tag list written as text; Arabic authors use '،' and '؛' as often as ',' and ';'."""
    kept = reference_semicolons(value)
    parts, start = [], 0
    for separator in _TAG_SEPARATORS.finditer(value):
        if separator.start() not in kept:
            parts.append(value[start : separator.start()])
            start = separator.end()
    parts.append(value[start:])
    return tuple(t for t in (_DANGLING_DASH.sub("", part).strip() for part in parts) if t)


# A dash a space apart at either end of a tag ('القاهرة -', '- news'): a line's trailing
# separator, not the tag's; 'C-' and '-ism' keep theirs.
_DANGLING_DASH = re.compile(r"^\s*[-–—|]+(?=\s)|(?<=\s)[-–—|]+\s*$")


# Arabic ordinals that number the points of a statement or a report, as a list's markers:
# "أولاً: ..." / "ثانياً: ..." (with or without hamza, shadda and tanween, followed by : - ) or /),
# and past the tenth "حادي عشر: ...", "الثاني عشر: ...", "ثانى عشر - ...", "العشرون: ".
_UNITS = ("[أا]و\u0651?ل", "ثان[يى]", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر")
_TEENS = ("حاد[يى]", *_UNITS[1:9])
ORDINAL_ITEM = (
    rf"(?:(?:{'|'.join(_UNITS)})(?:اً|ًا|ا)|(?:ال)?(?:{'|'.join(_TEENS)}) عشر\u064e?|(?:ال)?عشرون)"
    r"\s?[:\-–)/](?= )"
)
_NUMBERED_ITEM = re.compile(rf"[(\[]?[0-9٠-٩۰-۹]|{ORDINAL_ITEM}")
_ORDINAL_VALUE = re.compile(rf"(?:ال)?(?:(?P<teen>{'|'.join(_TEENS)}) عشر|(?P<unit>{'|'.join(_UNITS)})|عشرون)")
_DIGIT_MARKER = re.compile(r"[(\[]?([0-9٠-٩۰-۹]{1,2})")


def is_numbered_item(item: str) -> bool:
    """Whether a typed list item is numbered (1. / ١) / (1) / أولاً:), not bulleted (• - *): the
    extractor and the page must agree on the list it starts."""
    return _NUMBERED_ITEM.match(item) is not None


def item_bullet(item: str) -> str:
    """The bullet an item is typed with, as a reader tells one list's from another's: a hyphen
    and an en dash are one (word processors turn one into the other as it is typed), and so are
    all letters, in brackets or not ("(أ)", "(ب)"; "أ-", "ب-": one list, lettered)."""
    if item.startswith("(") or (item[:1].isalpha() and not item.startswith("o ")):  # "o ": Word's bullet
        return "("
    return "-" if item[:1] in ("-", "–") else item[:1]


# The bullets word processors give the second and third levels of a list when they save it as
# plain text, the sub-items' marks losing their indentation (Word, LibreOffice and Google Docs:
# "•" or "●", then "◦" or "○", then "▪" or "■"; Word's plain text "·", "o", "§"); any other
# bullet, and a number, is of the first.
_BULLET_LEVELS = {"◦": 2, "○": 2, "o ": 2, "▪": 3, "■": 3, "□": 3, "§": 3}


def bullet_level(item: str) -> int:
    """The level of the list an item's bullet is given to by word processors: 1, 2 or 3."""
    return _BULLET_LEVELS.get(item[:2] if item[:2] == "o " else item[:1], 1)  # not "o)": a lettered item


def item_number(item: str) -> int | None:
    """The number of a numbered list item as typed ("3. ", "(٣) ", "ثالثاً: " and "ثالث عشر: "
    are 3, 3, 3 and 13), else None: a list's items follow each other."""
    if (digits := _DIGIT_MARKER.match(item)) is not None:
        return int(to_western_digits(digits[1]))
    if (ordinal := _ORDINAL_VALUE.match(item)) is None:
        return None
    if ordinal["teen"]:
        return 10 + next(n for n, teen in enumerate(_TEENS, start=1) if re.fullmatch(teen, ordinal["teen"]))
    if ordinal["unit"]:
        return next(n for n, unit in enumerate(_UNITS, start=1) if re.fullmatch(unit, ordinal["unit"]))
    return 20
