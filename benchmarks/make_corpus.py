"""Write a deterministic synthetic news archive for benchmarks and scale tests.

    python benchmarks/make_corpus.py --count 10000 --out benchmarks/corpus/10k --seed 1

Same arguments, byte-identical files: everything comes from one random.Random(seed), never the
clock, the file system order or hash order. The mix mirrors the real archive in seeds/:

* about 85% Arabic and 15% English articles;
* about 80% plain .txt in the seeds' layout (date line, sometimes twice; blank line; title;
  optional byline; paragraphs separated by blank lines or one per line; short subheading lines)
  and 20% .md with a Pelican-style header (Title, Date, Tags, Lang, Summary) and Markdown body;
* 5% undated (no date line, no Date:), dates otherwise uniform over 2015-2024;
* 400-900 words per body, composed from a few hundred real news words and phrases;
* 5-15 tags per article from a pool of about 230 names (countries, leaders, institutions,
  cities, topics): as Tags: in .md files, mentioned in the text of .txt files;
* files under YEAR/MONTH/ (undated/ for the rest), and about 1% repeated titles.

A manifest (.corpus-manifest.json, a dot file) records the arguments, so that bench.py can reuse
a corpus and --force only ever deletes a folder this script wrote.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".corpus-manifest.json"
FIRST_DAY = dt.date(2015, 1, 1)
DAYS = (dt.date(2024, 12, 31) - FIRST_DAY).days + 1

ARABIC_SHARE = 0.85
MARKDOWN_SHARE = 0.20
UNDATED_SHARE = 0.05
DUPLICATE_TITLE_SHARE = 0.01


@dataclass(frozen=True)
class Entity:
    """A tag-worthy name with its Arabic and English spelling."""

    kind: str  # country, leader, institution, city, topic
    ar: str
    en: str

    def name(self, lang: str) -> str:
        return self.ar if lang == "ar" else self.en


def _entities(kind: str, table: str) -> tuple[Entity, ...]:
    pairs = (row.split("|") for row in table.strip().split("\n"))
    return tuple(Entity(kind, ar.strip(), en.strip()) for ar, en in pairs)


COUNTRIES = _entities(
    "country",
    """
روسيا|Russia
باكستان|Pakistan
الهند|India
الصين|China
الولايات المتحدة|the United States
مصر|Egypt
السعودية|Saudi Arabia
الإمارات|the UAE
قطر|Qatar
الكويت|Kuwait
البحرين|Bahrain
سلطنة عمان|Oman
اليمن|Yemen
العراق|Iraq
سوريا|Syria
لبنان|Lebanon
الأردن|Jordan
فلسطين|Palestine
إسرائيل|Israel
تركيا|Turkey
إيران|Iran
أفغانستان|Afghanistan
ليبيا|Libya
تونس|Tunisia
الجزائر|Algeria
المغرب|Morocco
السودان|Sudan
إثيوبيا|Ethiopia
كينيا|Kenya
نيجيريا|Nigeria
جنوب أفريقيا|South Africa
فرنسا|France
ألمانيا|Germany
بريطانيا|Britain
إيطاليا|Italy
إسبانيا|Spain
أوكرانيا|Ukraine
بيلاروسيا|Belarus
بولندا|Poland
اليابان|Japan
كوريا الجنوبية|South Korea
كوريا الشمالية|North Korea
إندونيسيا|Indonesia
ماليزيا|Malaysia
بنغلاديش|Bangladesh
البرازيل|Brazil
الأرجنتين|Argentina
المكسيك|Mexico
كندا|Canada
أستراليا|Australia
كازاخستان|Kazakhstan
أوزبكستان|Uzbekistan
أذربيجان|Azerbaijan
أرمينيا|Armenia
جورجيا|Georgia
فنزويلا|Venezuela
كوبا|Cuba
الصومال|Somalia
موريتانيا|Mauritania
سريلانكا|Sri Lanka
""",
)
LEADERS = _entities(
    "leader",
    """
