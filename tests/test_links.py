"""Links in a Markdown body to another article's source file lead to that article's page."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import sitecheck
from conftest import build_site

from sitegen import config as configuration
from sitegen.build import build as build_with
from sitegen.cli import main
from sitegen.extract import parse_article
from sitegen.links import link_articles
from sitegen.model import SourceText, Tag
from sitegen.render import Renderer
from sitegen.session import Session

OLD = "Title: Old story\nDate: 2023-05-01\n\n## Background {#background}\n\nOld text.\n"
NEW = (
    "Title: New story\nDate: 2024-05-01\n\nFirst paragraph.\n\n"
    'See [the old story](../2023/old.md#background) and [it again](<../2023/old.md> "Old").\n'
)


def parse(text: str, source: str = "2024/new.md"):
    return parse_article(
        SourceText(source=source, text=text, encoding="utf-8"), lambda label: Tag(label, label, label), lambda t, b: ()
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A source folder where 2024/new.md links to 2023/old.md, and a configuration with full feeds."""
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "src"
    (source / "2023").mkdir(parents=True)
    (source / "2024").mkdir()
    (source / "2023" / "old.md").write_text(OLD, "utf-8")
    (source / "2024" / "new.md").write_text(NEW, "utf-8")
    config = tmp_path / "sitegen.toml"
    config.write_text('base_url = "https://example.github.io/repo/"\nfeed_content = "full"\n', "utf-8")
    return source, config


def new_page(out: Path) -> str:
    return (out / "articles" / "new-story" / "index.html").read_text("utf-8")


def links_in(html: str) -> list[str]:
    """The href of every link in the article body (the second paragraph)."""
    paragraph = re.search(r"<p>See .*?</p>", html, re.DOTALL)
    assert paragraph is not None
    return re.findall(r'<a href="([^"]*)"', paragraph.group(0))


# --- the body: pure --------------------------------------------------------------------------


def test_a_link_to_an_article_file_is_kept_for_its_page_without_a_warning():
    article = parse(NEW + "\n[a third](<other file.markdown>) [a text](notes.TXT)\n")
    assert article.links == (("2023/old.md", 6), ("2024/other file.markdown", 8), ("2024/notes.TXT", 8))
    assert article.diagnostics == () and article.media == ()
    html = article.body[0].text
    assert 'href="sitegen:article/2023/old.md#background"' in html
    assert 'href="sitegen:article/2024/other%20file.markdown"' in html


def test_an_article_file_shown_as_an_image_is_still_warned():
    article = parse("Title: T\nDate: 2024-01-01\n\nText.\n\n![x](other.md)\n")
    assert article.links == ()
    (note,) = article.diagnostics
    assert (note.line, "'other.md' is an article file") == (6, note.message[: len("'other.md' is an article file")])


def test_an_author_cannot_write_the_mark_of_an_article_link():
    article = parse('Title: T\nDate: 2024-01-01\n\n[x](sitegen:article/a.md) <a href="sitegen:article/b.md">y</a>\n')
    assert article.links == () and "sitegen:" not in article.body[0].text


def test_marked_links_lead_to_the_page_or_become_their_text():
    html = (
        '<p><a href="sitegen:article/a%20b.md#x" title="T">one</a> '
        '<a id="n" href="sitegen:article/gone.md">two <em>2</em></a> <a href="sitegen:article/gone.md">three</a></p>'
    )
    urls = {"a b.md": "../a-b/"}
    assert link_articles(html, urls.get) == (
        '<p><a href="../a-b/#x" title="T">one</a> <span id="n">two <em>2</em></span> three</p>'
    )


