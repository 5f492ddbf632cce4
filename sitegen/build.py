"""build(config) -> BuildReport: the pipeline, top to bottom.

read -> extract (+ tags) -> collect -> render -> write. A bad article is reported and skipped;
a bad template or an unwritable output stops the build before the old output is touched.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from sitegen import tags as tagging
from sitegen.collect import collect
from sitegen.config import Config
from sitegen.errors import SourceError
from sitegen.extract import parse_article
from sitegen.feeds import with_machine_files
from sitegen.model import Article, BuildReport, Diagnostic, Site
from sitegen.read import discover, read_source
from sitegen.render import Renderer, load_messages, make_environment, static_files
from sitegen.write import check_output, write_site

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Loaded:
    """Articles parsed from the source folder, with everything that was said about them."""

    articles: tuple[Article, ...]
    diagnostics: tuple[Diagnostic, ...]
    skipped: int


def load_articles(config: Config, progress: Callable[[int, int], None] | None = None) -> Loaded:
    """Read and parse every article; problems become diagnostics, never exceptions."""
    if not config.source.is_dir():
        raise SourceError("the source folder does not exist; create it or pass --source", config.source)
    vocabulary = tagging.load_vocabulary(config.root / "tags.toml")

    def resolve(label: str) -> object:
        return tagging.resolve_tag(label, vocabulary)

    def derive(title: str, body: str) -> tuple:
        found = tagging.derive_tags(title, body, vocabulary, min_body_mentions=config.tag_min_mentions)
        return tuple(t for slug in found if (t := vocabulary.get(slug)) is not None)

    files, notes = discover(config.source)
    diagnostics: list[Diagnostic] = list(notes)
    articles: list[Article] = []
    skipped = 0
    for n, rel in enumerate(files, start=1):
        try:
            article = parse_article(read_source(config.source, rel), resolve, derive)  # type: ignore[arg-type]
        except SourceError as exc:
            skipped += 1
            diagnostics.append(Diagnostic(exc.file or rel, f"skipped: {exc.reason}", exc.line, "error"))
        else:
            articles.append(article)
            diagnostics.extend(article.diagnostics)
            if article.draft:
                diagnostics.append(Diagnostic(rel, "draft: not published"))
        if progress:
            progress(n, len(files))
    if not files:
        diagnostics.append(Diagnostic(str(config.source), "no article files (*.txt, *.md) found"))
    return Loaded(tuple(articles), tuple(diagnostics), skipped)


def build(config: Config, progress: Callable[[int, int], None] | None = None) -> BuildReport:
    """Build the whole site into config.output, atomically."""
    started = time.perf_counter()
    check_output(config.output, config.source, config.root)
    loaded = load_articles(config, progress)
    site: Site = collect(loaded.articles)
    renderer = Renderer(site, config, make_environment(config), load_messages(config))
    pages = write_site(with_machine_files(renderer, renderer.render()), static_files(config), config.output)
    return BuildReport(
        articles=len(site.articles),
        pages=pages,
        skipped=loaded.skipped,
        diagnostics=loaded.diagnostics,
        seconds=time.perf_counter() - started,
    )
