"""Tests of the site-checking helpers themselves, on tiny hand-made sites."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import quote

import pytest
import sitecheck
from sitecheck import broken_links, page_files, vnu_errors, vnu_report

ARTICLE_DIR = "مقالات"  # "articles"
ARTICLE = "الاقتصاد"  # "the economy"


def page(body: str, title: str = "Test page", lang: str = "en", head: str = "") -> str:
    """A complete, valid HTML document around body."""
    direction = "rtl" if lang == "ar" else "ltr"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{title}</title>\n{head}</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def write_site(root: Path, files: dict[str, str]) -> Path:
    """Write files (relative path -> text) under root and return root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# ---------------------------------------------------------------------------- vnu


def test_valid_pages_and_css_have_no_vnu_errors(vnu: str, tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "index.html": page(
                '<main><h1>Home</h1><p><a href="ar/index.html">عربي</a></p>'
                '<img src="logo.png" alt="Logo" width="10" height="10"></main>',
                head='<link rel="stylesheet" href="style.css">\n',
            ),
            "ar/index.html": page("<main><h1>الرئيسية</h1><p>أخبار اليوم من الأرشيف.</p></main>", lang="ar"),
            "style.css": "body { margin: 0; color: #222; }\n",
        },
    )
    assert vnu_errors(site) == []


def test_obsolete_center_and_img_without_alt_are_errors_naming_the_file(vnu: str, tmp_path: Path) -> None:
    rel = f"{ARTICLE_DIR}/bad.html"
    site = write_site(
        tmp_path,
        {
            "index.html": page("<main><h1>Fine</h1></main>"),
            rel: page('<main><h1>Bad</h1>\n<center>old</center>\n<img src="x.png"></main>'),
        },
    )
    errors = vnu_errors(site)
    assert len(errors) == 2, errors
    assert all(e.startswith(f"{rel}:") for e in errors), errors
    assert any("center" in e and "obsolete" in e for e in errors), errors
    assert any("img" in e and "alt" in e for e in errors), errors
    line_of_center = int(next(e for e in errors if "center" in e).split(":")[1])
    # The line of <center>; java -jar says one less after <meta charset> (see _VnuServer).
    assert line_of_center == (9 if sitecheck.vnu_is_warm() else 8)


def test_invalid_css_is_an_error(vnu: str, tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {"index.html": page("<main><h1>Home</h1></main>"), "style.css": "body { colour: red; }\n"},
    )
    errors = vnu_errors(site)
    assert len(errors) == 1 and errors[0].startswith("style.css:1:"), errors


def test_warnings_are_reported_apart_from_errors(vnu: str, tmp_path: Path) -> None:
    # A <section> without a heading is valid, but vnu warns about it.
    site = write_site(tmp_path, {"index.html": page("<main><h1>Home</h1><section><p>x</p></section></main>")})
    report = vnu_report(site)
    assert report.errors == []
    assert len(report.warnings) == 1 and "Section lacks heading" in report.warnings[0]
    assert report.version.startswith("26.9.27")


def test_the_warm_checker_says_what_the_command_line_says(vnu: str, tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "index.html": page("<main><h1>Home</h1><section><p>x</p></section></main>"),
            f"{ARTICLE_DIR}/bad.html": page('<main><h1>Bad</h1>\n<center>old</center>\n<img src="x.png"></main>'),
            "ar/index.html": page("<main><h1>الرئيسية</h1><p>أخبار.</p></main>", lang="ar"),
            "style.css": "body { colour: red; }\n",
        },
    )
    cmd, version = sitecheck.vnu_command()
    # The one the other tests of this process ask; its own when this run uses none (it takes some
    # 5 s to start and warm up).
    shared = sitecheck._vnu_server(tuple(cmd))
    server = shared or sitecheck._VnuServer(tuple(cmd))
    try:
        warm = sitecheck.vnu_report_from(site, version, cmd, server)
    finally:
        if server is not shared:
            server.close()
    cold = vnu_report(site, warm=False)
    assert warm.version == cold.version
    for said, then in ((warm.errors, cold.errors), (warm.warnings, cold.warnings)):
        assert sorted(map(without_line, said)) == sorted(map(without_line, then))
    assert len(warm.errors) == 3 and len(warm.warnings) == 1
    # The command line counts a line less after <meta charset>; the service counts right.
    assert sorted(map(line_of, warm.errors)) == [1, 9, 10] and sorted(map(line_of, cold.errors)) == [1, 8, 9]


