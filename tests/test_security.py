"""Browser-side safety: a strict CSP the site satisfies, no third-party requests, safe external links."""

from __future__ import annotations

import json
import re
from html import unescape

import sitecheck
from conftest import FIXTURES, REPO, build_site


def test_csp_option_adds_a_policy_that_the_site_satisfies(tmp_path, vnu):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitegen.toml").write_text("csp = true\n", "utf-8")
    out = build_site(FIXTURES / "archive", tmp_path / "out", "--config", str(site / "sitegen.toml"))
    for page in sitecheck.page_files(out):
        html = page.read_text("utf-8")
        assert "Content-Security-Policy" in html and "script-src 'self'" in unescape(html)
        # Pictures from the site or over https only: the site uses no data: URL, and a plain http
        # picture is warned about when the article is read.
        assert "img-src 'self' https:;" in unescape(html) and "data:" not in html, page
        # No inline script: a JSON-LD block is data, which browsers never run (nor CSP checks).
        assert not re.search(r"<script(?![^>]*\bsrc=)(?! type=\"application/ld\+json\">)", html), page
        for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            assert "<" not in data and json.loads(data)["@context"] == "https://schema.org", page
        assert "<style" not in html and " style=" not in html, page  # no inline style
        assert not re.search(r" on[a-z]+=", html), page
    assert sitecheck.vnu_errors(out) == []


def test_no_third_party_requests(mixed_site):
    for page in sitecheck.page_files(mixed_site):
        html = page.read_text("utf-8")
        for url in re.findall(r'<(?:link|script|img)[^>]+(?:href|src)="([^"]+)"', html):
            assert not url.startswith(("http:", "https:", "//")) or url.startswith(
                "https://example.github.io/archive/"
            ), (
                page,
                url,
            )
    css = (REPO / "static" / "style.css").read_text("utf-8")
    assert "@import" not in css and "url(http" not in css


def test_external_links_get_noopener(mixed_site):
    for page in sitecheck.page_files(mixed_site):
        for tag in re.findall(r'<a [^>]*href="https?://[^"]+"[^>]*>', page.read_text("utf-8")):
            if "example.github.io/archive" in tag:
                continue
            assert "noopener" in tag, (page, tag)
