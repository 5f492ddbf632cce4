"""Metadata keys written in Arabic, and the English key each one means. Pure.

Arabic newsrooms write their headers in Arabic (``العنوان:``, ``التاريخ:``, ``الوسوم:``); read
as unknown keys, their articles lost title, date and tags. Each key here means what its English
key does, in every header style. Keys are compared as arabic.normalize_key compares text, and
with or without the article ال on each word, so that العنوان, عنوان and عُنوان, or آخر تحديث and
اخر تحديث, are one key. A key that means nothing here (المصدر) stays as typed, and is warned
about by that name.
"""

from __future__ import annotations

import re

from sitegen import dates
from sitegen.arabic import has_arabic, normalize_key

__all__ = ["ARABIC_KEYS", "LANGUAGES", "NO", "YES", "english_key", "fits", "fold", "meta_key"]

# English key -> the Arabic names of it. Keys sitegen does not read (subtitle) are named too, so
# that a header line under them is known as one: it is warned about, not taken for prose. Not
# here: الرابط (a link, often the original article's address, not a slug) and المحرر (the
# editor, who is not the byline); both stay unknown keys, warned about by name.
_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("العنوان", "عنوان الخبر", "عنوان المقال", "عنوان المقالة"),
    "subtitle": ("العنوان الفرعي",),
    "date": ("التاريخ", "تاريخ النشر", "تاريخ الخبر"),
    "updated": ("تاريخ التحديث", "آخر تحديث", "تاريخ التعديل", "آخر تعديل"),
    "tags": ("الوسوم", "الوسم", "الكلمات الدلالية", "الكلمات الدالة"),
    "keywords": ("الكلمات المفتاحية",),
    # One category, as Pelican's Category: is; the plural is a list, as categories: is.
    "category": ("التصنيف", "القسم"),
    "categories": ("التصنيفات", "الأقسام"),
    "author": ("الكاتب", "الكاتبة", "المؤلف", "المؤلفة", "بقلم"),
    "description": ("الوصف",),
    "summary": ("الملخص", "الموجز"),
    "lang": ("اللغة",),
    "draft": ("مسودة",),
    "image": ("الصورة", "الصورة الرئيسية", "الصورة البارزة", "صورة الغلاف"),
    "image_alt": ("وصف الصورة",),
    "image_caption": ("تعليق الصورة",),
}
# A language named in Arabic (lang: العربية), as ar or en.
_LANGUAGE_NAMES = {
    "ar": ("العربية", "عربي", "اللغة العربية"),
    "en": ("الإنجليزية", "إنجليزي", "الإنكليزية", "إنكليزي", "اللغة الإنجليزية", "اللغة الإنكليزية"),
}
# draft: / published: values (frontmatter.py reads them; any other keeps an article a draft)
YES = frozenset({"true", "yes", "y", "1", "on", "نعم"})
NO = frozenset({"false", "no", "n", "0", "off", "لا", ""})
_ARTICLE = re.compile(r"(?:(?<=\s)|^)ال(?=\S\S)")


def fold(text: str) -> str:
    """The comparison key of an Arabic name: normalize_key's, without ال on any of its words."""
    return _ARTICLE.sub("", normalize_key(text))


ARABIC_KEYS = {fold(name): english for english, names in _NAMES.items() for name in names}
LANGUAGES = {fold(name): code for code, names in _LANGUAGE_NAMES.items() for name in names}


def english_key(typed: str) -> str | None:
    """The English key an Arabic key means, or None (not Arabic, or not known)."""
    return ARABIC_KEYS.get(fold(typed)) if has_arabic(typed) else None


def meta_key(typed: str) -> str:
    """The key a header's key is read as: lowercased, an Arabic one as its English key."""
    key = typed.strip().lower()
    return english_key(key) or key


# A picture's address, as a lead image's value is: a file name with its extension, or a URL.
_PICTURE = re.compile(r"\S*(?:\.[A-Za-z0-9]{2,5}|://\S+)(?:[?#]\S*)?")


def fits(key: str, value: str) -> bool:
    """Whether value can be what an English key holds: a date under date or updated (one that
    cannot exist counts, to be warned about), yes or no under draft, a language under lang, a
    picture's address under image; any text under the others. A first line "التاريخ: يعيد نفسه"
    ('history repeats itself') is prose, not a date to warn about and drop from the page."""
    value = value.strip()
    if key in ("date", "updated"):
        try:
            return dates.parse_date(value) is not None
        except dates.InvalidDate:
            return True
    if key == "draft":
        return value.casefold() in YES | NO
    if key == "lang":
        return fold(value) in LANGUAGES or value.lower()[:2] in ("ar", "en")
    if key == "image":
        return _PICTURE.fullmatch(value) is not None
    return True