@pytest.mark.parametrize(
    ("source", "written", "linked"),
    [
        # Jekyll: post_url names a post of _posts without its suffix, link a file from the site's root
        ("_posts/2019-03-15-b.md", "{% post_url 2019-03-10-a %}", "_posts/2019-03-10-a"),
        (
            "blog/_posts/2019-03-15-b.md",
            "{{ site.baseurl }}{%post_url 2019/2019-03-10-a%}",
            "blog/_posts/2019/2019-03-10-a",
        ),
        ("_posts/2019-03-15-b.md", "{% link _posts/2019-03-10-a.markdown %}", "_posts/2019-03-10-a.markdown"),
        # Hugo: from the content folder with '/', else from the page (a bundle's from its folder)
        ("content/posts/b.md", '{{< ref "/news/a.md" >}}', "content/news/a.md"),
        ("content/posts/b.md", '{{< relref "a#x" >}}', "content/posts/a"),
        ("content/posts/b/index.md", '{{% ref "a.md" %}}', "content/posts/a.md"),
        ("posts/b.md", '{{< ref "/news/a" >}}', "news/a"),
        # Pelican: {filename} from the article's folder, or with '/' from the content folder
        ("pelican/b.md", "{filename}a.md", "pelican/a.md"),
        ("content/2024/b.md", "{filename}/pages/a.md", "content/pages/a.md"),
        ("2024/b.md", "|filename|../a.md", "a.md"),
    ],
)
def test_a_link_written_for_jekyll_hugo_or_pelican_leads_to_the_linked_article(source, written, linked):
    article = parse(f"---\ntitle: T\ndate: 2024-01-01\n---\n\nSee [the other]({written}).\n", source)
    assert [rel for rel, _ in article.links] == [linked]
    assert article.diagnostics == ()  # neither "template code shown as typed" nor "not published"
    assert 'href="sitegen:article/' in article.body[0].text


def test_a_picture_named_for_pelican_is_published_from_the_content_folder():
    article = parse(
        "Title: T\nDate: 2024-01-01\n\n![map]({static}/images/map.png) ![a]({attach}a.jpg)\n", "content/2024/b.md"
    )
    assert [rel for rel, _ in article.media] == ["content/images/map.png", "content/2024/a.jpg"]
    assert article.diagnostics == ()


def test_a_cross_reference_inside_code_stays_as_typed():
    article = parse("Title: T\nDate: 2024-01-01\n\nWrite `{% post_url 2019-03-10-a %}` or {filename}.\n")
    assert "<code>{% post_url 2019-03-10-a %}</code>" in article.body[0].text and article.links == ()


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Python's format('{filename}') names it; Pelican writes {static} or |static|.", "{filename}"),
        ("Python's format('{filename}') names it; Pelican writes {static} or |static|.", "{static} or |static|."),
        ("|filename|static|\n|--------|------|\n|a.md    |no    |", "<th>filename</th>\n<th>static</th>"),
        ("The address is {% post_url 2019-03-10-a %} now.", "is {% post_url 2019-03-10-a %} now."),
    ],
)
def test_a_cross_reference_outside_a_link_stays_as_typed(text, shown):
    # Only a link's address is resolved, as the generators' own builds do for Pelican: the words
    # were dropped (a table's |filename| header with them), or '{article}_posts/...' was shown.
    article = parse(f"Title: T\nDate: 2024-01-01\n\n{text}\n")
    assert shown in "".join(block.text for block in article.body) and article.links == ()


def test_a_cross_reference_in_an_indented_code_block_stays_as_typed():
    article = parse("Title: T\nDate: 2024-01-01\n\nIntro.\n\n    ![x]({filename}/a.png) {% post_url 2019-03-10-a %}\n")
    assert "![x]({filename}/a.png) {% post_url 2019-03-10-a %}" in article.body[-1].text
    assert article.links == () and article.media == ()


def test_a_hugo_ref_that_goes_up_from_a_page_bundle_starts_at_the_bundles_folder():
    # Hugo looks a bundle's relative refs up from the folder holding the bundle, unless the path
    # goes up itself ('..'): '../a.md' from blog/b/index.md is blog/a.md, not a.md.
    article = parse(
        '---\ntitle: T\ndate: 2024-01-01\n---\n\n[up]({{< ref "../a.md" >}}) [next]({{< ref "c.md" >}})\n',
        "content/blog/b/index.md",
    )
    assert [rel for rel, _ in article.links] == ["content/blog/a.md", "content/blog/c.md"]