فلاديمير بوتين|Vladimir Putin
سيرغي لافروف|Sergey Lavrov
عمران خان|Imran Khan
شاه محمود قريشي|Shah Mahmood Qureshi
شي جين بينغ|Xi Jinping
ناريندرا مودي|Narendra Modi
جو بايدن|Joe Biden
دونالد ترامب|Donald Trump
عبد الفتاح السيسي|Abdel Fattah el-Sisi
رجب طيب أردوغان|Recep Tayyip Erdogan
إيمانويل ماكرون|Emmanuel Macron
أنغيلا ميركل|Angela Merkel
أولاف شولتس|Olaf Scholz
بوريس جونسون|Boris Johnson
فولوديمير زيلينسكي|Volodymyr Zelensky
أنطونيو غوتيريش|Antonio Guterres
الملك عبد الله الثاني|King Abdullah II
محمد بن سلمان|Mohammed bin Salman
تميم بن حمد|Tamim bin Hamad
محمد بن زايد|Mohamed bin Zayed
شهباز شريف|Shehbaz Sharif
عارف علوي|Arif Alvi
إبراهيم رئيسي|Ebrahim Raisi
حسن روحاني|Hassan Rouhani
بشار الأسد|Bashar al-Assad
محمود عباس|Mahmoud Abbas
بنيامين نتنياهو|Benjamin Netanyahu
ميخائيل ميشوستين|Mikhail Mishustin
ديمتري ميدفيديف|Dmitry Medvedev
ماريا زاخاروفا|Maria Zakharova
دميتري بيسكوف|Dmitry Peskov
ألكسندر لوكاشينكو|Alexander Lukashenko
قاسم جومارت توكاييف|Kassym-Jomart Tokayev
كيم جونغ أون|Kim Jong Un
فوميو كيشيدا|Fumio Kishida
لولا دا سيلفا|Lula da Silva
أنتوني بلينكن|Antony Blinken
سيرغي شويغو|Sergei Shoigu
عبد المجيد تبون|Abdelmadjid Tebboune
قيس سعيد|Kais Saied
""",
)
INSTITUTIONS = _entities(
    "institution",
    """
الأمم المتحدة|the United Nations
مجلس الأمن|the Security Council
الجامعة العربية|the Arab League
الاتحاد الأوروبي|the European Union
حلف الناتو|NATO
منظمة شنغهاي للتعاون|the Shanghai Cooperation Organisation
مجموعة بريكس|BRICS
صندوق النقد الدولي|the International Monetary Fund
البنك الدولي|the World Bank
منظمة الصحة العالمية|the World Health Organization
الكرملين|the Kremlin
البيت الأبيض|the White House
منظمة التعاون الإسلامي|the Organisation of Islamic Cooperation
منظمة أوبك|OPEC
تحالف أوبك بلس|OPEC+
الاتحاد الأفريقي|the African Union
مجلس التعاون الخليجي|the Gulf Cooperation Council
الوكالة الدولية للطاقة الذرية|the IAEA
منظمة التجارة العالمية|the World Trade Organization
مجموعة العشرين|the G20
وزارة الخارجية الروسية|the Russian Foreign Ministry
البنك المركزي المصري|the Central Bank of Egypt
شركة غازبروم|Gazprom
شركة روسنفت|Rosneft
شركة نوفاتيك|Novatek
منظمة اليونيسف|UNICEF
مفوضية اللاجئين|the UNHCR
الصليب الأحمر|the Red Cross
محكمة العدل الدولية|the International Court of Justice
المحكمة الجنائية الدولية|the International Criminal Court
رابطة آسيان|ASEAN
برنامج الأغذية العالمي|the World Food Programme
منظمة اليونسكو|UNESCO
الكونغرس الأمريكي|the US Congress
البرلمان الأوروبي|the European Parliament
""",
)
CITIES = _entities(
    "city",
    """
القاهرة|Cairo
موسكو|Moscow
إسلام آباد|Islamabad
كراتشي|Karachi
لاهور|Lahore
نيودلهي|New Delhi
بكين|Beijing
واشنطن|Washington
نيويورك|New York
لندن|London
باريس|Paris
برلين|Berlin
جنيف|Geneva
فيينا|Vienna
الرياض|Riyadh
دبي|Dubai
أبوظبي|Abu Dhabi
الدوحة|Doha
عمان|Amman
بيروت|Beirut
دمشق|Damascus
بغداد|Baghdad
طهران|Tehran
أنقرة|Ankara
إسطنبول|Istanbul
كابول|Kabul
الخرطوم|Khartoum
طرابلس|Tripoli
الرباط|Rabat
سوتشي|Sochi
سانت بطرسبورغ|Saint Petersburg
كييف|Kyiv
مينسك|Minsk
طشقند|Tashkent
""",
)
TOPICS = _entities(
    "topic",
    """
