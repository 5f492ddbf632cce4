"""Full-text search without a server: an index in static files that the search page reads.

A reader's browser cannot download the words of 10,000 articles, so the index is split by the
first two letters of each word's stem into shards (``search/s/KEY.json``), and what a result
shows (title, date, link, lead) into chunks of article ids (``search/d/N.json``); a query
fetches one shard per word and the chunks of the results it shows. ``search/index.json`` lists
both with a digest of each file, so that a browser never mixes a cached shard with a fresh one.

Words are compared as stems: folded exactly as tag matching folds them (hamza and alef forms,
alef maqsura, taa marbuta, tashkeel, tatweel, Eastern digits; tags.folding) and stripped of
Arabic clitics by the light10 rules of Larkey, Ballesteros and Connell ("Light stemming for
Arabic information retrieval", 2007): a leading و, one form of the article, and the common
endings, each only while enough of the word is left. English words lose a possessive and a
plural -s (Harman's S-stemmer). The page's script applies the same rules, read from
index.json (``client_rules``), so the two cannot drift apart.

Article ids count from the oldest article (undated ones first), so that a new article, which
is nearly always the newest, gets the next id and every other article keeps its own: an
edit then rewrites only the shards of the words it added or removed (``patch``).
"""

from __future__ import annotations

import hashlib
import json
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from sitegen.model import Article, Page
from sitegen.render import Renderer
from sitegen.tags import folding, matching_words
from sitegen.views import first_text, plain_text, shorten

FORMAT = 1  # of the files below; the script refuses an index of another format
CHUNK = 20  # articles per chunk of result records (a page of results needs a few chunks)
INDEX = "search/index.json"
SHARDS = "search/s/"
DOCS = "search/d/"

# light10, on folded words (ة is ه and ى is ي by then, so ية and ة are يه and ه).
_CONJUNCTION, _CONJUNCTION_REST = "و", 3
_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")  # longest first; وال after و was kept (وال + 2 letters)
_ARTICLE_REST = 2
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_SUFFIX_REST = 2
# Words that the rules would turn into another word: الله -> له (him), لله -> لل.
_KEEP = frozenset({"الله", "لله"})
_MIN_STEM = 2  # shorter stems (a letter) are not indexed, unless they are a number


def stem(word: str) -> str:
    """The stem of a folded word (a word of tags.matching_words): what the index stores."""
    if "\u0600" <= word[0] <= "\u06ff":
        if word[0] == _CONJUNCTION and len(word) - 1 >= _CONJUNCTION_REST:
            word = word[1:]
        if word in _KEEP:
            return word
        for article in _ARTICLES:
            if word.startswith(article) and len(word) - len(article) >= _ARTICLE_REST:
                word = word[len(article) :]
                break
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= _SUFFIX_REST:
                word = word[: -len(suffix)]
        return word
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    n = len(word)
    if n > 4 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if n > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if n > 3 and word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def stems(text: str) -> list[str]:
    """The stems of a text's words, in order, repeats kept; what is too short to search left out."""
    found: list[str] = []
    add = found.append
    for word in matching_words(text):
        s = stem(word)
        if len(s) >= _MIN_STEM or s.isdigit():
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
        "conjunction": [_CONJUNCTION, _CONJUNCTION_REST],
        "articles": [list(_ARTICLES), _ARTICLE_REST],
        "suffixes": [list(_SUFFIXES), _SUFFIX_REST],
        "keep": sorted(_KEEP),
        "min": _MIN_STEM,
    }


def dumps(value: object) -> bytes:
    """Canonical JSON: a patched file and a file made afresh are the same bytes. '<', '>' and
    '&' (a title may hold markup) are written as escapes: no file of the site has raw markup
    from an article outside an HTML page, whatever type a server gives it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def _digest(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=6).hexdigest()


def _deltas(ids: Iterable[int]) -> list[int]:
    out, last = [], 0
    for i in sorted(ids):
        out.append(i - last)
        last = i
    return out


def _ids(deltas: Iterable[int]) -> set[int]:
    out, total = set(), 0
    for d in deltas:
        total += d
        out.add(total)
    return out


Terms = dict[str, set[int]]  # stem -> ids of the articles that have it


def shard_file(body: Mapping[str, Iterable[int]], title: Mapping[str, Iterable[int]]) -> bytes:
    """A shard: for each stem, the articles that have it anywhere ("b") and in the title ("t")."""
    return dumps(
        {"b": {t: _deltas(ids) for t, ids in body.items()}, "t": {t: _deltas(ids) for t, ids in title.items()}}
    )


def read_shard(content: bytes) -> tuple[Terms, Terms]:
    data = json.loads(content)
    return {t: _ids(d) for t, d in data["b"].items()}, {t: _ids(d) for t, d in data["t"].items()}


@dataclass(frozen=True)
class Words:
    """An article's stems: everywhere (title, byline, tags, body) and in its title."""

    all: frozenset[str]
    title: frozenset[str]


