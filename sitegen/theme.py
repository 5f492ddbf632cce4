"""The theme: templates, static files and message catalogs, the site's own overriding the defaults.

The repository's templates/ and static/ are the default theme (shipped in the wheel as
sitegen/_theme/); a site's templates/, static/ and locales/ override them file by file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import hashlib
import os
import re
import string
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Any

import jinja2
import jinja2.bccache
import jinja2.compiler
import jinja2.meta
import jinja2.nodes
import jinja2.runtime
import markupsafe

from sitegen import cache
from sitegen.config import Config, key_lines, problems_error, toml_error_line, toml_text
from sitegen.errors import ConfigError
from sitegen.model import Diagnostic

PACKAGE = Path(__file__).parent


def theme_dir(kind: str) -> Path:
    """The default theme's templates/ or static/: inside the wheel, or the repository's."""
    shipped = PACKAGE / "_theme" / kind
    return shipped if shipped.is_dir() else PACKAGE.parent / kind


def shipped_messages(lang: str) -> dict[str, Any]:
    """sitegen's own catalog of one language, without the site's overrides."""
    return tomllib.loads((PACKAGE / "locales" / f"{lang}.toml").read_text("utf-8"))


def load_messages(config: Config) -> tuple[dict[str, dict[str, str]], tuple[Diagnostic, ...]]:
    """The message catalog of each interface language (a site's locales/XX.toml overrides keys),
    and the warnings about the overrides, which a build reports, counts and fails on under --strict."""
    catalogs: dict[str, dict[str, str]] = {}
    notes: list[Diagnostic] = []
    for lang in config.languages:
        data = shipped_messages(lang)
        override = config.root / "locales" / f"{lang}.toml"
        if override.is_file():
            try:
                text = toml_text(override)
                mine = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"invalid message catalog: {exc}", override, toml_error_line(exc)) from None
            except UnicodeDecodeError as exc:
                raise ConfigError(f"invalid message catalog: {exc}", override) from None
            except OSError as exc:  # unreadable: was a traceback
                raise ConfigError(f"cannot read the message catalog: {exc.strerror or exc}", override) from None
            notes.extend(check_messages(mine, data, override, key_lines(text)))
            data.update(mine)
        catalogs[lang] = data
    return catalogs, tuple(notes)


def check_messages(
    mine: dict[str, Any], shipped: dict[str, Any], file: Path, lines: dict[str, int]
) -> list[Diagnostic]:
    """Refuse overrides that would fail in the middle of rendering (with a traceback): a value
    that is not text, a placeholder the message is not given ('{m}' for '{n}'), an unbalanced
    brace, plural forms without 'other'. Return a warning for a near miss of a shipped key ('hom')."""
    problems: list[tuple[str, str]] = []
    warnings: list[Diagnostic] = []
    for key, value in mine.items():
        if key not in shipped:
            # A site's own message, for its own templates, is welcome; a near miss of a shipped
            # one is most likely a typo that would silently change nothing.
            close = difflib.get_close_matches(key, list(shipped), n=1, cutoff=0.75)
            if close:
                message = (
                    f"message '{key}' is not one of sitegen's (did you mean '{close[0]}'?); kept for your own templates"
                )
                warnings.append(Diagnostic(str(file), message, lines.get(key)))
            continue
        forms = value if isinstance(value, dict) else {"": value}
        if isinstance(value, dict) and not isinstance(shipped[key], dict):
            problems.append((key, f"'{key}' must be a text in quotes, not a table"))
            continue
        if isinstance(value, dict) and "other" not in value:
            problems.append((key, f"'{key}' needs an 'other' form beside {', '.join(repr(f) for f in value)}"))
        given = set().union(*(_placeholders(t) for t in _forms(shipped[key])))
        for form, message in forms.items():
            name = f"'{key}.{form}'" if form else f"'{key}'"
            if not isinstance(message, str):
                problems.append((key, f"{name} must be a text in quotes"))
                continue
            if not given and not isinstance(shipped[key], dict):
                continue  # shown as it is: never formatted, so a brace is just a brace
            try:
                unknown = _placeholders(message) - given
            except ValueError as exc:  # "{bad" or "}"
                problems.append((key, f"{name}: {exc} (write a brace as {{{{ or }}}})"))
                continue
            if unknown:
                allowed = ", ".join(f"{{{p}}}" for p in sorted(given)) or "none"
                problems.append(
                    (key, f"{name} uses {{{sorted(unknown)[0]}}}, which is not given (placeholders: {allowed})")
                )
    if problems:
        raise problems_error("invalid message catalog", problems, lines, file)
    return warnings


def _forms(message: Any) -> list[str]:
    return [m for m in (message.values() if isinstance(message, dict) else [message]) if isinstance(m, str)]


def _placeholders(message: str) -> set[str]:
    """The names a message's {placeholders} take (str.format syntax); ValueError if malformed."""
    names = set()
    for _, field, _, _ in string.Formatter().parse(message):
        if field is not None:
            names.add(field.split(".")[0].split("[")[0])
    return names


try:  # the C function behind markupsafe.escape(), without the Markup object it wraps the result in
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover - another markupsafe: the public function, same text

    def _escape_inner(s: str, /) -> str:
        return str(markupsafe.escape(s))


def output_escape(value: Any, /) -> str:
    """What ``{{ value }}`` writes into a page under autoescape: exactly the text of
    markupsafe.escape(value), as a plain string.

    Jinja escapes every printed value with markupsafe.escape, which wraps each result in a new
    Markup object (a Python-level constructor) only for it to be joined into the page at once: a
    sixth of rendering a page. The Markup wrapper matters only where a value is escaped again,
    and an output expression's result never is (Jinja joins it into the page, or into a macro's
    or block's buffer, which it wraps in Markup itself).
    """
    if type(value) is str:
        return _escape_inner(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return html()
    return _escape_inner(str(value))


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's code generator, with printed values escaped by output_escape (same text)."""

    def visit_Template(self, node: jinja2.nodes.Template, frame: jinja2.compiler.Frame | None = None) -> None:
        self.writeline("from sitegen.theme import output_escape")
        super().visit_Template(node, frame)

    def _output_child_pre(self, node: jinja2.nodes.Expr, frame: jinja2.compiler.Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape or finalize.src is not None:
            super()._output_child_pre(node, frame, finalize)
        else:
            self.write("output_escape(")


# Compiled templates call output_escape: bytecode that Jinja's own code generator (or an older
# sitegen) compiled is kept under another name, so neither ever loads the other's.
_BYTECODE_PATTERN = "__sitegen_2_%s.cache"

_PLAIN_CALLABLES = (FunctionType, MethodType, BuiltinFunctionType)


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, kept an optimisation only: Jinja raises when a
    compiled template cannot be saved, and a read-only or full cache folder failed the build
    ("template article.html failed: PermissionError"). The template is then compiled again
    next time."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


class _Context(jinja2.runtime.Context):
    """Jinja's template context, with a shorter path for calling a plain function.

    Every call in a template (``t("home")``, ``item.card()``) goes through Context.call, which
    looks for pass_context-style markers on the callable and on its __call__: about 3 % of
    rendering. A plain function or method without a marker is called directly; anything else
    (macros, classes, marked functions) takes Jinja's own path.
    """

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) in _PLAIN_CALLABLES and not hasattr(__obj, "jinja_pass_arg"):
            if kwargs:
                kwargs.pop("_block_vars", None)
                kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )
        return super().call(__obj, *args, **kwargs)


_DICT_NAMES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja's environment, with `view.key` on a plain dict looked up as a key first.

    Jinja tries getattr(view, "key") and only then view["key"]: for the dicts that carry a page's
    data that means an AttributeError raised and caught on almost every dotted name, a tenth of
    rendering. Names of dict attributes (items, keys, ...) keep Jinja's order, so templates
    behave exactly as with a plain Environment (dict subclasses must declare their attributes in
    __slots__ for this to hold).
    """

    code_generator_class = _CodeGenerator
    context_class = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._attribute_names: dict[type, frozenset[str]] = {dict: _DICT_NAMES}
        # (name, parent) -> template, for environments that never reload templates: every
        # `{% from "_macros.html" import ... %}` asks for a template again on every render, and
        # Jinja's own cache answers under a lock, a twentieth of rendering a page.
        self._loaded: dict[tuple[str, str | None], jinja2.Template] = {}
        # While a set: the name of every template asked for by name (found or not), so that the
        # renderer learns which templates a page is made from, also those that Python code renders
        # for it (item.card()), which no template names.
        self.requested: set[str] | None = None
        # name -> (source, syntax tree): TemplateSources.closure reads the tree that compiling
        # made (or the other way round), rather than parsing a template twice per build.
        self._trees: dict[str, tuple[str, jinja2.nodes.Template]] = {}

    def _parse(self, source: str, name: str | None, filename: str | None) -> jinja2.nodes.Template:
        kept = self._trees.get(name) if name is not None else None
        if kept is not None and kept[0] == source:
            return kept[1]
        tree = super()._parse(source, name, filename)
        if name is not None:
            self._trees[name] = (source, tree)
        return tree

    def get_template(
        self,
        name: str | jinja2.Template,
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        if self.requested is not None and isinstance(name, str):
            self.requested.add(name)
        if globals is not None or self.auto_reload or not isinstance(name, str):
            return super().get_template(name, parent, globals)
        template = self._loaded.get((name, parent))
        if template is None:
            template = self._loaded[name, parent] = super().get_template(name, parent)
        return template

    def getattr(self, obj: object, attribute: str) -> object:
        if type(obj) is dict and attribute not in _DICT_NAMES:  # a page's view data, most often
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        if isinstance(obj, dict):
            kind = type(obj)
            names = self._attribute_names.get(kind)
            if names is None:
                names = self._attribute_names[kind] = frozenset(dir(kind))
            if attribute not in names:
                try:
                    return obj[attribute]
                except KeyError:
                    return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as one plain dict, not Jinja's ChainMap over the environment's.

        Every render and every `{% from ... import %}` copies or compares these globals; over a
        ChainMap that is Python-level code, about a tenth of rendering a list page. sitegen never
        changes the environment's globals after making it, which the ChainMap is there to allow.
        """
        return {**self.globals, **(d or {})}


@contextlib.contextmanager
def templates_requested(env: jinja2.Environment) -> Iterator[set[str]]:
    """The names of the templates asked for while the block runs, found or not.

    What a page is made from, for incremental builds: only sitegen's own environment records it.
    """
    if not isinstance(env, _Environment):
        raise TypeError("templates_requested needs the environment of make_environment()")
    outer, env.requested = env.requested, set()
    try:
        yield env.requested
    finally:
        if outer is not None:
            outer |= env.requested
        env.requested = outer


class _ReadOnce(jinja2.FileSystemLoader):
    """Each template read once per environment (one per build), so that every page of a build is
    made from the version its fingerprint (site_key, TemplateSources) was taken of, read at the
    start, before workers fork. Jinja read a template again when a page first needed it: one
    saved during a build made some pages from each version, or all from a version the manifest
    did not record, which the next build then kept if the file was saved back."""

    def __init__(self, searchpath: list[str]) -> None:
        super().__init__(searchpath)
        self._read: dict[str, tuple[str, str, Callable[[], bool]]] = {}

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        found = self._read.get(template)
        if found is None:
            found = self._read[template] = super().get_source(environment, template)
        return found


def make_environment(config: Config, bytecode_dir: Path | None = None) -> jinja2.Environment:
    """Templates from the site's templates/ first, then the default theme, file by file.

    With ``bytecode_dir``, compiled templates are kept there (Jinja checks each against its
    source), so that a small rebuild does not compile every template it touches again.
    """
    paths = [config.root / "templates", theme_dir("templates")]
    bytecode = None
    if bytecode_dir is not None:
        try:
            bytecode_dir.mkdir(parents=True, exist_ok=True)
            bytecode = _BytecodeCache(str(bytecode_dir), pattern=_BYTECODE_PATTERN)
        except OSError:
            bytecode = None  # an optimisation only
    env = _Environment(
        # One environment per build, and templates do not change during a build: without this,
        # Jinja stats the template file again on every get_template (5 % of rendering).
        auto_reload=False,
        bytecode_cache=bytecode,
        loader=_ReadOnce([str(p) for p in paths if p.is_dir()]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # |tojson (the pages' JSON-LD): keys in order, so that builds are byte-identical; compact, and
    # Arabic as itself, not six bytes of \uXXXX a letter. <, >, & and ' are still escaped (htmlsafe).
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    return env


_SITE_FOLDERS = {"templates": "templates", "static": "static files", "locales": "message catalogs (ar.toml, en.toml)"}


def folder_notes(config: Config) -> tuple[Diagnostic, ...]:
    """A warning for each of the site's own folders (templates/, static/, locales/) that is a
    file instead: nothing is read from it, and the site would be built with the defaults, silently;
    and for each template or catalog in them that is a symbolic link to nothing (sitegen's own is
    used in its place: static/ says its links itself, static_notes)."""
    notes = [
        Diagnostic(str(path), f"is a file, not a folder, so nothing in it is used; make it a folder of {what}")
        for name, what in _SITE_FOLDERS.items()
        if (path := config.root / name).exists() and not path.is_dir()
    ]
    for name in ("templates", "locales"):
        folder = config.root / name
        if not folder.is_dir():
            continue
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for file in sorted(files):
                path = Path(root) / file
                if path.is_symlink() and not path.exists():
                    notes.append(
                        Diagnostic(
                            str(path),
                            "symbolic link to a file that does not exist, so it is not used; "
                            "put the file there, or remove the link",
                        )
                    )
    return tuple(notes)


def template_notes(config: Config) -> tuple[Diagnostic, ...]:
    """A warning for each template of the site whose name is a near miss of one of sitegen's
    ('artcile.html') and that no template of the site names: it would change nothing, silently.
    Templates of one's own (for include) are welcome, as a catalog's own keys are."""
    folder = config.root / "templates"
    if not folder.is_dir():
        return ()
    shipped_folder = theme_dir("templates")
    shipped = sorted(p.name for p in shipped_folder.glob("*.html"))
    try:
        mine = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        texts = [p.read_text("utf-8", errors="replace") for p in mine]
    except OSError:
        return ()
    notes = []
    for path in mine:
        name = path.relative_to(folder).as_posix()
        if name in shipped or any(name in text for text in texts):
            continue
        close = difflib.get_close_matches(name, shipped, n=1, cutoff=0.75)
        if close:
            message = (
                f"not one of sitegen's templates (did you mean {close[0]}?) and no template uses it, "
                f"so it changes nothing; rename it"
            )
            notes.append(Diagnostic(str(path), message))
    return tuple(notes) + _missing_assets(config, mine, texts)


# asset("static/logo.svg") in a template, its name written out (a name computed at render time
# is not checked).
_ASSET_CALL = re.compile(r"""\basset\(\s*(["'])([^"'\n]+)\1\s*\)""")


def _missing_assets(config: Config, paths: list[Path], texts: list[str]) -> tuple[Diagnostic, ...]:
    """A warning for each asset() of a site template that names no static file: the page would
    link it without a version, a broken link published in silence (a typo: "static/lgo.svg")."""
    calls = [(path, text, call) for path, text in zip(paths, texts, strict=True) for call in _ASSET_CALL.finditer(text)]
    if not calls:
        return ()
    files = static_files(config)
    return tuple(
        Diagnostic(
            str(path),
            f"asset({call.group(1)}{call.group(2)}{call.group(1)}) names no file of the site's or the theme's "
            "static/ folder, so the page links it without a version and the link is broken; check the name",
            text.count("\n", 0, call.start()) + 1,
        )
        for path, text, call in calls
        if call.group(2).lstrip("/") not in files
    )


def static_files(config: Config) -> dict[str, Path]:
    """Output path -> file, for the default theme's static/ overridden by the site's, file by file.
    A symbolic link is not followed (static_notes says so): as GitHub Pages' Jekyll, sitegen
    publishes no file from outside the site's folders, whatever a link in them points to."""
    files: dict[str, Path] = {}
    for folder in (theme_dir("static"), config.root / "static"):
        for path in _static_paths(folder):
            files["static/" + path.relative_to(folder).as_posix()] = path
    return files


VERSION_DIGITS = 10  # of the SHA-256 in hex: a version (asset_version)


def asset_version(data: bytes) -> str:
    """The version of a static file's bytes that pages link it with (style.css?v=VERSION): the
    first 10 hex digits of their SHA-256 (`sha256sum` shows the same), the same on every machine.

    GitHub Pages lets browsers keep a file for ten minutes: after a deploy, a page linking the
    bare name could be shown with the old stylesheet, or run the old search script on an index
    of a new format. A query rather than a hashed file name: the file keeps its name for those
    who link it (a site's own template, another site), no old copy is left to clean up, and
    GitHub Pages serves the file whatever the query."""
    return hashlib.sha256(data).hexdigest()[:VERSION_DIGITS]


def assets_key(base_key: str, versions: Mapping[str, str], linked: Iterable[str]) -> str:
    """page_key with the versions of the static files that every page may link from Python (the
    stylesheet, the icon, the search script: ``linked``), so that new bytes of one of them render
    every page again, and a file merely touched changes no key. What templates link with
    asset() is in their own record instead (template_dependencies): a static file that no
    page links (a download, a picture a stylesheet names) renders no page again."""
    return cache.environment_key(base_key, [(rel, versions.get(rel)) for rel in sorted(linked)])


def static_notes(config: Config) -> tuple[Diagnostic, ...]:
    """A warning for each symbolic link in the site's static/ folder, and each pipe or device: not
    published (static_files)."""
    folder = config.root / "static"
    return tuple(
        Diagnostic(
            str(link),
            f"symbolic link not followed, so not published; copy the {'folder' if link.is_dir() else 'file'} "
            "into static/ instead",
        )
        for link in _static_paths(folder, links=True)
    ) + tuple(
        Diagnostic(str(path), "not a regular file (a pipe, socket or device), so not published; remove it from static/")
        for path in _static_paths(folder, odd=True)
    )


def _static_paths(folder: Path, links: bool = False, odd: bool = False) -> list[Path]:
    """The files under folder, in order, none hidden and none reached through a symbolic link
    (links=True: the symbolic links instead, each once; odd=True: what is neither a link nor a
    regular file instead, a pipe or a device, which is not published either)."""
    found: list[Path] = []
    if not folder.is_dir():  # (static/ itself may be a link: the site's own choice of folder)
        return found
    for root, dirs, names in os.walk(folder):  # (does not go into a linked folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(root)
        for name in [*dirs, *names] if links else names:
            path = here / name
            if name.startswith(".") or path.is_symlink() != links:
                continue
            if links or path.is_file() != odd:
                found.append(path)
    return sorted(found)


# --- What the pages are made from: the keys of incremental builds ------------------------------

# template -> (every template its pages are made from, every static file they link with asset(),
# digest of their sources and of those files' versions then)
TemplateDeps = dict[str, tuple[tuple[str, ...], tuple[str, ...], str]]


def page_key(config: Config, messages: dict) -> str:
    """Fingerprint of what shapes every page besides articles and templates: configuration, catalogs."""
    settings = dataclasses.replace(config, strict=False, config_file=None, cache=True)
    return cache.environment_key(repr(settings), messages)


def site_key(base_key: str, env: jinja2.Environment, source_of: Callable[[str], str | None]) -> str:
    """Fingerprint of everything besides the articles that shapes the site: page_key and every template."""
    loader = env.loader
    names = sorted(loader.list_templates() if loader else [])
    return cache.environment_key(base_key, [(name, source_of(name)) for name in names])


class TemplateSources:
    """name -> the source the environment's loader finds for it (None: no such template), read once;
    and what each template names statically (extends, include, import; the static files of its
    asset() calls), with "*" for a name computed at render time."""

    def __init__(self, env: jinja2.Environment):
        self._env = env
        self._sources: dict[str, str | None] = {}
        self._references: dict[str, frozenset[str]] = {}
        self._assets: dict[str, frozenset[str]] = {}

    def __call__(self, name: str) -> str | None:
        if name == ALL_TEMPLATES:
            return repr([(n, self(n)) for n in self.names()])
        if name not in self._sources:
            loader = self._env.loader
            try:
                self._sources[name] = loader.get_source(self._env, name)[0] if loader else None
            except jinja2.TemplateNotFound:
                self._sources[name] = None
        return self._sources[name]

    def names(self) -> list[str]:
        loader = self._env.loader
        return sorted(loader.list_templates()) if loader else []

    def closure(self, names: Iterable[str]) -> tuple[str, ...]:
        """names and every template they name, transitively; ("*",) when one is only known at
        render time. Runtime records alone miss what a cached import module asked for once."""
        seen: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            if name not in self._references:
                self._scan(name)
            if ALL_TEMPLATES in self._references[name]:
                return (ALL_TEMPLATES,)
            todo += self._references[name]
        return tuple(sorted(seen))

    def assets(self, names: Iterable[str]) -> tuple[str, ...]:
        """The static files that the templates ``names`` link with asset() ("static/logo.svg"),
        or ("*",) when one of them computes a name at render time (or is any template)."""
        found: set[str] = set()
        for name in names:
            if name == ALL_TEMPLATES:
                return (ALL_ASSETS,)
            if name not in self._assets:
                self._scan(name)
            found |= self._assets[name]
        return (ALL_ASSETS,) if ALL_ASSETS in found else tuple(sorted(found))

    def _scan(self, name: str) -> None:
        source = self(name)
        tree = self._env.parse(source, name) if source else None
        found = jinja2.meta.find_referenced_templates(tree) if tree is not None else ()
        self._references[name] = frozenset(ALL_TEMPLATES if n is None else n for n in found)
        self._assets[name] = linked_assets(tree) if tree is not None else frozenset()


ALL_ASSETS = "*"  # a dependency on every static file there is (asset() of a name computed at render time)


def linked_assets(tree: jinja2.nodes.Template) -> frozenset[str]:
    """The static files a template links with asset("static/...") (the name written out, as the
    renderer looks it up); "*" when it uses asset any other way (a name computed at render time,
    asset handed to a macro), which may link any file."""
    found: set[str] = set()
    constant: set[int] = set()
    for call in tree.find_all(jinja2.nodes.Call):
        target, args = call.node, call.args
        if (
            isinstance(target, jinja2.nodes.Name)
            and target.name == "asset"
            and len(args) == 1
            and isinstance(args[0], jinja2.nodes.Const)
            and isinstance(args[0].value, str)
            and not call.kwargs
            and call.dyn_args is None
            and call.dyn_kwargs is None
        ):
            found.add(args[0].value.lstrip("/"))
            constant.add(id(target))
    if any(n.name == "asset" and id(n) not in constant for n in tree.find_all(jinja2.nodes.Name)):
        return frozenset({ALL_ASSETS})
    return frozenset(found)


ALL_TEMPLATES = "*"  # a dependency on every template there is (a name computed at render time)


def _templates_digest(
    names: Iterable[str], assets: Iterable[str], source_of: Callable[[str], str | None], versions: Mapping[str, str]
) -> str:
    assets = sorted(assets)
    linked = sorted(versions.items()) if ALL_ASSETS in assets else [(rel, versions.get(rel)) for rel in assets]
    return cache.environment_key([(name, source_of(name)) for name in sorted(names)], linked)


def unchanged_templates(
    before: TemplateDeps, source_of: Callable[[str], str | None], versions: Mapping[str, str]
) -> set[str]:
    """The templates whose pages the previous build made from sources, and static files linked
    with asset(), that are all unchanged (``versions``: static file -> version).

    A page of any other template (or of one the previous build did not record) is rendered
    again: its fingerprint alone, which does not cover templates, cannot keep it.
    """
    return {
        top
        for top, (names, assets, digest) in before.items()
        if _templates_digest(names, assets, source_of, versions) == digest
    }


def template_dependencies(
    before: TemplateDeps,
    unchanged: set[str],
    requested: Mapping[str, set[str]],
    source_of: TemplateSources,
    versions: Mapping[str, str],
) -> TemplateDeps:
    """What this build's pages are made from, for the next build's unchanged_templates().

    The pages of a changed template were all rendered, so what they asked for is complete; those
    of an unchanged one were rendered only where their data changed, so the previous build's
    record is kept as well (a dependency is dropped only when its template is rendered in full).
    """
    deps: TemplateDeps = {}
    for top in sorted(set(requested) | unchanged):
        asked = {top, *requested.get(top, ())}
        if top in unchanged and (ALL_TEMPLATES in before[top][0] or asked.issubset(before[top][0])):
            deps[top] = before[top]  # nothing new (an article edit): no template parsed again
            continue
        names = set(source_of.closure(asked))
        if top in unchanged:
            names.update(before[top][0])
        if ALL_TEMPLATES in names:
            names = {ALL_TEMPLATES}
        assets = source_of.assets(names)
        deps[top] = (tuple(sorted(names)), assets, _templates_digest(names, assets, source_of, versions))
    return deps
