"""The names of months and weekdays: Gregorian in every Arabic month system, Hijri, English.

Our own tables, so that no date depends on the machine's locale. The first name of each month
is the one we write; parsing (dates.py) also accepts the others (and, through normalize_key,
every hamza / alef / yeh / taa marbuta spelling of them).
"""

from __future__ import annotations

MONTH_SYSTEMS = ("egyptian", "levantine", "maghrebi")
LANGS = ("ar", "en")
DIGITS = ("western", "arabic")

AR_MONTHS: dict[str, tuple[str, ...]] = {
    "egyptian": (
        "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
        "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
    ),
    "levantine": (
        "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
        "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
    ),
    "maghrebi": (
        "جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان",
        "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
    ),
}  # fmt: skip

# Spellings recognised when parsing, beyond the names above and their normalised variants.
AR_MONTH_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("كانون ثاني",),  # 1
    (),  # 2
    (),  # 3
    (),  # 4
    ("مايس",),  # 5 (Iraqi)
    ("يونية",),  # 6
    ("يولية", "يوليوز"),  # 7 (يوليوز: Moroccan)
    ("أغسطوس", "غشت"),  # 8 (غشت: Moroccan)
    ("شتنبر",),  # 9 (Moroccan)
    ("تشرين أول",),  # 10
    ("تشرين ثاني", "نونبر"),  # 11 (نونبر: Moroccan)
    ("كانون أول", "دجنبر"),  # 12 (دجنبر: Moroccan)
)

# Libya's names (1986-2011), read in a date only: most are also common words (الربيع spring,
# الماء water, ناصر a name), which a title or a place may say without naming a month.
AR_LIBYAN_MONTHS: tuple[tuple[str, ...], ...] = (
    ("أي النار", "أين النار"), ("النوار",), ("الربيع",), ("الطير",), ("الماء",), ("الصيف",),
    ("ناصر",), ("هانيبال", "هنيبال"), ("الفاتح",), ("التمور",), ("الحرث",), ("الكانون",),
)  # fmt: skip

EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
EN_MONTH_ABBREVIATIONS = (
    ("jan",), ("feb",), ("mar",), ("apr",), ("may",), ("jun",),
    ("jul",), ("aug",), ("sep", "sept"), ("oct",), ("nov",), ("dec",),
)  # fmt: skip

# Index 0 is Monday, as in date.weekday().
AR_WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Umm al-Qura usage (ربيع الآخر, جمادى الآخرة); English as transliterated by hijridate.
AR_HIJRI_MONTHS = (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
)  # fmt: skip
EN_HIJRI_MONTHS = (
    "Muharram", "Safar", "Rabi' al-Awwal", "Rabi' al-Thani", "Jumada al-Ula", "Jumada al-Akhirah",
    "Rajab", "Sha'ban", "Ramadan", "Shawwal", "Dhu al-Qa'dah", "Dhu al-Hijjah",
)  # fmt: skip
HIJRI_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("المحرم",),
    (),
    ("ربيع أول", "rabi al-awwal", "rabi al-awal", "rabi i"),
    ("ربيع الثاني", "ربيع ثاني", "ربيع آخر", "rabi al-thani", "rabi al-akhir", "rabi ii"),
    ("جمادى الأول", "جمادى أولى", "jumada al-awwal", "jumada al-oula", "jumada i"),
    ("جمادى الثانية", "جمادى الآخر", "جمادى ثاني", "jumada al-thani", "jumada al-akhira"),
    (),
    ("shaban",),
    ("ramadhan",),
    ("shawal",),
    ("ذي القعدة", "dhu al-qadah", "dhul-qadah", "dhul qadah", "dhu al-qidah"),
    ("ذي الحجة", "dhu al-hijja", "dhul-hijjah", "dhul hijjah", "dhu al-hijjah"),
)
