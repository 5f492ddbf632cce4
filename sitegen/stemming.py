"""Search words: what a word is compared by, the same in the index and in a reader's query. Pure.

Words are folded exactly as tag matching folds them (hamza and alef forms, alef maqsura, taa
marbuta, tashkeel, tatweel, Eastern digits: tags.folding) and cut to their stems. Arabic words
by the light10 rules of Larkey, Ballesteros and Connell ("Light stemming for Arabic information
retrieval", 2007), the light stemmer that Arabic retrieval is measured against: one form of the
article and the common endings come off, each only while enough of the word is left. Three
changes fit it to news (each explained where its rule is):

* endings come off until none is left, so that a name and its adjectives meet: every one of
  the 533 one-word Arabic names and aliases of the tag vocabulary shares the stem of its
  adjective forms (روسيا: روسي، الروسية، الروسيين، روسيون), against 331 by light10
  (tests/test_search_index.py; ألمانيا, whose ال is its own, by a list of its forms);
* ان, ون and ين go only when three letters are left, so that مكان is not مكة's مك;
* a leading و, ف, ب, ك or ل may be a proclitic or the word's own letter: an indexed word is filed
  under the stems of every reading (index_stems), and a query word keeps its letters.

Other words lose the accents of their Latin letters (fold_latin: Zürich is zurich, Erdoğan
erdogan), then, in English, a possessive and a plural -s (Harman's S-stemmer). The search page's
script applies the same rules, read from the index (client_rules), so the two cannot drift apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import cast

from sitegen.arabic import HAMZA_AFTER, HAMZA_BEFORE, INVISIBLE, PRESENTATION_FORMS, normalize_key
from sitegen.dateformat import arabic_month_names
from sitegen.model import Article, Block, Stems, Tag
from sitegen.tags import fold_text, folding, matching_words

# light10, on folded words (ة is ه and ى is ي by then, so ية and ة are يه and ه).
# Proclitics: a word may begin with و or ف (and), then ب, ك or ل (in, as, for), or with letters
# of its own that look the same (وزارة, فلسطين, بيان, كتاب, لبنان). light10 took only و off,
# whenever three letters were left, which turned وزارة into زار (he visited) while الوزارة kept
# it (وزار), and left بمصر and لروسيا apart from مصر and روسيا. So an indexed word is filed under
# the stems of every reading, with and without each proclitic while three letters are left
# (readings), and a query word keeps its letters: مصر finds بمصر, قال finds وقال, وزارة finds
# الوزارة and ووزارة, and no longer زار.
_CONJUNCTIONS, _PREPOSITIONS, _PROCLITIC_REST = "وف", "بكل", 3
# و or ف before بال is as sure a sign of the article as before ال (light10 has وال and فال): a
# query keeps its letters, so وبالقاهرة was وبالقاهر and found only that very word, not القاهرة.
# Not وكال: وكالات (agencies) would be ات.
_ARTICLES = ("وبال", "فبال", "وال", "بال", "كال", "فال", "ولل", "لل", "ال")  # longest first
_ARTICLE_REST = 2
# (ending, letters that must be left): ان, ون, ين and a final ا only from stems of three
# letters, so that هنا, دعا and the ا of تعاون (تعا) stay, and so do the nouns of four letters
# in ان, ون and ين, which light10 turned into other words: بيان, مكان, أمان, أمين, جنين, ثمين and
# ديون were بي, مك (مكة), ام (أم, الأمة), جن, ثم (then) and دي. ات still goes from two letters:
# قوات and قوة, لغات and لغة meet.
_SUFFIXES = (("ها", 2), ("ان", 3), ("ات", 2), ("ون", 3), ("ين", 3), ("يه", 2), ("ه", 2), ("ي", 2), ("ا", 3))
# Words that the rules would turn into another word: الله -> له (him), لله -> لل.
_KEEP = frozenset({"الله", "لله", "والله", "ولله"})
# Names whose ال is their own, each form with the stem they share: light10 took ألمانيا's ال for
# the article (مان) but not الألمانية's second one (المان), so Germany never met its adjectives.
_NAMES = {form: "المان" for form in ("المان", "المانيا", "الماني", "المانيه", "المانيين", "المانيون", "المانيات")}
# A year written with its era's letter, م (ميلادي) or هـ (هجري, ه once folded), as Gulf and Saudi
# news write them: 2024م, ١٤٤٥هـ. One word with the digits, which a reader's 2024 never found.
_ERAS = "مه"
# English news writes the Arabic article as al-, el- or Al (al-Sisi, el-Sisi, Al Sisi, or only
# Sisi), and every word of a query must match: a reader's al-Sisi found nothing where the archive
# wrote el-Sisi. A query leaves them out before another word (al alone is searched, and so is a
# last word, which may be the start of one: alma); the index keeps them.
_LEFT_OUT = frozenset({"al", "el"})
_MIN_STEM = 2  # shorter stems (a letter) are not indexed, unless they are a number

# Latin letters lose their accents: a reader types cafe, Sao Paulo, Zurich and Erdogan for café,
# São Paulo, Zürich and Erdoğan (Turkish names fill Arabic and English news alike). A letter of
# the Latin blocks is its canonical decomposition (NFD) without the combining marks U+0300-U+036F,
# and the letters that no decomposition takes apart are spelt out by _LATIN_LETTERS. Only Latin
# letters: NFD would also take the hamza off أ, إ, ؤ and ئ, which the Arabic rules fold their own
# way. The page's script does the same with String.prototype.normalize (client_rules "latin").
_LATIN_BLOCKS = ((0x00C0, 0x0250), (0x1E00, 0x1F00))  # Latin-1 letters, Extended-A and -B, Additional
_LATIN_MARKS = range(0x0300, 0x0370)
# Folded words are lowercase (ß is ss by then): only lowercase letters need spelling out.
_LATIN_LETTERS = {"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ħ": "h", "ŧ": "t", "ĳ": "ij"}


# A country and the adjective of its people are one stem, as the Arabic endings make مصر and
# المصري one: Egyptian found no article that said only Egypt, nor Iranian one about Iran. The
# countries and peoples of the shipped vocabulary's English names, each people's word mapped to
# its country's stem (after the S-stemmer: Chinese is chines, Egyptians egyptian). Words that are
# also ordinary English words stay out: Polish (polish), and a Turk is no Turkey.
_PEOPLES = (
    ("algeria", "algerian"), ("bahrain", "bahraini"), ("comoros", "comorian"), ("djibouti", "djiboutian"),
    ("egypt", "egyptian"), ("iraq", "iraqi"), ("jordan", "jordanian"), ("kuwait", "kuwaiti"),
    ("lebanon", "lebanese"), ("libya", "libyan"), ("mauritania", "mauritanian"), ("morocco", "moroccan"),
    ("oman", "omani"), ("palestine", "palestinian"), ("qatar", "qatari"), ("somalia", "somali"),
    ("sudan", "sudanese"), ("syria", "syrian"), ("tunisia", "tunisian"), ("yemen", "yemeni"),
    ("emirates", "emirati"), ("russia", "russian"), ("pakistan", "pakistani"), ("china", "chinese"),
    ("india", "indian"), ("iran", "iranian"), ("turkey", "turkish"), ("israel", "israeli"),
    ("france", "french"), ("germany", "german"), ("italy", "italian"), ("spain", "spanish"),
    ("portugal", "portuguese"), ("netherlands", "dutch"), ("belgium", "belgian"), ("switzerland", "swiss"),
    ("austria", "austrian"), ("sweden", "swedish"), ("norway", "norwegian"), ("denmark", "danish"),
    ("finland", "finnish"), ("greece", "greek"), ("cyprus", "cypriot"), ("hungary", "hungarian"),
    ("serbia", "serbian"), ("romania", "romanian"), ("ireland", "irish"), ("ukraine", "ukrainian"),
    ("belarus", "belarusian"), ("azerbaijan", "azerbaijani"), ("armenia", "armenian"), ("georgia", "georgian"),
    ("kazakhstan", "kazakh"), ("uzbekistan", "uzbek"), ("tajikistan", "tajik"), ("turkmenistan", "turkmen"),
    ("kyrgyzstan", "kyrgyz"), ("afghanistan", "afghan"), ("japan", "japanese"), ("indonesia", "indonesian"),
    ("malaysia", "malaysian"), ("bangladesh", "bangladeshi"), ("nepal", "nepali"), ("nepal", "nepalese"),
    ("thailand", "thai"), ("vietnam", "vietnamese"), ("philippines", "filipino"), ("singapore", "singaporean"),
    ("mongolia", "mongolian"), ("taiwan", "taiwanese"), ("australia", "australian"), ("canada", "canadian"),
    ("mexico", "mexican"), ("brazil", "brazilian"), ("argentina", "argentine"), ("argentina", "argentinian"),
    ("venezuela", "venezuelan"), ("cuba", "cuban"), ("colombia", "colombian"), ("chile", "chilean"),
    ("peru", "peruvian"), ("ethiopia", "ethiopian"), ("nigeria", "nigerian"), ("kenya", "kenyan"),
    ("eritrea", "eritrean"), ("chad", "chadian"), ("mali", "malian"), ("senegal", "senegalese"),
    ("uganda", "ugandan"), ("tanzania", "tanzanian"), ("korea", "korean"), ("lanka", "lankan"),
    ("zealand", "zealander"), ("africa", "african"), ("europe", "european"), ("asia", "asian"),
    ("america", "american"), ("britain", "british"), ("czechia", "czech"), ("chechnya", "chechen"),
    ("kashmir", "kashmiri"), ("maghreb", "maghrebi"), ("kurds", "kurdish"),
)  # fmt: skip


def _latin_table() -> dict[int, str]:
    table = {}
    for lo, hi in _LATIN_BLOCKS:
        for c in range(lo, hi):
            bare = "".join(ch for ch in unicodedata.normalize("NFD", chr(c)) if ord(ch) not in _LATIN_MARKS)
            if bare != chr(c):
                table[c] = bare
    return {**table, **{ord(c): bare for c, bare in _LATIN_LETTERS.items()}}


_LATIN_TABLE = _latin_table()


# Words joined by an ampersand (Q&A, AT&T, R&D, H&M, and Q & A) are one word, q&a, when one of
# them is too short to be searched by itself: else a reader's q&a finds nothing at all, and at&t
# every article with "at". Words long enough of their own (Tom & Jerry) stay apart. The index has
# such a word beside its letters (joined_words); a query has it instead of them (search_words).
_AMPERSAND = re.compile(r"\s*&\s*")
_WORD = r"\w+(?:['’]\w+)*"  # tags._WORD
# Initials with dots (U.S., U.N., U.K., E.U., D.C.), which English news writes more often than
# not, are one word without them: their letters alone are too short to search, so a reader's
# U.S. was no word at all ("No results") and US never found U.S. Single Latin letters only:
# 1.5 and bbc.co.uk stay as they were. Like q&a, such a word is in the index beside its letters
# (joined_words) and in a query instead of them (search_words).
_INITIALS = r"(?<!\w)[a-z](?:\.[a-z])+(?!\w)\.?"
# At C speed, before folding: most text has none. One letter on each side of the dot, as in
# initials (U.S.), not the www.example.org of a link, which made the whole text be folded again.
# (Written from the dot, which the engine finds at C speed: a letter first made it try each one.)
# The letters are those normalize_key makes ASCII letters of (ǰ, ſ, K, ﬁ), and beside the dot also
# what it deletes (tashkeel, bidi marks): "Q.ǰ" is initials once folded, as the page's script,
# which folds first, finds them; test_search_index checks both sets against normalize_key.
FOLDS_TO_LATIN = "A-Za-z\u00df\u0130\u0149\u017f\u01f0\u1e96-\u1e9a\u1e9e\u212a\ufb00-\ufb06"
FOLDED_AWAY = (
    "\u00ad\u061c\u0640\u064b-\u0655\u0670\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069"
    "\ufc5e-\ufc63\ufcf2-\ufcf4\ufe70-\ufe72\ufe74\ufe76-\ufe7f\ufeff"
)
_HAS_INITIALS = re.compile(
    rf"\.(?:(?<=(?<![A-Za-z])[{FOLDS_TO_LATIN}]\.)|(?<=[{FOLDED_AWAY}]\.))(?:[{FOLDS_TO_LATIN}](?![A-Za-z])|[{FOLDED_AWAY}])"
)
# A number with thousands separators (4,500, ٤٬٥٠٠: digits are folded, the Arabic separator is
# not) is one number without them, as a reader types it (4500); the same way as initials. A
# decimal part after it ("4,500.5", "٤٬٥٠٠٫٥": the Arabic decimal separator is not folded either)
# or a list it is in ("1,234,5") leaves it as it was; a comma that ends a clause ("4,500, most")
# does not.
_GROUPED = r"(?<![\w.,\u066b\u066c])\d{1,3}(?:[,\u066c]\d{3})+(?![\w\u066c]|[.,\u066b]\d)"
_HAS_GROUPED = re.compile(r",(?<=\d,)\d\d\d|\u066c(?<=\d\u066c)\d\d\d")  # \d[,٬]\d\d\d, from the separator
_SEPARATORS = re.compile(r"[,\u066c]")
# The names made with عبد (servant of) and أبو (father of) are written apart and joined alike
# (عبد الله and عبدالله, عبد الفتاح and عبدالفتاح, أبو ظبي and أبوظبي), by news and readers, and
# neither found the other: عبدالله was a word that no article with عبد الله had. Such a name is
# one word, joined, after any proclitics (وعبد الله, لأبو ظبي); the name's second word is Arabic
# letters. Like q&a, it is in the index beside its words (joined_words) and in a query instead
# of them (search_words). Most text has none, which is looked for at C speed before folding:
# a ب, then د or و (or a hamza that folds into و), with any mark or invisible character between
# them, before whitespace (starting with a literal letter, the search runs at memchr speed; a
# search from the ع or alef before it took 25 times as long), or presentation forms (ﻋﺒﺪ).
# A hyphen joins the name's words as a space does (عبد-الله, أبو - ظبي: see _JOINER), which were
# two words each, so that عبد الله found no article that wrote عبد-الله, nor the other way.
_COMPOUND_HEADS = ("عبد", "ابو")
# What joins the words of such a name or of a month (_MONTH): whitespace, or a hyphen with or
# without whitespace around it (U+2010 and U+2011 are a word processor's hyphens). A dash (—,
# --) is no hyphen; a tatweel needs nothing, folding drops it (عبدـالله is عبدالله already).
_JOINER = r"(?:\s*[-\u2010\u2011]\s*|\s+)"  # the script's JOINER
_COMPOUND = rf"(?<!\w)[وف]?[بكل]?(?:{'|'.join(_COMPOUND_HEADS)}){_JOINER}[\u0621-\u064a]+(?!\w)"
_MARKS = "[\u0610-\u061a\u064b-\u065f\u0670\u0640" + INVISIBLE + "]*"
_HAS_COMPOUND = re.compile(rf"ب{_MARKS}[دوؤئ]{_MARKS}[\s\-\u2010\u2011]")  # a space or hyphen: _JOINER
_HAS_PRESENTATION = re.compile(PRESENTATION_FORMS)
_JOINS = re.compile(_JOINER)
_INITIALS_RE, _GROUPED_RE, _COMPOUND_RE = re.compile(_INITIALS), re.compile(_GROUPED), re.compile(_COMPOUND)


_POSSESSIVE = ("'s", "’s")  # stem takes it off: T's is as short as T


def _searchable(term: str) -> bool:
    return len(term) >= _MIN_STEM or term.isdigit()


def _tokens(folded: str) -> Iterator[str]:
    """The words of folded text, words joined by an ampersand as one word (see _AMPERSAND)."""
    for token in _TOKEN.findall(folded):
        if "," in token or "\u066c" in token:  # a number with thousands separators (see _GROUPED)
            yield _SEPARATORS.sub("", token)
            continue
        if "." in token:  # initials (see _INITIALS)
            yield token.replace(".", "")
            continue
        if "&" not in token:  # a name with عبد or أبو, or a month, is one word (see _COMPOUND, _MONTH)
            joined = _JOINS.sub("", token)  # a word has no space, nor a hyphen (_JOINER)
            month = (joined != token or not token.isalnum()) and _MONTH_RE.fullmatch(token)
            yield _month_word(token) if month else _FUSED.get(joined, joined)
            continue
        parts = _AMPERSAND.split(token)
        if all(_searchable(p[:-2] if p.endswith(_POSSESSIVE) else p) for p in parts):  # AT&T's is short
            yield from parts
        else:
            yield "&".join(parts)


def _has_grouped(text: str) -> bool:
    """Whether the text may hold a number with thousands separators: most Arabic text has no
    ',' and no '٬' at all, which is found sooner than by the regular expression."""
    return ("," in text or "\u066c" in text) and _HAS_GROUPED.search(text) is not None


def _joins(text: str) -> bool:
    return (
        "&" in text
        or _HAS_INITIALS.search(text) is not None
        or _has_grouped(text)
        or _HAS_PRESENTATION.search(text) is not None
        or _HAS_COMPOUND.search(text) is not None
        or _has_month(text)
    )


def search_words(text: str) -> list[str]:
    """The words of a query as the page's script splits it: those of tags.matching_words, but
    words joined by an ampersand as one word (q&a) where one of them is too short to search,
    initials as one word without their dots (U.S.: us), numbers without their thousands
    separators (4,500: 4500), names with عبد or أبو joined (عبد الله: عبدالله), and months of
    two words or whose name is a common word (كانون الثاني: كانونالثاني, آب 2024: اب2024); the
    Arabic article written in English left out before another word (see _LEFT_OUT)."""
    words = matching_words(text) if not _joins(text) else list(_tokens(normalize_key(text)))
    if len(words) > 1 and not _LEFT_OUT.isdisjoint(words):
        last = words.pop()
        words = [*(w for w in words if w not in _LEFT_OUT), last]
    return words


def joined_words(text: str, words: AbstractSet[str] | None = None) -> list[str]:
    """The words joined by an ampersand (q&a), the initials (U.S.: us), the numbers with
    thousands separators (4,500: 4500), the names with عبد or أبو (عبدالله) and the months
    joined (كانونالثاني, اب2024) of a text, which the index has beside the words of
    tags.matching_words. Most text has none, which is looked for at C speed. ``words``: the
    text's tags.matching_words as a set, when the caller has them (see _may_join)."""
    ampersand = "&" in text
    initials = _HAS_INITIALS.search(text) is not None
    grouped = _has_grouped(text)
    joined: list[str] = []
    if ampersand or initials or grouped:
        folded = normalize_key(text)  # each kind looked for only where the text has it: a pass each
        if ampersand:  # every token of the text: slow, and few texts have an ampersand
            joined += [w for w in _tokens(folded) if "&" in w]
        if initials:
            joined += [w.replace(".", "") for w in _INITIALS_RE.findall(folded)]
        if grouped:
            joined += [_SEPARATORS.sub("", w) for w in _GROUPED_RE.findall(folded)]
    compound, month = _may_join(text, words)
    if compound or month:
        folded = fold_text(text)  # runs of whitespace are one to _COMPOUND and _MONTH: a faster fold
        if compound:
            joined += [_JOINS.sub("", w) for w in _COMPOUND_RE.findall(folded)]
        if month:
            joined += [_month_word(w) for w in _MONTH_RE.findall(folded)]
    return joined


