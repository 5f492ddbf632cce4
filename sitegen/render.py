"""Site -> pages. Jinja2 with autoescape and StrictUndefined; templates get plain view data.

Arabic is the default interface, at the site root; every other interface language lives
under /LANG/. Article pages use their own language's interface.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup, escape

from sitegen import anchors, archive, dateformat, links, media
from sitegen.arabic import normalize_key
from sitegen.config import Config
from sitegen.errors import TemplateError
from sitegen.keys import ChunkKey, Keys, digest
from sitegen.model import Article, Page, Site
from sitegen.theme import templates_requested
from sitegen.views import (
    body_html,
    counted_in_digits,
    direction,
    first_text,
    isolate_numbers,
    labelled_footnotes,
    make_pager,
    news_article_data,
    og_locale,
    other_lang,
    page_url,
    pages_of,
    plural_category,
    shorten,
    title_view,
    website_data,
    word_count,
)

# What a link keeps as it is besides letters, digits and "_.-~": the path, a fragment or query,
# and escapes already made.
_URL_SAFE = "/#?=&%:"
# The static files pages link from Python (base_context, the search page) rather than from a
# template's asset(): their versions are in every page's key (theme.assets_key).
PAGE_ASSETS = ("static/style.css", "static/favicon.svg", "static/search.js")


class PercentEncoding(dict[int, str]):
    """A str.translate table: code point -> itself where a URL keeps it, else its UTF-8 bytes as
    %XX, each filled in on first use. text.translate(table) is quote(text, safe=safe); urllib walks
    every byte in Python, and a sitemap quotes 22,000 URLs of Arabic slugs in the main process."""

    def __init__(self, safe: str) -> None:
        super().__init__()
        self._safe = safe

    def __missing__(self, code: int) -> str:
        self[code] = encoded = quote(chr(code), safe=self._safe)
        return encoded


class Renderer:
    """Renders every page of a Site. Holds only immutable inputs, compiled templates and memos."""

    def __init__(
        self,
        site: Site,
        config: Config,
        env: jinja2.Environment,
        messages: dict[str, dict[str, str]],
        *,
        previous: Mapping[str, str] | None = None,
        previous_meta: Mapping[str, tuple[str | None, tuple[tuple[str, str], ...]]] | None = None,
        key: str = "",
        exists: Callable[[str], bool] = lambda path: True,
        memo: dict[Any, tuple[Any, str]] | None = None,
        chunks: dict[tuple[Any, ...], ChunkKey] | None = None,
        unchanged_templates: Collection[str] = (),
        published: Collection[str] = frozenset(),
        image_sizes: Mapping[str, tuple[int, int]] | None = None,
        redirects: Mapping[str, str] | None = None,
        assets: Mapping[str, str] | None = None,
        unpublished: Collection[str] = frozenset(),
    ):
        self.site = site
        self.config = config
        self.env = env
        self.messages = messages
        # Fingerprints of the pages already in the output: a page whose fingerprint is unchanged
        # is not rendered again (incremental builds). ``key`` covers catalogs and configuration,
        # not templates: a page is kept only if its template is also one of these, whose every
        # dependency is unchanged since the previous build (see theme.TemplateDeps).
        self.previous = previous or {}
        self.previous_meta = {} if previous_meta is None else previous_meta  # not len(): built when first used
        self.unchanged_templates = frozenset(unchanged_templates)
        # Template -> every template asked for while rendering pages of it (extends, include,
        # import, item.card()), recorded as pages are rendered.
        self.requested: dict[str, set[str]] = {}
        self.planning = False  # set by plan(): a changed page raises Changed instead of rendering
        self._task: str | None = None  # repr of the task whose pages task_pages() is making
        self.exists = exists
        # Files beside the articles that the build publishes under media/ (source-folder paths):
        # an article page names its first image as og:image only if it is really there.
        self.published_media = published
        # Published picture -> its width and height, stated on the article page (media.sized_images).
        self.image_sizes = image_sizes or {}
        # Redirect file -> the source of the article it leads to (redirects.plan), in path order.
        self.redirects = redirects or {}
        # Static file (its output path) -> the version of its bytes (theme.asset_version): pages
        # link the file with it (asset()). ``key`` covers those of PAGE_ASSETS (theme.assets_key),
        # each template's record those its asset() calls name (theme.template_dependencies).
        self.assets = assets or {}
        # What each page and task is made from (memo and chunks: see Keys).
        self.keys = Keys(
            site,
            key,
            memo=memo,
            chunks=chunks,
            published=published,
            image_sizes=self.image_sizes,
            redirects=self.redirects,
            unpublished=unpublished,
        )
        self.key = key
        self.published = self.keys.published
        # the zone of times of day the sources give without one (config.timezone), if said
        self.zone = config.zone
        self._label_langs: dict[tuple[str, str], str | None] = {}
        self._origin: str | None = None  # scheme://host of base_url
        # (day, language) -> its view: made of the day alone, not of the article, whose earlier
        # version (search's patch compares the two) must not lend the new one its date
        self._dates: dict[tuple[dt.date | None, str], dict[str, Any] | None] = {}
        self._day_texts: dict[tuple[dt.date, str], str] = {}  # (day, language) -> the day written out
        self._hijri_texts: dict[dt.date, str | None] = {}  # day -> its Hijri date in Arabic (None: out of range)
        self._numbers: dict[tuple[int, str, bool], str] = {}  # num(): page numbers recur on every pager
        self._items: dict[tuple[str, str], Item] = {}
        self._hrefs: dict[str, str] = {}
        self._assets: dict[str, str] = {}
        self._percent = PercentEncoding(_URL_SAFE)
        self._anchors: dict[str, tuple[str, ...]] = {}  # source -> the ids of its body, once linked to

    # -- helpers exposed to templates -------------------------------------------------
    def prefix(self, lang: str) -> str:
        return "" if lang == self.config.default_lang else f"{lang}/"

    def href(self, path: str) -> str:
        """A link to a site-relative path, under the base path, percent-encoded."""
        url = self._hrefs.get(path)
        if url is None:
            url = self._hrefs[path] = (self.config.base_path + path).translate(self._percent)
        return url

    def asset(self, path: str) -> str:
        """A link to a static file of the site (a site-relative path, "static/style.css") with the
        version of its bytes ("?v=..."), so that a browser never combines a page with a copy of
        the file kept from before a deploy; a path that is no static file is linked as it is.
        A path written from the site's root ("/static/logo.svg") is the same file: joined to the
        base path as it was, it gave "//static/logo.svg", a link to another host."""
        url = self._assets.get(path)
        if url is None:
            rel = path.lstrip("/")
            version = self.assets.get(rel)
            url = self._assets[path] = self.href(rel) + (f"?v={version}" if version else "")
        return url

    def absolute(self, path: str) -> str | None:
        """Absolute URL of a site-relative path; None when no base_url is configured."""
        if not self.config.base_url:
            return None
        if self._origin is None:
            parts = urlsplit(self.config.base_url)
            self._origin = f"{parts.scheme}://{parts.netloc}"
        return self._origin + self.href(path)

    def preview_image(self, article: Article) -> tuple[str, str] | None:
        """The absolute URL and the alt text of the article's link-preview image (og:image); None
        without base_url, which link previews need, or without a published image it shows.
        A lead image on another site is named as it is (it is the one chosen for previews)."""
        if not self.config.base_url:
            return None
        if article.format == "markdown" and (remote := media.remote_lead_image(article)) is not None:
            return remote
        if not article.media:
            return None
        found = media.preview_image(article, self.published_media)
        if found is None:
            return None
        rel, alt = found
        # Quoted as the body's own reference to it is (media.localize), '%' and '#' included.
        return f"{self.absolute('')}{quote(media.output_path(rel), safe='/')}", alt

    def t(self, lang: str) -> Callable[..., str]:
        catalog = self.messages.get(lang) or self.messages[self.config.default_lang]

        def translate(key: str, **params: Any) -> str:
            try:
                text: Any = catalog[key]
                if isinstance(text, dict):  # plural forms, chosen by the number n (CLDR categories)
                    text = text.get(plural_category(params.get("n", 0), lang)) or text["other"]
            except KeyError:
                raise TemplateError(f"message '{key}' is missing from the {lang} catalog") from None
            if not params:  # most messages: a label
                return text
            if any(isinstance(v, Markup) for v in params.values()):
                # A parameter that is markup (a name wrapped in <bdi lang>) stays markup; the
                # message and the other parameters are escaped, as in any other output.
                marked = {k: v if isinstance(v, Markup) else self.num(v, lang, grouped=True) for k, v in params.items()}
                return Markup.escape(text).format(**marked)
            # An int parameter is a count or a page number (years come formatted, as text).
            return text.format(**{k: self.num(v, lang, grouped=True) for k, v in params.items()})

        return translate

    def digits(self, lang: str) -> str:
        return self.config.digits if lang == "ar" else "western"

    def num(self, value: Any, lang: str, *, grouped: bool = False) -> str:
        """A number under the site's digit policy; ``grouped`` (counts and page numbers, not
        years): with thousands separators."""
        if type(value) is int:  # not a bool, whose key would be 0's or 1's
            key = (value, lang, grouped)
            text = self._numbers.get(key)
            if text is None:
                text = self._numbers[key] = dateformat.format_number(value, lang, self.digits(lang), grouped=grouped)
            return text
        if isinstance(value, int):
            return dateformat.format_number(value, lang, self.digits(lang), grouped=grouped)
        return str(value)

    def date_view(self, article: Article, lang: str) -> dict[str, Any] | None:
        key = (article.date, lang)
        if key not in self._dates:
            self._dates[key] = self._date_view(article.date, lang)
        return self._dates[key]

    def _date_view(self, d: dt.date | None, lang: str) -> dict[str, Any] | None:
        if d is None:
            return None
        hijri = None
        if lang == "ar" and self.config.hijri:
            if d not in self._hijri_texts:
                offset = self.config.hijri_offset
                self._hijri_texts[d] = dateformat.format_hijri(d, lang, digits=self.digits(lang), offset=offset)
            hijri = self._hijri_texts[d]
        return {**self._day_view(d, lang), "hijri": hijri, "clock": None}

    def _moment_view(self, article: Article, lang: str) -> dict[str, Any] | None:
        """The date with its time of day, when the source gives one: the article page says
        when it appeared; listings show the day only."""
        view = self.date_view(article, lang)
        if view is None or article.date is None or article.time is None:
            return view
        clock = dateformat.format_clock(article.time, lang, digits=self.digits(lang))
        return {**view, "iso": dateformat.iso_moment(article.date, article.time, self.zone), "clock": clock}

    def _updated_view(self, article: Article, lang: str) -> dict[str, str] | None:
        """The update date, written as the date is (without the Hijri date: one is enough)."""
        return None if article.updated is None else self._day_view(article.updated, lang)

    def _day_view(self, d: dt.date, lang: str) -> dict[str, str]:
        """A day for a <time> element: its ISO form and its text in the page's month names and digits."""
        key = (d, lang)
        text = self._day_texts.get(key)
        if text is None:  # articles share days: an archive of ten years has some 3,650
            text = self._day_texts[key] = dateformat.format_date(
                d, lang, system=self.config.month_system, digits=self.digits(lang)
            )
        return {"iso": d.isoformat(), "text": text}

    def item(self, article: Article, lang: str) -> Item:
        """Light view of an article for listings (no body), made once per article and language."""
        key = (article.source, lang)
        item = self._items.get(key)
        if item is None:
            if len(self._items) >= ITEM_CACHE:  # huge archives: bounded memory over card reuse
                self._items.clear()
            excerpt = shorten(article.summary or first_text(article), 220)
            # excerpt stays text (a site's card.html may put it in an attribute or cut it);
            # excerpt_html, which the default card shows, keeps a telephone number's groups left
            # to right in an Arabic article, as the body does.
            shown = Markup(isolate_numbers(escape(excerpt))) if article.lang == "ar" else excerpt
            item = self._items[key] = Item(
                self,
                lang,
                **title_view(article.title, article.lang),
                url=self.href(article.url),
                lang=article.lang,
                dir=direction(article.lang),
                date=self.date_view(article, lang),
                excerpt=excerpt,
                excerpt_html=shown,
            )
        return item

    def common(
        self, lang: str, path: str, alternates: dict[str, str], title: str, description: str, *, versions: bool = True
    ) -> dict[str, Any]:
        """Context every page gets. ``alternates`` maps each language to the same page in it; with
        ``versions`` False they are only where the language switcher leads (another section), and
        no hreflang or og:locale:alternate claims them as this page in another language."""
        t = self.t(lang)
        switch = [
            {
                "lang": other,
                "name": self.messages[other]["lang_name"],
                "url": self.href(alternates[other]),
                "dir": self.messages[other]["dir"],
            }
            for other in self.config.languages
            if other != lang and other in alternates
        ]
        hreflang = []
        if versions and self.config.base_url and len(alternates) > 1:
            hreflang = [{"lang": other, "url": self.absolute(alt)} for other, alt in sorted(alternates.items())]
            default = alternates.get(self.config.default_lang, alternates[lang])
            hreflang.append({"lang": "x-default", "url": self.absolute(default)})
        prefix = self.prefix(lang)
        # Languages this very page is also in (og:locale:alternate), in the configured order.
        others = [og_locale(o) for o in self.config.languages if o != lang and o in alternates] if versions else []
        return {
            "lang": lang,
            "dir": self.messages[lang]["dir"],
            "t": t,
            "num": lambda v: self.num(v, lang, grouped=True),  # counts and page numbers
            "site_title": self.config.title(lang),
            "page_title": title,
            "description": shorten(description, 160) or self.config.description(lang),
            "canonical": self.absolute(path),
            "hreflang": hreflang,
            "switch": switch,
            "css": self.asset(PAGE_ASSETS[0]),
            "icon": self.asset(PAGE_ASSETS[1]),
            "asset": self.asset,  # for a site's own templates: {{ asset("static/logo.svg") }}
            "feed": self.href(f"{prefix}feed.xml") if self.config.base_url else None,
            "nav": {
                "home": self.href(prefix),
                "archive": self.href(f"{prefix}archive/"),
                "tags": self.href(f"{prefix}tags/"),
                "search": self.href(f"{prefix}search/") if self.config.search else None,
            },
            "current": path,
            "alternates": alternates,
            "csp": CSP if self.config.csp else None,
            # schema.org data (JSON-LD) of article pages and of each interface's home page.
            "structured": None,
            # Open Graph and Twitter card data beside title, description and canonical (link
            # previews in social networks and messengers); article pages add theirs.
            "og": {
                "type": "website",
                "locale": og_locale(lang),
                "alternates": others,
                "image": None,
                "published": None,
                "modified": None,
                "tags": [],
            },
        }

    def body(self, article: Article, *, absolute: bool = False) -> Markup:
        """An article's body as HTML, its links to other articles' source files leading to their
        pages: relative to its own page (articles/SLUG/), so they work under any base path and in
        sitegen serve, or ``absolute`` (feeds, whose readers may ignore xml:base)."""
        html = body_html(article.body, article.lang)
        digits = self.digits(article.lang)
        if 'class="footnote-ref"' in html:  # Markdown footnotes: their links named in the article's language
            t = self.t(article.lang)
            html = Markup(
                labelled_footnotes(
                    str(html),
                    lambda n: t("footnote_mark", n=n),
                    lambda n: t("footnote_back", n=n),
                    digits,
                    styled=not absolute,  # a feed reader takes no stylesheet of ours
                )
            )
        if digits != "western":  # Markdown's numbered lists count in the page's digits
            html = Markup(counted_in_digits(str(html), digits))
        if article.media:
            missing = {rel for rel, _ in article.media if rel not in self.published_media}
            if missing:  # warned about: no broken picture or dead link on the page
                html = Markup(media.unpublished(str(html), missing))
            if self.image_sizes and not absolute:
                html = Markup(media.sized_images(str(html), self.image_sizes))
            if absolute and (root := self.absolute(media.MEDIA_DIR + "/")) is not None:
                # A feed reader may ignore the entry's xml:base: the pictures' own addresses.
                html = Markup(str(html).replace(f'="{media.MEDIA_URL}', f'="{root}'))
        if not article.links:  # nearly every body: nothing to look for
            return html

        def url_of(source: str) -> str | None:
            linked = self.published(source)
            if linked is None:  # its text (from the root and no article file: link_articles keeps it as written)
                return None
            if absolute:
                return self.absolute(linked.url)
            return f"../{linked.slug}/".translate(self._percent)

        def anchors_of(source: str) -> tuple[str, ...]:
            if source not in self._anchors:
                linked = self.published(source)
                self._anchors[source] = anchors.body_ids(linked.body) if linked is not None else ()
            return self._anchors[source]

        return Markup(links.link_articles(str(html), url_of, anchors_of, self.keys.as_written))

    def fingerprint(self, template: str, context: dict[str, Any]) -> str:
        """A digest of everything a page is made from: its template, the site key and its data.

        Callables (the message and number helpers) are covered by the key (catalogs, config).
        """
        data = repr([(k, v) for k, v in context.items() if not callable(v)])
        return digest(f"{self.key}\0{template}\0{data}")

    def keyed_page(self, template: str, path: str, pre_key: str, make: Callable[[], Page]) -> Page:
        """A page whose inputs are summed up by pre_key: when they are unchanged since the previous
        build, the page is not even prepared (its context is never built)."""
        fingerprint = digest(f"{self.key}\0{template}\0{path}\0{pre_key}")
        meta = self._previous_meta(path)
        if (
            meta is not None
            and self.previous.get(path) == fingerprint
            and template in self.unchanged_templates
            and self.exists(path)
        ):
            return Page(path=path, content=None, url=meta[0], alternates=meta[1], fingerprint=fingerprint)
        if self.planning:
            raise Changed(path)
        return dataclasses.replace(make(), fingerprint=fingerprint)

    def _previous_meta(self, path: str) -> tuple[str | None, tuple[tuple[str, str], ...]] | None:
        """(sitemap URL, language versions) of the page as the previous build made it, or None;
        looked for among the pages of the task being made first (manifest.PageIndex.in_task)."""
        in_task = getattr(self.previous_meta, "in_task", None)
        if in_task is not None and self._task is not None:
            return in_task(self._task, path)
        return self.previous_meta.get(path)

    def label_lang(self, label: str, around: str) -> str | None:
        """The language of a tag's label when it is not the language around it (a tag named
        only in Arabic, shown on an English page), so that it gets its own font and line height."""
        key = (label, around)
        if key not in self._label_langs:
            self._label_langs[key] = other_lang(label, around)
        return self._label_langs[key]

    def plan(self, task: tuple[Any, ...]) -> list[Page] | None:
        """The task's pages if none of them changed (from the previous build), else None.

        Costs only the pages' input digests, so an incremental build learns which few tasks
        need rendering without starting workers or building any template context.
        """
        if task[0] not in KEYED_TASKS or not self.previous:
            return None
        self.planning = True
        try:
            return list(self.task_pages(task))
        except Changed:
            return None
        finally:
            self.planning = False

    def page(self, template: str, path: str, context: dict[str, Any]) -> Page:
        """A page that is not keyed ahead (the 404 pages): its fingerprint comes from its context,
        and it is rendered only if that changed since the previous build."""
        fingerprint = self.fingerprint(template, context)
        if self.previous.get(path) == fingerprint and template in self.unchanged_templates and self.exists(path):
            url, alternates = self._listing(path, context)
            return Page(path=path, content=None, url=url, alternates=alternates, fingerprint=fingerprint)
        return dataclasses.replace(self.render_page(template, path, context), fingerprint=fingerprint)

    def render_page(
        self, template: str, path: str, context: dict[str, Any], *, finish: Callable[[], None] | None = None
    ) -> Page:
        """Render one template to an output file; template errors name the template and line.

        ``finish`` completes the context just before rendering (the costly parts, such as a body).
        The caller sets the fingerprint (keyed_page).
        """
        url, alternates = self._listing(path, context)
        if finish is not None:
            finish()
        try:
            with templates_requested(self.env) as requested:
                text = self.env.get_template(template).render(context)
            self.requested.setdefault(template, set()).update(requested)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"template syntax error: {exc.message}", exc.filename or exc.name, exc.lineno) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"template not found: {exc.name}", *_template_line(exc)) from None
        except jinja2.UndefinedError as exc:
            raise TemplateError(f"template {template}: {exc.message}", *_template_line(exc)) from None
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise TemplateError(f"template {template} failed: {exc}", *_template_line(exc)) from None
        except Exception as exc:  # a template's own mistake ({{ 1 / 0 }}): where, not a traceback
            raise TemplateError(
                f"template {template} failed: {type(exc).__name__}: {exc}", *_template_line(exc)
            ) from None
        return Page(path=path, content=text.encode("utf-8"), url=url, alternates=alternates)

    def _listing(self, path: str, context: dict[str, Any]) -> tuple[str | None, tuple[tuple[str, str], ...]]:
        """The page's URL for the sitemap (None: not listed) and its language versions."""
        listed = context.get("canonical") is not None or not self.config.base_url
        url = context["current"] if listed and not path.endswith("404.html") else None
        alternates = tuple(sorted(context["alternates"].items())) if context.get("hreflang") else ()
        return url, alternates

    def same_page(self, rel: str) -> dict[str, str]:
        """The path of a section page (home, archive, a tag) in every interface language."""
        return {other: self.prefix(other) + rel for other in self.config.languages}

    # -- pages ------------------------------------------------------------------------
    def render(self) -> Iterator[Page]:
        """Every page of the site, in a fixed order."""
        for task in self.tasks():
            yield from self.task_pages(task)

    def tasks(self, chunk: int = 250) -> list[tuple[Any, ...]]:
        """Independent units of rendering work, in output order (for parallel rendering)."""
        n = len(self.site.articles)
        tasks: list[tuple[Any, ...]] = [("articles", i, min(n, i + chunk)) for i in range(0, n, chunk)]
        for lang in self.config.languages:
            tasks.append(("home", lang))
            tasks.append(("tag-index", lang))
            slugs = list(self.site.tags)
            size = max(1, chunk // 10)
            tasks += [("tags", lang, tuple(slugs[i : i + size])) for i in range(0, len(slugs), size)]
            tasks.append(("archive", lang))
            if lang == "ar" and self.config.hijri:
                tasks.append(("hijri", lang))
            if self.config.search:
                tasks.append(("search", lang))
            tasks.append(("404", lang))
        if self.redirects:
            tasks.append(("redirects", ""))
        return tasks

    def task_pages(self, task: tuple[Any, ...]) -> Iterator[Page]:
        kind, lang = task[0], task[1]
        self._task = repr(task)
        if kind == "articles":
            for article in self.site.articles[task[1] : task[2]]:
                yield self.article_page(article)
        elif kind == "home":
            yield from self.listing(lang, "", "index.html", self.site.articles, title=None)
        elif kind == "tag-index":
            yield self.tag_index(lang)
        elif kind == "tags":
            for slug in task[2]:
                yield from self.tag_listing(lang, slug)
        elif kind == "archive":
            yield from archive.archive_pages(self, lang)
        elif kind == "hijri":
            yield from archive.hijri_archive_pages(self, lang)
        elif kind == "search":
            yield self.search_page(lang)
        elif kind == "404":
            yield self.not_found(lang)
        elif kind == "redirects":
            for path, source in self.redirects.items():
                yield self.redirect_page(path, self.site.articles[self.site.index[source]])
        else:  # pragma: no cover - tasks() makes only the kinds above
            raise ValueError(kind)

    def listing(
        self,
        lang: str,
        section: str,
        template: str,
        articles: tuple[Article, ...],
        title: str | None,
        extra: dict[str, Any] | None = None,
    ) -> Iterator[Page]:
        """A paginated list of articles at PREFIX/SECTION, page/N/ after the first page."""
        chunks = pages_of(articles, self.config.per_page)
        t = self.t(lang)
        for n, chunk in enumerate(chunks, start=1):
            paths = self.same_page(page_url(section, n))

            def make(n: int = n, chunk: tuple[Article, ...] = chunk, paths: dict[str, str] = paths) -> Page:
                # base.html adds " | site title": the home pages after the first are just "Page N of M".
                page_n = t("page_n", n=n, total=len(chunks))
                if title:
                    page_title = title if n == 1 else f"{title} – {page_n}"
                else:
                    page_title = self.config.title(lang) if n == 1 else page_n
                ctx = self.common(lang, paths[lang], paths, page_title, self.config.description(lang))
                ctx.update(
                    heading=title or t("latest"),
                    items=[self.item(a, lang) for a in chunk],
                    pager=make_pager(self.href(self.prefix(lang) + section), n, len(chunks)),
                    **(extra or {}),
                )
                if not section and n == 1 and ctx["canonical"]:
                    ctx["structured"] = website_data(
                        self.config.title(lang), lang, self.config.description(lang), ctx["canonical"]
                    )
                return self.render_page(template, paths[lang] + "index.html", ctx)

            pre_key = repr((lang, section, n, len(chunks), title, extra, list(map(_LIGHT, chunk))))
            yield self.keyed_page(template, paths[lang] + "index.html", pre_key, make)

    def tag_index(self, lang: str) -> Page:
        tags = [(slug, tag.label_ar, tag.label_en, len(self.site.by_tag[slug])) for slug, tag in self.site.tags.items()]
        path = self.same_page("tags/")[lang] + "index.html"
        return self.keyed_page("tags.html", path, repr((lang, tags)), lambda: self._tag_index(lang))

    def _tag_index(self, lang: str) -> Page:
        t = self.t(lang)
        prefix = self.prefix(lang)
        paths = self.same_page("tags/")
        # Most used first; ties in alphabetical order, as a reader looks for a name: without
        # regard to case or to the hamza form of an alef (normalize_key), then exactly.
        counted = sorted(
            ((len(self.site.by_tag[slug]), tag.label(lang), slug) for slug, tag in self.site.tags.items()),
            key=lambda x: (-x[0], normalize_key(x[1]), x[1]),
        )
        tags = [
            {"name": name, "lang": self.label_lang(name, lang), "url": self.href(f"{prefix}tags/{slug}/"), "count": n}
            for n, name, slug in counted
        ]
        ctx = self.common(lang, paths[lang], paths, t("all_tags"), t("all_tags"))
        ctx.update(tags=tags)
        return self.render_page("tags.html", paths[lang] + "index.html", ctx)

    def tag_listing(self, lang: str, slug: str) -> Iterator[Page]:
        t = self.t(lang)
        name = self.site.tags[slug].label(lang)
        yield from self.listing(
            lang,
            f"tags/{slug}/",
            "tag.html",
            self.site.by_tag[slug],
            title=t("tag_title", name=name),
            extra={
                "tag_name": name,
                "tag_lang": self.label_lang(name, lang),
                "tag_feed": self.href(f"{self.prefix(lang)}tags/{slug}/feed.xml") if self.config.base_url else None,
            },
        )

    def article_page(self, article: Article) -> Page:
        newer, older = self.site.neighbours(article)
        versions = self.site.translations.get(article.source, {})
        pre_key = repr(
            [
                article.digest or repr(article.body),
                self.keys.media(article) if article.media else "",
                self.keys.links(article) if article.links else "",
            ]
            + [self.keys.light(a) for a in (article, newer, older)]
            + [(k, self.keys.light(v)) for k, v in versions.items()]
        )
        return self.keyed_page(
            "article.html", article.path, pre_key, lambda: self._article_page(article, newer, older, versions)
        )

    def _article_page(
        self, article: Article, newer: Article | None, older: Article | None, versions: dict[str, Article]
    ) -> Page:
        lang = article.lang if article.lang in self.messages else self.config.default_lang
        # The switcher leads to the translation when there is one, else to that interface's home.
        alternates = {other: self.prefix(other) for other in self.config.languages}
        alternates.update({v_lang: v.url for v_lang, v in versions.items() if v_lang in self.messages})
        alternates[lang] = article.url
        description = article.summary or first_text(article)
        ctx = self.common(lang, article.url, alternates, article.title, description, versions=False)
        if self.config.base_url and len(versions) > 1:
            ctx["hreflang"] = [{"lang": v_lang, "url": self.absolute(v.url)} for v_lang, v in versions.items()]
            default = versions.get(self.config.default_lang, article)
            ctx["hreflang"].append({"lang": "x-default", "url": self.absolute(default.url)})
        t = self.t(lang)
        translations = [
            {
                "lang": v_lang,
                "dir": direction(v_lang),
                **title_view(v.title, v.lang),
                "url": self.href(v.url),
                "label": self.t(v_lang)("this_article_in"),
            }
            for v_lang, v in versions.items()
            if v is not article
        ]
        view: dict[str, Any] = {
            # A headline in the other script than its article ("Apple WWDC 2024" over an Arabic
            # report) is read in its own voice and laid out in its own direction (title_lang).
            **title_view(article.title, article.lang),
            "lang": article.lang,
            "dir": direction(article.lang),
            "date": self._moment_view(article, lang),
            "updated": self._updated_view(article, lang),
            "byline": article.byline,
            "tags": [
                {
                    "name": tag.label(lang),
                    "lang": self.label_lang(tag.label(lang), article.lang),
                    "url": self.href(f"{self.prefix(lang)}tags/{tag.slug}/"),
                }
                for tag in article.tags
            ],
        }
        preview = self.preview_image(article)
        ctx["og"].update(
            type="article",
            alternates=[og_locale(v_lang) for v_lang in versions if v_lang != article.lang],
            published=dateformat.iso_moment(article.date, article.time, self.zone) if article.date else None,
            # An update typed earlier than the date is not a modification (feeds ignore it too).
            modified=article.updated.isoformat() if article.updated and article.lastmod == article.updated else None,
            image=preview[0] if preview else None,
            image_alt=preview[1] if preview else None,
            tags=[tag["name"] for tag in view["tags"]],
        )
        home = self.prefix(lang)
        site = {"name": self.config.title(lang)}
        if self.config.base_url:
            site["url"] = self.absolute(home) or ""
        ctx["structured"] = news_article_data(
            article,
            ctx["description"],
            ctx["og"]["tags"],
            url=ctx["canonical"],
            image=ctx["og"]["image"],
            site=site,
            zone=self.zone,
        )
        ctx.update(
            article=view,
            translations=translations,
            older=self.item(older, lang) if older else None,
            newer=self.item(newer, lang) if newer else None,
        )

        def add_body() -> None:  # only for pages that are rendered: the body is the costly part
            words = article.words if article.words is not None else word_count(article.body)
            view["reading_time"] = t("reading_time", n=max(1, round(words / 200)))
            view["body"] = self.body(article)

        return self.render_page("article.html", article.path, ctx, finish=add_body)

    def redirect_page(self, path: str, article: Article) -> Page:
        """The page at an earlier address of an article: sends the reader on to it (a meta
        refresh, and a link for a browser that does not follow it), out of the sitemap."""
        return self.keyed_page(
            "redirect.html", path, self.keys.redirect(path, article), lambda: self._redirect_page(path, article)
        )

    def _redirect_page(self, path: str, article: Article) -> Page:
        lang = article.lang if article.lang in self.messages else self.config.default_lang
        description = article.summary or first_text(article)
        ctx = self.common(lang, article.url, {lang: article.url}, article.title, description, versions=False)
        headline = title_view(article.title, article.lang)
        written = headline["title_lang"] or article.lang  # the language the title is in
        ctx.update(
            current=None,
            target=self.href(article.url),
            title_html=headline["title_html"],
            title_lang=None if written == lang else written,
            title_dir=direction(written),
        )
        return self.render_page("redirect.html", path, ctx)

    def search_page(self, lang: str) -> Page:
        """The search page of an interface. It shows no article: its script reads the index
        (search/index.json, shared by every interface) in the reader's browser."""
        path = self.same_page("search/")[lang] + "index.html"
        return self.keyed_page("search.html", path, repr(("search", lang)), lambda: self._search_page(lang))

    def _search_page(self, lang: str) -> Page:
        t = self.t(lang)
        paths = self.same_page("search/")
        ctx = self.common(lang, paths[lang], paths, t("search_title"), t("search_title"))
        catalog = self.messages.get(lang) or self.messages[self.config.default_lang]
        forms = catalog.get("search_results")
        if forms is None:
            raise TemplateError(f"message 'search_results' is missing from the {lang} catalog")
        ctx.update(
            search={
                "action": self.href(paths[lang]),
                "index": self.href(SEARCH_FOLDER),
                "root": self.href(""),
                "script": self.asset(PAGE_ASSETS[2]),
                # The script words its status line itself: each plural form of the count (with
                # its {n}), and the digits and thousands separator of the site's digit policy.
                "results": sorted(forms.items()) if isinstance(forms, dict) else [("other", forms)],
                "digits": "".join(self.num(d, lang) for d in range(10)),
                "group": self.num(1000, lang, grouped=True)[1],
            }
        )
        # Out of the sitemap: a page of search results is not a page for search engines.
        page = self.render_page("search.html", paths[lang] + "index.html", ctx)
        return dataclasses.replace(page, url=None)

    def not_found(self, lang: str) -> Page:
        """404 page per interface; the root one also speaks the other languages (GitHub Pages
        serves only the root 404.html, whatever the language of the missing page)."""
        prefix = self.prefix(lang)
        paths = self.same_page("404.html")
        t = self.t(lang)
        ctx = self.common(lang, paths[lang], paths, t("not_found_title"), t("not_found_text"), versions=False)
        ctx["canonical"] = None
        others = [
            {
                "lang": other,
                "dir": self.messages[other]["dir"],
                "title": self.t(other)("not_found_title"),
                "text": self.t(other)("not_found_text"),
                "home_label": self.t(other)("back_home"),
                "home": self.href(self.prefix(other)),
            }
            for other in self.config.languages
            if other != lang and not prefix
        ]
        ctx.update(others=others)
        return self.page("404.html", f"{prefix}404.html", ctx)


# Everything the site needs comes from its own origin; no inline script or style exists.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-src 'none'"
)