def article_words(article: Article, memo: dict[str, str] | None = None) -> Words:
    """The stems an article is found by: its title, byline, tags (both labels: an Arabic article
    tagged Economy is found by "economy") and every block of its body."""
    texts = [article.title, article.byline or "", article.summary or ""]
    for tag in article.tags:
        texts += (tag.label_ar, tag.label_en)
    for block in article.body:
        texts.append(plain_text(block.text) if block.kind == "html" else block.text)
    title = _stems(article.title, memo)
    return Words(frozenset(_stems("\n".join(texts), memo)) | title, title)


def _stems(text: str, memo: dict[str, str] | None) -> frozenset[str]:
    if memo is None:
        return frozenset(stems(text))
    found = set()
    for word in set(matching_words(text)):
        s = memo.get(word)
        if s is None:
            s = stem(word)
            memo[word] = s = s if len(s) >= _MIN_STEM or s.isdigit() else ""
        if s:
            found.add(s)
    return frozenset(found)


State = tuple[tuple[str, ...], tuple[str, ...]]  # (sources, versions) by id: Index.state()


class Index:
    """What makes the search files: the articles of a Site by id, and how they are shown."""

    def __init__(self, renderer: Renderer):
        self.renderer = renderer
        self.articles = renderer.site.articles[::-1]  # ids: the oldest article is 0
        self.languages = renderer.config.languages

    def key(self, versions: Sequence[str]) -> str:
        """A digest of everything the files are made from: each article's version (see
        state()), in id order, and the configuration. One join and one digest: 10,000
        articles take a few ms."""
        text = f"{FORMAT}\0{self.renderer.key}\0" + "\0".join(versions)
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def state(self) -> State:
        """(sources, versions) by id: what the next build patches the files from. A version is
        the article's source digest and listing digest (title, slug, date, tags, lead...)."""
        return tuple(map(_SOURCE, self.articles)), tuple(a.digest + a.light for a in self.articles)

    def record(self, article: Article) -> list[str]:
        """[url, title, lang, ISO date, the date in each interface language..., lead]."""
        r = self.renderer
        url = r.href(article.url)[len(r.config.base_path) :]
        d = article.date
        shown = [(r.date_view(article, lang) or {}).get("text", "") for lang in self.languages]
        lead = shorten(article.summary or first_text(article), 220)
        return [url, article.title, article.lang, d.isoformat() if d else "", *shown, lead]

    def chunk_file(self, n: int) -> bytes:
        return dumps([self.record(a) for a in self.articles[n * CHUNK : (n + 1) * CHUNK]])

    def meta(self, shards: Mapping[str, str], docs: Sequence[str]) -> bytes:
        return dumps(
            {
                "version": FORMAT,
                "articles": len(self.articles),
                "chunk": CHUNK,
                "languages": list(self.languages),
                "rules": client_rules(),
                "shards": dict(shards),
                "docs": list(docs),
            }
        )


_SOURCE = operator.attrgetter("source")


def _chunks(n: int) -> int:
    return (n + CHUNK - 1) // CHUNK


def full_index(renderer: Renderer) -> list[Page]:
    """Every search file, made afresh."""
    index = Index(renderer)
    memo: dict[str, str] = {}
    body: dict[str, dict[str, list[int]]] = {}
    title: dict[str, dict[str, list[int]]] = {}
    for i, article in enumerate(index.articles):  # ids ascending: every list is sorted as made
        words = article_words(article, memo)
        for term in words.all:
            body.setdefault(shard_key(term), {}).setdefault(term, []).append(i)
        for term in words.title:
            title.setdefault(shard_key(term), {}).setdefault(term, []).append(i)
    pages: list[Page] = []
    shards = {}
    for key in sorted(body):
        content = shard_file(body[key], title.get(key, {}))
        shards[key] = _digest(content)
        pages.append(_page(f"{SHARDS}{key}.json", content))
    docs = []
    for n in range(_chunks(len(index.articles))):
        content = index.chunk_file(n)
        docs.append(_digest(content))
        pages.append(_page(f"{DOCS}{n}.json", content))
    key = index.key(index.state()[1])
    pages.append(Page(path=INDEX, content=index.meta(shards, docs), fingerprint=_fingerprint(key)))
    return pages


