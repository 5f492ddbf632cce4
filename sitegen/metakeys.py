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

from sitegen.arabic import has_arabic, normalize_key

__all__ = ["ARABIC_KEYS", "LANGUAGES", "english_key", "fold", "meta_key"]

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
