"""Render tasks: which have pages to render, the units of work they go to, and their pages.

Rendering is split into tasks (250 article pages, one tag group, the home pages of a language,
...). A task whose key equals the one the manifest kept, with its files all in the output, is
taken as it was; the others are planned page by page, and those with a page to render go to the
workers in units (each interface's lists together: a card is rendered once per worker). The
feeds, and the search index when it is made afresh, are a unit of their own beside the pages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sitegen import search
from sitegen.errors import OutputError
from sitegen.feeds import feed_pages
from sitegen.manifest import Manifest, Stubs, two_pages, unchanged_task
from sitegen.model import Page
from sitegen.parallel import run_tasks
from sitegen.render import Renderer
from sitegen.write import Stage

FEEDS = ("feeds",)  # the unit of work that makes every Atom feed (feeds.feed_pages)
SEARCH = ("search",)  # the unit of work that makes the search index afresh (search.full_index)


def plan(
    renderer: Renderer,
    previous: Manifest | None,
    templates_kept: bool,
    exists_all: Callable[[Iterable[str]], bool],
) -> tuple[list[tuple[Any, ...]], list[str | None], list[Stubs | list[Page] | None]]:
    """Every task, its key, and its pages when it has none to render: as the manifest kept them,
    or as planned page by page; None: the task has pages to render.

    A task whose key is unchanged is not even planned. Task keys do not cover the templates
    (``templates_kept``: no template changed): after a template edit every task is planned page
    by page, and only the pages made from an edited template are rendered."""
    tasks = renderer.tasks()
    task_keys = [renderer.keys.task(task) for task in tasks]
    done = previous.tasks if previous else {}
    planned: list[Stubs | list[Page] | None] = [
        (templates_kept and unchanged_task(previous, done.get(repr(task)), task_key, exists_all)) or renderer.plan(task)
        for task, task_key in zip(tasks, task_keys, strict=True)
    ]
    return tasks, task_keys, planned


@dataclass
class Rendered:
    """Every task's pages, as the manifest kept them (unchanged), or as planned or rendered now."""

    tasks: list[tuple[Any, ...]]
    keys: list[str | None]
    by_task: list[Stubs | list[Page]]
    stubs: list[Stubs]  # by_task in columns
    extra: list[Page]  # the feeds' and the search index's files, written when their bytes changed
    requested: dict[str, set[str]]  # the templates that rendering asked for, by top template

    def task_pages(self) -> dict[str, tuple[str, Stubs]]:
        """The tasks with a key and their pages, for the manifest."""
        return {
            repr(task): (task_key, stubs)
            for task, task_key, stubs in zip(self.tasks, self.keys, self.stubs, strict=True)
            if task_key is not None
        }

    @property
    def page_count(self) -> int:
        return sum(len(stubs.paths) for stubs in self.stubs)

    def pages(self) -> dict[str, str]:
        """Every page's fingerprint by output path, the feeds' and search files' too; an
        OutputError for a file that two of them want."""
        pages: dict[str, str] = {}
        for stubs in self.stubs:
            pages.update(zip(stubs.paths, stubs.fingerprints, strict=True))
        if len(pages) != self.page_count:
            two_pages(self.stubs)
        for page in self.extra:  # written by the worker when its inputs changed
            if page.path in pages:
                raise OutputError(f"two files want the same output file {page.path!r}")
            pages[page.path] = page.fingerprint
        return pages

    @property
    def written(self) -> int:
        """Pages rendered and written by this build (not the same bytes again)."""
        return sum(1 for made in self.by_task if isinstance(made, list) for p in made if p.content is not None)


