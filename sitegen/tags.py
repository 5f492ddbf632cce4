"""The tag vocabulary, and tagging articles with it.

A vocabulary is a TOML list of tags (slug, Arabic and English label, aliases). Plain-text
articles have no metadata, so their tags are *derived*: a tag applies when one of its labels or
aliases occurs in the title, or often enough in the body. Markdown articles name their tags
explicitly; resolve_tag() maps such a name onto the vocabulary.

Matching works on words. Arabic glues conjunctions, prepositions and the article onto the
word (وروسيا، لروسيا، بالروسية، للأمم) and inflects adjectives (الروسي، الروسية، الروسيين), so
every alias is expanded once, when the Vocabulary is built, into the prefixed and inflected
forms a text may contain; at match time a word costs one dict lookup. A word is thus only
ever read as prefix + alias + ending when that alias exists: it is never "stemmed" into
something that is not in the vocabulary (وليد stays وليد).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import compress
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sitegen.arabic import INVISIBLE, PRESENTATION_FORMS, fold_hamza_after, normalize_key, seat_hamza, slugify
from sitegen.config import located_error, toml_error_line, toml_keys, toml_text
from sitegen.errors import ConfigError
from sitegen.model import Tag

# A word: letters/digits, with inner apostrophes kept so that English possessives stay one word.
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# An alias written in capitals: an acronym (CIS, G20).
_CAPITALS = re.compile(r"[A-Z][A-Z0-9]+")


def _folding_table() -> dict[str, str]:
    """Every character that normalize_key changes, and what it becomes.

    Built from normalize_key itself, so that _fold() can never disagree with it; _fold() applies
    the table with str.replace, which on Arabic text is several times faster than the
    str.translate inside normalize_key (a whole archive's words pass through it).
    """
    ranges = [(0x0600, 0x0700), (0x0750, 0x0780), (0x08A0, 0x0900), (0xFB50, 0xFF00)]
    candidates = [chr(c) for lo, hi in ranges for c in range(lo, hi)]
    candidates += [*INVISIBLE, *"0123456789", "\u0130"]  # and the Turkish İ (arabic._KEY_MAP)
    table = {ch: normalize_key(ch) for ch in candidates if not ch.isspace()}
    table = {ch: key for ch, key in table.items() if key != ch}
    assert set(table).isdisjoint("".join(table.values())), "folding must be one step"
    return table


_FOLDING = tuple(_folding_table().items())
_FOLD_TABLE = str.maketrans(dict(_FOLDING))
# The presentation forms apart: a long text is searched for each folded character, and hardly
# any text has one of these hundreds (one search for them all, then one str.translate).
_PRESENTATION = re.compile(PRESENTATION_FORMS)
_LETTER_FOLDING = tuple((char, key) for char, key in _FOLDING if not _PRESENTATION.match(char))
_PRESENTATION_TABLE = str.maketrans({char: key for char, key in _FOLDING if _PRESENTATION.match(char)})

_ARTICLE = "ال"
# Proclitics that may precede a word or its article: an optional conjunction (و، ف) and an
# optional preposition (ب، ك، ل). "" comes first: the bare word.
_PROCLITICS = tuple(conj + prep for conj in ("", "و", "ف") for prep in ("", "ب", "ك", "ل"))
# Before the article, ل swallows its alef: ل + الأمم -> للأمم.
_LAM_PROCLITICS = tuple(p for p in _PROCLITICS if p.endswith("ل"))
_ARTICLE_PROCLITICS = tuple(p for p in _PROCLITICS if not p.endswith("ل"))
# Shorter stems are never expanded with proclitics (ب + يد = بيد would be a false hit); a stem
# behind a written article is safe from 2 letters on (الحج، والحج، بالحج).
_MIN_STEM = 3
_MIN_DEFINITE_STEM = 2
# Endings: nisba adjectives (روسي -> روسية، روسيين، روسيون، روسيات) take them from 3 letters;
# plain plurals (لقاح -> لقاحات، مهاجر -> مهاجرين) only from 4, so that قطرات (drops) is not
# Qatar and مصرين (insisting) is not Egypt.
_NISBA_ENDINGS = ("ه", "ين", "ون", "ات")
_PLURAL_ENDINGS = ("ين", "ون", "ات")
_MIN_PLURAL_STEM = 4

_TAG_KEYS = frozenset({"slug", "ar", "en", "aliases"})
_SHIPPED = ("data", "tags.toml")
# The package folder: its data files are read from it (importlib.resources would import zipfile
# and more on every build, for installs that sitegen does not support).
_PACKAGE = Path(__file__).parent

# A phrase index entry: the rest of the phrase after its first word, and the tags it names
# (indexes into Vocabulary.tags).
_PhraseEntry = tuple[tuple[str, ...], tuple[int, ...]]


# The punctuation of news text, which never belongs to a word (_WORD keeps only the apostrophes
# inside one): a whole article's is turned into spaces by a str.replace each, so that nearly
# every piece between spaces is then a word by itself.
_SEPARATORS = '.,،؛;:؟?!()«»"“”-–—/…%٪+&$€£*=<>[]{}|#@^`~\\'


def _fold(text: str, separators: bool = True) -> str:
    """normalize_key(text), up to whitespace: the same words come out of _WORD.

    Short texts (the vocabulary's aliases) go through one str.translate; long ones through a
    str.replace per folded character present, which is faster on a whole article, and their
    common punctuation becomes spaces (as a separator between words it is one already), unless
    ``separators`` is False (fold_text).
    """
    text = seat_hamza(text)
    if len(text) < 200:
        text = text.translate(_FOLD_TABLE)
    else:
        if _PRESENTATION.search(text) is not None:
            text = text.translate(_PRESENTATION_TABLE)
        for char, replacement in _LETTER_FOLDING:
            if char in text:
                text = text.replace(char, replacement)
        if separators:
            for char in _SEPARATORS:
                if char in text:
                    text = text.replace(char, " ")
    return fold_hamza_after(text).casefold()


def fold_text(text: str) -> str:
    """normalize_key(text) up to whitespace (runs of it are kept, the ends not stripped), its
    punctuation kept: on a whole article several times faster than normalize_key."""
    return _fold(text, separators=False)


def _words(text: str) -> list[str]:
    """The matching words of a text: normalized (hamza, ى, ة, tashkeel, case) then split.

    The same list as _WORD.findall over the whole text, sooner: a word never spans whitespace,
    so the text is split at whitespace first, and only when some piece is not a word by itself
    (punctuation _fold left, an apostrophe) are the pieces searched one by one.
    """
    pieces = _fold(text).split()
    words = list(filter(str.isalnum, pieces))  # at C speed
    if len(words) == len(pieces):
        return words
    words = []
    add, add_all, findall = words.append, words.extend, _WORD.findall
    for piece in pieces:
        if piece.isalnum():
            add(piece)
        else:
            add_all(findall(piece))
    return words


def _is_arabic(word: str) -> bool:
    return "\u0600" <= word[0] <= "\u06ff"


def _word_forms(key: str) -> list[str]:
    """Every spelling under which an alias word may appear in a text, itself first.

    Arabic: with proclitics, the article and endings. An alias written without the article
    also matches with it (اقتصاد: الاقتصاد، والاقتصاد، للاقتصاد); one written with it
    requires it (البحرين: والبحرين، للبحرين, but not بحرين). English: plural and possessive.
    A list, made by comprehensions: a vocabulary has some 80,000 forms, made on every build
    without a cache.
    """
    if not _is_arabic(key):
        forms = [key, key + "'s", key + "’s", key + "s", key + "es"]
        if key.endswith("y") and len(key) > 3:
            forms.append(key[:-1] + "ies")
        return forms
    definite = key.startswith(_ARTICLE) and len(key) - 2 >= _MIN_DEFINITE_STEM
    stem = key[2:] if definite else key
    if len(stem) < (_MIN_DEFINITE_STEM if definite else _MIN_STEM):
        return [key]
    if definite:
        # Words that merely start with ال (ألمانيا -> المانيا) keep it after ل: لألمانيا.
        prefixed = [p + key for p in _PROCLITICS] + [p + "ل" + stem for p in _LAM_PROCLITICS]
    else:
        prefixed = [p + key for p in _PROCLITICS]
        prefixed += [p + _ARTICLE + key for p in _ARTICLE_PROCLITICS]
        prefixed += [p + "ل" + key for p in _LAM_PROCLITICS]
    endings: tuple[str, ...]
    if stem.endswith("ي") and len(stem) >= _MIN_STEM:
        endings = _NISBA_ENDINGS
    elif len(stem) >= _MIN_PLURAL_STEM:
        endings = _PLURAL_ENDINGS
    else:
        return prefixed
    return prefixed + [form + ending for form in prefixed for ending in endings]


@dataclass(frozen=True)
class Vocabulary:
    """The tags, in file order, and the lookup indexes built from them once.

    ``forms`` maps every spelling a text word may have (normalized, with proclitics, article
    and endings) to the alias words it stands for; ``phrases`` maps an alias's first word to
    its possible continuations, longest first. Both are read-only.
    """

    tags: tuple[Tag, ...]
    by_slug: Mapping[str, Tag] = field(init=False, repr=False, compare=False)
    forms: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    phrases: Mapping[str, tuple[_PhraseEntry, ...]] = field(init=False, repr=False, compare=False)
    # For _matches, which reads them for every word of the archive: the dicts behind the two
    # read-only views (a view's get() is a method call on its dict, 25 % slower), and the alias
    # words that are an alias by themselves.
    lookup: tuple[dict[str, tuple[str, ...]], dict[str, tuple[_PhraseEntry, ...]], frozenset[str]] = field(
        init=False, repr=False, compare=False
    )
    capitals: Mapping[str, str] = field(init=False, repr=False, compare=False)  # see _capitals

    def __post_init__(self) -> None:
        by_slug: dict[str, Tag] = {}
        for tag in self.tags:
            if tag.slug in by_slug:
                raise ValueError(f"duplicate tag slug {tag.slug!r}")
            by_slug[tag.slug] = tag
        phrase_tags: dict[tuple[str, ...], list[int]] = {}
        for index, tag in enumerate(self.tags):
            for phrase in tag_phrases(tag):
                owners = phrase_tags.setdefault(phrase, [])
                if index not in owners:
                    owners.append(index)
        keys = sorted({word for phrase in phrase_tags for word in phrase})
        # A word that is itself an alias word stands first for itself; a prefixed reading is
        # added only when it too is an alias word (الروسي is a word of 'الاتحاد الروسي' and
        # also ال + روسي). Most forms stand for one word: they share its 1-tuple.
        single: dict[str, tuple[str, ...]] = {key: (key,) for key in keys}
        forms = dict(single)
        known = forms.get
        for key in keys:
            own = single[key]
            for form in _word_forms(key):
                found = known(form)
                if found is None:
                    forms[form] = own
                elif key not in found:
                    forms[form] = (*found, key)
        starts: dict[str, list[_PhraseEntry]] = {}
        for phrase, owners in phrase_tags.items():
            starts.setdefault(phrase[0], []).append((phrase[1:], tuple(owners)))
        phrases = {first: tuple(sorted(entries, key=lambda e: (-len(e[0]), e[0]))) for first, entries in starts.items()}
        _set_indexes(self, by_slug, forms, phrases)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled with its indexes, so that a cached vocabulary loads without compiling again.
        indexes = (dict(self.by_slug), dict(self.forms), dict(self.phrases))
        return (_restore_vocabulary, (self.tags, *indexes))

    def get(self, slug: str) -> Tag | None:
        """The tag with this slug, if the vocabulary has one."""
        return self.by_slug.get(slug)


def _restore_vocabulary(
    tags: tuple[Tag, ...],
    by_slug: dict[str, Tag],
    forms: dict[str, tuple[str, ...]],
    phrases: dict[str, tuple[_PhraseEntry, ...]],
) -> Vocabulary:
    vocabulary = object.__new__(Vocabulary)
    object.__setattr__(vocabulary, "tags", tags)
    _set_indexes(vocabulary, by_slug, forms, phrases)
    return vocabulary


def _set_indexes(
    vocabulary: Vocabulary,
    by_slug: dict[str, Tag],
    forms: dict[str, tuple[str, ...]],
    phrases: dict[str, tuple[_PhraseEntry, ...]],
) -> None:
    object.__setattr__(vocabulary, "by_slug", MappingProxyType(by_slug))
    object.__setattr__(vocabulary, "forms", MappingProxyType(forms))
    object.__setattr__(vocabulary, "phrases", MappingProxyType(phrases))
    alone = frozenset(first for first, entries in phrases.items() if any(not rest for rest, _ in entries))
    object.__setattr__(vocabulary, "lookup", (forms, phrases, alone))
    object.__setattr__(vocabulary, "capitals", _capitals(vocabulary.tags))


def _capitals(tags: Iterable[Tag]) -> dict[str, str]:
    """Every spelling (plural, possessive) of an alias of one word written in capitals in the
    vocabulary (CIS, EU, AI), folded, -> the alias folded: such an alias does not match the
    word written in lower case ('cis-regulatory', French 'un', 'eu')."""
    found: dict[str, str] = {}
    for tag in tags:
        for text in (tag.label_en, *tag.aliases):
            if _CAPITALS.fullmatch(text):
                key = text.casefold()
                found.update((form, key) for form in _word_forms(key))
    return found


def tag_phrases(tag: Tag) -> list[tuple[str, ...]]:
    """The normalized word sequences that name a tag: its two labels and its aliases."""
    phrases: list[tuple[str, ...]] = []
    for text in (tag.label_ar, tag.label_en, *tag.aliases):
        words = tuple(_words(text))
        if words and words not in phrases:
            phrases.append(words)
    return phrases


def _matches(words: list[str], vocabulary: Vocabulary) -> list[tuple[int, int, tuple[int, ...]]]:
    """(start, length, tag indexes) of every alias occurrence, longest match first, no overlap.

    Longest match makes 'جنوب السودان' South Sudan and not Sudan, and counts 'فلاديمير بوتين'
    once, not twice. One dict lookup per word; only the few words that are alias words go
    on to the phrase index, and of those only the ones that are an alias alone or are followed
    by another alias word: 'the', 'of' and 'على' ('علي …') start aliases, and are mostly
    followed by anything else.
    """
    forms, phrases, alone = vocabulary.lookup
    seq = list(map(forms.get, words))
    last = len(seq) - 1
    found: list[tuple[int, int, tuple[int, ...]]] = []
    next_free = 0
    for i in compress(range(len(seq)), seq):  # only the words that are alias words
        if i < next_free:
            continue
        keys = seq[i]
        assert keys is not None
        if (i == last or seq[i + 1] is None) and alone.isdisjoint(keys):
            continue  # only the first word of longer aliases, and no alias word after it
        best_len, best_tags = 0, tuple[int, ...]()
        for key in keys:
            for rest, owners in phrases.get(key, ()):
                length = len(rest) + 1
                if length <= best_len:
                    break  # entries are longest first
                if rest and not _continues(seq, i + 1, rest):
                    continue
                best_len, best_tags = length, owners
                break
        if best_len:
            found.append((i, best_len, best_tags))
            next_free = i + best_len
    return found


def _in_case(text: str, words: list[str], vocabulary: Vocabulary) -> list[tuple[int, int, tuple[int, ...]]]:
    """_matches(words), less the matches of an alias written in capitals (see _capitals) beyond
    the number of times the text writes it as an acronym (_capitalised: "CIS", "Nato" count;
    "cis", "un" do not). Words are matched case-folded, so the text is looked at again, only
    for such an alias and only when one matched."""
    found = _matches(words, vocabulary)
    capitals = vocabulary.capitals
    if not capitals or not found:
        return found
    kept: list[tuple[int, int, tuple[int, ...]]] = []
    left: dict[str, int] = {}
    for match in found:
        start, length, _ = match
        key = capitals.get(words[start]) if length == 1 else None
        if key is not None:
            if key not in left:
                spelled = re.finditer(rf"(?<!\w)({re.escape(key)})(?:['’]s|e?s)?(?!\w)", text, re.IGNORECASE)
                left[key] = sum(1 for m in spelled if _capitalised(m.group(1)))
            if not left[key]:
                continue
            left[key] -= 1
        kept.append(match)
    return kept


def _capitalised(word: str) -> bool:
    """An acronym as news writes it: in capitals ("CIS", "G20"), or from four letters on also
    with an initial capital only ("Nato", "Covid"; "Un" and "Ai" begin sentences)."""
    return word.isupper() or (len(word) > 3 and not word.islower())


def _continues(seq: list[tuple[str, ...] | None], start: int, rest: tuple[str, ...]) -> bool:
    """Whether the words from start on can be read as the alias words rest."""
    if start + len(rest) > len(seq):
        return False
    for offset, key in enumerate(rest, start):
        keys = seq[offset]
        if keys is None or key not in keys:
            return False
    return True


def derive_tags(
    title: str,
    body: str,
    vocabulary: Vocabulary,
    *,
    min_body_mentions: int = 2,
    words: tuple[list[str], list[str]] | None = None,
) -> tuple[str, ...]:
    """Tag slugs for a plain-text article, most mentioned first, then in vocabulary order.

    A tag applies when one of its labels or aliases is in the title (the title says what the
    article is about), or is mentioned at least min_body_mentions times in the body (a single
    passing mention in the body is not what the article is about).
    ``words``: the title's and the body's matching_words, when the caller has them.
    """
    if min_body_mentions < 1:
        raise ValueError("min_body_mentions must be at least 1")
    title_words, body_words = words if words is not None else (_words(title), _words(body))
    in_title: dict[int, int] = {}
    for _, _, owners in _in_case(title, title_words, vocabulary):
        for index in owners:
            in_title[index] = in_title.get(index, 0) + 1
    in_body: dict[int, int] = {}
    for _, _, owners in _in_case(body, body_words, vocabulary):
        for index in owners:
            in_body[index] = in_body.get(index, 0) + 1
    applied = set(in_title) | {i for i, count in in_body.items() if count >= min_body_mentions}
    ranked = sorted(applied, key=lambda i: (-(in_title.get(i, 0) + in_body.get(i, 0)), i))
    return tuple(vocabulary.tags[i].slug for i in ranked)


def resolve_tag(label: str, vocabulary: Vocabulary) -> Tag:
    """The vocabulary tag an explicit metadata tag names, or a new tag for an unknown name.

    'russia', 'Russia', 'روسيا' and 'الروسية' all name the russia tag: the label is tried as a
    slug, then as a whole alias (with the same word matching as derive_tags).
    """
    label = label.strip()
    slug = slugify(label)
    tag = vocabulary.get(label) or (vocabulary.get(slug) if slug else None)
    if tag is not None:
        return tag
    words = _words(label)
    # "the United Nations", "the Kremlin": the English article is not part of the name.
    for tried in (words, words[1:] if len(words) > 1 and words[0] == "the" else None):
        found = _matches(tried, vocabulary) if tried else []
        if tried and len(found) == 1 and found[0][1] == len(tried):
            return vocabulary.tags[min(found[0][2])]
    if not slug:
        raise ValueError(f"tag {label!r} has no letters or digits to make a slug from")
    return Tag(slug=slug, label_ar=label, label_en=label)


def parse_vocabulary(text: str, source: str = "tags.toml") -> Vocabulary:
    """A Vocabulary from the text of a tags.toml; every problem is reported in one ConfigError.

    Reporting all problems at once saves a fix-and-rerun cycle per mistake in a long file.
    """
    return Vocabulary(parse_tags(text, source))


def parse_tags(text: str, source: str = "tags.toml") -> tuple[Tag, ...]:
    """The tags of a tags.toml, checked as parse_vocabulary says, without building the lookup
    indexes: load_vocabulary merges two files' tags and indexes the result once."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", source, toml_error_line(exc)) from None
    problems: list[tuple[int | None, str]] = []
    defined = toml_keys(text)
    top: dict[str, int] = {}
    for at, path, _ in defined:
        top.setdefault(path[0], at)
    for key in sorted(set(data) - {"tag"}):
        problems.append((top.get(key), f"unknown key {key!r}: the file holds only [[tag]] tables"))
    entries = data.get("tag", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append((top.get("tag"), "'tag' must be a list of [[tag]] tables"))
        entries = []
    tables = _table_lines(defined, len(entries), top.get("tag"))

    tags: list[Tag] = []
    first_line: dict[str, int | None] = {}
    phrase_owner: dict[tuple[str, ...], str] = {}
    for entry, (line, key_lines) in zip(entries, tables, strict=True):
        tag, entry_problems = _parse_entry(entry)
        problems.extend((key_lines.get(key or "", line), p) for key, p in entry_problems)
        if tag is None:
            continue
        slug_line = key_lines.get("slug", line)
        if tag.slug in first_line:
            where = first_line[tag.slug]
            first = f" (first at line {where})" if where else ""
            problems.append((slug_line, f"duplicate slug {tag.slug!r}{first}"))
            continue
        first_line[tag.slug] = slug_line
        for phrase in tag_phrases(tag):
            owner = phrase_owner.setdefault(phrase, tag.slug)
            if owner != tag.slug:
                said = " ".join(phrase)
                problems.append(
                    (
                        key_lines.get(_phrase_key(tag, phrase), line),
                        f"tag {tag.slug!r}: {said!r} already names tag {owner!r}",
                    )
                )
        tags.append(tag)
    if problems:
        raise located_error(f"{len(problems)} problems in the tag vocabulary", problems, source)
    return tuple(tags)


def _table_lines(
    defined: list[tuple[int, tuple[str, ...], str]], count: int, inline: int | None
) -> list[tuple[int | None, dict[str, int]]]:
    """For each of count [[tag]] tables: its header's line and the line of each key in it, so
    that a problem in a long table names its key's line. Tags written as one inline list
    (tag = [{...}, ...]) all get the line of 'tag' and no key lines."""
    tables: list[tuple[int | None, dict[str, int]]] = []
    for at, path, kind in defined:
        if path == ("tag",) and kind == "array":
            tables.append((at, {}))
        elif tables and len(path) >= 2 and path[0] == "tag":  # also a dotted key, ar.y = ..., or [tag.ar]
            tables[-1][1].setdefault(path[1], at)
    if len(tables) != count:
        return [(inline, {})] * count
    return tables


def _phrase_key(tag: Tag, phrase: tuple[str, ...]) -> str:
    """The key of a [[tag]] table that writes a phrase of tag_phrases: the first that does."""
    for key, text in (("ar", tag.label_ar), ("en", tag.label_en)):
        if tuple(_words(text)) == phrase:
            return key
    return "aliases"


def _parse_entry(entry: dict[str, object]) -> tuple[Tag | None, list[tuple[str | None, str]]]:
    """One [[tag]] table -> Tag, or None and what is wrong with it: (the key at fault, or None
    for one that is missing, and the problem)."""
    problems: list[tuple[str | None, str]] = []
    slug = entry.get("slug")
    name = repr(slug) if isinstance(slug, str) and slug else "without a slug"
    for key in sorted(set(entry) - _TAG_KEYS):
        problems.append((key, f"tag {name}: unknown key {key!r} (allowed: aliases, ar, en, slug)"))
    if not isinstance(slug, str) or not slug.strip():
        problems.append(("slug", 'tag without a slug: add slug = "..."'))
    elif slugify(slug) != slug:
        suggestion = slugify(slug)
        problems.append(
            (
                "slug",
                f"tag {name}: unsafe slug; use lowercase letters, digits and '-'"
                + (f" (e.g. {suggestion!r})" if suggestion else ""),
            )
        )
    labels: dict[str, str] = {}
    for key in ("ar", "en"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append((key, f"tag {name}: missing {key!r} label"))
        elif not _words(value):
            problems.append((key, f"tag {name}: {key!r} label {value!r} has no letters or digits"))
        else:
            labels[key] = value.strip()
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append(("aliases", f"tag {name}: 'aliases' must be a list of strings"))
        aliases = []
    for alias in aliases:
        if not _words(alias):
            problems.append(("aliases", f"tag {name}: alias {alias!r} has no letters or digits"))
    if problems:
        return None, problems
    assert isinstance(slug, str)
    return Tag(slug, labels["ar"], labels["en"], tuple(a.strip() for a in aliases)), []


def merge_vocabularies(base: Vocabulary, extra: Vocabulary) -> Vocabulary:
    """base extended by extra: a tag of extra replaces base's tag with the same slug in place;
    new tags come after base's. A site thus adds to or corrects the shipped vocabulary."""
    return Vocabulary(_merged_tags(base.tags, extra.tags))


def _merged_tags(base: tuple[Tag, ...], extra: tuple[Tag, ...]) -> tuple[Tag, ...]:
    replacements = {tag.slug: tag for tag in extra}
    merged = [replacements.pop(tag.slug, tag) for tag in base]
    merged.extend(tag for tag in extra if tag.slug in replacements)
    return tuple(merged)


def shipped_vocabulary_text() -> str:
    """The text of the vocabulary that ships with sitegen."""
    return _PACKAGE.joinpath(*_SHIPPED).read_text(encoding="utf-8")


def vocabulary_texts(site_file: Path) -> tuple[str, bytes | None]:
    """What the vocabulary is made from, cheap to read: keys caches without compiling it."""
    try:
        site = site_file.read_bytes()
    except FileNotFoundError:
        _dangling(site_file)
        site = None
    except OSError as exc:
        raise ConfigError(f"cannot read the tag vocabulary: {exc.strerror or exc}", site_file) from None
    return shipped_vocabulary_text(), site


def _dangling(site_file: Path) -> None:
    """A tags.toml that is a symbolic link to nothing (its folder moved) is a ConfigError: taken
    for none, it dropped the site's own tags from every article unseen."""
    if site_file.is_symlink():
        raise ConfigError(
            f"is a symbolic link to a file that does not exist ({os.readlink(site_file)}); "
            "put the site's tags there, or remove it to use sitegen's own",
            site_file,
        )


def load_vocabulary(site_file: Path | None) -> Vocabulary:
    """The shipped vocabulary, merged with the site's own tags.toml when there is one."""
    shipped = _PACKAGE.joinpath(*_SHIPPED)
    tags = parse_tags(shipped.read_text(encoding="utf-8"), source=str(shipped))
    if site_file is None or not site_file.exists():
        if site_file is not None:
            _dangling(site_file)
        return Vocabulary(tags)
    try:
        text = toml_text(site_file)
    except OSError as exc:
        raise ConfigError(f"cannot read the tag vocabulary: {exc}", site_file) from None
    return Vocabulary(_merged_tags(tags, parse_tags(text, str(site_file))))


def matching_words(text: str) -> list[str]:
    """The words of a text as tag matching sees them (folded, lowercased, split): search
    indexes the same words, so that a tag and a search agree on what a word is."""
    return _words(text)


def folding() -> dict[str, str]:
    """Every character that matching folds, and what it becomes ("" when it is dropped): the
    search page folds a reader's query with this very table (and arabic.HAMZA_BEFORE/AFTER)."""
    return dict(_FOLDING)