def _page(path: str, content: bytes) -> Page:
    return Page(path=path, content=content, fingerprint="search:" + _digest(content))


def _fingerprint(key: str) -> str:
    return "search:" + key


def kept_or_patched(
    renderer: Renderer,
    before: State,
    earlier: Callable[[str], Article | None],
    previous: Mapping[str, str],
    read: Callable[[str], bytes | None],
) -> list[Page] | None:
    """The search files when the previous build's can be kept or patched: stubs for the kept
    files and the rewritten ones; None when they must be made afresh (full_index).

    ``before``: the state() of the previous build's index; ``earlier(source)``: the article as
    that build had it, for those that changed since. Patched when every article of that build
    keeps its id (articles were edited, or added as the newest): the shards of the stems an
    edit removed or added are rewritten, and the chunks of the articles whose record changed.
    The files are then the same bytes as full_index would make (tests compare them)."""
    index = Index(renderer)
    sources, versions = index.state()
    key = index.key(versions)
    fingerprint = previous.get(INDEX)
    if fingerprint is None:
        return None
    if fingerprint == _fingerprint(key):
        paths = [p for p in previous if p.startswith("search/") and p.endswith(".json")]
        if not all(map(renderer.exists, paths)):
            return None
        return [Page(path=p, content=None, fingerprint=previous[p]) for p in paths]
    old_sources, old_versions = before
    if fingerprint != _fingerprint(index.key(old_versions)) or sources[: len(old_sources)] != old_sources:
        return None  # not the index of that state, or ids moved: an article deleted or moved in the order
    changed: list[tuple[int, Article | None, Article]] = []
    for i, (version, new) in enumerate(zip(versions, index.articles, strict=True)):
        if i >= len(old_versions):
            changed.append((i, None, new))
        elif version != old_versions[i]:
            was = earlier(new.source)
            if was is None or was.digest + was.light != old_versions[i]:
                return None
            changed.append((i, was, new))
    meta_bytes = read(INDEX)
    if meta_bytes is None:
        return None
    meta = json.loads(meta_bytes)
    shards: dict[str, str] = meta["shards"]
    docs: list[str] = meta["docs"]
    memo: dict[str, str] = {}
    add: dict[str, dict[str, set[int]]] = {}  # "b"/"t" -> term -> ids
    remove: dict[str, dict[str, set[int]]] = {}
    chunks: set[int] = set()
    for i, was, new in changed:
        before_words = article_words(was, memo) if was is not None else Words(frozenset(), frozenset())
        after = article_words(new, memo)
        for kind, b, a in (("b", before_words.all, after.all), ("t", before_words.title, after.title)):
            for term in a - b:
                add.setdefault(kind, {}).setdefault(term, set()).add(i)
            for term in b - a:
                remove.setdefault(kind, {}).setdefault(term, set()).add(i)
        if was is None or index.record(was) != index.record(new):
            chunks.add(i // CHUNK)
    touched = {shard_key(t) for changes in (add, remove) for terms in changes.values() for t in terms}
    pages: dict[str, Page] = {}
    for skey in sorted(touched):
        path = f"{SHARDS}{skey}.json"
        if skey in shards:
            content = read(path)
            if content is None:
                return None
            body, title = read_shard(content)
        else:
            body, title = {}, {}
        for kind, terms in (("b", body), ("t", title)):
            for term, ids in add.get(kind, {}).items():
                if shard_key(term) == skey:
                    terms.setdefault(term, set()).update(ids)
            for term, ids in remove.get(kind, {}).items():
                if shard_key(term) == skey and term in terms:
                    terms[term] -= ids
                    if not terms[term]:
                        del terms[term]
        if body:
            content = shard_file(body, title)
            shards[skey] = _digest(content)
            pages[path] = _page(path, content)
        else:
            shards.pop(skey, None)
    del docs[_chunks(len(index.articles)) :]
    for n in sorted(chunks):
        path = f"{DOCS}{n}.json"
        content = index.chunk_file(n)
        docs[n : n + 1] = [_digest(content)]
        pages[path] = _page(path, content)
    result = [pages[p] for p in sorted(pages)]
    kept = [f"{SHARDS}{k}.json" for k in shards] + [f"{DOCS}{n}.json" for n in range(len(docs))]
    for path in kept:
        if path not in pages:
            if path not in previous or not renderer.exists(path):
                return None
            result.append(Page(path=path, content=None, fingerprint=previous[path]))
    ordered = {k: shards[k] for k in sorted(shards)}
    result.append(Page(path=INDEX, content=index.meta(ordered, docs), fingerprint=_fingerprint(key)))
    return result