def render(
    renderer: Renderer,
    stage: Stage,
    tasks: list[tuple[Any, ...]],
    task_keys: list[str | None],
    planned: list[Stubs | list[Page] | None],
    found: list[Page] | None,
    feeds: bool,
    jobs: int,
    progress: Callable[[str, int, int], None] | None,
) -> Rendered:
    """Render the tasks planned None, on ``jobs`` workers when that pays off, and write their
    changed pages into the stage; also the feeds (``feeds``) and, when ``found`` is None, the
    search index afresh. ``found``: the search files kept or patched, written here."""
    todo = [task for task, made in zip(tasks, planned, strict=True) if made is None]
    # Starting workers costs more than a few tasks (an edit re-renders one or two pages).
    parallel = jobs if len(renderer.site.articles) >= 200 and len(todo) > 8 else 1
    report = (lambda done, total: progress("rendering", done, total)) if progress else None
    grouped = bundles(todo, parallel)
    units = [[todo[i] for i in bundle] for bundle in grouped]
    extra = [[SEARCH]] * (found is None) + [[FEEDS]] * feeds
    results = run_tasks(_render_bundle, (renderer, stage), extra + units, parallel, report)
    extra_stubs = [page for made in results[: len(extra)] for page in made[0][0]]
    for page in found or ():
        if page.content is not None and not stage.holds(page.path, page.content):
            stage.write(page.path, page.content)
        extra_stubs.append(page)
    done_pages: dict[int, list[Page]] = {}
    for bundle, (pages_of_bundle, _) in zip(grouped, results[len(extra) :], strict=True):
        done_pages.update(zip(bundle, pages_of_bundle, strict=True))
    requested: dict[str, set[str]] = {}
    for _, requested_in_bundle in results:
        for template, names in requested_in_bundle.items():
            requested.setdefault(template, set()).update(names)
    rendered = iter(done_pages[i] for i in range(len(todo)))
    by_task = [made if made is not None else next(rendered) for made in planned]
    stubs = [made if isinstance(made, Stubs) else Stubs.of(made) for made in by_task]
    return Rendered(tasks, task_keys, by_task, stubs, extra_stubs, requested)


def bundles(todo: list[tuple], jobs: int) -> list[list[int]]:
    """Indexes of the tasks to render, grouped into units of work for `jobs` workers.

    An article card is rendered once per interface language and worker, and every list page of
    an interface shows cards: so each interface's lists go together to as few workers as keep
    them all busy, first (they are the largest units), and the article pages follow in small
    units that even out the end. With one worker, every task is its own unit.
    """
    if jobs <= 1:
        return [[i] for i in range(len(todo))]
    langs = sorted({task[1] for task in todo if task[0] != "articles"})
    per_lang = max(1, jobs // max(1, len(langs)))
    lists: dict[tuple[str, int], list[int]] = {}
    seen: dict[str, int] = {}
    articles: list[list[int]] = []
    for i, task in enumerate(todo):
        if task[0] == "articles":
            articles.append([i])
            continue
        n = seen[task[1]] = seen.get(task[1], -1) + 1
        lists.setdefault((task[1], n % per_lang), []).append(i)
    return sorted(lists.values(), key=len, reverse=True) + articles


def _render_bundle(state: tuple[Renderer, Stage], bundle: list[tuple]) -> tuple[list[list[Page]], dict[str, set[str]]]:
    """The bundle's pages, task by task, and the templates that rendering them asked for."""
    renderer = state[0]
    pages = [_render_task(state, task) for task in bundle]
    requested, renderer.requested = renderer.requested, {}
    return pages, requested


def _render_task(state: tuple[Renderer, Stage], task: tuple) -> list[Page]:
    """Render one task's pages and write the changed ones (runs in a worker process)."""
    renderer, stage = state
    stubs = []
    made = feed_pages(renderer) if task == FEEDS else search.full_index(renderer) if task == SEARCH else None
    for page in made if made is not None else renderer.task_pages(task):
        content = page.content
        if content is not None:
            if stage.holds(page.path, content):
                page = dataclasses.replace(page, content=None)  # rendered again, same bytes: kept
            else:
                stage.write(page.path, content)
                page = dataclasses.replace(page, content=b"")  # written; the bytes stay on disk
        stubs.append(page)
    return stubs