مكافحة الإرهاب|counter-terrorism
الطاقة|energy
الغاز الطبيعي|natural gas
النفط|oil
الاقتصاد|the economy
التجارة|trade
الاستثمار|investment
فيروس كورونا|coronavirus
اللقاحات|vaccines
التعليم|education
الصحة|health
الزراعة|agriculture
القمح|wheat
الأمن الغذائي|food security
التغير المناخي|climate change
الانتخابات|elections
حقوق الإنسان|human rights
اللاجئين|refugees
الدفاع|defence
السياحة|tourism
التكنولوجيا|technology
الفضاء|space
الطاقة النووية|nuclear energy
العقوبات|sanctions
الدبلوماسية|diplomacy
الثقافة|culture
الرياضة|sport
كرة القدم|football
النقل|transport
السكك الحديدية|railways
الموانئ|ports
المياه|water
الجفاف|drought
الفيضانات|floods
الزلازل|earthquakes
التضخم|inflation
البطالة|unemployment
العملات الرقمية|cryptocurrency
الذكاء الاصطناعي|artificial intelligence
الأمن السيبراني|cybersecurity
الإعلام|the media
الشباب|youth
المرأة|women
الهجرة|migration
الحدود|borders
السلام|peace
المفاوضات|negotiations
الديون|debt
الموازنة العامة|the budget
الصناعة|industry
الأسلحة|arms
المناورات العسكرية|military exercises
الأمن الإقليمي|regional security
البنية التحتية|infrastructure
التعاون العسكري|military cooperation
الإسكان|housing
الكهرباء|electricity
""",
)
ENTITIES = COUNTRIES + LEADERS + INSTITUTIONS + CITIES + TOPICS
_BY_KIND = {
    "country": COUNTRIES,
    "leader": LEADERS,
    "institution": INSTITUTIONS,
    "city": CITIES,
    "topic": TOPICS,
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.strip().split("\n") if line.strip())


# --- Arabic vocabulary -------------------------------------------------------------------------

AR = {
    "weekdays": ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
    "months": (
        "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
        "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
    ),
    "months_levant": (
        "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
        "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
    ),
    "openers": (
        "", "", "", "و", "و", "كما", "وفي السياق ذاته،", "ومن جانبه،", "من جهة أخرى،",
        "وفي هذا الإطار،", "إلى ذلك،", "وبحسب مصادر مطلعة،", "في المقابل،", "وفي غضون ذلك،",
    ),
    # verb | what introduces the reported clause (قال takes إن, most verbs take أن)
    "say": _words("""
        قال|إن
        أكد|أن
        أوضح|أن
        أعلن|أن
        اعتبر|أن
        ذكر|أن
        أضاف|أن
        رأى|أن
        شدد|على أن
        أشار|إلى أن
        كشف|أن
        نفى|أن
    """),
    # verb | preposition before the topic (تباحث حول ...)
    "discuss": ("بحث|", "ناقش|", "استعرض|", "تناول|", "تباحث|حول"),
    "actors": _words("""
        وزير الخارجية
        رئيس الوزراء
        المتحدث باسم الوزارة
        السفير
        وزير المالية
        وزير الداخلية
        مساعد وزير الخارجية
        الخبير الاقتصادي
        المحلل السياسي
        رئيس اللجنة
        نائب رئيس الوزراء
        رئيس الحكومة
        المتحدث الرسمي
        مدير الإدارة
    """),
    "np": _words("""
        العلاقات الثنائية
        التعاون الاقتصادي
        التبادل التجاري
        الحوار السياسي
        الوضع الإقليمي
        الاستقرار في المنطقة
        المحادثات الجارية
        القيود الاقتصادية
        إمدادات الغاز
        أسعار الخام
        وقف إطلاق النار
        الإصلاحات الاقتصادية
        المشروعات الكبرى
        الأزمة الإنسانية
        خط الغاز الجديد
        الاتفاقية الموقعة
        الشراكة الاستراتيجية
        حجم الاستثمارات المشتركة
        المساعدات الإنسانية
        الأوضاع الميدانية
        الملف النووي
        التعاون التقني
        صادرات الحبوب
        قطاع الخدمات
        سلاسل الإمداد
        الممر الاقتصادي
        اللجنة الحكومية المشتركة
        خطة التنمية
    """),
    "pred": _words("""
        يشهد تطورا ملحوظا
        يمثل أولوية قصوى للجانبين
        يتطلب جهودا مشتركة
        سيعزز فرص النمو في المرحلة المقبلة
        يواجه تحديات كبيرة
        بلغ مستوى قياسيا خلال العام الماضي
        يحظى باهتمام متزايد
        لا يزال دون المستوى المطلوب
        يسير في الاتجاه الصحيح
        يفتح آفاقا جديدة أمام البلدين
        يحتاج إلى مزيد من التنسيق
        سيكون على رأس أولويات الحكومة
        يعكس الثقة المتبادلة بين الطرفين
        يخدم مصالح الشعوب في المنطقة
    """),
    "agree": _words("""
        تم الاتفاق على تعزيز
        تم توقيع مذكرة تفاهم بشأن
        اتفق الطرفان على مواصلة
        تقرر تشكيل لجنة لمتابعة
        جرى التأكيد على أهمية
        تم الإعلان عن خطة لتطوير
    """),
    "events": _words("""
        الاجتماع الوزاري
        القمة الثنائية
        المؤتمر الصحفي المشترك
        المنتدى الاقتصادي
        الزيارة الرسمية
        الاتصال الهاتفي
        المحادثات الموسعة
        الدورة الجديدة للجنة المشتركة
    """),
    "times": _words("""
        اليوم الاثنين
        أمس
        خلال الأسبوع الجاري
        في وقت سابق اليوم
        مطلع الشهر الجاري
        خلال العام الماضي
        في الأشهر الأخيرة
        منذ بداية العام
    """),
    "subheads": _words("""
        آفاق التعاون
        خلفية تاريخية
        الموقف الرسمي
        ردود الفعل
        أرقام ومؤشرات
        ملفات عالقة
        التعاون الاقتصادي
        تحديات قائمة
        رؤية مستقبلية
        العلاقات الثنائية
    """),
    "agencies": ("أ ش أ", "وكالات", "رويترز", "سبوتنيك", "تاس", "الأناضول", "د ب أ"),
    "reporters": _words("""
        محمد علي
        أحمد حسن
        سارة محمود
        منى عبد الرحمن
        خالد إبراهيم
        ياسر عبد العزيز
        نورا سامي
        عمرو فاروق
        هبة الله مصطفى
        إيمان السيد
        طارق عثمان
        ريم الشريف
    """),
    "percent": "بنسبة {n}%",
    "million": "بقيمة {n} مليون دولار",
    "rise": ("ارتفع حجم", "تراجع حجم", "زاد حجم", "انخفض مستوى"),
    "sentence_end": ".",
}  # fmt: skip

EN = {
    "weekdays": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "months": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "openers": (
        "", "", "", "", "Meanwhile,", "In addition,", "According to officials,",
        "At the same time,", "However,", "On the other hand,", "Separately,",
    ),
    "say": ("said", "stressed", "noted", "announced", "added", "argued", "confirmed", "warned"),
    "discuss": ("discussed", "reviewed", "talked about", "examined"),
    "actors": _words("""
        the foreign minister
        the prime minister
        a ministry spokesman
        the ambassador
        the finance minister
        the interior minister
        a senior official
        an economic analyst
        a political analyst
        the committee chairman
        the deputy prime minister
        a government adviser
    """),
    "np": _words("""
        bilateral relations
        economic cooperation
        commerce between the two countries
        the political dialogue
        the regional situation
        stability in the region
        the ongoing talks
        economic restrictions
        gas supplies
        crude prices
        the ceasefire
        economic reforms
        major projects
        the humanitarian crisis
        the new gas pipeline
        the signed agreement
        the strategic partnership
        joint ventures
        humanitarian aid
        the nuclear file
        grain exports
        the services sector
        supply chains
        the joint intergovernmental commission
    """),
    "pred": _words("""
        is developing steadily
        remains a top priority for both sides
        requires joint efforts
        will boost growth in the coming period
        faces serious challenges
        reached a record level last year
        is attracting growing attention
        is still below the expected level
        is moving in the right direction
        opens new horizons for both countries
        needs more coordination
        reflects mutual trust between the two sides
    """),
    "agree": _words("""
        the two sides agreed to strengthen
        officials signed a memorandum on
        both governments pledged to continue
        a committee was set up to follow
        the talks underlined the importance of
        a plan was announced to develop
    """),
    "events": _words("""
        the ministerial meeting
        the bilateral summit
        the joint press conference
        the economic forum
        the official visit
        the phone call
        the expanded talks
        the new session of the joint commission
    """),
    "times": _words("""
        on Monday
        yesterday
        this week
        earlier today
        at the start of the month
        last year
        in recent months
        since the start of the year
    """),
    "subheads": _words("""
        Prospects for cooperation
        Historical background
        The official position
        Reactions
        Facts and figures
        Open questions
        Economic cooperation
        Remaining challenges
        Looking ahead
    """),
    "agencies": ("Reuters", "AFP", "AP", "TASS", "Anadolu", "dpa"),
    "reporters": _words("""
        Jane Doe
        John Smith
        Sarah Ahmed
        Omar Khalil
        Emily Carter
        David Brown
        Layla Hassan
        Michael Green
    """),
    "percent": "by {n} percent",
    "million": "worth {n} million dollars",
    "rise": ("the volume of", "the level of", "the value of"),
    "sentence_end": ".",
}  # fmt: skip

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass(frozen=True)
class Article:
    """One generated file: its relative path and its exact text."""

    path: str
    text: str
    lang: str
    format: str  # "txt" or "md"
    dated: bool
    # What the generator meant, for tools that need it as metadata (compare.py, --metadata):
    title: str = ""
    date: str | None = None  # ISO date, None when undated
    tags: tuple[str, ...] = ()  # tag labels in the article's language (.txt files only mention them)


class _Composer:
    """Sentences, paragraphs and titles for one article, drawing every choice from rng.

    Entity names come only from the article's own mentions (5-15 of them), each one used at
    least once, so that the tags of a .txt article are exactly the names in its text; the rest of
    the wording comes from generic news phrases that contain no entity name.
    """

    def __init__(self, rng: random.Random, lang: str, mentions: Sequence[Entity]) -> None:
        self.rng = rng
        self.lang = lang
        self.ar = lang == "ar"
        self.v = AR if self.ar else EN
        self.mentions = tuple(mentions)
        self.by_kind = {kind: tuple(e for e in self.mentions if e.kind == kind) for kind in _BY_KIND}

    def pick(self, key: str) -> str:
        return self.rng.choice(self.v[key])

    def wording(self, key: str) -> str:
        """A fixed wording (a format, the full stop), where pick() chooses among several."""
        value = self.v[key]
        assert isinstance(value, str), key
        return value

    def name(self, entity: Entity) -> str:
        return entity.name(self.lang)

    def mentioned(self, kind: str) -> str | None:
        """A mentioned name of this kind, or None: never a name outside the article's tags."""
        found = self.by_kind[kind]
        return self.name(self.rng.choice(found)) if found else None

    def phrase_for(self, entity: Entity) -> str:
        """A noun phrase mentioning the entity, in a form that fits any object slot."""
        n = self.name(entity)
        ar = self.ar
        forms: tuple[str, ...]
        if entity.kind == "country":
            forms = (
                (f"العلاقات مع {n}", f"حجم التبادل التجاري مع {n}", f"موقف {n}")
                if ar
                else (f"relations with {n}", f"commerce with {n}", f"the position of {n}")
            )
        elif entity.kind == "topic":
            forms = (
                (f"التعاون في مجال {n}", f"ملف {n}", f"قطاع {n}")
                if ar
                else (f"cooperation on {n}", f"the {n} file", f"policy on {n}")
            )
        elif entity.kind == "city":
            forms = (
                (f"المحادثات في {n}", f"الاجتماع المنعقد في {n}")
                if ar
                else (f"the talks in {n}", f"the meeting held in {n}")
            )
        elif entity.kind == "institution":
            forms = (
                (f"دور {n}", f"قرارات {n}", f"تقرير {n}")
                if ar
                else (f"the role of {n}", f"the decisions of {n}", f"a report by {n}")
            )
        else:  # leader
            forms = (
                (f"تصريحات {n}", f"مبادرة {n}", f"زيارة {n}")
                if ar
                else (f"remarks by {n}", f"an initiative by {n}", f"the visit of {n}")
            )
        return self.rng.choice(forms)

    def actor(self, entity: Entity | None) -> str:
        if entity is not None and entity.kind == "leader":
            return self.name(entity)
        return self.pick("actors")

    def adjunct(self) -> str:
        r = self.rng.random()
        ar = self.ar
        if r < 0.25:
            return self.pick("times")
        if r < 0.45:
            return ("خلال " if ar else "during ") + self.pick("events")
        if r < 0.6:
            city = self.mentioned("city")
            if city:
                return ("في " if ar else "in ") + city
            return self.pick("times")
        if r < 0.7:
            return self.wording("percent").format(n=self.rng.randint(3, 85))
        if r < 0.8:
            return self.wording("million").format(n=self.rng.randint(5, 990))
        if r < 0.9:
            who = self.mentioned("institution")
            if ar:
                return f"وفق بيان صادر عن {who}" if who else "وفق بيان رسمي"
            return f"according to a statement by {who}" if who else "according to a statement"
        return ""

    def sentence(self, entity: Entity | None) -> str:
        """One sentence of 10-30 words; mentions the entity when one is given."""
        rng = self.rng
        ar = self.ar
        obj = self.phrase_for(entity) if entity is not None else self.pick("np")
        kind = rng.random()
        if entity is not None and entity.kind == "leader" and kind < 0.5:
            kind = 0.0 if kind < 0.3 else 0.4  # leaders are usually the speaker
        if kind < 0.55 and entity is not None and entity.kind == "leader":
            obj = self.pick("np")  # the leader is already the speaker
        if kind < 0.35:
            if ar:
                verb, that = self.pick("say").split("|")
                body = f"{verb} {self.actor(entity)} {that} {obj} {self.pick('pred')}"
            else:
                body = f"{self.actor(entity)} {self.pick('say')} that {obj} {self.pick('pred')}"
        elif kind < 0.55:
            other = self.actor(None)
            if ar:
                verb, about = self.pick("discuss").split("|")
                about = f"{about} " if about else ""
                body = f"{verb} {self.actor(entity)} مع {other} {about}{obj}"
            else:
                body = f"{self.actor(entity)} {self.pick('discuss')} {obj} with {other}"
        elif kind < 0.75:
            body = f"{obj} {self.pick('pred')}"
        elif kind < 0.9:
            body = f"{self.pick('agree')} {obj}"
        else:
            percent = self.wording("percent").format(n=rng.randint(2, 60))
            if ar:
                body = f"{rng.choice(AR['rise'])} {obj} {percent}"
            else:
                verb = "rose" if rng.random() < 0.5 else "fell"
                body = f"{rng.choice(EN['rise'])} {obj} {verb} {percent}"
        extra = self.adjunct() if kind < 0.9 else ""  # a change already has its percentage
        if extra:
            body += " " + extra
        opener = self.pick("openers")
        if opener == "و":
            body = "و" + body
        elif opener:
            body = f"{opener} {body}"
        if not ar:
            body = body[0].upper() + body[1:]
        return body + self.wording("sentence_end")

    def title(self) -> str:
        """A headline from the article's own names; which forms are possible depends on them."""
        ar = self.ar
        np = self.pick("np")
        leader = self.mentioned("leader")
        topic = self.mentioned("topic")
        institution = self.mentioned("institution")
        city = self.mentioned("city")
        countries = self.by_kind["country"]
        forms: list[str] = []
        if ar:
            forms.append(f"{self.pick('events')} يبحث {np}")
            if leader:
                forms.append(f"{leader} يبحث مع {self.pick('actors')} {np}")
            if len(countries) >= 2:
                a, b = (self.name(e) for e in self.rng.sample(countries, 2))
                forms.append(f"{a} و{b} تتفقان على تعزيز {np}")
                forms.append(f"علاقات {a} و{b} بين الفرص والتحديات")
            if institution:
                forms.append(f"{institution} تحذر من تداعيات {np}")
            if city:
                forms.append(f"{np} على طاولة {self.pick('events')} في {city}")
            if topic:
                forms.append(f"تحركات جديدة في ملف {topic}")
        else:
            forms.append(f"{self.pick('events').capitalize()} takes up {np}")
            if leader:
                forms.append(f"{leader} discusses {np} with {self.pick('actors')}")
            if len(countries) >= 2:
                a, b = (self.name(e) for e in self.rng.sample(countries, 2))
                forms.append(f"{a} and {b} agree to strengthen {np}")
                forms.append(f"Relations between {a} and {b} at a crossroads")
            if institution:
                forms.append(f"{institution} warns over {np}")
            if city:
                forms.append(f"{np} tops the agenda in {city}")
            if topic:
                forms.append(f"New moves on {topic}")
        title = self.rng.choice(forms)
        return title[0].upper() + title[1:]

    def subheading(self) -> str:
        topic = self.mentioned("topic")
        if topic is None or self.rng.random() < 0.5:
            return self.pick("subheads")
        return f"ملف {topic}" if self.ar else f"Focus on {topic}"

    def paragraphs(self, words: int) -> list[list[str]]:
        """Paragraphs (lists of sentences) until the body has at least `words` words."""
        rng = self.rng
        queue = list(self.mentions)
        paragraphs: list[list[str]] = []
        total = 0
        while total < words:
            sentences: list[str] = []
            for _ in range(rng.randint(2, 5)):
                if queue:
                    entity: Entity | None = queue.pop(0)
                elif rng.random() < 0.4:
                    entity = rng.choice(self.mentions)
                else:
                    entity = None
                sentence = self.sentence(entity)
                sentences.append(sentence)
                total += sentence.count(" ") + 1
                if total >= words:
                    break
            paragraphs.append(sentences)
        return paragraphs


