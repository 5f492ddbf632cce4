"""build(config) -> BuildReport: the pipeline, top to bottom.

read -> extract (+ tags) -> collect -> render -> write. A bad article is reported and skipped;
a bad template or an unwritable output stops the build before the old output is touched.

The jobs it calls live in their own modules: articles (load), collect, diagnostics (the warnings
about the Site), incremental (what is taken over from the last build), presence (the output as
that build left it), tasks (planning and rendering the pages), write (the stage and its commit),
manifest (what this build wrote, for the next), session (sitegen serve's memory between builds).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import hashlib
import logging
import os
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen import cache, media, search, stylesheets
from sitegen.articles import (
    AHEAD_FILES,
    Sources,
    check_source,
    compact,
    load_articles,
    named_sources,
    parse_ahead,
)
from sitegen.cache import cache_dir
from sitegen.collect import Shape, recollect, thaw
from sitegen.config import Config
from sitegen.diagnostics import media_diagnostics, site_diagnostics
from sitegen.errors import ConfigError, OutputError, SourceError
from sitegen.feeds import machine_files
from sitegen.incremental import earlier_version, inputs_key, list_memo, shape_of
from sitegen.manifest import (
    Listed,
    Manifest,
    PageIndex,
    load_manifest,
    manifest_file,
    manifest_key,
    save_manifest,
    written_files,
)
from sitegen.model import Article, BuildReport, Diagnostic, Page, Site
from sitegen.parallel import Background, Forked, default_jobs
from sitegen.presence import Presence, commit_stamps, read_kept
from sitegen.read import SourceScan, media_files, scan_sources
from sitegen.redirects import redirect_plan
from sitegen.render import PAGE_ASSETS, Renderer
from sitegen.session import Session, save_when_idle, warm
from sitegen.tasks import plan as plan_tasks
from sitegen.tasks import render as render_tasks
from sitegen.theme import (
    VERSION_DIGITS,
    TemplateSources,
    asset_version,
    assets_key,
    folder_notes,
    load_messages,
    make_environment,
    page_key,
    site_key,
    static_files,
    static_notes,
    template_dependencies,
    template_notes,
    unchanged_templates,
)
from sitegen.write import MARKER, Stage, check_output, dropped_notes, output_lock

log = logging.getLogger(__name__)


def build(
    config: Config,
    progress: Callable[[str, int, int], None] | None = None,
    jobs: int | None = None,
    session: Session | None = None,
    changed: Collection[str] | None = None,
    scanned: Callable[[], SourceScan | None] | None = None,
) -> BuildReport:
    """Build the whole site into config.output, atomically; re-render only what changed.

    ``session`` carries parsed articles and the last manifest from one build to the next in a
    long-running process, so that a rebuild need not read its caches back from disk.
    ``changed``: with a session, the paths that file-system events named since its last build;
    the other source files are taken to be as that build found them (see named_sources).
    ``scanned``: gives read.scan_sources(config.source, config.root), when the caller started it early.
    """
    if session is not None:
        session.settle()
    background = Background()
    try:
        with output_lock(config.output, cache_dir(config)):
            return _build(config, progress, jobs, session, background.start, changed, scanned)
    finally:
        if session is not None:
            session.start()
        background.wait()
        # Give what the build froze back to the collector: a long-running `sitegen serve`
        # must be able to free one build's objects before the next build.
        gc.unfreeze()


def _build(
    config: Config,
    progress: Callable[[str, int, int], None] | None,
    jobs: int | None,
    session: Session | None,
    later: Callable[[Callable[[], None]], None],
    changed: Collection[str] | None = None,
    scanned: Callable[[], SourceScan | None] | None = None,
) -> BuildReport:
    started = time.perf_counter()
    jobs = default_jobs() if jobs is None else jobs
    check_source(config)  # before anything is said about the build
    check_output(config.output, config.source, config.root, change=config.change("output"))
    env = make_environment(config, cache_dir(config) / "templates" if config.cache else None)
    messages, message_notes = load_messages(config)
    # said by every build, also one with nothing to do
    notes = config.notes + site_file_notes(config, message_notes)
    static = static_files(config)
    base_key = page_key(config, messages)
    source_of = TemplateSources(env)
    key = site_key(base_key, env, source_of)
    manifest_path = manifest_file(config)
    if session is not None and session.manifest is not None:
        kept = session.manifest
        previous = kept if kept.key == manifest_key(config) and (config.output / MARKER).exists() else None
    else:
        previous = load_manifest(manifest_path, config) if config.cache else None
    output = config.output
    out_root = str(output) + os.sep
    trusted = session is not None and session.output_checked and previous is not None
    # Whether the previous build's files are all still there.
    presence = Presence(out_root, previous if not trusted else None)
    named = named_sources(config, session.sources, changed) if session is not None else None
    if session is not None:
        session.sources = None  # until this build has succeeded
    discovered: tuple[list[str], list[Diagnostic]] | None
    stats: dict[str, tuple[int, int]] | None
    if named is not None:
        discovered, stats = named.discovered, named.stats
    else:
        discovered, stats = (scanned or functools.partial(scan_sources, config.source, config.root))() or (None, None)
    sources = Sources(config.source, discovered, stats) if discovered and stats is not None else None
    inputs = inputs_key(config, key, static, discovered, stats)
    # Said by every build, also one with nothing to do: a nightly log shows the same every night.
    if not config.base_url and (session is None or session.collected is None):  # once per serve
        log.info("no base_url set: Atom feeds and sitemap.xml (which need absolute URLs) are not made")
    if (
        previous is not None
        and inputs is not None
        and previous.inputs == inputs
        and not presence.missing()
        and media_files(config.source, previous.media) == previous.media
        and all((config.source / rel).is_file() == there for rel, there in previous.named_media.items())
    ):
        # Nothing that shapes the site changed since the last build into this output.
        if session is not None:
            session.manifest, session.sources = previous, sources
            if config.cache and session.collected is None and discovered is not None:
                files = discovered[0]
                session.later(lambda: warm(session, config, files, stats, previous))
            session.check_output(str(output) + os.sep, previous, checked=not trusted)
        return BuildReport(
            articles=previous.articles,
            pages=previous.page_count,
            skipped=previous.skipped,
            diagnostics=notes + previous.diagnostics,
            seconds=time.perf_counter() - started,
            written=0,
            changed=False,
        )

    log.debug("%.2f s: configuration, templates and manifest loaded", time.perf_counter() - started)
    ahead = None
    if session is None and config.cache and previous is not None and previous.stats and stats is not None:
        edited = [rel for rel, stat in stats.items() if previous.stats.get(rel) != stat]
        if 0 < len(edited) <= AHEAD_FILES:
            ahead = Forked(functools.partial(parse_ahead, config, compact(len(stats)), edited)).result
    loaded = load_articles(config, progress, jobs, discovered, stats, session, later, ahead)
    log.debug("%.2f s: %d articles read", time.perf_counter() - started, len(loaded.articles))
    if not any(not a.draft for a in loaded.articles) and _has_articles(config.output):
        # An unmounted drive or a mistyped --source must not turn a published archive empty.
        raise SourceError(
            f"nothing to publish, but the site in {config.output} has articles: it is kept as it is. "
            f"If the source folder is wrong, {config.change('source')}; "
            "to publish an empty site, delete the output folder first",
            config.source,
        )
    # The articles live until the end of the build and hold no cycles: keep the cyclic garbage
    # collector from scanning them again and again (and, in forked workers, from touching and
    # so copying their memory pages).
    gc.freeze()
    prior = session.collected if session is not None else None
    shape = previous.shape if previous is not None and prior is None else None
    if shape is not None:  # a new process: the last Site is made again from its shape
        prior = thaw(shape, loaded.key, loaded.articles, loaded.sources, loaded.digests, loaded.earlier, config.zone)
    collected = recollect(loaded.articles, prior, config.zone)
    if session is not None:
        session.collected = collected
    site: Site = collected.site
    users = media.referenced(site.articles)
    referenced_files = media_files(config.source, users)
    images = media.image_sizes(config.source, referenced_files, previous.images if previous is not None else {})
    moved = redirect_plan(site, config)
    # Read here, not before a build with nothing to do: a site's static/ may hold megabytes.
    published = published_static(static, config.source, referenced_files, loaded.articles)
    media_notes = media_diagnostics(users, referenced_files)
    diagnostics = (
        loaded.diagnostics
        + site_diagnostics(site, loaded, media_notes, moved, datetime.date.today())
        + published.diagnostics
    )
    if config.strict and session is None and any(d.level in ("error", "warning") for d in notes + diagnostics):
        # --strict fails the build on these, and a failed build leaves the output as it was.
        return BuildReport(
            articles=len(site.articles),
            pages=0,
            skipped=loaded.skipped,
            diagnostics=notes + diagnostics,
            seconds=time.perf_counter() - started,
            written=0,
            changed=False,
            committed=False,
        )

    known = previous.pages if previous is not None else {}
    static_hashes = published.digests
    versions = {rel: digest[:VERSION_DIGITS] for rel, digest in static_hashes.items()}  # theme.asset_version

    def exists(path: str) -> bool:  # a file deleted or edited in the output by hand is made again
        if path in known:
            return path not in presence.missing()
        return os.path.isfile(out_root + path)

    def exists_all(paths: Iterable[str]) -> bool:
        return presence.missing().isdisjoint(paths)

    before = previous.templates if previous is not None else {}
    unchanged = unchanged_templates(before, source_of, versions)
    page_index = session.page_index if session is not None else None
    if page_index is None or previous is None or page_index.tasks is not previous.tasks:
        page_index = PageIndex(previous.tasks) if previous is not None else None
    renderer = Renderer(
        site,
        config,
        env,
        messages,
        previous=previous.pages if previous else None,
        previous_meta=page_index,
        key=assets_key(base_key, versions, PAGE_ASSETS),
        exists=exists,
        memo=list_memo(session, previous, prior, collected),
        chunks=session.chunk_keys if session is not None else None,
        unchanged_templates=unchanged,
        published=frozenset(rel for rel, stat in referenced_files.items() if not isinstance(stat, str)),
        image_sizes={rel: size for rel, (*_, size) in images.items() if size is not None},
        redirects=moved.files,
        assets=versions,
        unpublished=loaded.drafts | loaded.failed,
    )
    with Stage(config.output, incremental=previous is not None, change=config.change("output")) as stage:
        templates_kept = bool(before) and len(unchanged) == len(before)
        tasks, task_keys, planned = plan_tasks(renderer, previous, templates_kept, exists_all)
        # The search files of an edit are patched here (a few shards); made afresh, they are a
        # worker's unit, as are the feeds, alongside the pages (they need no rendered page).
        found: list[Page] | None = []
        index = search.Index(renderer, session.search_ids if session is not None else None) if config.search else None
        if index is not None:
            indexed = previous.search if previous is not None else ((), ())
            earlier = functools.partial(earlier_version, prior, loaded.earlier)
            read = functools.partial(read_kept, out_root, presence)  # no search file edited by hand
            found = search.kept_or_patched(index, indexed, earlier, known, read)
        feeds = bool(config.base_url)
        rendered = render_tasks(renderer, stage, tasks, task_keys, planned, found, feeds, jobs, progress)
        task_pages, page_count = rendered.task_pages(), rendered.page_count
        log.debug("%.2f s: %d pages rendered or found unchanged", time.perf_counter() - started, page_count)
        pages = rendered.pages()
        sitemap = Listed(rendered.stubs) if config.base_url else ()
        machine = machine_files(renderer, sitemap)
        _write_files(stage, config, machine, static, published, referenced_files, previous, exists, pages)
        last_manifest = _set_manifest_aside(config, manifest_path, previous)
        if session is not None:
            session.manifest = None
            session.forget("manifest")  # the last build's: the output is about to change
            session.forget("check")
            session.output_checked = False  # until this build has committed every file
        # Key views, not sets: their difference is all that is needed (22,000 paths each).
        stage.commit(keep=pages.keys(), previous=previous.pages.keys() if previous else None)
        log.debug("%.2f s: output committed", time.perf_counter() - started)
        stamps = commit_stamps(out_root, pages, previous, stage.moved, presence.missing())
    dropped = stage.dropped
    if dropped and (wrote := written_files(last_manifest)):
        dropped = [rel for rel in dropped if rel not in wrote]
    if last_manifest != manifest_path:
        last_manifest.unlink(missing_ok=True)
    manifest = Manifest(
        key=manifest_key(config),
        pages=pages,
        inputs=inputs,
        articles=len(site.articles),
        page_count=page_count,
        tasks=task_pages,
        templates=template_dependencies(before, unchanged, rendered.requested, source_of, versions),
        skipped=loaded.skipped,
        diagnostics=diagnostics,
        media=referenced_files,
        named_media=published.named_media,
        images=images,
        lists=renderer.keys.lists(),
        stats=stats or {},
        search=index.state if index is not None else ((), ()),
        stamps=stamps,
    )
    # The shape the Site was thawed from (a new process), or the session's of its last build.
    base = session.shape if session is not None and shape is None and prior is session.built else shape
    new_shape = functools.partial(shape_of, base, prior, collected, loaded)
    if session is not None:
        session.manifest, session.built, session.sources = manifest, collected, sources
        session.search_ids = index.ids() if index is not None else None
        session.page_index = page_index.moved_to(task_pages) if page_index is not None else None
        _save_in_session(session, config, manifest_path, manifest, new_shape)
    elif config.cache:
        save_manifest(manifest_path, manifest, new_shape())
    return BuildReport(
        articles=len(site.articles),
        pages=page_count,
        skipped=loaded.skipped,
        diagnostics=notes + diagnostics + dropped_notes(output, dropped),
        seconds=time.perf_counter() - started,
        written=rendered.written,
        changed=stage.changed,
    )


def site_file_notes(config: Config, message_notes: tuple[Diagnostic, ...]) -> tuple[Diagnostic, ...]:
    """The warnings about the site's own folders (templates/, static/, locales/) and the files in
    them, in the order every build says them (``message_notes``: theme.load_messages'); sitegen
    inspect says them too. Those about its stylesheets' references are published_static's."""
    return message_notes + folder_notes(config) + template_notes(config) + static_notes(config)


def _has_articles(output: Path) -> bool:
    """Whether an output folder holds article pages (of any interface language)."""
    try:
        return any(output.glob("articles/*/index.html")) or any(output.glob("*/articles/*/index.html"))
    except OSError:
        return False


@dataclass(frozen=True)
class PublishedStatic:
    """The static files as published: the SHA-256 (hex) of each one's bytes as published, the
    stylesheets whose published bytes are not their file's (stylesheets.published), and the
    warnings about their references to no file the build publishes. ``named_media``: each source
    file a stylesheet names under media/ that no article refers to -> whether the source folder
    has it, which its warning says (a build with nothing else to do checks it again)."""

    digests: dict[str, str]
    made: dict[str, bytes]
    diagnostics: tuple[Diagnostic, ...]
    named_media: dict[str, bool]


def published_static(
    static: Mapping[str, Path],
    source: Path,
    referenced_files: Mapping[str, tuple[int, int] | str],
    articles: Iterable[Article] = (),
) -> PublishedStatic:
    """The static files as published. A stylesheet's reference may also name a file that an
    article publishes under media/ (``referenced_files``: media.output_path, in ``source``): its
    version is that of its bytes, read only for the files a stylesheet names, as media files are
    otherwise known by size and stamp (a stamp differs between two checkouts of one site).
    ``articles``: every article loaded, drafts with them, whose warning names the drafts that
    alone refer to a file."""
    sheets: dict[str, bytes] = {}
    versions: dict[str, str] = {}
    digests: dict[str, str] = {}
    for rel, src in static.items():
        try:
            data = src.read_bytes()
        except OSError as exc:  # another user's file, mode 000: the site's own file, as a template is
            raise ConfigError(f"cannot read the static file: {exc.strerror or exc}", src) from None
        digests[rel] = hashlib.sha256(data).hexdigest()
        versions[rel] = digests[rel][:VERSION_DIGITS]
        if stylesheets.is_stylesheet(rel):
            sheets[rel] = data
    media_prefix = media.output_path("")

    def media_version(path: str) -> str | None:
        rel = path.removeprefix(media_prefix)
        if rel == path or isinstance(referenced_files.get(rel, "not referenced"), str):
            return None
        try:
            return asset_version((source / rel).read_bytes())
        except OSError:  # gone since it was found: its copy fails the build with the reason
            return None

    made, unknown = stylesheets.published(sheets, versions, asset_version, functools.cache(media_version))
    for rel, data in made.items():
        digests[rel] = hashlib.sha256(data).hexdigest()
    named: dict[str, bool] = {}

    @functools.cache
    def drafts_of() -> dict[str, list[tuple[str, int | None]]]:  # asked only of a warned reference
        return media.referenced(article for article in articles if article.draft)

    def drafted(rel: str) -> list[str]:
        return sorted({draft for draft, _ in drafts_of().get(rel, ())})

    def source_has(rel: str) -> bool:
        if rel not in named:
            named[rel] = (source / rel).is_file()
        return named[rel]

    notes = tuple(
        Diagnostic(str(static[rel]), _unpublished(ref, media_prefix, source_has, referenced_files, drafted), ref.line)
        for rel in sorted(unknown)
        for ref in unknown[rel]
    )
    return PublishedStatic(digests, made, notes, named)


def _unpublished(
    ref: stylesheets.Unknown,
    media_prefix: str,
    source_has: Callable[[str], bool],
    referenced_files: Mapping[str, tuple[int, int] | str],
    drafted: Callable[[str], list[str]],
) -> str:
    """What is wrong with a stylesheet's reference to no file the build publishes, and what to do.
    ``source_has``: whether the source folder has a file (its path there); ``drafted``: the drafts
    that refer to one (its path there)."""
    if ref.target.startswith("static/"):
        return (
            f"{ref.written} names no file of the site's or the theme's static/ folder ({ref.target}), "
            "so it is left without a version and the link is broken; check the name"
        )
    if ref.target == ".." or ref.target.startswith("../"):
        return f"{ref.written} leads out of the site, so the link is broken; name a file of the site"
    unpublished = f"{ref.written} names no file the build publishes ({ref.target})"
    if not ref.target.startswith(media_prefix):
        return (
            f"{unpublished}, so it is left without a version and the link is broken; name a file of static/, "
            "or a picture an article publishes under media/"
        )
    rel = ref.target.removeprefix(media_prefix)
    reason = referenced_files.get(rel)
    if isinstance(reason, str):  # an article refers to it, and is warned the same
        return f"{unpublished}: the source file {rel} {reason}"
    if not source_has(rel):
        return (
            f"{unpublished}, and the source folder has no {rel} to publish there, so the link is broken; check the name"
        )
    if drafts := drafted(rel):
        return (
            f"{unpublished}: only drafts refer to the source file {rel} ({', '.join(drafts)}), and drafts are not "
            "published, so the reference is left without a version and the link is broken; publish the draft, "
            "refer to the file from a published article, or put it in static/"
        )
    return (
        f"{unpublished}: a file of the source folder is published under media/ only when an article refers "
        "to it, so the reference is left without a version and the link is broken; refer to it from an "
        "article, or put the file in static/"
    )


def _write_files(
    stage: Stage,
    config: Config,
    machine: Iterable[Page],
    static: Mapping[str, Path],
    published: PublishedStatic,
    referenced_files: Mapping[str, tuple[int, int] | str],
    previous: Manifest | None,
    exists: Callable[[str], bool],
    pages: dict[str, str],
) -> None:
    """The files beside the pages into the stage, each file's fingerprint into ``pages``: the
    sitemap and the other machine files (cheap to make: compared by bytes to decide on writing),
    the static files (by digest) and the media files the articles refer to (by size and stamp)."""
    for page in machine:
        if page.content is None:  # a sitemap whose inputs did not change
            pages[page.path] = page.fingerprint
            continue
        digest = page.fingerprint or "bytes:" + cache.file_digest(page.content)
        new = previous is None or previous.pages.get(page.path) != digest or not exists(page.path)
        if new and not stage.holds(page.path, page.content):
            stage.write(page.path, page.content)
        pages[page.path] = digest
    for rel, src in static.items():
        digest = "sha256:" + published.digests[rel]
        if previous is None or previous.pages.get(rel) != digest or not exists(rel):
            sheet = published.made.get(rel)  # a stylesheet whose references were versioned
            if sheet is None:
                stage.copy(rel, src)
            else:
                stage.write(rel, sheet)
        pages[rel] = digest
    for rel, stat in referenced_files.items():
        if isinstance(stat, str):
            continue
        path, digest = media.output_path(rel), f"file:{stat[0]}:{stat[1]}"
        if path in pages:
            raise OutputError(f"two files want the same output file {path!r}")
        if previous is None or previous.pages.get(path) != digest or not exists(path):
            stage.copy(path, config.source / rel)
        pages[path] = digest


def _set_manifest_aside(config: Config, manifest_path: Path, previous: Manifest | None) -> Path:
    """Remove the manifest before the commit: until the new one is written, the next build is a
    full one. What an earlier build wrote is kept for a full build's warning about files it drops
    (the user's only if no build wrote them), in the file returned: set aside when this build
    does not build on it (a manifest that does not describe the output as it is)."""
    last_manifest = manifest_path
    if config.cache:  # until the new manifest is written, the next build is a full one
        if previous is None:
            last_manifest = manifest_path.with_suffix(".replaced")
            with contextlib.suppress(OSError):
                last_manifest.unlink(missing_ok=True)  # left by a build that failed after this
                os.replace(manifest_path, last_manifest)
        manifest_path.unlink(missing_ok=True)
    return last_manifest


def _save_in_session(
    session: Session, config: Config, manifest_path: Path, manifest: Manifest, new_shape: Callable[[], Shape | None]
) -> None:
    """A session's manifest is written in a quiet moment (or on exit), with the Site's shape
    made once the build has returned; the output is checked in a quiet moment too."""
    session.shape = None  # until the manifest job has made this Site's
    if config.cache:  # the file was removed before the commit: until it is written, builds are full
        made: list[Shape | None] = []

        def reshape() -> None:
            session.shape = new_shape()
            made.append(session.shape)

        session.later(reshape)  # the next build's base: at once
        session.when_idle(
            "manifest", functools.partial(save_when_idle, config, manifest_path, manifest, made), at_exit=True
        )
    session.check_output(str(config.output) + os.sep, manifest)