# --- the build -------------------------------------------------------------------------------


def test_links_between_articles_lead_to_their_pages_under_a_base_path_and_in_feeds(linked, tmp_path, vnu):
    source, config = linked
    out = build_site(source, tmp_path / "out", "--config", str(config))
    assert links_in(new_page(out)) == ["../old-story/#background", "../old-story/"]
    assert sitecheck.broken_links(out, base_path="/repo/") == []
    assert sitecheck.vnu_errors(out) == []
    feed = (out / "feed.xml").read_text("utf-8")
    assert '&lt;a href="https://example.github.io/repo/articles/old-story/#background"&gt;the old story' in feed
    assert "sitegen:" not in feed


def test_a_link_follows_the_slug_that_collect_gives_an_article_with_a_taken_title(linked, tmp_path):
    source, config = linked
    (source / "2022").mkdir()
    first = OLD.replace("2023-05-01", "2022-01-01").replace("Old text.", "First text.")
    (source / "2022" / "first.md").write_text(first, "utf-8")  # the older one keeps old-story
    out = build_site(source, tmp_path / "out", "--config", str(config))
    (href, _) = links_in(new_page(out))
    assert re.fullmatch(r"\.\./old-story-[0-9a-f]{6}/#background", href)
    assert "Old text." in (out / "articles" / href[3:].split("#")[0] / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("target", "text", "reason"),
    [
        ("gone.md", None, "does not exist in the source folder"),
        ("draft.md", "Title: D\nDraft: yes\n\nText.\n", "is a draft"),
        ("bad.md", "---\ntitle: [x\n---\nText.\n", "could not be read"),
    ],
)
def test_a_link_to_an_article_file_that_publishes_nothing_is_warned_and_shown_as_text(
    linked, tmp_path, capsys, target, text, reason
):
    source, config = linked
    if text is not None:
        (source / "2024" / target).write_text(text, "utf-8")
    (source / "2024" / "new.md").write_text(NEW + f"\nAlso [the {target} one]({target}).\n", "utf-8")
    out = tmp_path / "out"
    capsys.readouterr()
    assert main(["build", "--source", str(source), "--output", str(out), "--config", str(config)]) == 0
    err = capsys.readouterr().err
    assert f"2024/new.md:8: the linked article file '2024/{target}' {reason}" in err
    page = new_page(out)
    assert f"Also the {target} one." in page and "sitegen:" not in page
    assert sitecheck.broken_links(out, base_path="/repo/") == []
    assert main(["build", "--source", str(source), "--output", str(out), "--config", str(config), "--strict"]) == 1


@pytest.mark.parametrize(
    ("written", "files", "shown", "said"),
    [
        # a file of the repository or of the host, no article: the link stays as written
        (
            "/README.md",
            {"README.md": "# Archive\n"},
            '<a href="/README.md">the one</a>',
            "'/README.md' is an absolute path",
        ),
        ("/terms.txt#use", {}, '<a href="/terms.txt#use">the one</a>', "'/terms.txt' is an absolute path"),
        # an article, as Jekyll and Hugo archives write them: its page, or its text when it is a draft
        ("/2023/old.md#background", {}, '<a href="../old-story/#background">the one</a>', None),
        (
            "/2024/draft.md",
            {"2024/draft.md": "Title: D\nDate: 2024-01-01\nDraft: yes\n\nText.\n"},
            "Also the one.",
            "the linked article file '2024/draft.md' is a draft",
        ),
    ],
)
def test_a_link_from_the_root_leads_to_the_article_it_names_or_stays_as_written(
    linked, tmp_path, capsys, written, files, shown, said
):
    """/2023/story.md is read from the top of the source folder; /README.md or /terms.txt, which
    name no article, were taken for article links and made plain text, their address lost."""
    source, config = linked
    for name, text in files.items():
        (source / name).write_text(text, "utf-8")
    (source / "2024" / "new.md").write_text(NEW + f"\nAlso [the one]({written}).\n", "utf-8")
    out = tmp_path / "out"
    capsys.readouterr()
    assert main(["build", "--source", str(source), "--output", str(out), "--config", str(config)]) == 0
    err = capsys.readouterr().err
    page = new_page(out)
    assert shown in page and "sitegen:" not in page
    if said is None:
        assert "WARNING" not in err, err
    else:
        assert f"WARNING: 2024/new.md:8: {said}" in err and err.count("WARNING") == 1, err