def _tag_label(entity: Entity, lang: str) -> str:
    """English names read "the United Nations" in a sentence but "United Nations" as a tag."""
    name = entity.name(lang)
    return name[4:] if lang == "en" and name.startswith("the ") else name


def _date_line(rng: random.Random, lang: str, day: dt.date) -> str:
    v = AR if lang == "ar" else EN
    weekday = v["weekdays"][day.weekday()]
    if lang == "ar":
        r = rng.random()
        months = AR["months_levant"] if r < 0.05 else AR["months"]
        line = f"{weekday} - {day.day} {months[day.month - 1]} {day.year}"
        return line.translate(_ARABIC_INDIC) if 0.05 <= r < 0.08 else line
    return f"{weekday} - {day.day} {v['months'][day.month - 1]} {day.year}"


def _byline(c: _Composer) -> str:
    """'القاهرة - أ ش أ', 'كتب: محمد علي', 'By Jane Doe'; a city only if the article names it."""
    city = c.mentioned("city")
    r = c.rng.random()
    if c.ar:
        if r < 0.5 and city:
            return f"{city} - {c.pick('agencies')}"
        return f"كتب: {c.pick('reporters')}"
    if r < 0.5 or city is None:
        return f"By {c.pick('reporters')}"
    return f"{city.upper()} - {c.pick('agencies')}"


