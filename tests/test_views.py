"""views: what templates show of an article's text."""

from __future__ import annotations

import pytest

from sitegen.views import linkify


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("انظر https://en.wikipedia.org/wiki/Python_(programming_language) هنا", "Python_(programming_language)"),
        ("(https://en.wikipedia.org/wiki/Python_(programming_language)).", "Python_(programming_language)"),
        ("انظر (https://example.org/a).", "example.org/a"),
        ("المصدر: https://example.org/a، ثم", "example.org/a"),
        ("تغريدة مقتطعة https://t.co/abc…", "t.co/abc"),
    ],
)
def test_a_url_keeps_its_own_parentheses_and_leaves_the_sentences_punctuation(text, url):
    html = str(linkify(text))
    href = html.split('href="', 1)[1].split('"', 1)[0]
    assert href.endswith(url)
    assert html.replace(f'<a href="{href}" dir="ltr" rel="noopener noreferrer">{href}</a>', href) == text
