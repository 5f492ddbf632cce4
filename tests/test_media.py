"""Images and PDF files beside Markdown articles are published with them and linked from the page."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import sitecheck
from conftest import build_site

from sitegen import media
from sitegen.cli import main
from sitegen.extract import parse_article
from sitegen.model import SourceText, Tag

# The smallest valid PNG (1x1 pixel), and a second one with other bytes of the same length.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201e2fb5f9b0000000049454e44ae426082"
)
PNG2 = PNG[:-16] + bytes(reversed(PNG[-16:-12])) + PNG[-12:]

STORY = """Title: قصة مع صور
Date: 2024-04-19

نص المقال.

![صورة](photo.jpg)

![خريطة](images/map.png)

[التقرير](<تقرير سنوي.pdf#page=2>) و![شعار](../shared/logo.webp)
"""


def no_tags(title: str, body: str) -> tuple[Tag, ...]:
    return ()


def resolve(label: str) -> Tag:
    return Tag(label, label, label)


def parse(text: str, source: str = "2024/story.md"):
    return parse_article(SourceText(source=source, text=text, encoding="utf-8"), resolve, no_tags)


def build_warnings(capsys: pytest.CaptureFixture[str], source: Path, output: Path, *extra: str) -> tuple[int, str]:
    """Build with the CLI; its exit code and what it printed on stderr."""
    capsys.readouterr()
    code = main(["build", "--source", str(source), "--output", str(output), *extra])
    return code, capsys.readouterr().err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A source folder with one article that shows images and links a PDF, all beside it."""
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "src"
    (source / "2024" / "images").mkdir(parents=True)
    (source / "shared").mkdir()
    (source / "2024" / "story.md").write_text(STORY, "utf-8")
    (source / "2024" / "photo.jpg").write_bytes(PNG)
    (source / "2024" / "images" / "map.png").write_bytes(PNG)
    (source / "2024" / "تقرير سنوي.pdf").write_bytes(b"%PDF-1.4\n")
    (source / "shared" / "logo.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBP")
    (source / "other.md").write_text("Title: Other\nDate: 2024-04-18\n\nText.\n", "utf-8")
    return source


def page_of(output: Path) -> str:
    return (output / "articles" / "قصة-مع-صور" / "index.html").read_text("utf-8")


# --- the body: pure --------------------------------------------------------------------------


def test_relative_references_point_to_the_published_copies_from_the_article_page():
    article = parse(STORY)
    html = article.body[0].text
    assert '<img alt="صورة" src="../../media/2024/photo.jpg">' in html
    assert '<img alt="خريطة" src="../../media/2024/images/map.png">' in html
    assert 'href="../../media/2024/%D8%AA%D9%82%D8%B1%D9%8A%D8%B1%20%D8%B3%D9%86%D9%88%D9%8A.pdf#page=2"' in html
    assert 'src="../../media/shared/logo.webp"' in html
    assert article.media == (
        ("2024/photo.jpg", 6),
        ("2024/images/map.png", 8),
        ("2024/تقرير سنوي.pdf", 10),
        ("shared/logo.webp", 10),
    )
    assert article.diagnostics == ()


def test_links_to_other_sites_fragments_and_folders_are_left_alone():
    links = "[a](https://x.org/a.png) [b](#fn) [c](../other-slug/) [d](mailto:a@b.c)"
    text = f"Title: T\nDate: 2024-01-01\n\n{links}\n\n## Fn\n"
    article = parse(text)
    assert 'href="https://x.org/a.png"' in article.body[0].text
    assert 'href="#fn"' in article.body[0].text and 'href="../other-slug/"' in article.body[0].text
    assert article.media == () and article.diagnostics == ()


def test_a_picture_or_pdf_at_a_path_from_the_root_is_read_from_the_top_of_the_source_folder():
    """Jekyll's /assets/…, Hugo's /images/… (its static/ folder copied into the archive): the
    site's root is the source folder's top. Dropping them made a migrated archive lose every picture."""
    text = "Title: T\nDate: 2024-01-01\n\n![خريطة](/assets/img/map.png) [PDF](/files/a%20b.pdf#page=2)\n"
    article = parse(text)
    html = article.body[0].text
    assert '<img alt="خريطة" src="../../media/assets/img/map.png">' in html
    assert 'href="../../media/files/a%20b.pdf#page=2"' in html
    assert article.media == (("assets/img/map.png", 4), ("files/a b.pdf", 4))
    assert article.diagnostics == ()
    # a link to another article's file, from the root, leads to its page as a relative one does
    linked = parse("Title: T\nDate: 2024-01-01\n\nSee [this](/2023/other.md#part).\n")
    # (kept with its '/': with no article file there, the link stays as written, test_links.py)
    assert linked.links == (("/2023/other.md", 4),) and linked.diagnostics == ()
    # going up from the root stays at the root, as a browser reads /../x.png
    assert parse("Title: T\nDate: 2024-01-01\n\n![x](/../../x.png)\n").media == (("x.png", 4),)


def test_a_reference_with_three_slashes_is_warned_and_kept_as_written_not_published():
    """'///assets/x.png' was published as /assets/x.png; a browser reads a host's name after the
    slashes (https://assets/x.png), so the page and the published copy did not agree."""
    text = "Title: T\nDate: 2024-01-01\n\nText.\n\n![خريطة](///assets/x.png) [PDF](///files/a.pdf) [S](///2023/s.md)\n"
    article = parse(text)
    html = article.body[-1].text
    assert article.media == () and article.links == ()
    assert "خريطة" in html and "<img" not in html  # no picture that shows nothing
    assert '<a href="///files/a.pdf" rel="noopener noreferrer">PDF</a>' in html  # nh3: another site's
    assert '<a href="///2023/s.md" rel="noopener noreferrer">S</a>' in html
    said = [(d.line, d.message) for d in article.diagnostics]
    assert [line for line, _ in said] == [6, 6, 6]
    assert all("three slashes" in message for _, message in said), said
    assert said[0][1].startswith("'///assets/x.png' starts with three slashes")
    assert "the link is kept as written" in said[1][1] and "kept" not in said[0][1]
    figure, found, notes = media.lead_figure("///assets/x.png", "", "", "p.md", "image: ///assets/x.png\n", 1)
    assert (figure, found) == ("", ())
    assert [d.line for d in notes] == [1]
    assert notes[0].message.startswith("lead image '///assets/x.png' starts with three slashes")


@pytest.mark.parametrize(
    ("reference", "reason"),
    [
        ("../../etc/passwd.png", "leaves the source folder"),
        ("/etc/passwd", "is an absolute path"),
        ("/assets/.hidden/x.png", "hidden file"),
        ("/logo.svg", "can carry scripts"),
        (".hidden/x.png", "hidden file"),
        ("notes.docx", "only images and PDF files"),
        ("chart.svg", "can carry scripts"),
        ("x%00.png", "NUL"),  # no file can have it in its name: the build stopped with a traceback
        ("/assets/x%00.png", "NUL"),
    ],
)
def test_a_reference_that_cannot_be_published_is_its_text_and_warned_with_its_line(reference, reason):
    article = parse(f"Title: T\nDate: 2024-01-01\n\nText.\n\n[x]({reference}) ![y]({reference})\n")
    assert reference not in article.body[0].text and "<p>x y</p>" in article.body[0].text
    assert article.media == ()
    notes = article.diagnostics
    assert len(notes) == 2
    for note in notes:
        assert (note.file, note.line) == ("2024/story.md", 6)
        assert reference in note.message and reason in note.message


@pytest.mark.parametrize(
    ("reference", "shown", "line"),
    [
        ("![خريطة](C:\\Users\\me\\map.png)", "C:\\Users\\me\\map.png", 6),
        ("![خريطة](file:///home/me/map.png)", "file:///home/me/map.png", 6),
        ('<img src="D:/photos/a.jpg" alt="a">', "D:/photos/a.jpg", 6),
        ("[التقرير][1]\n\n[1]: C:\\report.pdf", "C:\\report.pdf", 8),
    ],
)
def test_a_file_on_the_authors_computer_is_warned_with_its_line_not_lost_silently(reference, shown, line):
    article = parse(f"Title: T\nDate: 2024-01-01\n\nText.\n\n{reference}\n")
    (note,) = article.diagnostics
    assert (note.file, note.line) == ("2024/story.md", line)
    assert note.message.startswith(f"'{shown}' is a file on the author's computer")


@pytest.mark.parametrize(
    ("reference", "target", "line"),
    [
        ("![](map.png)", "map.png", 6),
        ("Text and ![ ](map.png) inline.", "map.png", 6),
        ("[![](map.png)](https://example.org/)", "map.png", 6),
        ("![][m]\n\n[m]: map.png", "m", 6),
    ],
)
def test_a_markdown_image_without_a_description_is_warned_with_its_line_and_keeps_alt_empty(reference, target, line):
    """`![](map.png)` became alt="" without a word: on a news archive a forgotten description far
    more often than a decoration, and a reader who cannot see the picture learns nothing of it."""
    article = parse(f"Title: T\nDate: 2024-01-01\n\nText.\n\n{reference}\n", source="2024/story.md")
    assert '<img alt="" src="../../media/2024/map.png"' in article.body[0].text  # still valid HTML
    (note,) = article.diagnostics
    assert (note.file, note.line, note.level) == ("2024/story.md", line, "warning")
    # the file's name after the words, so that a count stands for those past the first 10 (cli._report)
    assert note.message.startswith(f"an image without a description ('{target}')")
    assert "![" in note.message and 'alt=""' in note.message  # how to describe it, or mark it decorative


def test_an_image_with_only_spaces_between_its_brackets_gets_an_empty_alt_not_a_blank_one():
    """`![ ](map.png)` came out as alt=" ": neither a description nor HTML's mark of decoration."""
    for written in ("![ ](map.png)", "![\t](map.png)", "![  ][m]\n\n[m]: map.png"):
        article = parse(f"Title: T\nDate: 2024-01-01\n\nText.\n\n{written}\n")
        assert '<img alt="" src="../../media/2024/map.png">' in article.body[0].text, written
        assert [d.message.split(" (")[0] for d in article.diagnostics] == ["an image without a description"], written


@pytest.mark.parametrize(
    ("reference", "target", "line"),
    [
        ('<img src="map.png">', "map.png", 6),
        ("Text and <IMG SRC='map.png' width=\"20\"> inline.", "map.png", 6),
        ('<figure>\n<img class="wide"\n  src="map.png">\n</figure>', "map.png", 7),
        ('<img src="map.png" title="alt=">', "map.png", 6),
    ],
)
def test_a_raw_html_image_without_alt_is_warned_as_a_markdown_one_is(reference, target, line):
    """`<img src="map.png">` in a Markdown body silently got alt="": the same forgotten description
    as ![](map.png), which is warned about. alt="" written out says "only decoration" and is not."""
    article = parse(f"Title: T\nDate: 2024-01-01\n\nText.\n\n{reference}\n", source="2024/story.md")
    assert 'alt=""' in article.body[0].text  # still valid HTML
    (note,) = article.diagnostics
    assert (note.file, note.line, note.level) == ("2024/story.md", line, "warning")
    assert note.message.startswith(f"an image without a description ('{target}')")
    assert f'<img src="{target}" alt="">' in note.message  # how to mark it decorative


@pytest.mark.parametrize(
    "reference",
    [
        '<img src="map.png" alt="">',  # HTML's own way to say "only decoration"
        "![خريطة غزة](map.png)",
        "`![](map.png)` is how an image without a description is written",
        "```\n![](map.png)\n```",
        "\\![](map.png) is no image",
        '<img alt="" src="map.png">',
        '<img src="map.png" alt>',  # a bare alt is alt="" to HTML: written, so meant
        '<img src="map.png" alt="A map of Gaza">',
        '`<img src="map.png">` is how HTML writes an image',
        '<!-- <img src="map.png"> -->',
        "<img>",  # no picture: taken out of the page
    ],
)
def test_an_image_marked_decorative_or_described_or_in_code_is_not_warned_about(reference):
    article = parse(f"Title: T\nDate: 2024-01-01\n\nText.\n\n{reference}\n")
    assert not [d for d in article.diagnostics if "without a description" in d.message]


@pytest.mark.parametrize(
    ("reference", "line"),
    [
        ("![map](http://maps.example.org/gaza.png)", 6),
        ('<img src="http://maps.example.org/gaza.png" alt="map">', 6),
        ("![map][m]\n\n[m]: http://maps.example.org/gaza.png", 8),
    ],
)
def test_a_picture_over_plain_http_is_kept_and_warned_with_its_line(reference, line):
    article = parse(f"Title: T\nDate: 2024-01-01\n\nText.\n\n{reference}\n")
    assert 'src="http://maps.example.org/gaza.png"' in article.body[0].text  # the reader still gets it
    (note,) = article.diagnostics
    assert (note.file, note.line) == ("2024/story.md", line)
    assert note.message.startswith("'http://maps.example.org/gaza.png' is a picture over plain http")
    assert "https://" in note.message


def test_https_pictures_and_plain_http_links_are_not_warned_about():
    text = "Title: T\nDate: 2024-01-01\n\n![a](https://x.org/a.png) [source](http://x.org/story)\n"
    article = parse(text)
    assert 'src="https://x.org/a.png"' in article.body[0].text and 'href="http://x.org/story"' in article.body[0].text
    assert article.diagnostics == ()


@pytest.mark.parametrize("typed", ['src="map.png"', 'href="../2023/old.md"', 'src="http://x.org/a.png"'])
def test_text_that_reads_like_an_attribute_is_no_reference(typed):
    article = parse(f"Title: T\nDate: 2024-01-01\n\nThe old site had {typed} in its page.\n")
    assert typed in re.sub(r"<[^>]+>", "", article.body[0].text)  # shown as typed, not rewritten
    assert (article.media, article.links, article.diagnostics) == ((), (), ())


def test_a_drive_letter_in_prose_or_a_web_link_is_no_reference():
    article = parse("Title: T\nDate: 2024-01-01\n\nSaved in C:\\Data; see [x](https://a.org/c:/d).\n")
    assert article.diagnostics == ()


# --- the build -------------------------------------------------------------------------------


def test_referenced_files_are_published_and_every_link_resolves(archive, tmp_path, vnu):
    config = tmp_path / "sitegen.toml"
    config.write_text('base_url = "https://example.github.io/repo/"\nfeed_content = "full"\n', "utf-8")
    out = build_site(archive, tmp_path / "out", "--config", str(config))
    assert (out / "media" / "2024" / "photo.jpg").read_bytes() == PNG
    assert (out / "media" / "2024" / "images" / "map.png").read_bytes() == PNG
    assert (out / "media" / "2024" / "تقرير سنوي.pdf").is_file()
    assert (out / "media" / "shared" / "logo.webp").is_file()
    assert not (out / "media" / "other.md").exists()
    assert sorted(p.relative_to(out).as_posix() for p in (out / "media").rglob("*") if p.is_file()) == [
        "media/2024/images/map.png",
        "media/2024/photo.jpg",
        "media/2024/تقرير سنوي.pdf",
        "media/shared/logo.webp",
    ]
    assert sitecheck.broken_links(out, base_path="/repo/") == []
    assert sitecheck.vnu_errors(out) == []
    # In the feed, the entry's xml:base is its page, and the files' addresses are absolute, for
    # readers that ignore xml:base.
    feed = (out / "feed.xml").read_text("utf-8")
    base = re.search(r'<content type="html" xml:base="([^"]+/articles/[^"]+/)">[^<]*photo', feed)
    assert base and base.group(1).startswith("https://example.github.io/repo/articles/")
    assert 'src="https://example.github.io/repo/media/2024/photo.jpg"' in feed
    assert "../../media/" not in feed


def test_an_edited_image_is_republished_and_an_unchanged_one_is_not_rewritten(archive, tmp_path):
    out = build_site(archive, tmp_path / "out")
    kept = (out / "media" / "2024" / "images" / "map.png").stat()
    photo = archive / "2024" / "photo.jpg"
    photo.write_bytes(PNG2)  # same size; the change time moves
    st = photo.stat()
    os.utime(photo, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    build_site(archive, out)
    assert (out / "media" / "2024" / "photo.jpg").read_bytes() == PNG2
    again = (out / "media" / "2024" / "images" / "map.png").stat()
    assert (again.st_ino, again.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)
    full = build_site(archive, tmp_path / "full", "--no-cache")
    assert snapshot(out) == snapshot(full)


def test_a_picture_added_or_removed_after_its_article_is_seen_by_the_next_build(archive, tmp_path, capsys):
    photo = archive / "2024" / "photo.jpg"
    photo.unlink()
    out = tmp_path / "out"
    code, err = build_warnings(capsys, archive, out)
    assert code == 0
    assert "2024/story.md:6: the referenced file '2024/photo.jpg' does not exist" in err
    assert not (out / "media" / "2024" / "photo.jpg").exists()
    page = story_page(out)
    assert "photo.jpg" not in page and "<p>صورة</p>" in page  # its alternative text, no broken picture
    assert sitecheck.broken_links(out) == []
    photo.write_bytes(PNG)  # the article is unchanged: the build must not stop at once
    code, err = build_warnings(capsys, archive, out)
    assert "photo.jpg" not in err
    assert (out / "media" / "2024" / "photo.jpg").read_bytes() == PNG
    assert 'alt="صورة"' in story_page(out)
    photo.unlink()
    build_site(archive, out)
    assert not (out / "media" / "2024" / "photo.jpg").exists()
    assert snapshot(out) == snapshot(build_site(archive, tmp_path / "full", "--no-cache"))


def test_missing_outside_and_linked_files_are_warned_and_never_published(archive, tmp_path, capsys):
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    (archive / "2024" / "linked.png").symlink_to(secret)
    (archive / "2024" / "linked").symlink_to(tmp_path, target_is_directory=True)
    (archive / "2024" / "folder.png").mkdir()
    (archive / "2024" / "story.md").write_text(
        STORY + "\n![](missing.png) ![](../../secret.png) ![](linked.png) ![](folder.png)\n![](linked/secret.png)\n",
        "utf-8",
    )
    out = tmp_path / "out"
    assert build_warnings(capsys, archive, out, "--strict")[0] == 1
    code, log = build_warnings(capsys, archive, out)
    assert code == 0
    assert "2024/story.md:12: the referenced file '2024/missing.png' does not exist" in log
    assert "2024/story.md:12: '../../secret.png' leaves the source folder" in log
    assert "2024/story.md:12: the referenced file '2024/linked.png' is reached through a symbolic link" in log
    assert "2024/story.md:12: the referenced file '2024/folder.png' is not a regular file" in log
    assert "2024/story.md:13: the referenced file '2024/linked/secret.png' is reached through a symbolic link" in log
    published = sorted(p.name for p in (out / "media").rglob("*") if p.is_file())
    assert published == ["logo.webp", "map.png", "photo.jpg", "تقرير سنوي.pdf"]
    assert sitecheck.broken_links(out) == []  # none of them is shown as a broken picture


def test_a_link_to_a_file_that_is_not_published_is_its_text_not_a_dead_link(archive, tmp_path, capsys):
    (archive / "2024" / "story.md").write_text(
        STORY
        + "\n[الشكل](chart.svg) و[الملف](/files/a.pdf) و[غائب](absent.pdf) و[الصفحة](https://example.org/x.csv)\n",
        "utf-8",
    )
    out = tmp_path / "out"
    code, log = build_warnings(capsys, archive, out)
    assert code == 0
    assert "'chart.svg' is not published" in log and "'files/a.pdf' does not exist" in log
    assert "'2024/absent.pdf' does not exist" in log
    page = story_page(out)
    assert '<p>الشكل والملف وغائب و<a href="https://example.org/x.csv"' in page
    assert sitecheck.broken_links(out) == []


def test_a_link_to_a_page_that_is_warned_about_stays_a_link(archive, tmp_path, capsys):
    """/about or contact.html may be pages of the site that hosts the archive: warned about, kept."""
    (archive / "2024" / "story.md").write_text(
        STORY + "\n[حول](/about) و[اتصل](contact.html) و[البيانات](data.csv)\n", "utf-8"
    )
    code, log = build_warnings(capsys, archive, tmp_path / "out")
    assert code == 0 and "'/about' is an absolute path" in log and "'data.csv' is not published" in log
    page = story_page(tmp_path / "out")
    assert '<a href="/about">حول</a> و<a href="contact.html">اتصل</a> و<a href="data.csv">البيانات</a>' in page


def story_page(out: Path) -> str:
    return (out / "articles" / "قصة-مع-صور" / "index.html").read_text("utf-8")


def test_a_draft_or_removed_article_publishes_no_files(archive, tmp_path):
    out = build_site(archive, tmp_path / "out")
    assert (out / "media" / "2024" / "photo.jpg").exists()
    story = archive / "2024" / "story.md"
    story.write_text(STORY.replace("Date:", "Draft: yes\nDate:"), "utf-8")
    build_site(archive, out)
    assert not (out / "media").exists() or not any((out / "media").rglob("*.jpg"))
    shutil.rmtree(archive / "shared")
    story.unlink()
    build_site(archive, out)
    assert snapshot(out) == snapshot(build_site(archive, tmp_path / "full", "--no-cache"))


LEAD = """---
title: Harbour reopens
date: 2024-04-19
image:
  path: images/harbour one.png
  alt: The harbour at dawn
caption: Fishing boats return
lang: en
---
The harbour reopened on Friday.

Boats returned at dawn.
"""


def test_a_front_matter_lead_image_is_shown_above_the_body_and_published(archive, tmp_path, capsys, vnu):
    """`image:` (Jekyll), `cover:` (Hugo) was an unknown key: the picture that opened every
    migrated post was lost from its page, its link previews and its feed entry."""
    (archive / "2024" / "images" / "harbour one.png").write_bytes(PNG2)
    (archive / "2024" / "harbour.md").write_text(LEAD, "utf-8")
    config = tmp_path / "sitegen.toml"
    config.write_text('base_url = "https://example.github.io/repo/"\nfeed_content = "full"\n', "utf-8")
    out = tmp_path / "out"
    code, err = build_warnings(capsys, archive, out, "--config", str(config))
    assert code == 0 and "harbour" not in err, err
    page = (out / "articles" / "harbour-reopens" / "index.html").read_text("utf-8")
    body = page[page.index('<div class="article-body">') :]
    assert body.index('<figure class="lead-image">') < body.index("The harbour reopened on Friday.")
    assert (
        '<img src="../../media/2024/images/harbour%20one.png" alt="The harbour at dawn" width="1" height="1">'
        "<figcaption>Fishing boats return</figcaption></figure>"
    ) in body
    assert (out / "media" / "2024" / "images" / "harbour one.png").read_bytes() == PNG2
    image = "https://example.github.io/repo/media/2024/images/harbour%20one.png"
    assert f'<meta property="og:image" content="{image}">' in page
    home = (out / "en" / "index.html").read_text("utf-8")
    assert "The harbour reopened on Friday." in home and "Fishing boats return" not in home  # the excerpt
    assert "harbour%20one.png" in (out / "feed.xml").read_text("utf-8")
    assert sitecheck.broken_links(out, base_path="/repo/") == []
    assert sitecheck.vnu_errors(out) == []


def test_pictures_at_paths_from_the_root_are_published_and_shown_on_a_project_site(archive, tmp_path, capsys):
    """A Jekyll archive's /assets/…, as a lead image and in the text, on https://user.github.io/repo/:
    published from the source folder's top and linked relative to the page, so the /repo/ prefix
    holds; one that is not there is warned about with its line and shown as its text."""
    (archive / "assets" / "img").mkdir(parents=True)
    (archive / "assets" / "img" / "harbour.png").write_bytes(PNG2)
    (archive / "assets" / "img" / "boats.png").write_bytes(PNG)
    (archive / "2024" / "harbour.md").write_text(
        "---\ntitle: Harbour reopens\ndate: 2024-04-19\nimage: /assets/img/harbour.png\nimage_alt: The harbour\n"
        "lang: en\n---\nThe harbour reopened.\n\n![Boats](/assets/img/boats.png) ![Gone](/assets/img/gone.png)\n",
        "utf-8",
    )
    config = tmp_path / "sitegen.toml"
    config.write_text('base_url = "https://example.github.io/repo/"\n', "utf-8")
    out = tmp_path / "out"
    code, log = build_warnings(capsys, archive, out, "--config", str(config))
    assert code == 0
    assert "2024/harbour.md:10: the referenced file 'assets/img/gone.png' does not exist" in log
    assert "harbour.png" not in log
    assert (out / "media" / "assets" / "img" / "harbour.png").read_bytes() == PNG2
    page = (out / "articles" / "harbour-reopens" / "index.html").read_text("utf-8")
    assert '<img src="../../media/assets/img/harbour.png" alt="The harbour" width="1" height="1">' in page
    assert '<img alt="Boats" src="../../media/assets/img/boats.png" width="1" height="1">' in page
    assert "gone.png" not in page and "Gone" in page
    image = "https://example.github.io/repo/media/assets/img/harbour.png"
    assert f'<meta property="og:image" content="{image}">' in page
    assert sitecheck.broken_links(out, base_path="/repo/") == []


@pytest.mark.parametrize(
    ("header", "warning"),
    [
        ("image: harbour.svg", "3: lead image 'harbour.svg' is not published: an SVG file can carry scripts"),
        ("cover:\n  image: 'javascript:alert(1)'", "4: lead image 'javascript:alert(1)' is not a picture's address"),
        ("image: 'C:\\Users\\me\\harbour.png'", "3: lead image 'C:\\Users\\me\\harbour.png' is a file on the author's"),
        ("image:\n  path:\n    src: harbour.png", "4: 'image.path' names no picture sitegen can read"),
        ("image: report.pdf", "3: lead image 'report.pdf' is not a picture file (jpg, jpeg, png, gif, webp, avif)"),
        ("image: pictures/", "3: lead image 'pictures/' is not a picture file"),
        ("featured_image: harbour", "3: lead image 'harbour' is not a picture file"),
    ],
)
def test_a_lead_image_that_cannot_be_shown_is_left_out_with_a_warning_on_its_line(header, warning):
    article = parse(f"---\ntitle: Harbour\n{header}\n---\nThe harbour reopened.\n", source="2024/harbour.md")
    assert [b.text for b in article.body] == ["<p>The harbour reopened.</p>"] and article.media == ()
    said = [str(d) for d in article.diagnostics if "image" in d.message]
    assert len(said) == 1 and said[0].startswith(f"2024/harbour.md:{warning}"), said


@pytest.mark.parametrize("header", ["image:", "image: ''", "images: []", "cover:\n  alt: A harbour"])
def test_an_empty_lead_image_slot_is_no_image_and_no_warning(header):
    """Post templates leave `image:` empty; a warning on every such post would be noise."""
    article = parse(
        f"---\ntitle: Harbour\ndate: 2024-04-19\n{header}\n---\nThe harbour reopened.\n", source="2024/harbour.md"
    )
    assert [b.text for b in article.body] == ["<p>The harbour reopened.</p>"] and article.diagnostics == ()


@pytest.mark.parametrize(
    "header",
    [
        "image: https://cdn.example.org/harbour.png",
        "images:\n  - https://cdn.example.org/harbour.png\n  - other.png",
        "featured_image: https://cdn.example.org/harbour.png",
        "image: //cdn.example.org/harbour.png",
        "header:\n  overlay_color: '#333'\n  teaser: https://cdn.example.org/harbour.png\n  actions:\n    - label: X",
    ],
)
def test_a_lead_image_on_another_site_is_shown_from_there(header):
    decorative = "image_alt: ''"  # not warned about (see the tests of a lead image without a description)
    article = parse(
        f"---\ntitle: Harbour\n{header}\n{decorative}\n---\nThe harbour reopened.\n", source="2024/harbour.md"
    )
    src = header.split(" ")[-1] if header.startswith("image: //") else "https://cdn.example.org/harbour.png"
    assert [b.text for b in article.body] == [
        f'<figure class="lead-image"><img src="{src}" alt=""></figure><p>The harbour reopened.</p>'
    ]
    assert article.media == () and article.lead is None
    assert not [d for d in article.diagnostics if "image" in d.message]


def png(width: int, height: int) -> bytes:
    """A valid PNG of that size (grey, 8 bits)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_a_published_picture_states_its_width_and_height_so_the_text_does_not_jump(archive, tmp_path, monkeypatch):
    """Lighthouse's unsized-images: a picture without a size takes its place only once loaded,
    and the text under it jumps down while the reader reads it (layout shift)."""
    (archive / "2024" / "photo.jpg").write_bytes(png(960, 480))  # a PNG under a .jpg name: the header decides
    out = build_site(archive, tmp_path / "out")
    page = page_of(out)
    assert '<img alt="صورة" src="../../media/2024/photo.jpg" width="960" height="480">' in page
    assert '<img alt="خريطة" src="../../media/2024/images/map.png" width="1" height="1">' in page
    assert 'logo.webp"' in page and 'logo.webp" width' not in page  # not published (outside): no size
    # An unchanged picture is not opened again; a replaced one is, and its page shows the new size.
    opened: list[str] = []
    real = media.image_size

    def counted_image_size(path: str) -> tuple[int, int] | None:
        opened.append(path)
        return real(path)

    monkeypatch.setattr(media, "image_size", counted_image_size)
    photo = archive / "2024" / "photo.jpg"
    photo.write_bytes(png(300, 600))
    st = photo.stat()
    os.utime(photo, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    build_site(archive, out)
    assert [Path(p).name for p in opened] == ["photo.jpg"]
    page = page_of(out)
    assert 'src="../../media/2024/photo.jpg" width="300" height="600">' in page
    assert snapshot(out) == snapshot(build_site(archive, tmp_path / "full", "--no-cache"))


def test_picture_sizes_go_only_on_published_pictures_without_a_size_of_their_own():
    sizes = {"2024/a b.png": (640, 360), "2024/c.png": (10, 20)}
    body = (
        '<p><img alt="" src="../../media/2024/a%20b.png"> <img alt="x" src="../../media/2024/c.png" width="5">'
        ' <img alt="" src="https://example.org/2024/c.png"> <img alt="" src="../../media/2024/d.png"></p>'
    )
    assert media.sized_images(body, sizes) == (
        '<p><img alt="" src="../../media/2024/a%20b.png" width="640" height="360">'
        ' <img alt="x" src="../../media/2024/c.png" width="5">'
        ' <img alt="" src="https://example.org/2024/c.png"> <img alt="" src="../../media/2024/d.png"></p>'
    )


def test_the_size_of_a_picture_comes_from_its_header_and_a_pdf_or_broken_file_has_none(tmp_path):
    (tmp_path / "wide.png").write_bytes(png(1200, 300))
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "empty.webp").write_bytes(b"")
    assert media.image_size(str(tmp_path / "wide.png")) == (1200, 300)
    for name in ("report.pdf", "broken.jpg", "empty.webp", "missing.png"):
        assert media.image_size(str(tmp_path / name)) is None, name


@pytest.mark.parametrize(
    ("header", "target", "line"),
    [
        ("image: harbour.png", "harbour.png", 4),
        ("cover:\n  image: harbour.png\n  hidden: false", "harbour.png", 5),
        ("images:\n  - https://cdn.example.org/harbour.png", "https://cdn.example.org/harbour.png", 4),
    ],
)
def test_a_lead_image_without_a_description_or_caption_is_warned_on_its_line(header, target, line):
    """A lead image with no alt text and no caption was shown as alt="" without a word: the
    picture that opens the article, and its link preview's og:image:alt, said nothing to a
    reader who cannot see it. Warned as a body's ![](x) is, with the key's line."""
    text = f"---\ntitle: Harbour\ndate: 2024-04-19\n{header}\n---\nThe harbour reopened.\n"
    article = parse(text, source="2024/harbour.md")
    assert article.body[0].text.startswith('<figure class="lead-image"><img src=')
    (note,) = article.diagnostics
    assert (note.file, note.line, note.level) == ("2024/harbour.md", line, "warning")
    assert note.message.startswith(f"an image without a description ('{target}')")
    assert "image_alt" in note.message and "image_alt: ''" in note.message  # how to describe it, or say decoration


@pytest.mark.parametrize(
    "header",
    [
        "image: harbour.png\nimage_alt: Boats at dawn",
        "image: harbour.png\nimage_alt: ''",  # written empty: only decoration, as alt="" in HTML
        'image: harbour.png\nalt: ""',
        "image: harbour.png\ncaption: Boats return at dawn",  # the caption says what it shows
        "cover:\n  image: harbour.png\n  alt: ''",
        "image:\n  path: harbour.png\n  alt: Boats",
    ],
)
def test_a_lead_image_described_captioned_or_marked_decorative_is_not_warned_about(header):
    text = f"---\ntitle: Harbour\ndate: 2024-04-19\n{header}\n---\nThe harbour reopened.\n"
    article = parse(text, source="2024/harbour.md")
    assert article.body[0].text.startswith('<figure class="lead-image">') and article.diagnostics == ()


def test_a_lead_image_the_body_shows_too_is_shown_once_by_the_body():
    """Jekyll's minima and Hugo's `images` use it for link previews only, and such posts show
    the picture in their text: a figure above it showed it twice."""
    text = (
        "---\ntitle: Harbour\ndate: 2024-04-19\nimage: harbour.png\n---\n"
        "The harbour reopened.\n\n![again](harbour.png) ![map](map.png)\n"
    )
    article = parse(text, source="2024/harbour.md")
    (block,) = article.body
    assert "<figure" not in block.text and block.text.count("harbour.png") == 1
    assert article.media == (("2024/harbour.png", 4), ("2024/map.png", 8)) and article.diagnostics == ()
    linked = parse(text.replace("![again](harbour.png)", "[full size](harbour.png)"), source="2024/harbour.md")
    assert linked.body[0].text.startswith('<figure class="lead-image"><img src="../../media/2024/harbour.png"')


@pytest.mark.parametrize(
    ("header", "preview"),
    [
        (
            "image: https://cdn.example.org/harbour.jpg?w=1200&h=630",
            "https://cdn.example.org/harbour.jpg?w=1200&amp;h=630",
        ),
        ("images:\n  - //cdn.example.org/harbour.jpg", "https://cdn.example.org/harbour.jpg"),
        ("image: http://cdn.example.org/harbour.jpg", None),  # not over https: warned, no preview
        ("image: https://cdn.example.org/harbour.svg", None),  # previews do not show an SVG
    ],
)
def test_a_lead_image_on_another_site_is_the_link_preview_image(archive, tmp_path, header, preview):
    """Hugo's `images` and Jekyll's `image` are chosen for link previews, and often live on a
    CDN: such a post's shared link showed the body's first local picture, or none at all."""
    (archive / "2024" / "harbour.png").write_bytes(png(4, 3))
    (archive / "2024" / "harbour.md").write_text(
        f"---\ntitle: Harbour reopens\ndate: 2024-04-19\n{header}\nimage_alt: Boats at dawn\nlang: en\n---\n"
        "The harbour reopened on Friday.\n\n![The quay](harbour.png)\n",
        "utf-8",
    )
    config = tmp_path / "sitegen.toml"
    config.write_text('base_url = "https://example.github.io/repo/"\n', "utf-8")
    out = tmp_path / "out"
    assert main(["build", "--source", str(archive), "--output", str(out), "--config", str(config), "-q"]) == 0
    page = (out / "articles" / "harbour-reopens" / "index.html").read_text("utf-8")
    images = re.findall(r'<meta property="og:image" content="([^"]*)">', page)
    if preview is None:  # the body's own picture, as before
        assert images == ["https://example.github.io/repo/media/2024/harbour.png"]
        assert '<meta property="og:image:alt" content="The quay">' in page
    else:
        assert images == [preview]
        assert '<meta property="og:image:alt" content="Boats at dawn">' in page


def test_a_link_to_a_folder_from_the_root_of_the_host_is_warned_about():
    article = parse("Title: T\nDate: 2024-01-01\n\nText.\n\n[about](/about/) [other](../other-slug/)\n")
    (note,) = article.diagnostics
    assert note.line == 6 and note.message.startswith("'/about/' starts at the root of the host")
    assert 'href="/about/"' in article.body[0].text  # kept: the author's link, with a warning


def test_a_link_to_an_article_page_that_does_not_exist_is_warned_about_with_its_line(tmp_path, capsys):
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.md").write_text(
        "---\ntitle: First\ndate: 2024-04-19\n---\n\n"
        "[ok](../second/) and [Ok](../Second/#top)\n\n[gone](../secnod/)\n\n[out](../../../../elsewhere/)\n\n"
        "[tags](../../tags/)\n",
        "utf-8",
    )
    (source / "b.md").write_text("---\ntitle: Second\ndate: 2024-04-18\n---\n\nText.\n", "utf-8")
    capsys.readouterr()
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "a.md:8: the link '../secnod/' leads to no article" in err
    assert "a.md:10: the link '../../../../elsewhere/' leads out of the site" in err
    assert "'../second/'" not in err and "'../Second/'" not in err and "tags/" not in err


@pytest.mark.parametrize(
    ("figure", "shown"),
    [
        # Hugo's figure takes its alt from the caption: the words were on the page twice.
        (
            '<figure>\n<p><img src="gone.jpg" alt="The hall"></p>\n'
            "<figcaption>The hall at noon</figcaption>\n</figure>",
            "<figure>\n<figcaption>The hall at noon</figcaption>\n</figure>",
        ),
        (
            '<figure><img src="gone.jpg" alt="القاعة"><figcaption><em>القاعة</em> ظهرًا</figcaption></figure>',
            "<figure><figcaption><em>القاعة</em> ظهرًا</figcaption></figure>",
        ),
        # an alt text that says something else is kept: nothing the file said is lost
        (
            '<figure><img src="gone.jpg" alt="Delegates arrive"><figcaption>The hall</figcaption></figure>',
            "<figure>Delegates arrive<figcaption>The hall</figcaption></figure>",
        ),
        # only a missing picture's own words, and only whole words the caption says
        (
            '<figure><img src="gone.jpg" alt="hall"><figcaption>The hallway</figcaption></figure>',
            "<figure>hall<figcaption>The hallway</figcaption></figure>",
        ),
        (
            '<figure><p>Peace now</p><figcaption>Peace now, said the crowd</figcaption></figure><img src="gone.jpg">',
            "<figure><p>Peace now</p><figcaption>Peace now, said the crowd</figcaption></figure>",
        ),
        # a picture still published keeps its figure as it was
        (
            '<figure><img src="kept.jpg" alt="The hall"><figcaption>The hall</figcaption></figure>',
            '<figure><img src="kept.jpg" alt="The hall"><figcaption>The hall</figcaption></figure>',
        ),
    ],
)
def test_a_missing_pictures_alt_text_is_not_shown_again_above_a_caption_that_says_it(figure, shown):
    assert media.without_references(figure, lambda url: url == "gone.jpg") == shown


@pytest.mark.parametrize(
    ("figure", "shown"),
    [
        (
            '<p><img src="gone.jpg" alt="Delegates" lang="en" dir="ltr"></p>',
            '<p><span lang="en" dir="ltr">Delegates</span></p>',
        ),
        ('<p>x <img dir="rtl" src="gone.jpg" alt="صورة"></p>', '<p>x <span dir="rtl">صورة</span></p>'),
        ('<p><img src="gone.jpg" alt="" lang="en"></p>', "<p></p>"),  # nothing to say in it
        (
            '<figure><img src="gone.jpg" alt="The hall" lang="en" dir="ltr"><figcaption>The hall</figcaption></figure>',
            "<figure><figcaption>The hall</figcaption></figure>",
        ),
    ],
)
def test_a_missing_pictures_alt_text_keeps_its_language_and_direction(figure, shown):
    """It became bare text in the paragraph: English words read with Arabic sounds, laid out
    right to left."""
    assert media.without_references(figure, lambda url: url == "gone.jpg") == shown


def test_a_picture_whose_escaped_name_holds_a_nul_is_warned_not_a_traceback(archive, tmp_path, capsys):
    (archive / "2024" / "nul.md").write_text(
        "Title: Nul\nDate: 2024-02-02\n\nText.\n\n![a](a%00.png) ![b](/assets/b%00.png)\n", "utf-8"
    )
    code, log = build_warnings(capsys, archive, tmp_path / "out")
    assert code == 0
    assert "2024/nul.md:6: 'a%00.png'" in log and "2024/nul.md:6: '/assets/b%00.png'" in log


def test_a_nul_or_control_character_of_a_front_matter_value_is_shown_escaped_in_warnings(archive, tmp_path, capsys):
    """YAML's "\\0" puts a real NUL in the value: printed raw, it cut or garbled the terminal's
    line (and a log file read as binary). Every warning that echoes such a value shows an escape."""
    (archive / "2024" / "nul.md").write_text(
        '---\ntitle: Nul\ndate: 2024-02-02\nimage: "x\\0.png"\n"k\\x05": 2\n---\nText.\n', "utf-8"
    )
    code, log = build_warnings(capsys, archive, tmp_path / "out")
    assert code == 0
    assert "2024/nul.md:4: lead image 'x\\x00.png' has a NUL character" in log
    assert "2024/nul.md:5: unknown metadata key 'k\\x05' ignored" in log
    assert "\x00" not in log and "\x05" not in log


def test_the_count_of_warnings_past_ten_of_a_kind_shows_a_control_character_escaped(archive, tmp_path, capsys):
    """Past ten warnings of a kind, the line that counts the rest quotes their common words."""
    for n in range(12):
        (archive / "2024" / f"k{n}.md").write_text(
            f'---\ntitle: K {n}\ndate: 2024-02-02\n"k\\x05": 2\n---\nT.\n', "utf-8"
        )
    code, log = build_warnings(capsys, archive, tmp_path / "out")
    assert code == 0
    assert "... and 2 more warnings like 'unknown metadata key 'k\\x05' ignored'" in log
    assert "\x05" not in log


def test_a_linked_picture_with_three_slashes_keeps_its_link_as_its_warning_says():
    """[![map](///assets/x.png)](///assets/x.png): the picture shows its text, and the link, which
    its warning says is kept as written, is kept (it became text with the picture's address)."""
    article = parse("Title: T\nDate: 2024-01-01\n\nText.\n\n[![map](///assets/x.png)](///assets/x.png)\n")
    html = article.body[-1].text
    assert "<img" not in html
    assert '<a href="///assets/x.png" rel="noopener noreferrer">map</a>' in html
    said = [d.message for d in article.diagnostics]
    assert len(said) == 2 and sum("the link is kept as written" in m for m in said) == 1, said


# An Arabic article whose lead picture is described and captioned in English, with an English
# picture and caption and an Arabic one in its body; and an English article with the same in Arabic.
CAPTIONED_AR = """---
title: افتتاح المؤتمر السنوي للمطورين
date: 2024-06-10
image: stage.png
image_alt: Tim Cook on stage at Apple Park
caption: The keynote opens the conference
---

افتتحت الشركة مؤتمرها السنوي للمطورين بكلمة رئيسها التنفيذي أمام آلاف الحضور.

![Delegates arrive at the hall](hall.png)

<figure><img src="crowd.png" alt="حشود المطورين أمام القاعة"><figcaption>حشود المطورين صباحًا</figcaption></figure>

<figure><img src="crowd.png" alt="القاعة الرئيسية"><figcaption>The main hall at noon</figcaption></figure>

<figure><img src="crowd.png" alt="Apple Park" title="مقر الشركة"><figcaption>Apple Park مقر الشركة</figcaption></figure>

The chief executive said the new tools would ship this autumn to every developer. ![صورة الرئيس التنفيذي](hall.png)

![Delegates leave the hall](gone.png)
"""
CAPTIONED_EN = """---
title: Developers gather in Cupertino
date: 2024-06-11
---

The company opened its annual developer conference with a keynote before thousands.

![وصول الوفود إلى القاعة](hall.png)

<figure><img src="crowd.png" alt="Crowds of developers"><figcaption>مطورون أمام القاعة</figcaption></figure>
"""


def test_a_caption_or_alt_text_in_the_other_script_has_its_own_language_on_the_page(tmp_path, vnu):
    """A screen reader reads an English caption in an Arabic article with English sounds, and a
    browser lays it out left to right, only when the page says it is English."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "ar.md").write_text(CAPTIONED_AR, "utf-8")
    (source / "en.md").write_text(CAPTIONED_EN, "utf-8")
    for name in ("stage.png", "hall.png", "crowd.png"):
        (source / name).write_bytes(PNG)
    out = build_site(source, tmp_path / "out")
    arabic = (out / "articles" / "افتتاح-المؤتمر-السنوي-للمطورين" / "index.html").read_text("utf-8")
    assert '<article class="article" lang="ar" dir="rtl">' in arabic
    assert (
        '<figure class="lead-image"><img src="../../media/stage.png" alt="Tim Cook on stage at Apple Park" '
        'lang="en" dir="ltr" width="1" height="1"><figcaption lang="en" dir="ltr">The keynote opens the conference'
        "</figcaption></figure>"
    ) in arabic
    assert '<p><img alt="Delegates arrive at the hall" src="../../media/hall.png" lang="en" dir="ltr"' in arabic
    # In the article's own language, or mixed (a name in English, a description in Arabic): unmarked.
    assert '<img src="../../media/crowd.png" alt="حشود المطورين أمام القاعة" width="1" height="1">' in arabic
    assert "<figcaption>حشود المطورين صباحًا</figcaption>" in arabic
    assert '<img src="../../media/crowd.png" alt="القاعة الرئيسية" width="1" height="1">' in arabic
    assert '<figcaption lang="en" dir="ltr">The main hall at noon</figcaption>' in arabic
    assert 'alt="Apple Park" title="مقر الشركة" width="1" height="1">' in arabic
    assert "<figcaption>Apple Park مقر الشركة</figcaption>" in arabic
    # An Arabic picture in an English paragraph: marked back, or the paragraph's lang would have it read as English.
    assert 'alt="صورة الرئيس التنفيذي" src="../../media/hall.png" lang="ar" dir="rtl"' in arabic
    # A missing picture becomes its alt text, which keeps its language and direction.
    assert '<p><span lang="en" dir="ltr">Delegates leave the hall</span></p>' in arabic
    english = (out / "articles" / "developers-gather-in-cupertino" / "index.html").read_text("utf-8")
    assert '<article class="article" lang="en" dir="ltr">' in english
    assert '<p><img alt="وصول الوفود إلى القاعة" src="../../media/hall.png" lang="ar" dir="rtl"' in english
    assert '<img src="../../media/crowd.png" alt="Crowds of developers" width="1" height="1">' in english
    assert '<figcaption lang="ar" dir="rtl">مطورون أمام القاعة</figcaption>' in english
    assert sitecheck.vnu_errors(out) == []