def _may_join(text: str, words: AbstractSet[str] | None) -> tuple[bool, bool]:
    """Whether the text may hold a name with عبد or أبو (_COMPOUND), and a month (_MONTH).

    Without its words, by looks at the text as written (_HAS_COMPOUND, _HAS_MONTH, and one for
    presentation forms: ﻋﺒﺪ, ﻛﺎﻧﻮﻥ). With them, by a few set lookups: the first word of every
    such name or month, with its proclitics, is one of the text's folded words (_COMPOUND_FORMS,
    _MONTH_FORMS), since what comes before it is no letter and a space or a hyphen after it; but
    when an apostrophe joins it to a word before it (x'كانون: one word to tags._WORD), which the
    looks at the text then decide."""
    if words is not None and "'" not in text and "’" not in text:
        return not _COMPOUND_FORMS.isdisjoint(words), not _MONTH_FORMS.isdisjoint(words)
    presentation = _HAS_PRESENTATION.search(text) is not None  # one look for both
    return (
        presentation or _HAS_COMPOUND.search(text) is not None,
        presentation or _has_month(text),
    )


def fold_latin(word: str) -> str:
    """A word with its Latin letters unaccented (see _LATIN_BLOCKS); other letters as they are."""
    return word if word.isascii() else word.translate(_LATIN_TABLE)


