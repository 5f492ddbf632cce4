"""The template environment: sitegen's faster lookups must not change what templates produce."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from sitegen.config import Config
from sitegen.theme import make_environment


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
