"""The template environment: sitegen's faster lookups must not change what templates produce."""

from __future__ import annotations

from pathlib import Path

import jinja2
import markupsafe
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from sitegen.config import Config
from sitegen.theme import make_environment, output_escape


def _env(tmp_path: Path, templates: dict[str, str]) -> jinja2.Environment:
    folder = tmp_path / "templates"
    folder.mkdir()
    for name, text in templates.items():
        (folder / name).write_text(text, encoding="utf-8")
    return make_environment(Config(root=tmp_path, source=tmp_path / "src", output=tmp_path / "out"))


def test_dotted_names_on_dicts_give_keys_and_dict_methods_as_jinja_does(tmp_path):
    env = _env(tmp_path, {"page.html": "{{ d.title }}|{{ d.items()|list|length }}|{{ d['title'] }}"})
    assert env.get_template("page.html").render(d={"title": "عنوان", "items": "shadowed"}) == "عنوان|2|عنوان"


def test_a_missing_key_is_still_an_error(tmp_path):
    env = _env(tmp_path, {"page.html": "{{ d.nope }}"})
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("page.html").render(d={"title": "x"})


def test_dict_subclass_attributes_win_over_keys(tmp_path):
    class View(dict):
        __slots__ = ()

        def card(self) -> str:
            return "card of " + self["title"]

    env = _env(tmp_path, {"page.html": "{{ v.card() }}|{{ v.title }}"})
    assert env.get_template("page.html").render(v=View(title="t", card="key")) == "card of t|t"


def test_imported_macros_see_jinja_globals_and_template_globals(tmp_path):
    env = _env(
        tmp_path,
        {
            "_m.html": "{% macro count(n) %}{% for i in range(n) %}{{ i }}{% endfor %}{{ mark }}{% endmacro %}",
            "page.html": '{% from "_m.html" import count %}{{ count(3) }}',
        },
    )
    env.get_template("_m.html", globals={"mark": "!"})
    assert env.get_template("page.html").render() == "012!"
    assert "mark" not in env.globals  # a template's globals never leak into the environment's


class _Html:
    def __html__(self) -> str:
        return "<b>safe</b>"


@pytest.mark.parametrize(
    "value",
    ["plain", "<script>&\"'</script>", "عنوان <مقال>", "", Markup("<i>ok</i>"), 42, 3.5, None, _Html(), ["<a>"]],
)
def test_printed_values_are_escaped_exactly_as_markupsafe_escapes_them(value):
    assert output_escape(value) == str(markupsafe.escape(value))


@given(st.text())
def test_any_text_is_escaped_as_markupsafe_escapes_it(text):
    assert output_escape(text) == str(markupsafe.escape(text))


def test_pages_are_the_same_as_with_jinjas_own_code_generator(tmp_path):
    templates = {
        "_m.html": "{% macro box(x) %}<div>{{ x }}</div>{% endmacro %}",
        "page.html": (
            '{% from "_m.html" import box %}{% set note %}<{{ a }}>{% endset %}'
            "{{ a }}|{{ box(a) }}|{{ note }}|{{ m }}|{{ n }}|{{ a ~ m }}|{{ a|upper }}|{{ f(a) }}"
            "{% for x in xs %}{{ loop.index }}{{ x }}{% endfor %}"
            "{% filter upper %}{{ a }}{% endfilter %}{% autoescape false %}{{ a }}{% endautoescape %}"
        ),
    }
    ours = _env(tmp_path, templates)
    plain = jinja2.Environment(loader=ours.loader, autoescape=True, undefined=jinja2.StrictUndefined)
    data = {"a": "<&'\">", "m": Markup("<b>bold</b>"), "n": 7, "xs": ["<x>", Markup("<y>")], "f": lambda s: s * 2}
    assert ours.get_template("page.html").render(data) == plain.get_template("page.html").render(data)


def test_functions_marked_pass_context_still_get_the_context(tmp_path):
    @jinja2.pass_context
    def who(context, suffix):
        return context["name"] + suffix

    @jinja2.pass_environment
    def env_kind(environment):
        return type(environment).__name__

    env = _env(tmp_path, {"page.html": "{{ who('!') }}|{{ kind() }}|{% for i in [1] %}{{ who('?') }}{% endfor %}"})
    assert env.get_template("page.html").render(name="x", who=who, kind=env_kind) == "x!|_Environment|x?"


def test_an_undefined_value_printed_is_still_an_error(tmp_path):
    env = _env(tmp_path, {"page.html": "{{ missing }}"})
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("page.html").render()


def test_a_template_or_catalog_of_the_site_that_is_a_symbolic_link_to_nothing_is_warned_about(tmp_path: Path) -> None:
    """sitegen's own template (or catalog) was used in its place without a word."""
    from sitegen.theme import folder_notes

    for folder, name in (("templates", "base.html"), ("locales", "ar.toml")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).symlink_to(tmp_path / "moved" / name)
    notes = folder_notes(Config(root=tmp_path, source=tmp_path / "src", output=tmp_path / "out"))
    assert [(n.file, n.message.split(",")[0]) for n in notes] == [
        (str(tmp_path / "templates" / "base.html"), "symbolic link to a file that does not exist"),
        (str(tmp_path / "locales" / "ar.toml"), "symbolic link to a file that does not exist"),
    ]