@pytest.mark.parametrize("locale", ["C", "POSIX"])
def test_the_command_line_checks_pages_under_an_arabic_folder_in_any_locale(
    vnu: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, locale: str
) -> None:
    """Under a C locale, `java -jar vnu.jar DIR` skipped the pages of مقالات/ and exited 0."""
    monkeypatch.setenv("LC_ALL", locale)
    monkeypatch.setenv("LANG", locale)
    site = write_site(tmp_path, {f"{ARTICLE_DIR}/bad.html": page("<main><h1>Bad</h1>\n<center>old</center></main>")})
    cold = vnu_report(site, warm=False)
    assert [(e.split(":")[0], "center" in e) for e in cold.errors] == [(f"{ARTICLE_DIR}/bad.html", True)]


def without_line(said: str) -> str:
    where, _line, message = said.split(":", 2)
    return f"{where}:{message}"


def line_of(said: str) -> int:
    return int(said.split(":", 2)[1])


def test_a_checker_that_stopped_answering_gives_way_to_the_command_line(vnu: str, tmp_path: Path) -> None:
    site = write_site(tmp_path, {"index.html": page("<main><h1>Home</h1>\n<center>old</center></main>")})
    cmd, version = sitecheck.vnu_command()
    # A checker that died: its port, where nothing listens any more (starting a real one only
    # to stop it, a JVM's start, was half the test's time and changed nothing it checks).
    server = object.__new__(sitecheck._VnuServer)
    with socket.socket() as where:
        where.bind(("127.0.0.1", 0))
        server.port = where.getsockname()[1]
    report = sitecheck.vnu_report_from(site, version, cmd, server)
    assert len(report.errors) == 1 and "center" in report.errors[0]


def test_unavailable_checker_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    def unavailable() -> tuple[list[str], str]:
        raise sitecheck.ToolUnavailable("no java here")

    monkeypatch.setattr(sitecheck, "vnu_command", unavailable)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no java here"):
        sitecheck.require_vnu()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="CI is not set"):
        sitecheck.require_vnu()


# ---------------------------------------------------------------------------- links


def good_site(root: Path) -> Path:
    """A site whose every internal link resolves, using each supported kind of link."""
    encoded = quote(f"{ARTICLE_DIR}/{ARTICLE}.html")
    return write_site(
        root,
        {
            "index.html": page(
                '<main id="top-of-page"><h1>Home</h1>\n'
                '<a href="about.html">about</a> <a href="about">about, no extension</a>\n'
                '<a href="news/">news dir</a> <a href="news">news dir, no slash</a>\n'
                f'<a href="{encoded}#summary">encoded Arabic</a>\n'
                f'<a href="{ARTICLE_DIR}/{ARTICLE}.html">raw Arabic</a>\n'
                '<a href="#top-of-page">same page</a> <a href="#">top</a>\n'
                '<a href="about.html?lang=en#team">query and fragment</a>\n'
                '<a href="about.html#old-anchor">a[name]</a>\n'
                '<a href="/site/about.html">root-relative inside base</a>\n'
                '<a href="/site">base without slash</a>\n'
                '<a href="https://example.org/missing.html">external</a>\n'
                '<a href="mailto:a@example.org">mail</a> <a href="tel:+123">phone</a>\n'
                '<img src="img/a.png" srcset="img/a.png 1x, img/a@2x.png 2x" alt="a">\n'
                '<picture><source srcset="img/a.png"><img src="img/a.png" alt="b"></picture>\n'
                '<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">\n'
                '<div style="background: url(img/a.png)"></div>\n'
                '<script src="js/app.js"></script></main>',
                head='<link rel="stylesheet" href="css/site.css">\n',
            ),
            "about.html": page('<h1 id="team">About</h1><a name="old-anchor"></a>'),
            "news/index.html": page(
                '<h1>News</h1><a href="../index.html#top-of-page">home</a><a href="../">up</a>'
                f'<a href="../{encoded}">article</a>'
            ),
            f"{ARTICLE_DIR}/{ARTICLE}.html": page(
                '<h1 id="summary">الاقتصاد</h1><a href="../about.html#team">about</a>',
                lang="ar",
            ),
            "css/site.css": (
                "/* url(commented-out.png) */\n"
                "body { background: url('../img/a.png'); }\n"
                '@font-face { src: url("../fonts/f.woff2?v=1#iefix") format("woff2"); }\n'
                ".x { background: url(data:image/gif;base64,R0lGOD==); }\n"
            ),
            "img/a.png": "",
            "img/a@2x.png": "",
            "fonts/f.woff2": "",
            "js/app.js": "",
        },
    )