def stem(word: str) -> str:
    """The stem of a folded word (a word of tags.matching_words): what a query word is looked up
    by, and the first of an indexed word's stems (index_stems). A word of another script than
    Arabic loses its accents here, not in tags.matching_words: tag matching keeps them."""
    if "\u0600" <= word[0] <= "\u06ff":
        if word in _KEEP:
            return word
        if word in _NAMES:
            return _NAMES[word]
        for article in _ARTICLES:
            if word.startswith(article) and len(word) - len(article) >= _ARTICLE_REST:
                word = word[len(article) :]
                break
        if word in _NAMES:  # after the article: الألمانية
            return _NAMES[word]
        cut = True
        while cut:  # until no ending is left: الباكستانيين -> باكستاني -> باكستان -> باكست
            cut = False
            for suffix, rest in _SUFFIXES:
                if word.endswith(suffix) and len(word) - len(suffix) >= rest:
                    word = word[: -len(suffix)]
                    cut = True
        return word
    if word[-1] in _ERAS and word[:-1].isdigit():
        return word[:-1]
    word = _s_stem(fold_latin(word))
    return _COUNTRY_OF.get(word, word)


def _s_stem(word: str) -> str:
    """A word without a possessive and a plural -s (Harman's S-stemmer); a noun in -sis as its
    plural in -ses is (crisis and crises are crise, analysis and analyses analyse), from six
    letters on (basis and oasis stay), but for thesis, which would be these."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    n = len(word)
    if n > 5 and word.endswith("sis") and word != "thesis":
        return word[:-2] + "e"
    if n > 4 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if n > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if n > 3 and word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


# a people's word (S-stemmed) -> its country's stem (see _PEOPLES)
_COUNTRY_OF = {_s_stem(people): _s_stem(country) for country, people in _PEOPLES}


# An article is found by the month of its date (search.Index.dated), named as a query names it,
# and some Arabic month names (sitegen.dates) were common words to a query. كانون الثاني and
# كانون الأول (January and December, in the Levantine names), تشرين الأول and تشرين الثاني were
# two words each, كان (was: the stem of كانون) or تشر and an ordinal (الأول, الثاني: first,
# second), so a reader's الأول, الثاني or كان found dozens of articles by their date alone. A
# month of two words is one word, joined as a name with عبد is, the ordinal with its article
# (كانون الثاني and كانون ثاني, which the date parser also reads: كانونالثاني). آب (August,
# Levantine) folds into أب (father), and ماي (May, Maghrebi) stems as ما (what): a name whose
# stem is shorter than _MONTH_STEM is a month only before a year, with which it is one word (آب
# 2024, and آب 2024م: اب2024); alone it is the common word, and a reader's أب or ما no longer
# finds every article of آب or ماي. Like q&a, such a month is in the index beside its words
# (joined_words) and in a query instead of them (search_words). English names stay words (may,
# march): a reader of English types May 2024 as readily as the word. The names come from the
# date tables; the script builds the same expression from client_rules "months".
# A month of two words written with a hyphen (كانون-الثاني, which the date parser reads too, or
# تشرين - الأول; U+2010 and U+2011 are a word processor's hyphens) was كان and ثان again, and
# neither spelling found the other: it is the same one word (_JOINER, as for a name with عبد).
# A first word alone stays the word it is, in a query and in the index's dates: كان (was) must
# not find every article of كانون by its date, nor تشرين every one of October and November:
# تشرين is also a Syrian daily, university and dam (صحيفة تشرين, سد تشرين) and Iraq's protests
# of October 2019. A reader's تشرين 2024 finds the articles that say تشرين and 2024.
_MONTH_STEM = 3


def _month_words() -> tuple[list[str], list[str], list[str]]:
    """(first words of the months of two words, their ordinals without the article, the names
    that are common words), folded, from the date tables."""
    names = sorted({normalize_key(name) for name in arabic_month_names()})
    pairs = [name.split() for name in names if " " in name]
    firsts = sorted({first for first, _ in pairs})
    ordinals = sorted({second.removeprefix("ال") for _, second in pairs})
    common = [name for name in names if " " not in name and len(stem(name)) < _MONTH_STEM]
    return firsts, ordinals, common


_MONTH_FIRSTS, _MONTH_ORDINALS, _MONTH_COMMON = _month_words()
# A tatweel between the words (تشرينـأول, كانونـالثاني) joins them too: folding drops it, and
# what is left is one word, the month's own with the ordinal's article (كانونالثاني), but
# without it (تشريناول) a word that neither تشرين الأول nor an article of October had: it is
# read as the month (_FUSED). No other word is a month's two words written together.
_MONTH = (
    rf"(?<!\w)[وف]?[بكل]?(?:{'|'.join(_MONTH_FIRSTS)}){_JOINER}(?:ال)?(?:{'|'.join(_MONTH_ORDINALS)})(?!\w)"
    rf"|(?<!\w)[وف]?(?:{'|'.join(_MONTH_COMMON)})\s+\d{{4}}[{_ERAS}]?(?!\w)"
    rf"|(?<!\w)[وف]?[بكل]?(?:{'|'.join(_MONTH_FIRSTS)})(?:{'|'.join(_MONTH_ORDINALS)})(?!\w)"
)  # not ب, ك or ل before آب: باب 2024 is a door
_MONTH_RE = re.compile(_MONTH)
_FUSED = {
    f"{c}{p}{first}{ordinal}": f"{c}{p}{first}ال{ordinal}"
    for c in ("", "و", "ف")
    for p in ("", "ب", "ك", "ل")
    for first in _MONTH_FIRSTS
    for ordinal in _MONTH_ORDINALS
}


def _month_word(token: str) -> str:
    """A month matched by _MONTH as one word: كانون ثاني (and كانون-ثاني) is كانونالثاني, آب
    2024م اب2024, تشريناول (a tatweel's) تشرينالاول."""
    if token in _FUSED:
        return _FUSED[token]
    first, second = _JOINS.split(token)
    if second[0].isdigit():
        return first + second.rstrip(_ERAS)
    return f"{first}ال{second.removeprefix('ال')}"


def _writings(letter: str) -> set[str]:
    """The characters a text may write a folded letter with: itself, those folding makes it (but
    presentation forms: _HAS_PRESENTATION), and the other seat of a hamza (HAMZA_BEFORE)."""
    found = {letter, *(c for c, key in folding().items() if key == letter and not _HAS_PRESENTATION.match(c))}
    return found | {"ؤ", "ئ"} if found & {"ؤ", "ئ"} else found


def _month_checks() -> tuple[re.Pattern[str], ...]:
    """Quick looks before folding for a month that _MONTH may join, one expression a name, that
    miss none: the name's letters as a text may write them (_writings), with what folding drops
    between them (and ء, which goes after ي: HAMZA_AFTER), then a space or a hyphen (and, for a
    name that is a common word, a digit). Each starts from the first letter of the name that only
    itself writes (ن of كانون, ت of تشرين, ب of آب), which the engine finds at C speed: a class
    of letters first, or all the names in one expression, took ten times as long."""
    dropped = "".join(c for c, key in folding().items() if not key and not _HAS_PRESENTATION.match(c))
    between = f"[{re.escape(dropped)}ء]*"
    checks = []
    # a space or a hyphen (_JOINER), or an ordinal's first letter (what a tatweel, which is in
    # between, joined: _FUSED)
    starts = re.escape("".join(sorted({c for o in _MONTH_ORDINALS for c in _writings(o[0])})))
    firsts = ((n, rf"[\s\-\u2010\u2011{starts}]") for n in _MONTH_FIRSTS)
    for name, after in [*firsts, *((n, rf"(?:\s{between})+\d") for n in _MONTH_COMMON)]:
        start = next(i for i, letter in enumerate(name) if _writings(letter) == {letter})
        letters = [re.escape("".join(sorted(_writings(letter)))) for letter in name[start:]]
        written = between.join(f"[{chars}]" if len(chars) > 1 else chars for chars in letters)
        checks.append(re.compile(written + between + after))
    return tuple(checks)


_HAS_MONTH = _month_checks()


def _with_proclitics(heads: Iterable[str], prepositions: str = "بكل") -> frozenset[str]:
    """The words _COMPOUND and _MONTH begin with: each head after [وف]? and [prepositions]?."""
    return frozenset(c + p + head for c in ("", "و", "ف") for p in ("", *prepositions) for head in heads)


_COMPOUND_FORMS = _with_proclitics(_COMPOUND_HEADS)
_MONTH_FORMS = _with_proclitics(_MONTH_FIRSTS) | _with_proclitics(_MONTH_COMMON, prepositions="") | set(_FUSED)


def _has_month(text: str) -> bool:
    """Whether text may hold a month that _MONTH joins, presentation forms apart (looked for
    by the caller, once for this and _COMPOUND)."""
    return any(check.search(text) is not None for check in _HAS_MONTH)


# grouped numbers, initials, months, names with عبد or أبو, then words joined by &
_TOKEN = re.compile(rf"{_GROUPED}|{_INITIALS}|{_MONTH}|{_COMPOUND}|{_WORD}(?:\s*&\s*{_WORD})+|{_WORD}")


def readings(word: str) -> list[str]:
    """A folded word and the word without each proclitic it may carry, while three letters are
    left, or a number (و7: 'on the 6th and 7th'): وبمصر, بمصر, مصر. Only the first is a query
    word's; the index files all (index_stems)."""
    found = [word]
    if word[0] in _CONJUNCTIONS and (len(word) - 1 >= _PROCLITIC_REST or word[1:].isdigit()):
        found.append(word[1:])
    for reading in tuple(found):
        if reading[0] in _PREPOSITIONS and (len(reading) - 1 >= _PROCLITIC_REST or reading[1:].isdigit()):
            found.append(reading[1:])
    return found


def index_stems(word: str) -> list[str]:
    """The stems an indexed word is found by, those of its readings, each once; what is too
    short to search left out."""
    found: list[str] = []
    for reading in readings(word) if "\u0600" <= word[0] <= "\u06ff" else (word,):
        s = stem(reading)
        if _searchable(s) and s not in found:
            found.append(s)
    return found


def stems(text: str) -> list[str]:
    """The stems of a text's words, in order, repeats kept; what is too short to search left out."""
    found: list[str] = []
    add = found.append
    for word in search_words(text):
        s = stem(word)
        if _searchable(s):
            add(s)
    return found


def shard_key(term: str) -> str:
    """The shard of a stem: its first two letters as hex code points ('645-635'), a plain ASCII
    file name on every host."""
    return "-".join(format(ord(c), "x") for c in term[:2])


def client_rules() -> dict[str, object]:
    """What the page's script needs to fold and stem a query as the index was made."""
    return {
        "fold": folding(),
        "sequences": {"before": [list(pair) for pair in HAMZA_BEFORE], "after": [list(pair) for pair in HAMZA_AFTER]},
        "proclitics": [_CONJUNCTIONS, _PREPOSITIONS, _PROCLITIC_REST],
        "articles": [list(_ARTICLES), _ARTICLE_REST],
        "suffixes": [list(pair) for pair in _SUFFIXES],
        "keep": sorted(_KEEP),
        "names": dict(sorted(_NAMES.items())),
        "min": _MIN_STEM,
        "latin": {"blocks": [list(block) for block in _LATIN_BLOCKS], "letters": _LATIN_LETTERS},
        "peoples": dict(sorted(_COUNTRY_OF.items())),
        "eras": _ERAS,
        "left_out": sorted(_LEFT_OUT),
        "months": {"firsts": _MONTH_FIRSTS, "ordinals": _MONTH_ORDINALS, "common": _MONTH_COMMON},
    }


class Memo(dict[str, str]):
    """word -> its index stems joined by spaces ("" when it has none to search): spares stemming
    a word again in the next article, so that most words are looked up at C speed. ``joined``
    holds the values of more than one stem, which a set intersection finds among an article's.
    ``tags``: a tag -> the words an article is found by for it (Memo.tag_words), which thousands
    of articles share."""

    __slots__ = ("joined", "tags")

    def __init__(self) -> None:
        super().__init__()
        self.joined: set[str] = set()
        self.tags: dict[Tag, list[str]] = {}

    def reset(self) -> None:
        """Forget every word (a memo that lives long is kept to a size)."""
        self.clear()
        self.joined.clear()
        self.tags.clear()

    def tag_words(self, tag: Tag) -> list[str]:
        """The words of the tag's labels and of the aliases that are its initials (see
        initials), joined words included (see joined_words): what an article with the tag is
        found by for it, worked out once per tag."""
        words = self.tags.get(tag)
        if words is None:
            words = self.tags[tag] = []
            for name in (tag.label_ar, tag.label_en, *initials(tag)):
                words += matching_words(name) + joined_words(name)
        return words


def stems_of(text: str, memo: Memo) -> set[str]:
    """The stems the index files a text under, as a set (see stems_of_words)."""
    return stems_of_words(matching_words(text) + joined_words(text), memo)


def stems_of_words(words_found: Iterable[str], memo: Memo) -> set[str]:
    """The index stems of words (of tags.matching_words) as a set."""
    words = set(words_found)
    looked_up: set[str | None] = set(map(memo.get, words))
    if None in looked_up:
        looked_up.discard(None)
        for word in words:
            if word not in memo:
                memo[word] = s = " ".join(index_stems(word))
                if " " in s:
                    memo.joined.add(s)
                looked_up.add(s)
    found = cast(set[str], looked_up)
    found.discard("")
    joined = found & memo.joined
    if joined:
        found -= joined
        for pair in joined:
            found.update(pair.split())
    return found


# Words of an English name that its initials leave out (Commonwealth of Independent States: CIS,
# Hayat Tahrir al-Sham: HTS).
_NOT_INITIALED = frozenset({"of", "the", "and", "for", "al", "el"})
_NAME_WORD = re.compile(r"[A-Za-z]+")
_NOT_LETTER = re.compile(r"[^A-Za-z]")


def initials(tag: Tag) -> list[str]:
    """The aliases of a tag that are the initials of its English name (UAE of United Arab
    Emirates, IMF, GCC, CIS): another name of the tag itself, which a reader types, while an
    article about الإمارات says الإمارات. Other aliases (LNG of Gas, FIFA of Football, a capital,
    a people) name something else, which the article need not be about."""
    letters = "".join(w[0] for w in _NAME_WORD.findall(tag.label_en) if w.lower() not in _NOT_INITIALED).upper()
    return [a for a in tag.aliases if len(letters) >= 2 and _NOT_LETTER.sub("", a) == letters]


def make_stems(
    article: Article,
    body: Iterable[Block] | str,
    memo: Memo | None = None,
    *,
    compress: bool = False,
    body_words: tuple[str, list[str]] | None = None,
) -> Stems:
    """An article's stems: those of its title, and those it is found by anywhere: the title,
    byline, summary, its tags (both labels: an Arabic article tagged Economy is found by
    "economy") and every block of its body. ``body``: the blocks, or their views.body_text.
    ``body_words``: (body text, its words) when tag matching has split the body already (the
    parser's own text: used only if it is the same)."""
    if not isinstance(body, str):
        from sitegen.views import body_text  # here: views imports the model, which this module needs first

        body = body_text(body)
    memo = Memo() if memo is None else memo
    words = body_words[1] if body_words is not None and body_words[0] == body else matching_words(body)
    title = stems_of(article.title, memo)
    unique = set(words)  # 700 words of a body are some 250 (and joined_words looks words up)
    others = [*unique, *joined_words(body, unique)]
    for text in (article.byline, article.summary):
        if text:
            others += matching_words(text) + joined_words(text)
    for tag in article.tags:
        others += memo.tag_words(tag)
    return Stems(title, stems_of_words(others, memo), compress=compress)  # Stems files the title's apart


def article_stems(article: Article, memo: Memo | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """(stems of the title, stems anywhere) of an article: as the parser left them, or made now."""
    packed = article.stems if article.stems is not None else make_stems(article, article.body, memo)
    return packed.unpack()
