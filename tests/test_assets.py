"""Static files are linked with a version of their bytes (style.css?v=...): after a deploy, a
browser that cached the old stylesheet or search script for GitHub Pages' ten minutes asks for the
new one with the new page, rather than showing new pages with an old stylesheet."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
import sitecheck
from conftest import write_source
from test_incremental import (
    EVERY_TEMPLATE,
    assert_same_as_full_build,
    build,
    override,
    rebuilder,
    rendered_templates,
    snapshot,
    touch_later,
)

from sitegen import config as configuration
from sitegen import stylesheets
from sitegen.build import build as build_with
from sitegen.cli import main
from sitegen.session import Session
from sitegen.theme import asset_version, theme_dir

LINKS = re.compile(r'(?:href|src)="([^"]*static/[^"]*)"')


def version_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def static_links(out: Path) -> dict[str, set[str]]:
    """Page -> every link to a static file it makes."""
    return {
        page.relative_to(out).as_posix(): set(LINKS.findall(page.read_text("utf-8")))
        for page in sorted(out.rglob("*.html"))
    }


def test_a_version_is_the_start_of_the_sha256_of_the_bytes(tmp_path):
    file = tmp_path / "style.css"
    file.write_bytes(b"body { color: black }\n")
    assert asset_version(file.read_bytes()) == version_of(b"body { color: black }\n")
    assert re.fullmatch(r"[0-9a-f]{10}", asset_version(b""))
    assert asset_version(b"a") != asset_version(b"b")


def test_every_page_links_the_stylesheet_icon_and_script_with_the_version_of_their_bytes(workspace):
    site, source, out = workspace
    build(site, source, out)
    css = "/archive/static/style.css?v=" + version_of((out / "static" / "style.css").read_bytes())
    icon = "/archive/static/favicon.svg?v=" + version_of((out / "static" / "favicon.svg").read_bytes())
    script = "/archive/static/search.js?v=" + version_of((out / "static" / "search.js").read_bytes())
    links = static_links(out)
    assert len(links) > 20
    for page, found in links.items():
        search = page in ("search/index.html", "en/search/index.html")
        assert found == ({css, icon, script} if search else {css, icon}), page
    assert (out / "static" / "style.css").read_bytes() == (theme_dir("static") / "style.css").read_bytes()


def test_a_sites_own_stylesheet_gets_the_version_of_its_own_bytes(workspace):
    site, source, out = workspace
    (site / "static").mkdir()
    (site / "static" / "style.css").write_text("body { color: navy }\n", "utf-8")
    build(site, source, out)
    mine = "/archive/static/style.css?v=" + version_of(b"body { color: navy }\n")
    assert all(mine in found for found in static_links(out).values())


def test_a_site_template_can_version_its_own_static_file_and_one_written_by_hand_still_works(workspace):
    site, source, out = workspace
    (site / "static").mkdir()
    (site / "static" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n', "utf-8")
    (site / "templates").mkdir()
    base = (theme_dir("templates") / "base.html").read_text("utf-8")
    extra = (
        '<link rel="stylesheet" href="/archive/static/style.css">\n'
        '<link rel="preload" href="{{ asset("static/logo.svg") }}" as="image">\n'
    )
    (site / "templates" / "base.html").write_text(base.replace("</head>", extra + "</head>"), "utf-8")
    build(site, source, out)
    home = (out / "index.html").read_text("utf-8")
    assert '<link rel="stylesheet" href="/archive/static/style.css">' in home  # as written
    logo = "/archive/static/logo.svg?v=" + version_of(b'<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    assert f'<link rel="preload" href="{logo}" as="image">' in home
    assert (out / "static" / "style.css").is_file() and (out / "static" / "logo.svg").is_file()


def test_an_unknown_static_file_named_in_a_template_is_linked_without_a_version(workspace):
    """No file, no version: the link is as it would be without asset() (a broken link, which
    the build warns about: test_a_template_naming_a_static_file_that_is_not_there...), never a
    failed build."""
    site, source, out = workspace
    (site / "templates").mkdir()
    base = (theme_dir("templates") / "base.html").read_text("utf-8")
    extra = '<link rel="preload" href="{{ asset("static/none.svg") }}" as="image">\n'
    (site / "templates" / "base.html").write_text(base.replace("</head>", extra + "</head>"), "utf-8")
    build(site, source, out)
    assert '<link rel="preload" href="/archive/static/none.svg" as="image">' in (out / "index.html").read_text("utf-8")


def test_a_template_naming_a_static_file_that_is_not_there_is_warned_with_its_line(workspace, capsys):
    """A typo in asset("static/lgo.svg") would publish a broken link in silence: the build says
    which template and line name it, and what the static files are."""
    site, source, out = workspace
    (site / "static").mkdir()
    (site / "static" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n', "utf-8")
    (site / "templates").mkdir()
    base = (theme_dir("templates") / "base.html").read_text("utf-8")
    extra = (
        '<link rel="preload" href="{{ asset("static/logo.svg") }}" as="image">\n'
        '<link rel="preload" href="{{ asset(\'/static/lgo.svg\') }}" as="image">\n'
    )
    mine = base.replace("</head>", extra + "</head>")
    (site / "templates" / "base.html").write_text(mine, "utf-8")
    line = mine[: mine.index("lgo.svg")].count("\n") + 1
    where = ["--source", str(source), "--output", str(out), "--config", str(site / "sitegen.toml")]
    assert main(["build", *where]) == 0
    err = capsys.readouterr().err
    assert (
        f"base.html:{line}: asset('/static/lgo.svg') names no file of the site's or the theme's static/ "
        "folder, so the page links it without a version and the link is broken; check the name" in err
    )
    assert "logo.svg" not in err
    assert main(["build", "-q", "--strict", *where]) == 1


@pytest.mark.parametrize(("base_url", "prefix"), [("https://example.github.io/archive/", "/archive/"), ("", "/")])
def test_a_static_file_named_from_the_site_root_is_linked_with_its_version(workspace, base_url, prefix):
    """asset("/static/logo.svg"), written as a link from the site's root is, gave the base path
    and the name together: /archive//static/logo.svg, and at a site's root //static/logo.svg,
    which a browser reads as a link to another host named "static"."""
    site, source, out = workspace
    (site / "sitegen.toml").write_text(f'base_url = "{base_url}"\n' if base_url else "", "utf-8")
    (site / "static").mkdir()
    (site / "static" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n', "utf-8")
    (site / "templates").mkdir()
    base = (theme_dir("templates") / "base.html").read_text("utf-8")
    extra = '<link rel="preload" href="{{ asset("/static/logo.svg") }}" as="image">\n'
    (site / "templates" / "base.html").write_text(base.replace("</head>", extra + "</head>"), "utf-8")
    build(site, source, out)
    logo = f"{prefix}static/logo.svg?v=" + version_of(b'<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    assert f'<link rel="preload" href="{logo}" as="image">' in (out / "index.html").read_text("utf-8")


def test_two_builds_link_the_same_versions_byte_for_byte(workspace, tmp_path):
    site, source, out = workspace
    build(site, source, out, "--no-cache")
    first = snapshot(out)
    build(site, source, tmp_path / "again", "--no-cache")
    assert snapshot(tmp_path / "again") == first


@pytest.mark.parametrize("mode", ["cli", "session", "named", "warm"])
def test_an_edited_stylesheet_changes_its_version_on_every_page_as_a_clean_build_does(workspace, tmp_path, mode):
    site, source, out = workspace
    (site / "static").mkdir()
    css = site / "static" / "style.css"
    css.write_text("body { color: navy }\n", "utf-8")
    rebuild = rebuilder(mode, site, source, out)
    rebuild()
    before = "/archive/static/style.css?v=" + version_of(css.read_bytes())
    css.write_text("body { color: maroon }\n", "utf-8")
    touch_later(css)
    rebuild()
    after = "/archive/static/style.css?v=" + version_of(css.read_bytes())
    links = static_links(out)
    assert all(after in found and before not in found for found in links.values())
    assert_same_as_full_build(site, source, out, tmp_path)
    css.unlink()  # back to sitegen's own stylesheet
    rebuild()
    shipped = "/archive/static/style.css?v=" + version_of((theme_dir("static") / "style.css").read_bytes())
    assert all(shipped in found for found in static_links(out).values())
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_static_file_touched_but_not_changed_rewrites_no_page(workspace, capsys):
    site, source, out = workspace
    (site / "static").mkdir()
    css = site / "static" / "style.css"
    css.write_text("body { color: navy }\n", "utf-8")
    build(site, source, out)
    before = snapshot(out)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    touch_later(css)
    capsys.readouterr()
    assert main(["build", "--source", str(source), "--output", str(out), "--config", str(site / "sitegen.toml")]) == 0
    assert "0 rendered" in capsys.readouterr().out
    assert snapshot(out) == before
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.html")} == stamps


# A site's own stylesheet naming other static files: each relative url() to one of them gets its
# version, everything else is left as written.
FONT = b"wOF2 not really a font\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n not really a picture\n"
SITE_CSS = """\
@font-face {
  font-family: "Mine";
  src: url(fonts/mine.woff2) format("woff2"), url('fonts/mine.woff#iefix') format("woff");
}
body { background: url( "img/bg.png" ) }
.inline { background-image: url(data:image/gif;base64,R0lGODlhAQABAAAAACw=) }
.far { background-image: url(https://example.com/far.png) }
.root { background-image: url(/static/img/bg.png) }
.mask { mask: url(#shape) }
/* url(img/in-a-comment.png) is not a reference */
.up { background-image: url(../static/img/bg.png) }
"""


def stylesheet_site(site: Path, css: str = SITE_CSS) -> Path:
    static = site / "static"
    (static / "fonts").mkdir(parents=True)
    (static / "img").mkdir()
    (static / "fonts" / "mine.woff2").write_bytes(FONT)
    (static / "fonts" / "mine.woff").write_bytes(FONT + b"woff\n")
    (static / "img" / "bg.png").write_bytes(PNG_BYTES)
    (static / "site.css").write_text(css, "utf-8")
    return static


def test_a_stylesheets_relative_urls_to_static_files_carry_their_versions(workspace):
    site, source, out = workspace
    stylesheet_site(site)
    build(site, source, out)
    written = (out / "static" / "site.css").read_text("utf-8")
    font, woff, png = version_of(FONT), version_of(FONT + b"woff\n"), version_of(PNG_BYTES)
    assert written == (
        SITE_CSS.replace("url(fonts/mine.woff2)", f"url(fonts/mine.woff2?v={font})")
        .replace("url('fonts/mine.woff#iefix')", f"url('fonts/mine.woff?v={woff}#iefix')")
        .replace('url( "img/bg.png" )', f'url( "img/bg.png?v={png}" )')
        .replace("url(../static/img/bg.png)", f"url(../static/img/bg.png?v={png})")
    )
    # data:, another site, the site's root, a fragment and a comment: as written
    for kept in ("url(data:image/gif;base64,R0lGODlhAQABAAAAACw=)", "url(https://example.com/far.png)"):
        assert kept in written
    assert "url(/static/img/bg.png)" in written and "url(#shape)" in written and "url(img/in-a-comment.png)" in written
    assert (out / "static" / "img" / "bg.png").read_bytes() == PNG_BYTES


def test_a_stylesheet_without_references_to_static_files_is_copied_byte_for_byte(workspace):
    site, source, out = workspace
    static = site / "static"
    static.mkdir()
    css = b'\xef\xbb\xbf.far { background: url("https://example.com/x.png") }\r\n.x { color: red }\r\n'
    (static / "plain.css").write_bytes(css)
    build(site, source, out)
    assert (out / "static" / "plain.css").read_bytes() == css
    assert (out / "static" / "style.css").read_bytes() == (theme_dir("static") / "style.css").read_bytes()


def test_a_stylesheet_naming_a_static_file_that_is_not_there_is_warned_with_its_line(workspace, capsys):
    site, source, out = workspace
    css = SITE_CSS + ".typo {\n  background: url(img/bgg.png);\n}\n"
    stylesheet_site(site, css)
    where = ["--source", str(source), "--output", str(out), "--config", str(site / "sitegen.toml")]
    assert main(["build", *where]) == 0
    err = capsys.readouterr().err
    line = css[: css.index("bgg.png")].count("\n") + 1
    assert (
        f"site.css:{line}: url(img/bgg.png) names no file of the site's or the theme's static/ folder "
        "(static/img/bgg.png), so it is left without a version and the link is broken; check the name" in err
    )
    assert err.count("names no file") == 1  # data:, external, root, fragment and comment are not warned
    assert "url(img/bgg.png)" in (out / "static" / "site.css").read_text("utf-8")
    assert main(["build", *where]) == 0  # a build with nothing to do says it again
    assert f"site.css:{line}: url(img/bgg.png)" in capsys.readouterr().err
    assert main(["build", "-q", "--strict", *where]) == 1


def test_a_stylesheet_linking_another_carries_the_version_of_the_others_written_bytes(workspace):
    site, source, out = workspace
    static = stylesheet_site(site)
    (static / "style.css").write_text('@import url("site.css");\n@import "more/extra.css";\n', "utf-8")
    (static / "more").mkdir()
    (static / "more" / "extra.css").write_text(".e { background: url(../img/bg.png) }\n", "utf-8")
    build(site, source, out)
    site_css = (out / "static" / "site.css").read_bytes()
    extra = (out / "static" / "more" / "extra.css").read_bytes()
    assert extra == f".e {{ background: url(../img/bg.png?v={version_of(PNG_BYTES)}) }}\n".encode()
    style = (out / "static" / "style.css").read_bytes()
    imports = f'@import url("site.css?v={version_of(site_css)}");\n@import "more/extra.css?v={version_of(extra)}";\n'
    assert style == imports.encode()
    css = "/archive/static/style.css?v=" + version_of(style)
    assert all(css in found for found in static_links(out).values())


@pytest.mark.parametrize("mode", ["cli", "session", "named", "warm"])
def test_an_edited_picture_changes_the_stylesheet_naming_it_and_its_version_as_a_clean_build_does(
    workspace, tmp_path, mode
):
    site, source, out = workspace
    static = stylesheet_site(site)
    (static / "style.css").write_text('@import url("site.css");\nbody { background: url(img/bg.png) }\n', "utf-8")
    rebuild = rebuilder(mode, site, source, out)
    rebuild()
    before = (out / "static" / "style.css").read_bytes()
    picture = static / "img" / "bg.png"
    edited = PNG_BYTES + b"edited\n"
    picture.write_bytes(edited)
    touch_later(picture)
    rebuild()
    after = (out / "static" / "style.css").read_bytes()
    assert f"bg.png?v={version_of(edited)}".encode() in after
    assert (out / "static" / "site.css").read_text("utf-8").count(version_of(edited)) == 2
    links = static_links(out)
    assert all(f"/archive/static/style.css?v={version_of(after)}" in found for found in links.values())
    assert not any(f"/archive/static/style.css?v={version_of(before)}" in found for found in links.values())
    assert_same_as_full_build(site, source, out, tmp_path)
    picture.unlink()  # a reference to nothing: as written, and warned
    rebuild()
    assert "url(img/bg.png)" in (out / "static" / "style.css").read_text("utf-8")
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_stylesheet_with_versioned_references_is_valid_css(workspace, vnu):
    site, source, out = workspace
    stylesheet_site(site)
    build(site, source, out)
    assert "?v=" in (out / "static" / "site.css").read_text("utf-8")
    assert sitecheck.vnu_errors(out) == []


def test_a_stylesheet_reference_is_found_in_any_case_and_percent_encoding_and_two_sheets_naming_each_other_end():
    versions = {"static/my pic.png": "0123456789", "static/a.css": "aaaaaaaaaa", "static/b.css": "bbbbbbbbbb"}
    text, unknown = stylesheets.versioned(
        'x { background: URL(my%20pic.png) } y { content: "url(my%20pic.png)" }\n', "static/s.css", versions.get
    )
    assert text == 'x { background: URL(my%20pic.png?v=0123456789) } y { content: "url(my%20pic.png)" }\n'
    assert unknown == []
    _, unknown = stylesheets.versioned("a {}\n\nb { background: url(../../up.png) }", "static/s.css", versions.get)
    assert unknown == [stylesheets.Unknown(3, "url(../../up.png)", "../../up.png")]
    sheets = {"static/a.css": b'@import "b.css";\n', "static/b.css": b'@import "a.css";\n'}
    made, unknown_by_sheet = stylesheets.published(sheets, versions, asset_version)
    assert made["static/b.css"] == b'@import "a.css?v=aaaaaaaaaa";\n'  # the cycle: a's own bytes
    assert made["static/a.css"] == f'@import "b.css?v={asset_version(made["static/b.css"])}";\n'.encode()
    assert unknown_by_sheet == {}


# A stylesheet naming a picture that an article publishes (media/): resolved against what the
# build publishes, not only static/.
PHOTO = b"\x89PNG\r\n\x1a\n an article's photo\n"
PHOTO_ARTICLE = "---\ntitle: Photo story\ndate: 2024-05-02\n---\n\n![The square](pics/photo.png)\n"


def photo_site(site: Path, source: Path, css: str) -> Path:
    (source / "pics").mkdir()
    (source / "pics" / "photo.png").write_bytes(PHOTO)
    (source / "photo-story.md").write_text(PHOTO_ARTICLE, "utf-8")
    (site / "static").mkdir()
    (site / "static" / "site.css").write_text(css, "utf-8")
    return source / "pics" / "photo.png"


def test_a_stylesheet_naming_a_picture_an_article_publishes_carries_its_version_and_is_not_warned(workspace, capsys):
    site, source, out = workspace
    photo_site(site, source, ".hero { background: url(../media/pics/photo.png) }\n")
    where = ["--source", str(source), "--output", str(out), "--config", str(site / "sitegen.toml")]
    assert main(["build", *where]) == 0
    assert "site.css" not in capsys.readouterr().err
    assert (out / "media" / "pics" / "photo.png").read_bytes() == PHOTO
    written = (out / "static" / "site.css").read_text("utf-8")
    assert written == f".hero {{ background: url(../media/pics/photo.png?v={version_of(PHOTO)}) }}\n"


def test_a_stylesheet_naming_a_file_the_build_does_not_publish_is_warned_with_its_line_and_why(workspace, capsys):
    site, source, out = workspace
    css = (
        ".hero { background: url(../media/pics/photo.png) }\n"
        ".other {\n  background: url(../media/pics/other.png);\n}\n"
        ".up { background: url(../../up.png) }\n"
        ".typo { background: url(../media/pics/phot.png) }\n"
        ".linked { background: url(../media/pics/linked.png) }\n"
    )
    photo_site(site, source, css)
    (source / "pics" / "other.png").write_bytes(PHOTO + b"other\n")  # no article refers to it
    (source / "pics" / "linked.png").symlink_to(source / "pics" / "photo.png")  # not published
    (source / "linked.md").write_text(PHOTO_ARTICLE.replace("photo.png", "linked.png"), "utf-8")
    where = ["--source", str(source), "--output", str(out), "--config", str(site / "sitegen.toml")]
    assert main(["build", *where]) == 0
    err = capsys.readouterr().err
    assert (
        "site.css:3: url(../media/pics/other.png) names no file the build publishes (media/pics/other.png): "
        "a file of the source folder is published under media/ only when an article refers to it, so the "
        "reference is left without a version and the link is broken; refer to it from an article, or put "
        "the file in static/" in err
    )
    assert (
        "site.css:5: url(../../up.png) leads out of the site, so the link is broken; name a file of the site"
    ) in err
    assert (
        "site.css:6: url(../media/pics/phot.png) names no file the build publishes (media/pics/phot.png), and "
        "the source folder has no pics/phot.png to publish there, so the link is broken; check the name" in err
    )
    assert (
        "site.css:7: url(../media/pics/linked.png) names no file the build publishes (media/pics/linked.png): "
        "the source file pics/linked.png is reached through a symbolic link, which is not followed; copy the "
        "file instead" in err
    )
    assert err.count("site.css:") == 4  # the published photo is not warned
    assert "url(../media/pics/other.png)" in (out / "static" / "site.css").read_text("utf-8")


def test_a_reference_that_leaves_the_site_only_once_resolved_is_said_to_leave_it():
    _, unknown = stylesheets.versioned(
        "b { background: url(sub/../../../x.png) }", "static/s.css", dict[str, str]().get
    )
    assert unknown == [stylesheets.Unknown(1, "url(sub/../../../x.png)", "../x.png")]


def test_a_stylesheet_naming_a_picture_only_a_draft_refers_to_is_told_so_and_one_leaving_the_site_once_resolved_too(
    workspace, capsys
):
    """A draft refers to drafted.png: the warning said that a file is published under media/ only
    when an article refers to it, as if none did. url(sub/../../../x.png) leaves the site as
    url(../../x.png) does: it was said to name no file the build publishes."""
    site, source, out = workspace
    css = ".draft { background: url(../media/pics/drafted.png) }\n.up { background: url(sub/../../../x.png) }\n"
    photo_site(site, source, css)
    (source / "pics" / "drafted.png").write_bytes(PHOTO + b"drafted\n")
    draft = PHOTO_ARTICLE.replace("photo.png", "drafted.png").replace("date:", "draft: true\ndate:")
    (source / "drafted.md").write_text(draft, "utf-8")
    where = ["--source", str(source), "--config", str(site / "sitegen.toml")]
    assert main(["build", *where, "--output", str(out)]) == 0
    err = capsys.readouterr().err
    said = (
        "site.css:1: url(../media/pics/drafted.png) names no file the build publishes (media/pics/drafted.png): "
        "only drafts refer to the source file pics/drafted.png (drafted.md), and drafts are not published, so "
        "the reference is left without a version and the link is broken; publish the draft, refer to the file "
        "from a published article, or put it in static/"
    )
    assert said in err, err
    assert "site.css:2: url(sub/../../../x.png) leads out of the site, so the link is broken" in err, err
    assert err.count("site.css:") == 2, err
    assert main(["inspect", *where]) in (0, 1)
    shown = capsys.readouterr()
    assert said in shown.out + shown.err


@pytest.mark.parametrize("mode", ["cli", "session", "named"])
def test_a_stylesheets_warning_about_an_unpublished_picture_follows_its_source_file_as_a_clean_build_does(
    workspace, tmp_path, capsys, mode
):
    """The warning about url(../media/x.png) says whether the source folder has x.png (no article
    refers to it) or not (check the name). A rebuild with nothing else to do said the last build's
    words after the file was added or removed, where a clean build says the other."""
    site, source, out = workspace
    photo_site(site, source, ".hero { background: url(../media/pics/later.png) }\n")
    where = ["--source", str(source), "--config", str(site / "sitegen.toml")]
    session = Session()

    def said(output: Path, *extra: str) -> list[str]:
        if mode == "cli" or output != out:
            assert main(["build", *where, "--output", str(output), *extra]) == 0
            err = capsys.readouterr().err
            return [line.split("site.css:1: ")[1] for line in err.splitlines() if "site.css" in line]
        changed = {str(source / "pics" / "later.png")} if mode == "named" else None
        config = configuration.load(site / "sitegen.toml", source=source, output=output)
        report = build_with(config, session=session, changed=changed)
        session.settle()
        return [d.message for d in report.diagnostics if d.file.endswith("site.css")]

    def clean() -> list[str]:
        shutil.rmtree(tmp_path / "clean", ignore_errors=True)
        return said(tmp_path / "clean", "--no-cache")

    first = said(out)
    assert len(first) == 1 and "the source folder has no pics/later.png" in first[0]
    (source / "pics" / "later.png").write_bytes(PHOTO)
    added = said(out)
    assert added == clean() and "only when an article refers to it" in added[0]
    (source / "pics" / "later.png").unlink()
    assert said(out) == clean() == first


@pytest.mark.parametrize("mode", ["cli", "session", "named", "warm"])
def test_an_edited_article_picture_changes_the_stylesheet_naming_it_as_a_clean_build_does(workspace, tmp_path, mode):
    site, source, out = workspace
    photo = photo_site(site, source, ".hero { background: url(../media/pics/photo.png) }\n")
    rebuild = rebuilder(mode, site, source, out)
    rebuild()
    before = (out / "static" / "site.css").read_bytes()
    edited = PHOTO + b"edited\n"
    photo.write_bytes(edited)
    touch_later(photo)
    rebuild()
    after = (out / "static" / "site.css").read_text("utf-8")
    assert f"photo.png?v={version_of(edited)}" in after and after.encode() != before
    assert_same_as_full_build(site, source, out, tmp_path)
    (source / "photo-story.md").unlink()  # no article publishes the photo: as written, and warned
    rebuild()
    assert "url(../media/pics/photo.png)" in (out / "static" / "site.css").read_text("utf-8")
    assert not (out / "media" / "pics" / "photo.png").exists()
    assert_same_as_full_build(site, source, out, tmp_path)


def test_the_pictures_of_an_image_set_carry_their_versions_as_those_of_url_do():
    versions = {"static/a.png": "aaaaaaaaaa", "static/a@2x.png": "bbbbbbbbbb", "static/b.avif": "cccccccccc"}
    css = (
        '.a { background-image: image-set("a.png" 1x, "a@2x.png" 2x) }\n'
        ".b { background-image: -webkit-image-set(url(a.png) 1x, 'a@2x.png' 2x) }\n"
        '.c { background-image: IMAGE-SET("b.avif" type("image/avif"), url("a.png") type("image/png")) }\n'
        '.d { content: "a.png"; font-family: "a.png" }\n'
        '.e { background-image: image-set("missing.png" 1x,\n  "https://example.com/x.png" 2x) }\n'
        '/* image-set("a.png" 1x) */\n'
    )
    text, unknown = stylesheets.versioned(css, "static/s.css", versions.get)
    assert text == (
        '.a { background-image: image-set("a.png?v=aaaaaaaaaa" 1x, "a@2x.png?v=bbbbbbbbbb" 2x) }\n'
        ".b { background-image: -webkit-image-set(url(a.png?v=aaaaaaaaaa) 1x, 'a@2x.png?v=bbbbbbbbbb' 2x) }\n"
        '.c { background-image: IMAGE-SET("b.avif?v=cccccccccc" type("image/avif"), url("a.png?v=aaaaaaaaaa") '
        'type("image/png")) }\n'
        '.d { content: "a.png"; font-family: "a.png" }\n'
        '.e { background-image: image-set("missing.png" 1x,\n  "https://example.com/x.png" 2x) }\n'
        '/* image-set("a.png" 1x) */\n'
    )
    assert unknown == [stylesheets.Unknown(5, 'image-set("missing.png")', "static/missing.png")]


def test_an_image_set_in_a_sites_stylesheet_is_published_with_versions(workspace):
    site, source, out = workspace
    stylesheet_site(site, 'body { background: image-set("img/bg.png" 1x, url(fonts/mine.woff2) 2x) }\n')
    build(site, source, out)
    written = (out / "static" / "site.css").read_text("utf-8")
    png, font = version_of(PNG_BYTES), version_of(FONT)
    assert written == f'body {{ background: image-set("img/bg.png?v={png}" 1x, url(fonts/mine.woff2?v={font}) 2x) }}\n'


def test_inspect_shows_the_warnings_about_the_sites_own_files_that_a_build_prints(tmp_path, capsys, monkeypatch):
    """inspect listed each article's warnings but none about the site's stylesheets, templates
    and static/ folder: `sitegen inspect --strict` passed where `sitegen build --strict` failed."""
    site, out = tmp_path / "site", tmp_path / "out"
    site.mkdir()
    source = write_source(tmp_path, {"a.md": "---\ntitle: A\ndate: 2024-05-02\n---\n\nText.\n"})
    static = stylesheet_site(site, "body {\n  background: url(img/bgg.png);\n}\n")
    (site / "templates").mkdir()
    (site / "templates" / "artcile.html").write_text('{% extends "base.html" %}', "utf-8")
    (static / "linked.png").symlink_to(static / "img" / "bg.png")
    monkeypatch.chdir(site)
    where = ["--source", str(source), "--output", str(out)]
    assert main(["build", *where]) == 0
    said = [line.removeprefix("WARNING: ") for line in capsys.readouterr().err.splitlines()]
    assert main(["build", "--strict", *where]) == 1
    expected = [
        "static/site.css:2: url(img/bgg.png) names no file",
        "static/linked.png: symbolic link not followed",
        "templates/artcile.html: not one of sitegen's templates",
    ]
    site_lines = [line for line in said if line.startswith(("static/", "templates/"))]
    assert len(site_lines) == 3 and all(any(s.startswith(e) for s in site_lines) for e in expected)
    assert main(["inspect", *where]) == 0
    printed = capsys.readouterr().out.splitlines()
    start = printed.index("site files (templates/, static/, locales/)")
    assert printed[start + 1 : start + 4] == [f"    warn  : {line}" for line in sorted(site_lines)]
    assert printed[-1] == "1 article"  # the count is still the last line
    assert main(["inspect", "--strict", *where]) == 1
    capsys.readouterr()
    assert main(["inspect", "--json", *where]) == 0
    captured = capsys.readouterr()
    json.loads(captured.out)  # still one array of articles
    assert all(f"WARNING: {line}" in captured.err for line in site_lines)
    (static / "linked.png").unlink()
    (static / "site.css").unlink()
    (site / "templates" / "artcile.html").unlink()
    assert main(["inspect", "--strict", *where]) == 0
    assert "site files" not in capsys.readouterr().out


# Which pages a static file's bytes shape: those of the templates that link it (asset() with its
# name written out), and every page for the stylesheet and the icon (and the search page for its
# script), which every page links from Python; a name computed at render time counts as every file.
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"/>\n'
LOGO = '<img src="{{ asset("static/logo.svg") }}" alt="">'


@pytest.mark.parametrize("mode", ["cli", "session"])
def test_a_static_file_no_page_links_renders_no_page_again(workspace, tmp_path, monkeypatch, mode):
    site, source, out = workspace
    (site / "static").mkdir()
    (site / "static" / "logo.svg").write_bytes(SVG)
    override(site, "article.html", lambda t: t.replace("{% block content %}", "{% block content %}" + LOGO, 1))
    rebuild = rebuilder(mode, site, source, out)
    rebuild()
    seen = rendered_templates(monkeypatch)
    (site / "static" / "report.pdf").write_bytes(b"%PDF-1.4 not really\n")
    (site / "static" / "style.css").write_bytes((theme_dir("static") / "style.css").read_bytes())  # the same bytes
    rebuild()
    assert seen == []
    assert (out / "static" / "report.pdf").read_bytes() == b"%PDF-1.4 not really\n"
    assert_same_as_full_build(site, source, out, tmp_path)


PRELOAD = '<link rel="preload" as="image" href="{{ asset(\'static/logo.svg\') }}">'


@pytest.mark.parametrize(
    ("template", "edit", "rendered"),
    [
        ("article.html", ("{% block content %}", "{% block content %}" + LOGO), {"article.html"}),
        ("tag.html", ("{% block content %}", "{% block content %}" + LOGO), {"tag.html"}),
        ("base.html", ("</head>", PRELOAD + "</head>"), EVERY_TEMPLATE),
    ],
)
@pytest.mark.parametrize("mode", ["cli", "session"])
def test_a_static_file_a_template_links_renders_again_the_pages_of_that_template(
    workspace, tmp_path, monkeypatch, mode, template, edit, rendered
):
    site, source, out = workspace
    (site / "static").mkdir()
    logo = site / "static" / "logo.svg"
    logo.write_bytes(SVG)
    old, new = edit
    override(site, template, lambda t: t.replace(old, new, 1))
    rebuild = rebuilder(mode, site, source, out)
    rebuild()
    seen = rendered_templates(monkeypatch)
    logo.write_bytes(SVG.replace(b"/>", b' width="1"/>'))
    touch_later(logo)
    rebuild()
    assert set(seen) == rendered
    new = "/archive/static/logo.svg?v=" + version_of(logo.read_bytes())
    assert any(new in found for found in static_links(out).values())
    assert not any(f"logo.svg?v={version_of(SVG)}" in link for found in static_links(out).values() for link in found)
    assert_same_as_full_build(site, source, out, tmp_path)
    seen.clear()  # and the next build knows what the pages are made from again
    rebuild()
    assert seen == []


@pytest.mark.parametrize("mode", ["cli", "session"])
def test_a_template_naming_its_static_file_at_render_time_is_rendered_again_for_any_new_static_file(
    workspace, tmp_path, monkeypatch, mode
):
    site, source, out = workspace
    (site / "static").mkdir()
    (site / "static" / "logo.svg").write_bytes(SVG)
    computed = '{% set name = "static/" ~ "logo.svg" %}<img src="{{ asset(name) }}" alt="">'
    override(site, "tags.html", lambda t: t.replace("{% block content %}", "{% block content %}" + computed, 1))
    rebuild = rebuilder(mode, site, source, out)
    rebuild()
    seen = rendered_templates(monkeypatch)
    (site / "static" / "report.pdf").write_bytes(b"%PDF-1.4 not really\n")
    rebuild()
    assert set(seen) == {"tags.html"}
    assert_same_as_full_build(site, source, out, tmp_path)


def test_an_edited_picture_named_by_a_stylesheet_a_template_links_renders_that_templates_pages_again(
    workspace, tmp_path, monkeypatch
):
    site, source, out = workspace
    static = stylesheet_site(site)  # site.css names img/bg.png
    sheet = '<link rel="stylesheet" href="{{ asset("static/site.css") }}">'
    override(site, "tags.html", lambda t: t.replace("{% block content %}", "{% block content %}" + sheet, 1))
    build(site, source, out)
    seen = rendered_templates(monkeypatch)
    (static / "img" / "bg.png").write_bytes(PNG_BYTES + b"edited\n")
    touch_later(static / "img" / "bg.png")
    build(site, source, out)
    assert set(seen) == {"tags.html"}
    linked = "/archive/static/site.css?v=" + version_of((out / "static" / "site.css").read_bytes())
    assert linked in static_links(out)["tags/index.html"]
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_pipe_in_the_static_folder_is_warned_not_silently_left_out(workspace, capsys, monkeypatch):
    """A named pipe (or a device) in static/ was left out of the site without a word; reading it
    would wait forever, so it is not published, and the build says so."""
    site, source, out = workspace
    static = stylesheet_site(site, "body { color: red }\n")
    os.mkfifo(static / "feed.png")
    monkeypatch.chdir(site)
    assert main(["build", "--source", str(source), "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert "WARNING: static/feed.png: not a regular file (a pipe, socket or device), so not published" in err
    assert not (out / "static" / "feed.png").exists() and (out / "static" / "site.css").is_file()