def test_good_links_of_every_kind_are_not_reported(tmp_path: Path) -> None:
    site = good_site(tmp_path)
    assert broken_links(site, base_path="/site/") == []


def test_root_relative_links_are_checked_against_base_path(tmp_path: Path) -> None:
    site = good_site(tmp_path)
    problems = broken_links(site, base_path="/")
    assert problems == [
        "index.html: /site/about.html -> missing file /site/about.html",
        "index.html: /site -> missing file /site",
    ]


def test_missing_file_is_reported(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"index.html": page('<a href="articles/gone.html">x</a>')})
    assert broken_links(site) == ["index.html: articles/gone.html -> missing file /articles/gone.html"]


def test_missing_fragment_is_reported(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "index.html": page('<a href="about.html#nowhere">x</a><a href="#also-missing">y</a>'),
            "about.html": page('<h1 id="somewhere">About</h1>'),
        },
    )
    assert broken_links(site) == [
        "index.html: about.html#nowhere -> missing fragment #nowhere in about.html",
        "index.html: #also-missing -> missing fragment #also-missing in index.html",
    ]


def test_root_relative_link_outside_base_path_is_reported(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "index.html": page('<a href="/about.html">x</a>', head='<link rel="stylesheet" href="/style.css">\n'),
            "about.html": page("<h1>About</h1>"),
            "style.css": "",
        },
    )
    assert broken_links(site, base_path="/my-repo/") == [
        "index.html: /style.css -> outside base path /my-repo/",
        "index.html: /about.html -> outside base path /my-repo/",
    ]
    assert broken_links(site, base_path="/") == []


def test_relative_link_above_the_base_path_is_reported(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"index.html": page('<a href="../other-repo/">x</a>')})
    assert broken_links(site, base_path="/my-repo/") == ["index.html: ../other-repo/ -> leaves base path /my-repo/"]


def test_css_url_to_missing_file_is_reported(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "index.html": page("<h1>Home</h1>", head='<link rel="stylesheet" href="css/a.css">\n'),
            "css/a.css": 'body { background: url("../img/missing.png"); }\n@import "b.css";\n',
        },
    )
    assert broken_links(site) == [
        "css/a.css: ../img/missing.png -> missing file /img/missing.png",
        "css/a.css: b.css -> missing file /css/b.css",
    ]


def test_missing_images_scripts_and_srcset_candidates_are_reported(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "index.html": page(
                '<img src="a.png" srcset="a.png 1x, a@2x.png 2x" alt="a"><script src="app.js"></script>'
            ),
            "a.png": "",
        },
    )
    assert broken_links(site) == [
        "index.html: a@2x.png -> missing file /a@2x.png",
        "index.html: app.js -> missing file /app.js",
    ]


def test_directory_without_index_is_broken(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"index.html": page('<a href="tags/">x</a>'), "tags/list.html": page("")})
    assert broken_links(site) == ["index.html: tags/ -> missing file /tags/"]


def test_page_files_lists_only_html_pages(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"index.html": "", "a/b.htm": "", "a/c.css": "", "feed.xml": "", "d.txt": ""})
    assert [p.relative_to(site).as_posix() for p in page_files(site)] == ["a/b.htm", "index.html"]
