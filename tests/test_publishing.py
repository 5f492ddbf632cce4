"""Feeds, sitemap, robots.txt, canonical links and sub-path hosting."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import sitecheck
import yaml
from conftest import REPO, build_site, write_source

from sitegen import feeds, manifest
from sitegen.cli import main

BASE_URL = "https://example.github.io/archive/"


def text_of(element: ET.Element, path: str, ns: dict[str, str]) -> str:
    """The text of the child at ``path``, which must be there and not empty."""
    child = element.find(path, ns)
    assert child is not None and child.text is not None, path
    return child.text


def local(site: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path)
    assert path.startswith("/archive/"), url
    rel = path[len("/archive/") :]
    return site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


def test_feeds_parse_without_error_and_links_resolve(mixed_site):
    feeds = sorted(mixed_site.rglob("feed.xml"))
    assert mixed_site / "feed.xml" in feeds and mixed_site / "en" / "feed.xml" in feeds
    assert mixed_site / "tags" / "russia" / "feed.xml" in feeds
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.feed.title and parsed.feed.id and parsed.feed.updated
        for entry in parsed.entries:
            assert entry.title and entry.id and entry.updated
            assert local(mixed_site, entry.link).is_file(), entry.link


def test_site_feed_updated_is_the_newest_article_date_and_undated_are_left_out(mixed_site):
    parsed = feedparser.parse((mixed_site / "feed.xml").read_bytes())
    assert parsed.feed.updated == "2024-06-10T00:00:00Z"
    assert parsed.entries[0].updated == "2024-06-10T00:00:00Z"
    titles = [e.title for e in parsed.entries]
    assert not any("بوتين يبحث" in t for t in titles)  # the undated seed
    assert "علاقات روسية ـ باكستانية متنامية" in titles


UPDATED_ARCHIVE = {
    "updated.txt": "الجمعة 19 أبريل 2024\nخبر حُدّث بعد نشره\nآخر تحديث: ١ أيار ٢٠٢٤\n\nنص الخبر الأول.\n",
    "plain.md": "Title: A story never updated\nDate: 2024-04-25\nTags: Economy\nLang: en\n\nBody.\n",
    "mistyped.md": "Title: An update typed wrong\nDate: 2024-04-20\nUpdated: 2024-04-18\nLang: en\n\nBody.\n",
    "undated.txt": "خبر بلا تاريخ\nنص الخبر الذي لا تاريخ له.\n",
}


def test_feed_entries_are_updated_on_their_update_date_and_the_feed_on_the_newest(tmp_path):
    site = build_site(write_source(tmp_path, UPDATED_ARCHIVE), tmp_path / "out", "--base-url", BASE_URL)
    for feed in ("feed.xml", "en/feed.xml"):
        parsed = feedparser.parse((site / feed).read_bytes())
        assert parsed.feed.updated == "2024-05-01T00:00:00Z"
        assert {e.title: (e.published, e.updated) for e in parsed.entries} == {
            "خبر حُدّث بعد نشره": ("2024-04-19T00:00:00Z", "2024-05-01T00:00:00Z"),
            "A story never updated": ("2024-04-25T00:00:00Z", "2024-04-25T00:00:00Z"),
            "An update typed wrong": ("2024-04-20T00:00:00Z", "2024-04-20T00:00:00Z"),  # never before published
        }


def test_sitemap_lastmod_is_the_update_or_publication_date_of_a_page_or_the_newest_it_lists(tmp_path):
    (tmp_path / "sitegen.toml").write_text("per_page = 2\n", "utf-8")
    source = write_source(tmp_path, UPDATED_ARCHIVE)
    site = build_site(source, tmp_path / "out", "--base-url", BASE_URL, "--config", str(tmp_path / "sitegen.toml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    lastmod = {
        unquote(text_of(u, "s:loc", ns))[len(BASE_URL) :]: getattr(u.find("s:lastmod", ns), "text", None)
        for u in root.findall("s:url", ns)
    }
    assert {url: lastmod[url] for url in lastmod if url.startswith("articles/")} == {
        "articles/خبر-حدث-بعد-نشره/": "2024-05-01",
        "articles/a-story-never-updated/": "2024-04-25",
        "articles/an-update-typed-wrong/": "2024-04-20",
        "articles/خبر-بلا-تاريخ/": None,
    }
    for prefix in ("", "en/"):
        assert lastmod[prefix] == "2024-04-25"  # page 1: the story of 25 April and the one of 20 April
        assert lastmod[prefix + "page/2/"] == "2024-05-01"  # page 2: the one updated on 1 May, the undated one
        assert lastmod[prefix + "archive/"] == lastmod[prefix + "archive/2024/"] == "2024-05-01"
        assert lastmod[prefix + "tags/economy/"] == lastmod[prefix + "tags/"] == "2024-04-25"  # the tagged story
    # The Hijri archive (Arabic interface only): 19 April and 1 May 2024 are in Shawwal 1445.
    assert lastmod["archive/hijri/"] == lastmod["archive/hijri/1445/"] == "2024-05-01"
    assert not any(url.startswith("en/archive/hijri") for url in lastmod)
    rebuilt = build_site(source, tmp_path / "again", "--base-url", BASE_URL, "--config", str(tmp_path / "sitegen.toml"))
    assert (rebuilt / "sitemap.xml").read_bytes() == (site / "sitemap.xml").read_bytes()


def test_site_feed_carries_full_content(mixed_site):
    parsed = feedparser.parse((mixed_site / "feed.xml").read_bytes())
    entry = next(e for e in parsed.entries if e.title == "علاقات روسية ـ باكستانية متنامية")
    assert "وتباحث الوزيران حول آفاق التعاون في قطاع الطاقة" in entry.content[0].value


def test_sitemap_lists_every_page_and_every_url_resolves(mixed_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(mixed_site / "sitemap.xml").getroot()
    locs = [e.text for e in root.findall("s:url/s:loc", ns)]
    for loc in locs:
        assert loc is not None and local(mixed_site, loc).is_file(), loc
    for link in root.findall("s:url/x:link", ns):
        href = link.get("href")
        assert href is not None and local(mixed_site, href).is_file()
    pages = [p for p in sitecheck.content_pages(mixed_site) if p.name != "404.html" and p.parent.name != "search"]
    assert len(locs) == len(pages)


def sitemap_urls(site: Path) -> dict[str, list[str]]:
    """sitemap.xml and each sitemap it indexes -> the page URLs it lists."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    found = {}
    for path in [site / "sitemap.xml", *sorted(site.glob("sitemap-*.xml"))]:
        root = ET.parse(path).getroot()
        found[path.name] = [e.text or "" for e in root.findall("s:url/s:loc", ns)]  # "" (empty <loc>): no page
    return found