# Listing views (with their rendered cards, about 3 KB each) kept per worker. A worker renders
# one interface's lists (tasks.bundles), so this keeps every card of a 100,000-article archive
# (300 MB); beyond, the cache starts over rather than growing with the archive.
ITEM_CACHE = 100_000
_LIGHT = operator.attrgetter("light")  # an article's listing digest (collect() sets it)


# Where the search index is (search.INDEX, search.SHARDS, search.DOCS): one for every interface.
SEARCH_FOLDER = "search/"

# All pages are keyed.
KEYED_TASKS = frozenset({"articles", "home", "tag-index", "tags", "archive", "hijri", "search", "redirects"})


def _template_line(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line where an error was raised: Jinja rewrites the traceback so that
    a template's frames carry its file name and line (and __jinja_exception__ in their globals);
    the innermost such frame is where the template failed, whatever the file is named."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


class Changed(Exception):
    """Raised while planning: this page must be rendered again."""


class Item(dict):
    """An article's listing view; its card HTML is rendered once per heading level and reused."""

    __slots__ = ("_cards", "_interface", "_renderer")

    def __init__(self, renderer: Renderer, interface: str, **fields: Any):
        super().__init__(**fields)
        self._renderer = renderer
        self._interface = interface
        self._cards: dict[int, Markup] = {}

    def card(self, level: int = 2) -> Markup:
        # Asked for on every call, not only the first: the page being rendered is made from it.
        template = self._renderer.env.get_template("card.html")
        html = self._cards.get(level)
        if html is None:
            ctx = {"item": self, "level": level, "t": self._renderer.t(self._interface)}
            html = self._cards[level] = Markup(template.render(ctx).strip())
        return html
