"""Addresses written as valid URLs, leading where a browser would have led (sitegen.urls)."""

from __future__ import annotations

import pytest
import sitecheck
from conftest import write_source

from sitegen.cli import main
from sitegen.markup import render_body, render_markdown
from sitegen.sanitize import changed_diagnostics
from sitegen.urls import ARTICLE_STEM, fixed_url, unreachable
from sitegen.views import linkify


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("https://x.org/my file.pdf", "https://x.org/my%20file.pdf"),
        ('https://x.org/a>b<c"d', "https://x.org/a%3Eb%3Cc%22d"),
        ("https://x.org/{a}|^`", "https://x.org/%7Ba%7D%7C%5E%60"),
        ("htt\nps://x.org/a\tb", "https://x.org/ab"),  # a link typed over two lines: browsers drop the break
        ("https://x.org/a\\b?q=\\c#d\\e", "https://x.org/a/b?q=\\c#d\\e"),  # a backslash is a slash in the path only
        ("https:\\\\x.org\\a", "https://x.org/a"),
        ("https:/x.org/a", "https://x.org/a"),  # one slash too few, or too many: two to a browser
        ("HTTPS:///x.org/a", "HTTPS://x.org/a"),
        ("https:x.org", "https:x.org"),  # without a slash, a path relative to the page
        ("https://x.org/a#b#c", "https://x.org/a#b%23c"),
        ("https://x.org/100%", "https://x.org/100%25"),
        ("https://x.org/a%20b", "https://x.org/a%20b"),  # an escape stays one
        ("https://x.org/5\ufffd06", "https://x.org/5%EF%BF%BD06"),
        ("https://[::1]/x[1]", "https://[::1]/x%5B1%5D"),  # brackets are an IPv6 host's only
        ("https://ar.wikipedia.org/wiki/مصر", "https://ar.wikipedia.org/wiki/مصر"),  # an IRI stays readable
        ("mailto:a b@x.org", "mailto:a%20b@x.org"),
        ("#frag ment", "#frag%20ment"),
        ("my pic.png", "my%20pic.png"),
        ("https://x.org/?a=1&b=2", "https://x.org/?a=1&b=2"),
        (f"{ARTICLE_STEM}../other post", f"{ARTICLE_STEM}../other post"),  # resolved later, by its file
    ],
)
def test_an_address_is_written_as_a_valid_url_that_leads_where_the_browser_would(typed: str, written: str) -> None:
    assert fixed_url(typed) == written


def test_links_and_pictures_of_markdown_and_bare_addresses_are_valid_urls() -> None:
    html = render_markdown(
        '[report](https://x.org/my file.pdf) ![map](my map.png) <a href="https://x.org/a b">raw</a>\n\n'
        "See https://x.org/a|b today.\n"
    )
    assert '<a href="https://x.org/my%20file.pdf" rel="noopener noreferrer">report</a>' in html
    assert 'src="my%20map.png"' in html and '<a href="https://x.org/a%20b" rel="noopener noreferrer">raw</a>' in html
    assert '<a href="https://x.org/a%7Cb" dir="ltr" rel="noopener noreferrer">https://x.org/a|b</a>' in html


def test_an_article_with_addresses_typed_with_spaces_and_symbols_is_valid_on_its_page(tmp_path, capsys, vnu) -> None:
    """Each was a Nu error ("Illegal character in path segment"), though browsers follow them."""
    post = (
        "---\ntitle: Links\ndate: 2024-05-01\n---\n\n[The report](https://x.org/annual report 2023.pdf), "
        "[a search](https://x.org/?q=a|b&lang=ar#top#2), [a page](https:\\\\x.org\\news) and "
        "[another](https:/x.org/b).\n\nAnd [a typo](https:ـ//x.org/c).\n"
    )
    text = "19 April 2024\n\nBare links\n\nSee https://x.org/a|b and https://x.org/{id} for more.\n"
    out = tmp_path / "out"
    assert (
        main(
            [
                "build",
                "--source",
                str(write_source(tmp_path, {"links.md": post, "bare.txt": text})),
                "--output",
                str(out),
            ]
        )
        == 0
    )
    assert "links.md:8: the link to 'https:ـ//x.org/c' names no site a browser can reach" in capsys.readouterr().err
    page = (out / "articles" / "links" / "index.html").read_text("utf-8")
    assert 'href="https://x.org/annual%20report%202023.pdf"' in page
    assert 'href="https://x.org/?q=a%7Cb&amp;lang=ar#top%232"' in page and 'href="https://x.org/news"' in page
    assert 'href="https://x.org/b"' in page
    bare = (out / "articles" / "bare-links" / "index.html").read_text("utf-8")
    assert 'href="https://x.org/a%7Cb"' in bare and 'href="https://x.org/%7Bid%7D"' in bare
    assert sitecheck.vnu_errors(out) == []


@pytest.mark.parametrize(
    ("address", "reached"),
    [
        ("https://x.org/a", True),
        ("https://مثال.مصر/خبر", True),  # a host in Arabic letters
        ("http://x.org:8080/a", True),
        ("https://[::1]/a", True),
        ("mailto:a@x.org", True),  # not a web address: not judged here
        ("../other/", True),
        ("https:ـ//x.org/a", False),  # no slashes after the scheme
        ("https:**//x.org", False),
        ("https://x.org[1]", False),
        ("https://x%.org/", False),
        ("https://user@x.org/", False),  # a user name: browsers refuse or ask
        ("https://", False),
    ],
)
def test_an_address_names_a_host_a_browser_can_reach_or_not(address: str, reached: bool) -> None:
    assert unreachable(address) is not reached


def test_a_link_to_an_address_no_browser_can_reach_is_its_words_with_a_warning_at_its_line() -> None:
    body = 'Intro.\n\nSee [the report](https:ـ//x.org/r) and <a href="https://a@x.org" title="t">this</a>.\n'
    html, changed = render_body(body)
    assert html == '<p>Intro.</p>\n<p>See the report and <span title="t">this</span>.</p>'
    notes = changed_diagnostics(changed, body, "a.md", 4)
    assert [(n.line, n.message.split(" names")[0]) for n in notes] == [
        (6, "the link to 'https:ـ//x.org/r'"),
        (6, "the link to 'https://a@x.org'"),
    ]


def test_text_that_only_looks_like_an_address_is_not_linked() -> None:
    assert str(linkify("see https://x.org[1] and https://x%.org now")) == "see https://x.org[1] and https://x%.org now"