def test_a_jekyll_post_url_and_a_hugo_ref_without_suffix_find_the_post_on_the_page(tmp_path, capsys, vnu):
    source = tmp_path / "src"
    (source / "_posts").mkdir(parents=True)
    (source / "content" / "posts" / "floods").mkdir(parents=True)
    (source / "_posts" / "2019-03-10-a.markdown").write_text(
        "---\ntitle: Old post\n---\n\n## Background\n\nText.\n", "utf-8"
    )
    (source / "_posts" / "2019-03-15-b.md").write_text(
        "---\ntitle: New post\n---\n\nSee [it]({{ site.baseurl }}{% post_url 2019-03-10-a %}#background), "
        "[gone]({% post_url 2019-01-01-gone %}).\n",
        "utf-8",
    )
    bundle = "+++\ntitle = 'Floods'\ndate = 2022-01-02\n+++\n\nText.\n"
    (source / "content" / "posts" / "floods" / "index.md").write_text(bundle, "utf-8")
    (source / "content" / "posts" / "c.md").write_text(
        '---\ntitle: Hugo post\ndate: 2022-01-01\n---\n\nSee [it]({{< ref "floods" >}}).\n', "utf-8"
    )
    out = tmp_path / "out"
    assert main(["build", "--source", str(source), "--output", str(out)]) == 0
    err = capsys.readouterr().err
    page = (out / "articles" / "new-post" / "index.html").read_text("utf-8")
    assert 'See <a href="../old-post/#background">it</a>, gone.' in page
    assert 'See <a href="../floods/">it</a>.' in (out / "articles" / "hugo-post" / "index.html").read_text("utf-8")
    assert (
        "_posts/2019-03-15-b.md:5: no linked article file '_posts/2019-01-01-gone.md', "
        "'_posts/2019-01-01-gone.markdown' or '_posts/2019-01-01-gone/index.md' is in the source folder"
    ) in err
    assert err.count("WARNING") == 1, err
    assert sitecheck.broken_links(out) == []
    assert sitecheck.vnu_errors(out) == []


def test_jekyll_posts_copied_out_of_their_posts_folder_are_still_found_by_post_url_and_link(tmp_path, capsys):
    # An archive often holds a Jekyll site's _posts alone: post_url and link name _posts/NAME.
    source = tmp_path / "src"
    (source / "2019").mkdir(parents=True)
    (source / "2019-03-10-a.md").write_text("---\ntitle: Old post\n---\n\nText.\n", "utf-8")
    (source / "2019" / "2019-03-12-c.md").write_text("---\ntitle: Other post\n---\n\nText.\n", "utf-8")
    (source / "2019-03-15-b.md").write_text(
        "---\ntitle: New post\n---\n\n"
        "See [it]({% post_url 2019-03-10-a %}), [that]({% link _posts/2019-03-10-a.md %}), "
        "[other]({% post_url 2019/2019-03-12-c %}).\n\n![a picture]({% post_url 2019-03-10-a %})\n",
        "utf-8",
    )
    out = tmp_path / "out"
    assert main(["build", "--source", str(source), "--output", str(out)]) == 0
    err = capsys.readouterr().err
    page = (out / "articles" / "new-post" / "index.html").read_text("utf-8")
    assert (
        'See <a href="../old-post/">it</a>, <a href="../old-post/">that</a>, <a href="../other-post/">other</a>.'
    ) in page
    # an article is no picture: its alt text is shown, and the warning names the post, not a marker
    assert "<p>a picture</p>" in page
    assert "2019-03-15-b.md:7: '2019-03-10-a' names an article, not a picture" in err
    assert "{article}" not in err and err.count("WARNING") == 1, err


# --- incremental builds ----------------------------------------------------------------------