def _text_file(c: _Composer, day: dt.date | None, title: str) -> str:
    """The seeds' layout: date line(s), blank, title, optional byline, body."""
    rng = c.rng
    lines: list[str] = []
    if day is not None:
        date_line = _date_line(rng, c.lang, day)
        lines.append(date_line)
        if rng.random() < 0.15:
            lines.append(date_line)  # the seeds repeat the date line sometimes
        lines.append("")
    lines.append(title)
    if rng.random() < 0.6:
        lines.append(_byline(c))
    one_per_line = rng.random() < 0.3
    if not one_per_line:
        lines.append("")
    paragraphs = c.paragraphs(rng.randint(400, 900))
    subheads = _subheading_positions(rng, len(paragraphs))
    gap = [] if one_per_line else [""]
    for i, sentences in enumerate(paragraphs):
        if i in subheads:
            lines.extend([c.subheading(), *gap])
        lines.extend([" ".join(sentences), *gap])
        if not one_per_line and rng.random() < 0.05:
            lines.append("")  # an occasional double blank line, as in the seeds
    return "\n".join(lines).rstrip("\n") + "\n"


def _subheading_positions(rng: random.Random, count: int) -> set[int]:
    if count < 4:
        return set()
    return set(rng.sample(range(2, count), k=min(rng.randint(0, 3), count - 2)))


