"""sitegen.toml: every key optional, every problem reported at once, paths resolved sensibly."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import Config, key_lines, load, parse
from sitegen.errors import ConfigError

HERE = Path("/site")


def cfg(**data) -> Config:
    return parse(data, root=HERE, source=HERE / "seeds", output=HERE / "output")


def test_no_configuration_gives_working_defaults():
    c = cfg()
    assert (c.languages, c.per_page, c.month_system, c.digits, c.hijri, c.base_path) == (
        ("ar", "en"),
        20,
        "egyptian",
        "western",
        True,
        "/",
    )


def test_every_problem_is_reported_at_once_in_plain_words():
    with pytest.raises(ConfigError) as info:
        cfg(per_page="ten", hijri=1, colour="red", month_system="x", base_url="user.github.io/repo")
    message = str(info.value)
    assert "'per_page' must be a whole number, not a string" in message
    assert "'hijri' must be true or false, not a number" in message
    assert "unknown key 'colour'" in message and "source" in message
    assert "'month_system' must be one of egyptian, levantine, maghrebi" in message
    assert "'base_url' must be an absolute http(s) URL" in message


def test_the_month_systems_accepted_are_those_the_month_tables_have():
    """One list, in months.py beside the tables: a system added there is accepted here too."""
    from sitegen import config, months

    assert config.MONTH_SYSTEMS is months.MONTH_SYSTEMS
    assert all(cfg(month_system=system).month_system == system for system in months.AR_MONTHS)


def test_a_time_zone_the_tz_database_does_not_know_is_said_with_what_to_write():
    assert cfg(timezone="Africa/Cairo").timezone == "Africa/Cairo"
    with pytest.raises(ConfigError) as info:
        cfg(timezone="Cairo")
    assert "'timezone': unknown time zone 'Cairo'; write a name such as 'Africa/Cairo'" in str(info.value)


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://user.github.io/repo/", "/repo/"),
        ("https://user.github.io/repo", "/repo/"),
        ("https://news.example.org", "/"),
        ("https://a.org/x/y/", "/x/y/"),
    ],
)
def test_base_path_comes_from_the_base_url(url, path):
    assert cfg(base_url=url).base_path == path


def test_paths_in_the_file_are_relative_to_it_and_on_the_command_line_to_cwd(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitegen.toml").write_text('source = "articles"\noutput = "public"\n', "utf-8")
    c = load(site / "sitegen.toml", cwd=tmp_path)
    assert (c.root, c.source, c.output) == (site, site / "articles", site / "public")
    c = load(site / "sitegen.toml", source="elsewhere", cwd=tmp_path)
    assert c.source == tmp_path / "elsewhere"


def test_invalid_toml_names_the_file_and_line(tmp_path):
    (tmp_path / "sitegen.toml").write_text('title_ar = "x"\nper_page = = 3\n', "utf-8")
    with pytest.raises(ConfigError) as info:
        load(tmp_path / "sitegen.toml", cwd=tmp_path)
    assert info.value.file == str(tmp_path / "sitegen.toml") and info.value.line == 2


def test_an_invalid_base_url_on_the_command_line_is_reported_as_the_option_not_as_the_file(tmp_path):
    (tmp_path / "sitegen.toml").write_text("per_page = 5\n", "utf-8")
    with pytest.raises(ConfigError) as info:
        load(None, base_url="user.github.io/repo", cwd=tmp_path)
    assert info.value.file is None
    assert str(info.value).startswith("--base-url must be an absolute http(s) URL")


def test_a_mistyped_key_names_the_file_and_line_and_the_key_meant(tmp_path):
    (tmp_path / "sitegen.toml").write_text('# my site\ntitle_ar = "x"\ntitel_en = "News"\n', "utf-8")
    with pytest.raises(ConfigError) as info:
        load(tmp_path / "sitegen.toml", cwd=tmp_path)
    assert (info.value.file, info.value.line) == (str(tmp_path / "sitegen.toml"), 3)
    assert str(info.value).endswith("sitegen.toml:3: unknown key 'titel_en' (did you mean 'title_en'?)")


def test_every_problem_of_the_file_names_its_line_in_the_file_order(tmp_path):
    text = 'per_page = 0\n"hijri" = "yes"\n\n[site]\ntitle = "x"\n'
    (tmp_path / "sitegen.toml").write_text(text, "utf-8")
    with pytest.raises(ConfigError) as info:
        load(tmp_path / "sitegen.toml", cwd=tmp_path)
    assert info.value.line == 1
    lines = str(info.value).splitlines()[1:]
    assert [line.split(":")[0] for line in lines] == ["  - line 1", "  - line 2", "  - line 4"]
    assert "'per_page' must be between 1 and 1000" in lines[0] and "unknown key 'site'" in lines[2]


def test_key_lines_finds_top_level_keys_and_tables_but_not_keys_inside_tables():
    text = 'a = 1\n  "b c" = 2\nd.e = 3\n[t]\na2 = 4\n[[u]]\n'
    assert key_lines(text) == {"a": 1, "b c": 2, "d": 3, "t": 4, "u": 6}


@pytest.mark.parametrize(
    "text",
    [
        'description_en = """\n[Draft] the site\nper_page = 5\n"""\nper_page = 0\n',
        "description_en = '''\n[[x]]\n'''\nper_page = 0\n",
        'languages = [\n  "ar",  # [comment]\n  ["en"],\n]\nper_page = 0\n',
        'title_ar = "a \\" [b]"\nx = { a = [\n  1 ] }\nper_page = 0\n',
    ],
)
def test_key_lines_skip_what_a_multi_line_text_list_or_table_holds(text):
    """A '[Draft]' line in a multi-line description was taken for a table: no key after it had
    a line, and 'per_page' must be between 1 and 1000 named none."""
    assert key_lines(text)["per_page"] == text.split("\n").index("per_page = 0") + 1


def test_a_problem_after_a_multi_line_text_names_its_line(tmp_path):
    text = 'description_en = """\n[Draft] the site\n"""\nper_page = 0\nfoo = 1\n'
    (tmp_path / "sitegen.toml").write_text(text, "utf-8")
    with pytest.raises(ConfigError) as info:
        load(tmp_path / "sitegen.toml", cwd=tmp_path)
    assert [line.split(":")[0] for line in str(info.value).splitlines()[1:]] == ["  - line 4", "  - line 5"]


@pytest.mark.parametrize("url", ["https://user.github.io/repo/index.html", "https://news.example.org/Home.HTM"])
def test_a_base_url_that_is_the_address_of_a_page_is_refused(url):
    with pytest.raises(ConfigError, match="the address of the site's folder, not of a page"):
        cfg(base_url=url)


def test_a_decimal_where_a_whole_number_belongs_is_called_a_decimal_number():
    with pytest.raises(ConfigError, match="'per_page' must be a whole number, not a decimal number"):
        cfg(per_page=20.0)


def test_a_folder_given_as_the_config_file_is_called_a_folder_and_its_sitegen_toml_suggested(tmp_path):
    with pytest.raises(ConfigError, match=r"is a folder; --config takes the configuration file itself$"):
        load(tmp_path, cwd=tmp_path)
    (tmp_path / "sitegen.toml").write_text("", "utf-8")
    with pytest.raises(ConfigError, match=r"\(it has one: --config .*sitegen\.toml\)"):
        load(tmp_path, cwd=tmp_path)


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.symlink_to(p.parent / "moved" / "sitegen.toml"), "a symbolic link to a file that does not exist"),
        (lambda p: p.mkdir(), "is a folder, not the configuration file"),
        (lambda p: p.symlink_to(p), "is a symbolic link in a loop"),
    ],
)
def test_a_sitegen_toml_in_the_site_folder_that_cannot_be_read_is_reported_not_ignored(tmp_path, make, said):
    """The site was built with the defaults, without a word: no base_url, no title, another output,
    as if the site had no configuration (a link left dangling by a moved dotfiles folder)."""
    make(tmp_path / "sitegen.toml")
    with pytest.raises(ConfigError) as info:
        load(None, cwd=tmp_path)
    assert info.value.file == str(tmp_path / "sitegen.toml") and said in str(info.value)
    assert "--config" not in str(info.value)  # none was given


def test_a_cname_without_base_url_gives_the_sites_https_address_with_a_note_naming_the_line(tmp_path):
    (tmp_path / "sitegen.toml").write_text('title_en = "News"\ncname = "News.Example.org"\n', "utf-8")
    c = load(tmp_path / "sitegen.toml", cwd=tmp_path)
    assert (c.base_url, c.base_path) == ("https://news.example.org/", "/")
    [note] = c.notes
    assert (note.file, note.line, note.level) == (str(tmp_path / "sitegen.toml"), 2, "info")
    assert "no base_url set: using https://news.example.org/ from 'cname'" in note.message


def test_an_empty_base_url_in_the_file_is_no_base_url_and_the_cname_gives_one():
    assert cfg(base_url="", cname="news.example.org").base_url == "https://news.example.org/"


def test_an_empty_base_url_option_builds_without_absolute_urls_even_with_a_cname(tmp_path):
    (tmp_path / "sitegen.toml").write_text('cname = "news.example.org"\n', "utf-8")
    c = load(tmp_path / "sitegen.toml", base_url="", cwd=tmp_path)
    assert (c.base_url, c.notes) == ("", ())


@pytest.mark.parametrize("url", ["https://news.example.org/", "http://NEWS.example.org", "https://news.example.org/x/"])
def test_a_base_url_on_the_cname_host_is_kept_without_a_word(url):
    c = cfg(base_url=url, cname="news.example.org")
    assert (c.base_url, c.notes) == (url, ())


def test_a_base_url_on_another_host_than_cname_is_warned_naming_the_file_and_both_lines(tmp_path):
    text = 'cname = "news.example.org"\n# the old address\nbase_url = "https://user.github.io/repo/"\n'
    (tmp_path / "sitegen.toml").write_text(text, "utf-8")
    c = load(tmp_path / "sitegen.toml", cwd=tmp_path)
    assert c.base_url == "https://user.github.io/repo/"
    [warning] = c.notes
    assert warning.level == "warning"
    assert str(warning).startswith(
        f"{tmp_path / 'sitegen.toml'}:3: base_url https://user.github.io/repo/ is not on the custom domain "
        "cname = 'news.example.org' (line 1)"
    )
    assert str(warning).endswith("""set base_url = "https://news.example.org/" or correct 'cname'""")


def test_a_base_url_option_on_another_host_than_cname_is_warned_at_the_cname_line(tmp_path):
    (tmp_path / "sitegen.toml").write_text('per_page = 5\ncname = "news.example.org"\n', "utf-8")
    [warning] = load(tmp_path / "sitegen.toml", base_url="https://user.github.io/repo/", cwd=tmp_path).notes
    assert (warning.file, warning.line, warning.level) == (str(tmp_path / "sitegen.toml"), 2, "warning")
    assert warning.message.startswith("--base-url https://user.github.io/repo/ is not on the custom domain")
    assert "pass --base-url https://news.example.org/" in warning.message


def test_the_notes_of_the_configuration_do_not_count_as_a_change_of_it():
    with_note = cfg(cname="news.example.org")
    assert with_note.notes and repr(with_note) == repr(
        cfg(cname="news.example.org", base_url="https://news.example.org/")
    )


def test_inspect_says_what_the_configuration_did_and_strict_fails_on_its_warnings(tmp_path, capsys):
    from conftest import write_source

    from sitegen.cli import main

    source = write_source(tmp_path, {"a.md": "---\ntitle: A\ndate: 2024-05-02\n---\n\nText.\n"})
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitegen.toml").write_text('cname = "news.example.org"\n', "utf-8")
    args = ["inspect", "--config", str(site / "sitegen.toml"), "--source", str(source)]
    assert main(args) == 0
    assert "sitegen.toml:1: no base_url set: using https://news.example.org/ from 'cname'" in capsys.readouterr().err
    (site / "sitegen.toml").write_text('cname = "news.example.org"\nbase_url = "https://u.github.io/r/"\n', "utf-8")
    assert main(args) == 0
    assert "sitegen.toml:2: base_url https://u.github.io/r/ is not on the custom domain" in capsys.readouterr().err
    assert main([*args, "--strict"]) == 1


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://[::1/", "is not a valid URL"),  # urlsplit's ValueError was a traceback
        ("https://example.com:abc/", "port"),
        ("https://example.com:99999/", "port"),
        ("http://x y.com/", "host name"),
        ("https://exa%20mple.com/", "host name"),
        ("https://user:secret@example.com/", "user name or password"),
    ],
)
def test_a_base_url_with_a_host_or_port_that_cannot_be_is_refused_with_the_reason(url, reason):
    """These were taken as they were and written into every canonical link, feed and sitemap
    entry (a password too); a broken IPv6 address ended the build with a traceback."""
    with pytest.raises(ConfigError) as info:
        cfg(base_url=url)
    assert "'base_url'" in str(info.value) and reason in str(info.value)
    with pytest.raises(ConfigError) as info:
        load(None, base_url=url, cwd=Path("/"))
    assert str(info.value).startswith("--base-url") and reason in str(info.value)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://example.com/ ", "a space"),  # pasted with the space after it: every link under /%20/
        (" https://example.com/repo/", "a space"),
        ("https://example.com/repo /", "a space"),
        ("https://example.com/repo/\u200f", "U+200F"),  # a direction mark copied out of Arabic text
        ("https://example.com/\u200brepo/", "U+200B"),
        ("https://example.com/../repo/", "'..'"),  # written into links as is; a browser reads /repo/
        ("https://example.com/./repo/", "'.'"),
        ("https://example.com/%2e%2e/repo/", "'..'"),  # a browser reads it as '..' too
    ],
)
def test_a_base_url_with_a_space_an_invisible_character_or_a_dot_segment_is_refused_with_the_reason(url, reason):
    """Each was taken as part of the site's path and put into every canonical link, feed entry
    and the preview's base path: 'https://example.com/ ' made https://example.com/%20/articles/…"""
    with pytest.raises(ConfigError) as info:
        cfg(base_url=url)
    assert "'base_url'" in str(info.value) and reason in str(info.value)
    with pytest.raises(ConfigError) as info:
        load(None, base_url=url, cwd=Path("/"))
    assert str(info.value).startswith("--base-url") and reason in str(info.value)


@pytest.mark.parametrize(
    "url", ["https://news.example.org:8443/", "http://127.0.0.1:8000/repo/", "http://[::1]:8000/", "https://مثال.مصر/"]
)
def test_a_base_url_with_a_port_an_ip_address_or_an_arabic_domain_is_kept(url):
    assert cfg(base_url=url).base_url == url


def test_a_source_and_an_output_of_the_wrong_type_are_reported_at_once_with_the_other_problems(tmp_path):
    """Only 'source' was said: the user fixed it, ran again and only then heard of 'output' and
    of every other key (the one-pass promise of the module)."""
    (tmp_path / "sitegen.toml").write_text('source = 5\noutput = ["a"]\nper_page = 0\n', "utf-8")
    with pytest.raises(ConfigError) as info:
        load(tmp_path / "sitegen.toml", cwd=tmp_path)
    lines = str(info.value).splitlines()[1:]
    assert lines == [
        "  - line 1: 'source' must be a string path",
        "  - line 2: 'output' must be a string path",
        "  - line 3: 'per_page' must be between 1 and 1000",
    ]