# Undated (so in no feed) and Arabic (so not a neighbour of the English new.md): only the link
# ties new.md's page and feed entry to it.
LONE = "Title: Old story\nLang: ar\n\n## Background {#background}\n\nنص قديم.\n"


def rebuild_as_full(mode: str, source: Path, config: Path, out: Path, session: Session, full: Path) -> None:
    """An incremental build of out (the command line, or a sitegen serve session), checked byte
    for byte against a clean full build of the same sources into full."""
    if mode == "cli":
        build_site(source, out, "--config", str(config), "--jobs", "1")
    else:
        build_with(configuration.load(config, source=source, output=out), session=session)
        session.settle()
    shutil.rmtree(full, ignore_errors=True)
    build_site(source, full, "--config", str(config), "--no-cache")
    assert snapshot(out) == snapshot(full)


@pytest.mark.parametrize("mode", ["cli", "session"])
def test_an_incremental_build_updates_the_links_to_an_article_renamed_removed_or_added(
    linked, tmp_path, monkeypatch, mode
):
    """new.md is never edited: its page and its full feed entry must follow what becomes of
    old.md. Pages are rendered one a task here, so that only the link ties the two."""
    chunked = Renderer.tasks
    monkeypatch.setattr(Renderer, "tasks", lambda self, chunk=1: chunked(self, chunk))
    source, config = linked
    out = tmp_path / "out"
    session = Session()
    old = source / "2023" / "old.md"

    def rebuild() -> None:
        rebuild_as_full(mode, source, config, out, session, tmp_path / "full")

    def write_old(text: str) -> None:
        old.write_text(text, "utf-8")
        st = old.stat()  # a new modification time even on coarse-grained file systems
        os.utime(old, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))

    write_old(LONE)
    rebuild()
    assert links_in(new_page(out)) == ["../old-story/#background", "../old-story/"]
    write_old(LONE.replace("Old story", "Renamed story"))  # the title, and so the slug, changes
    rebuild()
    assert links_in(new_page(out)) == ["../renamed-story/#background", "../renamed-story/"]
    write_old(LONE.replace("Title: Old story", "Title: Old story\nSlug: kept"))
    rebuild()
    assert links_in(new_page(out))[0] == "../kept/#background"
    old.unlink()
    rebuild()
    assert links_in(new_page(out)) == []  # the link's text stays
    write_old(LONE)
    rebuild()
    assert links_in(new_page(out))[0] == "../old-story/#background"
    write_old(LONE.replace("Lang:", "Draft: yes\nLang:"))
    rebuild()
    assert links_in(new_page(out)) == []


@pytest.mark.parametrize("mode", ["cli", "session"])
def test_an_incremental_build_follows_what_a_link_from_the_root_names(linked, tmp_path, mode):
    """A link to /2023/old.md stays as written while no article file is there, is its text while
    the file is a draft, and leads to the page once it is published: new.md is never edited."""
    source, config = linked
    (source / "2023" / "old.md").unlink()
    (source / "2024" / "new.md").write_text(NEW.replace("../2023/old.md", "/2023/old.md"), "utf-8")
    out = tmp_path / "out"
    session = Session()
    old = source / "2023" / "old.md"

    def rebuild() -> list[str]:
        rebuild_as_full(mode, source, config, out, session, tmp_path / "full")
        return links_in(new_page(out))

    def write_old(text: str) -> None:
        old.write_text(text, "utf-8")
        st = old.stat()  # a new modification time even on coarse-grained file systems
        os.utime(old, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))

    assert rebuild() == ["/2023/old.md#background", "/2023/old.md"]
    write_old(LONE.replace("Lang:", "Draft: yes\nLang:"))
    assert rebuild() == []
    write_old(LONE)
    assert rebuild() == ["../old-story/#background", "../old-story/"]
    old.unlink()
    assert rebuild() == ["/2023/old.md#background", "/2023/old.md"]