def _markdown_file(c: _Composer, day: dt.date | None, title: str, tags: list[str]) -> str:
    """A Pelican-style header, then a Markdown body with the usual constructs."""
    rng = c.rng
    ar = c.lang == "ar"
    paragraphs = c.paragraphs(rng.randint(400, 900))
    separator = rng.choice(("، ", ", ")) if ar else ", "
    header = [f"Title: {title}"]
    if day is not None:
        header.append(f"Date: {day.isoformat()}")
    header += [
        f"Tags: {separator.join(tags)}",
        f"Lang: {c.lang}",
        f"Summary: {paragraphs[0][0]}",
    ]
    if rng.random() < 0.3:
        header.append(f"Author: {c.pick('reporters')}")
    lines = [*header, ""]
    subheads = _subheading_positions(rng, len(paragraphs))
    for i, sentences in enumerate(paragraphs):
        if i in subheads:
            lines += [f"## {c.subheading()}", ""]
        r = rng.random()
        if r < 0.06 and len(sentences) >= 3:
            lines += [f"- {s}" for s in sentences] + [""]
            continue
        if r < 0.10:
            lines += [f"> {' '.join(sentences)}", ""]
            continue
        text = " ".join(sentences)
        name = c.mentioned("institution")
        if r < 0.25 and name:
            link = f"[{name}](https://www.example.org/{rng.randrange(10**6)})"
            text = f"{text} **{link}**" if rng.random() < 0.5 else f"{text} {link}"
        lines += [text, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def generate(count: int, seed: int) -> Iterator[Article]:
    """The corpus as a stream of articles; the same (count, seed) always yields the same bytes."""
    rng = random.Random(seed)
    titles: dict[str, list[str]] = {"ar": [], "en": []}  # in order, for deterministic choice
    used: set[str] = set()  # only for membership tests, never iterated
    for index in range(count):
        lang = "ar" if rng.random() < ARABIC_SHARE else "en"
        fmt = "md" if rng.random() < MARKDOWN_SHARE else "txt"
        day = None if rng.random() < UNDATED_SHARE else FIRST_DAY + dt.timedelta(rng.randrange(DAYS))
        mentions = rng.sample(ENTITIES, k=rng.randint(5, 15))
        c = _Composer(rng, lang, mentions)
        if titles[lang] and rng.random() < DUPLICATE_TITLE_SHARE:
            title = rng.choice(titles[lang])  # a deliberate repeat, as real archives have
        else:
            title = c.title()
            for _ in range(20):  # template headlines collide by chance; keep repeats at ~1%
                if title not in used:
                    break
                title = c.title()
            used.add(title)
            titles[lang].append(title)
        if fmt == "md":
            text = _markdown_file(c, day, title, [_tag_label(e, lang) for e in mentions])
        else:
            text = _text_file(c, day, title)
        folder = f"{day.year}/{day.month:02d}" if day else "undated"
        path = f"{folder}/{index:05d}_{rng.getrandbits(64):016x}.{fmt}"
        yield Article(
            path=path,
            text=text,
            lang=lang,
            format=fmt,
            dated=day is not None,
            title=title,
            date=day.isoformat() if day else None,
            tags=tuple(_tag_label(e, lang) for e in mentions),
        )


def write_corpus(out: Path, count: int, seed: int, force: bool = False, metadata: Path | None = None) -> int:
    """Write the corpus under out; refuse to mix with other files, so a corpus is never stale.

    With metadata, also write one JSON object per line (path, lang, format, title, date, tags) to
    that file, which must lie outside out (the corpus folder holds only articles and its manifest).
    """
    manifest = out / MANIFEST
    if out.exists() and any(out.iterdir()):
        if not (force and manifest.is_file()):
            hint = "pass --force to replace it" if manifest.is_file() else "choose an empty folder"
            raise SystemExit(f"error: {out} is not empty; {hint}")
        shutil.rmtree(out)
    if metadata is not None and metadata.resolve().is_relative_to(out.resolve()):
        raise SystemExit(f"error: --metadata {metadata} must be outside the corpus folder {out}")
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    lines: list[str] = []
    for article in generate(count, seed):
        target = out / article.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(article.text.encode("utf-8"))
        written += 1
        if metadata is not None:
            keys = ("path", "lang", "format", "title", "date", "tags")
            lines.append(json.dumps({k: getattr(article, k) for k in keys}, ensure_ascii=False))
    if metadata is not None:
        metadata.parent.mkdir(parents=True, exist_ok=True)
        metadata.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    info = {"count": count, "seed": seed, "generator": "benchmarks/make_corpus.py"}
    manifest.write_text(json.dumps(info, sort_keys=True) + "\n", encoding="utf-8")
    return written


def read_manifest(out: Path) -> dict[str, object] | None:
    """The arguments a corpus folder was generated with, or None if this script did not write it."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to create")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    parser.add_argument("--force", action="store_true", help="replace a corpus written before")
    parser.add_argument(
        "--metadata",
        type=Path,
        help="also write per-article title/date/tags/lang as JSON lines to this file (outside --out)",
    )
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    start = time.perf_counter()
    written = write_corpus(args.out, args.count, args.seed, force=args.force, metadata=args.metadata)
    seconds = time.perf_counter() - start
    print(f"wrote {written} articles to {args.out} in {seconds:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