def test_more_pages_than_one_sitemap_may_hold_get_a_sitemap_index(tmp_path, monkeypatch):
    """The protocol allows 50,000 URLs in a sitemap; 100,000 articles make some 220,000 pages, which
    all went into one sitemap.xml, which search engines refuse. An incremental build of a site
    that shrank under the limit leaves no part behind."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    (tmp_path / "sitegen.toml").write_text("per_page = 2\n", "utf-8")
    args = ("--base-url", BASE_URL, "--config", str(tmp_path / "sitegen.toml"))
    smaller = {name: text for name, text in UPDATED_ARCHIVE.items() if name != "undated.txt"}
    (tmp_path / "small").mkdir()
    small = build_site(write_source(tmp_path / "small", smaller), tmp_path / "small-out", *args)
    limit = len(sitemap_urls(small)["sitemap.xml"])
    monkeypatch.setattr(feeds, "SITEMAP_MAX_URLS", limit)
    source = write_source(tmp_path, UPDATED_ARCHIVE)
    site = build_site(source, tmp_path / "out", *args)
    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = sorted(site.glob("sitemap-*.xml"), key=lambda p: int(p.stem.split("-")[1]))
    assert len(parts) == 2
    assert [e.text for e in index.findall("s:sitemap/s:loc", ns)] == [BASE_URL + p.name for p in parts]
    listed = sitemap_urls(site)
    assert listed["sitemap.xml"] == []
    assert all(0 < len(listed[p.name]) <= limit for p in parts)
    urls = [url for p in parts for url in listed[p.name]]
    pages = [p for p in sitecheck.page_files(site) if p.name != "404.html" and p.parent.name != "search"]
    assert len(urls) == len(set(urls)) == len(pages) > limit
    assert all(local(site, url).is_file() for url in urls)
    # Each part's <lastmod> in the index is the newest of its pages'.
    for entry, part in zip(index.findall("s:sitemap", ns), parts, strict=True):
        days = [e.text or "" for e in ET.parse(part).getroot().findall("s:url/s:lastmod", ns)]
        assert getattr(entry.find("s:lastmod", ns), "text", None) == max(days, default=None)
    assert f"Sitemap: {BASE_URL}sitemap.xml" in (site / "robots.txt").read_text()
    clean = build_site(source, tmp_path / "clean", *args)
    for path in [site / "sitemap.xml", *parts]:
        assert path.read_bytes() == (clean / path.name).read_bytes()
    # An edit that changes no listing keeps every part by its key, without counting the pages.
    counted: list[int] = []
    count = manifest.Listed.__len__

    def counting_len(listed: manifest.Listed) -> int:
        counted.append(1)
        return count(listed)

    monkeypatch.setattr(manifest.Listed, "__len__", counting_len)
    updated = source / "updated.txt"
    updated.write_text(updated.read_text("utf-8") + "\nفقرة أخرى في آخر الخبر.\n", "utf-8")
    build_site(source, site, *args)
    assert not counted
    for path in [site / "sitemap.xml", *parts]:
        assert path.read_bytes() == (clean / path.name).read_bytes()
    (source / "undated.txt").unlink()
    build_site(source, site, *args)
    assert not list(site.glob("sitemap-*.xml"))
    assert (site / "sitemap.xml").read_bytes() == (small / "sitemap.xml").read_bytes()


def test_robots_points_at_the_sitemap(mixed_site):
    assert (mixed_site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {BASE_URL}sitemap.xml\n"


def test_every_page_has_an_absolute_canonical_link_under_the_base_url(mixed_site):
    for page in sitecheck.page_files(mixed_site):
        html = page.read_text("utf-8")
        if page.name == "404.html":
            assert 'rel="canonical"' not in html
            continue
        found = re.search(r'<link rel="canonical" href="([^"]+)">', html)
        assert found is not None, page
        canonical = found.group(1)
        assert canonical.startswith(BASE_URL)
        if sitecheck.is_redirect(page):  # an earlier address: the article it leads to is canonical
            refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
            assert refresh is not None, page
            target = refresh.group(1)
            assert canonical == BASE_URL.removesuffix("/archive/") + target
            assert local(mixed_site, canonical).parent.parent.name == "articles"
        else:
            assert local(mixed_site, canonical) == page


def test_github_pages_files(mixed_site, tmp_path):
    assert (mixed_site / ".nojekyll").exists() and (mixed_site / "404.html").exists()
    assert not (mixed_site / "CNAME").exists()
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitegen.toml").write_text('cname = "news.example.org"\n')
    out = build_site(REPO / "seeds", tmp_path / "out", "--config", str(site / "sitegen.toml"))
    assert (out / "CNAME").read_text() == "news.example.org\n"


def test_no_feeds_or_sitemap_without_base_url_and_no_link_to_them(seeds_site):
    assert not (seeds_site / "sitemap.xml").exists()
    assert not list(seeds_site.rglob("feed.xml"))
    assert "Sitemap" not in (seeds_site / "robots.txt").read_text()
    for page in sitecheck.page_files(seeds_site):
        assert "feed.xml" not in page.read_text("utf-8"), page


def test_relative_links_in_feed_content_resolve_to_the_pages_they_link_to_on_the_site(tmp_path):
    first = "Title: First story\nDate: 2024-05-01\nLang: en\n\nSee [the second](../second-story/) and [top](#top).\n"
    second = "Title: Second story\nDate: 2024-05-02\nLang: en\n\nBody.\n"
    source = write_source(tmp_path, {"a.md": first, "b.md": second})
    site = build_site(source, tmp_path / "out", "--base-url", BASE_URL)
    entry = next(e for e in feedparser.parse((site / "feed.xml").read_bytes()).entries if e.title == "First story")
    hrefs = re.findall(r'href="([^"]+)"', entry.content[0].value)
    assert hrefs == [f"{BASE_URL}articles/second-story/", f"{BASE_URL}articles/first-story/#top"]
    assert local(site, hrefs[0]).is_file()


def test_pages_workflow_builds_with_the_readme_command_into_the_folder_it_uploads():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    build = next(s["run"] for s in steps if "sitegen build" in s.get("run", ""))
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert build.startswith("python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/sitegen build ")
    output = re.search(r"--output (\S+)", build)
    assert output is not None, "without --output, an `output` key in sitegen.toml moves the site away from the upload"
    assert upload["with"]["path"] == output.group(1)


def test_ci_workflow_runs_the_test_command_on_the_oldest_python_the_project_allows_and_newer():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    job = workflow["jobs"]["test"]
    assert any(s.get("run") == "bash .ci/run" for s in job["steps"])
    versions = job["strategy"]["matrix"]["python-version"]
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    oldest = re.fullmatch(r">=(3\.\d+)", project["requires-python"])
    assert oldest is not None and versions[0] == oldest.group(1)
    assert len(versions) >= 3 and sorted(versions, key=lambda v: int(v.split(".")[1])) == versions
    python = "Programming Language :: Python :: "
    said = [c.removeprefix(python) for c in project["classifiers"] if c.startswith(python + "3.")]
    assert said == versions  # what the package says it supports is what CI tests


def test_a_cname_alone_gives_feeds_sitemap_and_canonical_links_on_the_custom_domain(tmp_path, capsys):
    """With only cname set, the domain was known but no feed, sitemap or canonical link was made."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitegen.toml").write_text('per_page = 5\ncname = "news.example.org"\n', "utf-8")
    out = tmp_path / "out"
    capsys.readouterr()
    source = write_source(tmp_path, {"a.md": "Title: A story\nDate: 2024-05-01\nLang: en\n\nText.\n"})
    args = ["build", "--source", str(source), "--output", str(out), "--config", str(site / "sitegen.toml")]
    assert main([*args, "--strict"]) == 0  # a note, not a warning
    err = capsys.readouterr().err
    assert f"INFO: {site / 'sitegen.toml'}:2: no base_url set: using https://news.example.org/ from 'cname'" in err
    assert "Atom feeds and sitemap.xml (which need absolute URLs) are not made" not in err
    assert (out / "feed.xml").is_file() and (out / "CNAME").read_text() == "news.example.org\n"
    assert "Sitemap: https://news.example.org/sitemap.xml" in (out / "robots.txt").read_text()
    assert '<link rel="canonical" href="https://news.example.org/">' in (out / "index.html").read_text("utf-8")
    (site / "sitegen.toml").write_text('cname = "news.example.org"\nbase_url = "https://user.github.io/repo/"\n')
    assert main([*args, "--strict"]) == 1
    assert f"WARNING: {site / 'sitegen.toml'}:2: base_url https://user.github.io/repo/ is not on the custom domain" in (
        capsys.readouterr().err
    )
