"""Matching keys and slugs: spelling variants of one word meet, whatever the hand that typed it."""

from __future__ import annotations

import pytest

from sitegen.arabic import body_lang, is_blank, normalize_key, slugify, strip_invisible


@pytest.mark.parametrize(
    "variants",
    [
        ("مسؤول", "مسئول", "مسؤول"),
        ("شؤون", "شئون"),
        ("المبادئ", "المبادىء", "المباديء"),
        ("القارئ", "القارىء"),
        ("شاطئ", "شاطىء"),
        ("شيء", "شئ", "شيْء", "شىء"),
        ("تفاؤل", "تفائل"),
        ("لقاؤه", "لقائه"),
        ("إعلان المبادئ", "اعلان المبادىء"),
        ("المسؤولين", "المسئولين"),
        # a hamza left off its seat, as hands often leave it
        ("إسرائيل", "اسراييل"),
        ("الجزائر", "الجزاير"),
        ("لاجئ", "لاجي"),
        ("سؤال", "سوال"),
    ],
)
def test_a_hamza_on_its_seat_another_seat_or_left_off_is_one_spelling(variants: tuple[str, ...]) -> None:
    assert len({normalize_key(v) for v in variants}) == 1, [normalize_key(v) for v in variants]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("جزيء", "جزء"),  # molecule, part
        ("بئر", "بؤر"),  # a well, hotspots
        ("ناشئون", "شؤون"),  # young players keep their ئ: not affairs
        ("رئيس", "رئيسي"),
    ],
)
def test_words_that_differ_by_more_than_the_seat_of_a_hamza_stay_apart(one: str, other: str) -> None:
    assert normalize_key(one) != normalize_key(other)


def test_the_egyptian_seat_is_folded_only_where_it_is_one() -> None:
    assert normalize_key("الناشئون") == "الناشيون"  # a ئ everywhere: its seat, ي
    assert normalize_key("والشئون") == normalize_key("والشؤون") == "والشوون"


@pytest.mark.parametrize(
    ("shown", "typed"),
    [
        ("ﻣﺼﺮ", "مصر"),
        ("ﺍﻷﻣﻢ ﺍﻟﻤﺘﺤﺪﺓ", "الأمم المتحدة"),
        ("ﻻ ﻷﻥ ﻵﻻﻑ", "لا لأن لآلاف"),
        ("ﷲ", "الله"),
        ("ﺍﻟﺮﺋﻴﺲ", "الرئيس"),
        ("19 ﺃﺑﺮﻳﻞ", "19 أبريل"),
    ],
)
def test_presentation_forms_fold_to_the_letters_they_show(shown: str, typed: str) -> None:
    assert normalize_key(shown) == normalize_key(typed)


def test_a_presentation_form_that_is_only_a_mark_is_dropped() -> None:
    assert normalize_key("كتاب \ufe70 جديد") == normalize_key("كتاب جديد")


@pytest.mark.parametrize(
    ("marked", "plain"),
    [("هٰذا الخبر", "هذا الخبر"), ("الرَّحْمٰن الرحيم", "الرحمن الرحيم"), ("اللّٰه", "الله"), ("ذٰلك", "ذلك")],
)
def test_a_slug_drops_the_dagger_alef_as_it_drops_the_other_marks(marked: str, plain: str) -> None:
    assert slugify(marked) == slugify(plain)
    assert "-" not in slugify(marked.split()[0])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("كشفت الشركة عن أنظمتها الجديدة", "ar"),
        ("The talks went well today", "en"),
        # Three times as many letters of one script is enough; fewer is mixed.
        ("الشركة الجديدة في السوق abcde", "ar"),  # 20 Arabic letters, 5 Latin: 4 to 1
        ("أبجد abcdefghijkl", "en"),  # 4 Arabic letters, 12 Latin: 3 to 1
        ("أعلنت الشركة عن جهاز Apple iPhone", None),  # 17 Arabic letters, 11 Latin
        ("The Prime Minister said: نأمل في تعاون أوسع", None),  # 15 Arabic letters, 20 Latin
        # Too few letters to tell.
        ("عاجل: بالفيديو", None),
        ("Breaking news", None),
        ("", None),
        # Addresses are Latin in any language: they are not counted.
        ("اقرأ التقرير كاملاً https://www.example.org/reports/2024/full-text-of-the-report", "ar"),
    ],
)
def test_body_lang_names_a_script_only_when_the_body_is_clearly_in_it(text, lang):
    assert body_lang(text) == lang


# --- the zero-width non-joiner: spelling in a word, shown; no part of any key ------------------

WANT = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # می‌خواهم: 'I want', ZWNJ after می
WANT_PLAIN = WANT.replace("\u200c", "")  # میخواهم, as a hand without the key types it


def test_a_zwnj_inside_a_word_stays_in_shown_text_and_the_other_invisible_characters_go() -> None:
    """Persian spelling: without it the title showed میخواهم, its letters joined wrong."""
    assert strip_invisible(f"\u200f{WANT} \u0628\u0631\u0648\u0645\u200b") == f"{WANT} بروم"
    assert strip_invisible("کتاب\u200c\u200cها") == "کتاب\u200cها"  # a run is one


@pytest.mark.parametrize("text", ["\u200cخبر", "خبر\u200c", "خبر \u200c عاجل", "\u200c\u200f", "\u200c"])
def test_a_zwnj_at_a_words_edge_or_alone_is_no_spelling_and_goes(text: str) -> None:
    assert "\u200c" not in strip_invisible(text)
    assert is_blank(text) == (text in ("\u200c\u200f", "\u200c"))


def test_keys_and_slugs_ignore_the_zwnj_so_both_spellings_meet() -> None:
    assert normalize_key(WANT) == normalize_key(WANT_PLAIN) == "ميخواهم"
    assert slugify(f"{WANT} بروم") == slugify(f"{WANT_PLAIN} بروم") == "میخواهم-بروم"


# --- the zero-width joiner: one emoji of several, a letter's joining form; no part of any key ---

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧: one emoji; three faces without the ZWJ
NO_LIGATURE = "\u0644\u200d\u200c\u200d\u0627"  # ل‍‌‍ا: Unicode's ZWJ ZWNJ ZWJ, joined letters, no لا ligature


def test_a_zwj_between_two_characters_stays_in_shown_text_and_the_other_invisible_characters_go() -> None:
    """It was removed with the bidi marks: the family showed as three faces."""
    assert strip_invisible(f"\u200f{FAMILY} day\u200b") == f"{FAMILY} day"
    assert strip_invisible(NO_LIGATURE) == NO_LIGATURE
    assert strip_invisible("\U0001f468\u200d\u200d\u200b\U0001f469") == "\U0001f468\u200d\U0001f469"  # a run is one


@pytest.mark.parametrize(
    "text", ["\u200dخبر", "خبر\u200d", "خبر \u200d عاجل", "\u200d\u200f", "\u200d", "\u200c\u200d\u200c"]
)
def test_a_zwj_at_a_words_edge_or_alone_joins_nothing_and_goes(text: str) -> None:
    assert "\u200d" not in strip_invisible(text) and "\u200c" not in strip_invisible(text)
    assert is_blank(text) == (text in ("\u200d\u200f", "\u200d", "\u200c\u200d\u200c"))


def test_keys_and_slugs_ignore_the_zwj() -> None:
    assert normalize_key(NO_LIGATURE) == normalize_key("\u0644\u0627") == "لا"
    assert slugify(f"{FAMILY} day") == slugify("\U0001f468\U0001f469\U0001f467 day") == slugify("day")
    assert slugify("کتاب\u200dها") == slugify("کتابها")