def test_an_unpublished_file_linked_both_relatively_and_from_the_root_is_warned_once(linked, tmp_path, capsys):
    """../draft.md and /2024/draft.md name one file: one warning, at the first link's line, as
    before the root links kept their '/' (it was said twice, word for word, on one line)."""
    source, config = linked
    (source / "2024" / "draft.md").write_text("Title: D\nDate: 2024-01-01\nDraft: yes\n\nText.\n", "utf-8")
    (source / "2024" / "new.md").write_text(
        NEW + "\nAlso [one](draft.md) and [two](/2024/draft.md) and [gone](gone.md).\n\nAnd [three](/2024/gone.md).\n",
        "utf-8",
    )
    out = tmp_path / "out"
    capsys.readouterr()
    assert main(["build", "--source", str(source), "--output", str(out), "--config", str(config)]) == 0
    err = capsys.readouterr().err
    assert err.count("the linked article file '2024/draft.md' is a draft") == 1, err
    assert "2024/new.md:8: the linked article file '2024/draft.md' is a draft" in err
    assert err.count("the linked article file '2024/gone.md' does not exist") == 1, err
    # a root link to no file at all stays as written: said of its own line
    assert "2024/new.md:10: '/2024/gone.md' is an absolute path" in err


def test_a_link_from_the_root_kept_as_written_keeps_its_query(linked, tmp_path):
    """/terms.txt?v=2#use names no article: its whole address is kept, the ?v=2 with it. A link
    to an article's file leads to its page, without the query, as a relative one does."""
    source, config = linked
    (source / "2024" / "new.md").write_text(
        NEW + "\nAlso [terms](/terms.txt?v=2#use) and [old](/2023/old.md?v=2#background).\n", "utf-8"
    )
    out = tmp_path / "out"
    assert main(["build", "--source", str(source), "--output", str(out), "--config", str(config), "-q"]) == 0
    page = new_page(out)
    assert '<a href="/terms.txt?v=2#use">terms</a>' in page
    assert '<a href="../old-story/#background">old</a>' in page
    feed = (out / "feed.xml").read_text("utf-8")
    assert "/terms.txt?v=2#use" in feed and "sitegen:" not in feed


@pytest.mark.parametrize(
    "written, shown",
    [
        ("/a+b.md", "/a+b.md"),
        ("/a&b.md", "/a&amp;b.md"),
        ("/a%2Fb.md", "/a%2Fb.md"),
        ("/caf%c3%a9.md?v=1&w=2#use", "/caf%c3%a9.md?v=1&amp;w=2#use"),
        ("/x/../README.md", "/x/../README.md"),
    ],
)
def test_a_link_from_the_root_kept_as_written_keeps_every_letter_of_its_address(linked, tmp_path, written, shown):
    """/a+b.md names no article: it was re-encoded from the file name it names (/a%2Bb.md,
    /a%26b.md, /a/b.md), leading elsewhere on the host than the author wrote."""
    source, config = linked
    (source / "2024" / "new.md").write_text(NEW + f"\nAlso [the one](<{written}>).\n", "utf-8")
    out = tmp_path / "out"
    assert main(["build", "--source", str(source), "--output", str(out), "--config", str(config), "-q"]) == 0
    assert f'<a href="{shown}">the one</a>' in new_page(out)
    feed = (out / "feed.xml").read_text("utf-8")
    assert f'href="{shown}"'.replace("&", "&amp;") in feed and "sitegen:" not in feed  # escaped once more


def test_a_relative_link_kept_as_written_keeps_every_letter_of_its_address(linked, tmp_path):
    source, config = linked
    (source / "2024" / "new.md").write_text(
        NEW + "\nAlso [a](contact+us.html), [b](a%2Fb.html?x=1&y=2) and [c](/terms%2b.txt).\n", "utf-8"
    )
    out = tmp_path / "out"
    assert main(["build", "--source", str(source), "--output", str(out), "--config", str(config), "-q"]) == 0
    page = new_page(out)
    assert '<a href="contact+us.html">a</a>' in page
    assert '<a href="a%2Fb.html?x=1&amp;y=2">b</a>' in page
    assert '<a href="/terms%2b.txt">c</a>' in page
