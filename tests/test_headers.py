"""Unit tests for sitegen.headers: the metadata headers of Markdown sources."""

from __future__ import annotations

import pytest
from complexity import assert_linear

from sitegen import headers
from sitegen.arabic import split_tags
from sitegen.errors import SourceError
from sitegen.headers import TEXT_KEYS, Metadata, TemplateCode, split_metadata

# --- split_metadata: YAML front matter ----------------------------------------------------------


def test_yaml_front_matter_gives_fields_body_and_body_line() -> None:
    meta = split_metadata("---\nTitle: Hello\nLang: en\n---\nFirst paragraph.\n")
    assert meta.fields == {"title": "Hello", "lang": "en"}
    assert meta.body == "First paragraph.\n"
    assert meta.body_line == 5


def test_yaml_front_matter_can_close_with_three_dots() -> None:
    meta = split_metadata("---\ntitle: A\n...\nbody")
    assert meta.fields == {"title": "A"}
    assert meta.body == "body"


def test_yaml_keys_are_lowercased_and_lines_are_one_based_file_lines() -> None:
    meta = split_metadata("---\nTitle: A\n\nDATE: 2024-04-19\n---\n")
    assert meta.lines == {"title": 2, "date": 4}


def test_yaml_date_stays_the_string_typed() -> None:
    meta = split_metadata("---\ndate: 2024-04-19\nupdated: 2024-04-19 10:30:00\n---\n")
    assert meta.fields["date"] == "2024-04-19"
    assert meta.fields["updated"] == "2024-04-19 10:30:00"


@pytest.mark.parametrize("typed", ["no", "yes", "off", "true", "1.10", "0755", "'null'", '"~"'])
def test_yaml_scalars_are_never_converted_to_bool_or_number_and_quoted_null_is_text(typed: str) -> None:
    assert split_metadata(f"---\nx: {typed}\n---\n").fields["x"] == typed.strip("'\"")


@pytest.mark.parametrize("null", ["~", "null", "Null", "NULL"])
def test_yaml_plain_null_is_no_value_as_jekyll_and_hugo_read_it(null: str) -> None:
    meta = split_metadata(f"---\ndescription: {null}\ntags: {null}\nauthors: [a, {null}]\n---\n")
    assert meta.fields == {"description": "", "tags": (), "authors": ("a",)}


def test_yaml_empty_value_is_empty_string() -> None:
    assert split_metadata("---\nsummary:\n---\n").fields["summary"] == ""


def test_yaml_list_becomes_tuple_of_strings() -> None:
    meta = split_metadata("---\ntags:\n  - روسيا\n  - 2024\n  - no\nauthors: [a, b]\n---\n")
    assert meta.fields["tags"] == ("روسيا", "2024", "no")
    assert meta.fields["authors"] == ("a", "b")


def test_yaml_tags_given_as_text_are_split_on_commas() -> None:
    assert split_metadata("---\ntags: روسيا، باكستان, UN\n---\n").fields["tags"] == (
        "روسيا",
        "باكستان",
        "UN",
    )


def test_yaml_syntax_error_raises_source_error_with_file_line() -> None:
    with pytest.raises(SourceError) as caught:
        split_metadata("---\ntitle: ok\nbad: [unclosed\n---\nbody")
    assert caught.value.line is not None
    assert caught.value.line >= 3
    assert "YAML" in caught.value.reason


def test_yaml_mapping_value_in_wrong_place_reports_its_line() -> None:
    with pytest.raises(SourceError) as caught:
        split_metadata("---\ntitle: a\nlayout: b: c\n---\n")
    assert caught.value.line == 3


def test_yaml_list_document_is_not_a_header() -> None:
    with pytest.raises(SourceError, match="mapping"):
        split_metadata("---\n- a\n- b\n---\n")


def test_yaml_nested_mapping_value_is_rejected() -> None:
    with pytest.raises(SourceError, match="nested") as caught:
        split_metadata("---\ntitle: a\nsummary: {name: b}\n---\n")
    assert caught.value.line == 3


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: a\nparams:\n  image: x.jpg\n  alt: b\nmenu:\n  main:\n    weight: 2\n---\nBody.",
        '+++\ntitle = "a"\n[params]\nimage = "x.jpg"\n[menu.main]\nweight = 2\n+++\nBody.',
        '{\n  "title": "a",\n  "params": {"image": "x.jpg"},\n  "menu": [{"main": 1}]\n}\nBody.',
    ],
)
def test_a_nested_value_under_a_key_that_is_not_read_is_kept_empty_not_an_error(text: str) -> None:
    meta = split_metadata(text, read={"title"})
    assert meta.fields == {"title": "a", "params": "", "menu": ""}
    assert meta.lines["params"] == 3 and meta.body == "Body."


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("---\ntitle: a\ncover:\n  image: x.jpg\n  Alt: b\n---\nBody.", {"cover.image": 4, "cover.alt": 5}),
        ('+++\ntitle = "a"\n[cover]\nimage = "x.jpg"\nalt = "b"\n+++\nBody.', {"cover.image": 4, "cover.alt": 5}),
        ('+++\ntitle = "a"\ncover = { image = "x.jpg", alt = "b" }\n+++\nBody.', {"cover.image": 3, "cover.alt": 3}),
        (
            '{\n  "title": "a",\n  "cover": {"image": "x.jpg",\n  "alt": "b"}\n}\nBody.',
            {"cover.image": 3, "cover.alt": 4},
        ),
    ],
)
def test_a_lead_image_table_is_read_as_key_dot_subkey_fields_with_their_lines(text: str, lines: dict[str, int]) -> None:
    """Hugo's PaperMod writes cover: {image, alt, caption}, Jekyll's Chirpy image: {path, alt}."""
    meta = split_metadata(text, read={"title"})
    assert meta.fields == {"title": "a", "cover.image": "x.jpg", "cover.alt": "b"}
    assert {key: meta.lines[key] for key in lines} == lines and meta.body == "Body."


@pytest.mark.parametrize("opening", ["[[tags]]", "[[ tags ]]", '[["tags"]]', "[tags.x]", "tags.x = 1"])
def test_a_toml_key_written_as_an_array_of_tables_or_dotted_is_found_on_its_line(opening: str) -> None:
    meta = split_metadata(f'+++\ntitle = "a"\n\n{opening}\nname = "Gaza"\n+++\nBody.', read=())
    assert meta.lines["tags"] == 4


def test_a_repeated_key_in_a_lead_image_table_is_an_error_with_its_line() -> None:
    with pytest.raises(SourceError, match=r"'image\.path' appears twice") as caught:
        split_metadata("---\ntitle: a\nimage:\n  path: x.jpg\n  path: y.jpg\n---\n")
    assert caught.value.line == 5


def test_a_nested_value_under_a_key_that_is_read_is_still_an_error_with_its_line() -> None:
    with pytest.raises(SourceError, match="nested") as caught:
        split_metadata("---\ntitle: a\nsummary: {name: b}\n---\n", read={"title", "summary"})
    assert caught.value.line == 3


def test_yaml_front_matter_never_closed_is_an_error_on_line_1() -> None:
    with pytest.raises(SourceError, match="never closed") as caught:
        split_metadata("---\ntitle: a\nbody text\n")
    assert caught.value.line == 1


def test_yaml_python_tags_build_no_objects() -> None:
    meta = split_metadata("---\nx: !!python/object/apply:os.system ['true']\n---\n")
    assert meta.fields["x"] == ("true",)


def test_empty_yaml_front_matter_gives_no_fields() -> None:
    meta = split_metadata("---\n---\nbody")
    assert meta == Metadata(fields={}, lines={}, body="body", body_line=3)


def test_duplicate_key_is_an_error_naming_both_lines() -> None:
    with pytest.raises(SourceError, match="line 2") as caught:
        split_metadata("---\ntitle: a\nTitle: b\n---\n")
    assert caught.value.line == 3


# --- split_metadata: a text value YAML cannot read, read as typed --------------------------------


def _header(line: str) -> str:
    return f"---\n{line}\ndate: 2024-03-05\n---\n\nBody.\n"


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("Breaking: Q&A with the minister", "YAML reads ': ' in it as the start of another key"),
        ("[Draft] New plan", "YAML reads '[' at its start as syntax"),
        ("@home with Sara", "YAML reads '@' at its start as syntax"),
        ("`code` talk", "YAML reads '`' at its start as syntax"),
        ("50% off: sale", "YAML reads ': ' in it as the start of another key"),
    ],
)
def test_an_unquoted_title_yaml_cannot_read_is_read_as_typed_with_a_warning_at_its_line(typed: str, why: str) -> None:
    """Each was an error, and the article was skipped."""
    meta = split_metadata(_header(f"title: {typed}  "))
    assert meta.fields == {"title": typed, "date": "2024-03-05"}
    assert meta.lines == {"title": 2, "date": 3} and meta.body_line == 5
    said = f"title: YAML cannot read this value ({why}); read as text as typed, {typed!r}; put it in quotes so that "
    assert meta.warnings == ((2, said + "YAML reads it so too"),)


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("العنوان: عاجل: انفجار في بيروت", "title", "عاجل: انفجار في بيروت"),
        ("آخر تحديث: [عاجل] نص", None, None),  # a date key: still an error
        ("الكاتب: @sara", "author", "@sara"),
        ("العنوان: #1 في القائمة", "title", "#1 في القائمة"),
    ],
)
def test_a_text_value_under_an_arabic_key_yaml_cannot_read_is_read_as_typed_too(
    line: str, key: str | None, value: str | None
) -> None:
    """The two were merged in one session: YAML recovery knew ASCII keys only."""
    if key is None:
        with pytest.raises(SourceError) as raised:
            split_metadata(_header(line))
        assert raised.value.line == 2
        return
    meta = split_metadata(_header(line))
    assert meta.fields[key] == value and meta.typed[key] == line.split(":")[0]
    assert [n for n, _ in meta.warnings] == [2] and meta.warnings[0][1].startswith(line.split(":")[0] + ": YAML")


def test_a_title_that_starts_with_hash_is_read_as_typed_not_as_a_comment() -> None:
    """YAML read '#1 ...' as a comment: the title was empty, and said to be missing."""
    meta = split_metadata(_header("title: #1 story of the year"))
    assert meta.fields["title"] == "#1 story of the year"
    assert meta.warnings == (
        (
            2,
            "title: YAML reads a value that starts with '#' as a comment (no title at all); read as text as typed, "
            "'#1 story of the year'; put it in quotes so that YAML reads it so too",
        ),
    )


def test_a_comment_after_a_title_is_left_out_as_yaml_reads_it_but_named() -> None:
    meta = split_metadata(_header("title: We're #1 again"))
    assert meta.fields["title"] == "We're"
    assert meta.warnings == (
        (
            2,
            "title: '#1 again' after ' #' is a YAML comment, left out of the title; to keep it, put the whole value in "
            "quotes",
        ),
    )


def test_quoted_and_commented_values_that_yaml_reads_give_no_warning() -> None:
    meta = split_metadata("---\ntitle: 'a: b' # c\nsummary: C# tips\ndraft: true # for now\n---\n")
    assert meta.fields == {"title": "a: b", "summary": "C# tips", "draft": "true"} and meta.warnings == ()


def test_a_local_tag_is_said_and_the_value_read_without_it_but_yamls_own_tags_are_yaml() -> None:
    meta = split_metadata("---\ndate: !x 2024-01-01\nslug: !!str talks\nlayout: post\n---\n", known={"date", "slug"})
    assert meta.fields == {"date": "2024-01-01", "slug": "talks", "layout": "post"}
    assert [(n, said.split(";")[0]) for n, said in meta.warnings] == [
        (2, "date: the YAML tag '!x' means nothing to sitegen")
    ]
    quiet = split_metadata("---\ndate: 2024-01-01\nother: !x y\n---\n", known={"date"})
    assert quiet.warnings == ()  # a key sitegen does not know is not its business


def test_a_local_tag_inside_a_list_or_table_is_said_on_its_line_and_the_value_read_without_it() -> None:
    text = "---\ntags: [!x a, !x b]\nkeywords:\n  - c\n  - !y d\nimage: {src: !z a.png}\ndate: !!str 2024-01-01\n---\n"
    meta = split_metadata(text, known={"tags", "keywords", "image", "date"})
    assert meta.fields == {"tags": ("a", "b"), "keywords": ("c", "d"), "image.src": "a.png", "date": "2024-01-01"}
    assert [(n, said.split(";")[0]) for n, said in meta.warnings] == [
        (2, "tags: the YAML tag '!x' means nothing to sitegen"),  # once for its line
        (5, "keywords: the YAML tag '!y' means nothing to sitegen"),
        (6, "image: the YAML tag '!z' means nothing to sitegen"),
    ]


def test_a_comment_written_as_one_after_a_text_key_is_a_comment_with_no_warning() -> None:
    """'# TODO' ('#' and a space) is how a comment is typed: the title and description were
    published as '# TODO' (the page's address too) and a --strict build that passed failed."""
    text = "---\ntitle: # TODO\ndescription: # TODO write one\nauthor: Sara Ali # staff\nslug: talks #-\n---\n"
    meta = split_metadata(text)
    assert meta.fields == {"title": "", "description": "", "author": "Sara Ali", "slug": "talks"}
    assert meta.warnings == ()


def test_several_text_lines_yaml_cannot_read_are_each_read_and_later_lines_keep_their_numbers() -> None:
    text = "---\ntitle: a: b\ntags: [x, y]\nsummary: c: d\nauthor: @sara\nlang: en\n---\nBody.\n"
    meta = split_metadata(text)
    assert meta.fields == {"title": "a: b", "tags": ("x", "y"), "summary": "c: d", "author": "@sara", "lang": "en"}
    assert meta.lines == {"title": 2, "tags": 3, "summary": 4, "author": 5, "lang": 6}
    assert [line for line, _ in meta.warnings] == [2, 4, 5] and meta.typed_lines == (2, 4, 5)


def test_a_quoted_title_with_an_apostrophe_inside_is_read_between_its_quotes() -> None:
    meta = split_metadata(_header("title: 'Don't panic'"))
    assert meta.fields["title"] == "Don't panic"
    assert meta.warnings[0][1].startswith("title: YAML ends a quoted text at the first ' inside it; read as the text")


def test_a_title_with_quotes_inside_quotes_is_read_as_typed() -> None:
    meta = split_metadata(_header('title: "The "best" plan"'))
    assert meta.fields["title"] == '"The "best" plan"'
    assert 'inside "..." write a quote as \\"' in meta.warnings[0][1]


def test_a_double_quoted_title_with_a_backslash_yaml_cannot_read_says_the_backslash_not_a_quote() -> None:
    """The warning said YAML ends the text at the first quote inside it, where there is none."""
    meta = split_metadata(_header('title: "Files in C:\\path\\docs"'))
    assert meta.fields["title"] == "Files in C:\\path\\docs"
    assert meta.warnings == (
        (
            2,
            'title: YAML reads a backslash inside "..." as the start of an escape (found unknown escape '
            "character); read as the text between the quotes, as typed (write the backslash twice, \\\\, or "
            "put the text in '...', so that YAML reads it so too)",
        ),
    )


@pytest.mark.parametrize(
    ("header", "line"),
    [
        ("tags: [news, cairo\ntitle: a: b", 2),  # a list never closed
        ('title: "Cairo talks\nsummary: x', 2),  # a quote never closed: where did the title end?
        ("title: [Draft new plan", 2),  # a list never closed
        ("title: Talks: day one\n  and two", 2),  # a value that goes on under its line
        ("title: Talks\n  day: one", 3),  # a table under a text key
        ("title: Talks: day one\n- and two", 2),  # a list after it, which YAML would make its value
        ("title: a\n\tsummary: b", 3),  # a tab
        ("layout: post: wide", 2),  # not a text key
    ],
)
def test_yaml_that_text_cannot_explain_is_still_an_error_at_its_line(header: str, line: int) -> None:
    with pytest.raises(SourceError, match="not valid YAML") as caught:
        split_metadata(_header(header))
    assert caught.value.line == line


@pytest.mark.parametrize(
    "header",
    [
        "tags: [news,\nsummary: Q&A: cairo,\negypt]\ndate: 2024-03-05",  # the tags were lost ("") unsaid
        "date: 2024-03-05\nauthors: [{name: Sara Ali,\ntitle: Editor: Cairo}]",  # the error named the '---'
    ],
)
def test_a_text_key_line_inside_a_list_or_table_opened_above_it_stays_an_error_at_the_opening_line(
    header: str,
) -> None:
    """Such a line is an item of the list or table, not a key of the header: read as typed, it was
    taken out of the list, and a warning named a value that was nowhere in the article."""
    with pytest.raises(SourceError, match="opened on this line") as caught:
        split_metadata(f"---\n{header}\n---\nBody.\n", read=())
    assert caught.value.line == header.count("\n", 0, header.index("[")) + 2


@pytest.mark.parametrize(
    "line",
    [
        'author: [Sara Ali, "Omar" Khaled]',  # the byline was '[Sara Ali, "Omar" Khaled]'
        "title: {en: Talks: day one, ar: محادثات}",  # a title per language, read as one text
        "title: ['Don't panic', Talks]",
    ],
)
def test_a_text_keys_list_or_table_that_yaml_cannot_read_stays_an_error_not_its_text(line: str) -> None:
    """A list or table written as one, with a mistake inside, is no text typed without quotes:
    read as typed, it was published brackets and all, and the warning said to quote it whole."""
    with pytest.raises(SourceError, match="opened on this line") as caught:
        split_metadata(_header(line))
    assert caught.value.line == 2


@pytest.mark.parametrize("title", ["Breaking: Talks resume", "Talks resume"])
def test_a_line_with_no_key_under_a_title_is_the_line_an_error_names(title: str) -> None:
    """A title going on at the left margin: the error named the line after it ('date: ...', with
    nothing wrong in it) or the closing '---'; since 381e83b, for 'Breaking: ...' too, whose own
    line was named before."""
    for after in ("\ndate: 2024-03-05", ""):
        with pytest.raises(SourceError, match="could not find expected ':'") as caught:
            split_metadata(f"---\ntitle: {title}\nin Cairo today{after}\n---\nBody.\n")
        assert caught.value.line == 3


def test_a_text_value_that_starts_with_a_yaml_anchor_stays_an_error_on_its_line() -> None:
    """'&t' is YAML written on purpose, not text: read as typed, the title was '&t Breaking: Q&A',
    and a key that used the anchor ('*t') was an error about an undefined alias on its own line."""
    with pytest.raises(SourceError, match="mapping values are not allowed") as caught:
        split_metadata(_header("title: &t Breaking: Q&A\nog_title: *t"))
    assert caught.value.line == 2
    with pytest.raises(SourceError, match="mapping values are not allowed") as caught:
        split_metadata(_header("title: &t Breaking: Q&A"))
    assert caught.value.line == 2


def test_a_block_scalar_description_is_read_as_before_beside_a_title_read_as_typed() -> None:
    text = "---\ndescription: |\n  Talks: day one\n  # not a comment\ntitle: Talks: day one\nslug: talks\n---\nBody."
    meta = split_metadata(text)
    assert meta.fields == {"description": "Talks: day one\n# not a comment", "title": "Talks: day one", "slug": "talks"}
    assert meta.lines == {"description": 2, "title": 5, "slug": 6}
    assert [line for line, _ in meta.warnings] == [5]


def test_a_title_read_as_typed_under_blank_lines_has_the_files_line() -> None:
    meta = split_metadata("\n\n---\ntitle: Breaking: Q&A\ndate: 2024-03-05\n---\nBody.\n")
    assert meta.fields == {"title": "Breaking: Q&A", "date": "2024-03-05"}
    assert meta.lines == {"title": 4, "date": 5} and meta.body_line == 7
    assert [line for line, _ in meta.warnings] == [4] and meta.typed_lines == (4,)


def test_a_title_read_as_typed_under_windows_line_endings_keeps_no_carriage_return() -> None:
    meta = split_metadata("---\r\ntitle: Breaking: Q&A\r\nsummary: #1\r\ndate: 2024-03-05\r\n---\r\nBody.\r\n")
    assert meta.fields == {"title": "Breaking: Q&A", "summary": "#1", "date": "2024-03-05"}
    assert meta.lines == {"title": 2, "summary": 3, "date": 4} and [line for line, _ in meta.warnings] == [2, 3]


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time split_metadata parses a YAML header (from its start)."""
    parses: list[int] = []
    parse = headers._TextLoader.get_single_node

    def counted(loader: object) -> object:
        parses.append(1)
        return parse(loader)

    monkeypatch.setattr(headers._TextLoader, "get_single_node", counted)
    return parses


# Text keys typed without the quotes YAML needs: each costs a parse of the header (as typed).
_UNREAD = [f"{key}: Breaking: Q&A" for key in sorted(TEXT_KEYS)]
_FILLER = [f"key{n}: {'x' * 40}" for n in range(24_000)]  # over 1 MB of keys YAML reads


def test_lines_yaml_cannot_read_at_the_end_of_a_huge_header_cost_no_more_than_two_parses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each such line was read as typed by parsing the header again from its start: 14 parses of
    1 MB here, and 27 of the whole header in the worst case. Past a budget of characters read, the
    line is the error it was before lines were read as typed, at its line."""
    parses = _count_parses(monkeypatch)
    with pytest.raises(SourceError) as caught:
        split_metadata("---\n" + "\n".join([*_FILLER, *_UNREAD]) + "\n---\nbody\n")
    assert caught.value.line == len(_FILLER) + 2 and "not valid YAML" in caught.value.reason
    assert len(parses) <= 2


def test_lines_yaml_cannot_read_at_the_top_of_a_huge_header_are_all_still_read_as_typed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A parse stops at its mistake: mistakes near the top cost little, whatever follows them."""
    parses = _count_parses(monkeypatch)
    meta = split_metadata("---\n" + "\n".join([*_UNREAD, *_FILLER]) + "\n---\nbody\n")
    assert all(meta.fields[key] == "Breaking: Q&A" for key in TEXT_KEYS)
    assert [line for line, _ in meta.warnings] == list(range(2, len(_UNREAD) + 2))
    assert len(parses) == len(_UNREAD) + 1


def test_a_long_title_yaml_cannot_read_is_read_in_linear_time() -> None:
    def read(n: int) -> Metadata:
        return split_metadata(_header("title: " + "a: " * n + "b"))

    assert_linear(read, 3_000, repeats=3)  # to 24,000 times 'a: '
    long = read(35_000)  # 105,000 characters
    assert len(str(long.fields["title"])) == 105_001 and len(long.warnings[0][1]) < 300


# --- split_metadata: text YAML reads as a table, a list or a tagged value -------------------------


@pytest.mark.parametrize(
    ("line", "key", "typed", "what"),
    [
        ("title: {{ page.title }}", "title", "{{ page.title }}", "a table: it is template code"),
        ("العنوان: {{ page.title }}", "title", "{{ page.title }}", "a table: it is template code"),
        ("description: {{ site.description | strip_html }}", "description", None, "a table: it is template code"),
        ("author: {{ page.author }}", "author", "{{ page.author }}", "a table: it is template code"),
        ("title: !important news", "title", "!important news", "a tagged value"),
        ("author: !sara", "author", "!sara", "a tagged value"),
        ("title: [Video]", "title", "[Video]", "a list"),
        ("summary: [Video, Live]", "summary", "[Video, Live]", "a list"),
    ],
)
def test_a_text_value_yaml_reads_as_a_table_list_or_tag_is_read_as_typed_with_a_warning(
    line: str, key: str, typed: str | None, what: str
) -> None:
    """Template code left in an export ({{ page.title }}) was a table to YAML: the title was lost
    (the file name instead), and under author: an error that skipped the article. A tag lost its
    word ('!important news' was 'news', and '!sara' no author at all), unsaid; '[Video]' was
    'Video'."""
    typed = typed or line.split(": ", 1)[1]
    meta = split_metadata(_header(line))
    assert meta.fields == {key: typed, "date": "2024-03-05"} and meta.lines == {key: 2, "date": 3}
    assert meta.body == "\nBody.\n" and meta.body_line == 5
    [(at, said)] = meta.warnings
    assert at == 2 and said.startswith(f"{line.split(':')[0]}: YAML reads this value as {what}")
    assert f"read as text as typed, {typed!r}" in said and meta.template_code == ()


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("title: !!str 2024", "2024"),  # YAML's own tag: written on purpose
        ("author: [Sara Ali, Omar]", ("Sara Ali", "Omar")),  # a list of names is one
        ("title: 'Cairo' # {{ page.title }}", "Cairo"),  # a comment, as before
        ("title: Talks {{ page.title }}", "Talks {{ page.title }}"),  # text that YAML reads as text
    ],
)
def test_a_value_yaml_reads_as_its_writer_meant_is_read_as_before_without_a_warning(
    line: str, value: str | tuple[str, ...]
) -> None:
    meta = split_metadata(_header(line))
    assert meta.fields[line.split(":")[0]] == value and meta.warnings == () and meta.template_code == ()


def test_a_title_written_as_a_table_with_keys_is_still_no_text() -> None:
    meta = split_metadata(_header("title: {en: Talks, ar: محادثات}"), read=())
    assert meta.fields["title"] == "" and meta.warnings == ()


@pytest.mark.parametrize(
    ("line", "key", "code"),
    [
        ("layout: {{ layout }}", "layout", "{{ layout }}"),
        ("layout: {% if page.wide %}wide{% endif %}", "layout", "{% if page.wide %}wide{% endif %}"),  # not YAML
        ("image: {{ page.image }}", "image", "{{ page.image }}"),  # a table key: was an error
        ("tags: {{ page.tags | join: ', ' }}", "tags", "{{ page.tags | join: ', ' }}"),
        ("slug: {{ page.slug }}", "slug", "{{ page.slug }}"),  # no address: page-slug
        ("الصورة: {{ page.image }}", "image", "{{ page.image }}"),
    ],
)
def test_template_code_under_a_key_that_is_not_text_is_left_out_and_no_error(line: str, key: str, code: str) -> None:
    """'{% ... %}' was an error that skipped the article, and so was '{{ ... }}' under image:."""
    meta = split_metadata(f"---\ntitle: Talks\n{line}\nlang: en\n---\n\nBody.\n")
    assert meta.fields == {"title": "Talks", "lang": "en"} and meta.lines == {"title": 2, "lang": 4}
    assert meta.template_code == (TemplateCode(key, line.split(":")[0], 3, code),)
    assert meta.body == "\nBody.\n" and meta.warnings == ()


def test_template_code_under_blank_lines_has_the_files_line() -> None:
    meta = split_metadata("\n\n---\ntitle: {{ page.title }}\nlayout: {% x %}\n---\nBody.\n")
    assert meta.fields == {"title": "{{ page.title }}"} and [line for line, _ in meta.warnings] == [4]
    assert meta.template_code == (TemplateCode("layout", "layout", 5, "{% x %}"),)


# --- split_metadata: Pelican / MultiMarkdown header ---------------------------------------------


def test_pelican_header_ends_at_first_blank_line() -> None:
    meta = split_metadata("Title: Hello\nDate: 2024-04-19\n\nBody line.\n")
    assert meta.fields == {"title": "Hello", "date": "2024-04-19"}
    assert meta.lines == {"title": 1, "date": 2}
    assert meta.body == "Body line.\n"
    assert meta.body_line == 4


def test_pelican_continuation_line_belongs_to_previous_key() -> None:
    meta = split_metadata("Summary: first half\n    second half\nLang: ar\n\nbody")
    assert meta.fields["summary"] == "first half second half"
    assert meta.lines["lang"] == 3


def test_pelican_tags_split_on_arabic_comma_semicolon_and_continuation() -> None:
    meta = split_metadata("Tags: روسيا، باكستان; الأمم المتحدة,\n  مجلس الأمن\n  بوتين\n\nx")
    assert meta.fields["tags"] == ("روسيا", "باكستان", "الأمم المتحدة", "مجلس الأمن", "بوتين")


@pytest.mark.parametrize("key", ["tag", "keywords", "Tags"])
def test_every_tag_key_is_split(key: str) -> None:
    assert split_metadata(f"{key}: a, b\n\nx").fields[key.lower()] == ("a", "b")


def test_tags_drop_empty_items() -> None:
    assert split_tags(" a ,, ،b ;") == ("a", "b")


def test_a_dash_left_at_either_end_of_a_tags_line_is_no_part_of_its_tags() -> None:
    """'الوسوم: القاهرة -' made a tag 'القاهرة -', shown so in its page's heading."""
    assert split_tags("القاهرة -، - الجيزة، C-, -ism, a — b") == ("القاهرة", "الجيزة", "C-", "-ism", "a — b")


@pytest.mark.parametrize(
    "text", ["Tags: Q&amp;A, news\n\nx", "---\ntags: Q&amp;A; news\n---\nx", "---\ntags: R&#038;D news\n---\nx"]
)
def test_a_character_references_semicolon_is_no_tag_separator(text: str) -> None:
    # 'Q&amp;A' (as WordPress exporters write 'Q&A') was cut at its ';' into the tags 'Q&amp' and 'A'.
    tags = split_metadata(text).fields["tags"]
    assert tags[0] in ("Q&amp;A", "R&#038;D") and tags[1:] == ("news",)


@pytest.mark.parametrize(
    "text",
    ["Tags: Johnson&Johnson; Pfizer\n\nx", "---\ntags: Johnson&Johnson; Pfizer\n---\nx", "Tags: M&Ms; Pfizer\n\nx"],
)
def test_a_semicolon_after_an_ampersand_and_a_word_that_is_no_character_reference_separates_tags(text: str) -> None:
    # '&Johnson;' is no reference HTML knows: the list was one tag 'Johnson&Johnson; Pfizer', or in
    # front matter 'Johnson&Johnson;' and 'Pfizer'.
    assert split_metadata(text).fields["tags"][1:] == ("Pfizer",)
    assert split_metadata(text).fields["tags"][0] in ("Johnson&Johnson", "M&Ms")


def test_pelican_header_may_end_the_file() -> None:
    meta = split_metadata("Title: Only a header")
    assert meta.fields == {"title": "Only a header"}
    assert meta.body == ""


def test_pelican_non_header_line_ends_the_header_early() -> None:
    meta = split_metadata("Title: A\nThis line is text.\n\nMore.")
    assert meta.fields == {"title": "A"}
    assert meta.body == "This line is text.\n\nMore."
    assert meta.body_line == 2


def test_a_multimarkdown_key_of_words_under_the_first_line_is_a_key_and_the_header_goes_on() -> None:
    # MultiMarkdown's keys may hold spaces ("Base Header Level"): the header ended there, and that
    # line and the Author under it were shown as the first paragraph, with no word said.
    meta = split_metadata("Title: A\nBase Header Level: 2\nAuthor: Jane Doe\n\nText.")
    assert meta.fields == {"title": "A", "base header level": "2", "author": "Jane Doe"}
    assert meta.lines["base header level"] == 2 and meta.body == "Text." and meta.body_line == 5


def test_words_and_a_colon_on_the_first_line_or_a_long_sentence_under_a_header_are_no_key() -> None:
    assert split_metadata("Breaking News: quake\n\nText.").fields == {}
    meta = split_metadata("Title: A\nThe minister said on Friday: no\n\nText.")
    assert meta.fields == {"title": "A"} and meta.body == "The minister said on Friday: no\n\nText."


@pytest.mark.parametrize(
    "first", ["Cairo Today: the minister said so", "The minister said: no", "Updated at noon: the toll rose to 12"]
)
def test_a_short_sentence_with_a_colon_as_the_last_line_of_a_header_is_the_first_paragraph(first: str) -> None:
    # Taken for a key of words, it was left out of the page (an unknown key); it was, and is, text.
    meta = split_metadata(f"Title: A\nDate: 2024-04-19\n{first}\nMore text.\n\nText.")
    assert meta.fields == {"title": "A", "date": "2024-04-19"} and meta.body.startswith(f"{first}\nMore text.")
    assert meta.body_line == 3


def test_keys_of_words_above_a_key_of_one_word_are_keys_with_their_continuation_lines() -> None:
    meta = split_metadata("Title: A\nBase Header Level: 2\nLaTeX Input: a\n  b\nAuthor: Jane\n\nText.")
    assert meta.fields == {"title": "A", "base header level": "2", "latex input": "a b", "author": "Jane"}
    assert meta.body == "Text."


def test_pelican_key_allows_digits_dash_and_underscore() -> None:
    assert split_metadata("Modified-Date_2: x\n\n").fields == {"modified-date_2": "x"}


def test_crlf_line_endings_are_tolerated() -> None:
    meta = split_metadata("Title: A\r\nLang: en\r\n\r\nbody")
    assert meta.fields == {"title": "A", "lang": "en"}


def test_note_colon_then_blank_line_is_a_header_by_the_pelican_rule() -> None:
    # Documented ambiguity: a single ASCII word, a colon and a space on the first line is a key.
    meta = split_metadata("Note: something\n\nThe article.")
    assert meta.fields == {"note": "something"}
    assert meta.body == "The article."


@pytest.mark.parametrize(
    "text",
    [
        "Breaking: Earthquake hits southern Turkey\n\nThe quake struck at dawn.",
        "Note: read this\nSource: Reuters\n\nText.",
    ],
)
def test_a_header_without_one_known_key_is_the_body(text: str) -> None:
    meta = split_metadata(text, known={"title", "date"})
    assert (meta.fields, meta.body, meta.body_line) == ({}, text, 1)


def test_a_header_with_a_known_key_keeps_its_unknown_ones_as_metadata() -> None:
    meta = split_metadata("Title: A\nColour: red\n\nText.", known={"title", "date"})
    assert meta.fields == {"title": "A", "colour": "red"} and meta.body == "Text."


# --- split_metadata: keys written in Arabic ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "---\nالعنوان: اجتماع وزراء الخارجية العرب\nالتاريخ: 2024-03-05\nالوسوم: [سياسة, القاهرة]\n"
        "الكاتب: أحمد علي\n---\n",
        '+++\n"العنوان" = "اجتماع وزراء الخارجية العرب"\n"التاريخ" = 2024-03-05\n"الوسوم" = ["سياسة", "القاهرة"]\n'
        '"الكاتب" = "أحمد علي"\n+++\n',
        '{\n"العنوان": "اجتماع وزراء الخارجية العرب",\n"التاريخ": "2024-03-05",\n"الوسوم": ["سياسة", "القاهرة"],\n'
        '"الكاتب": "أحمد علي"\n}\n',
    ],
)
def test_arabic_keys_of_yaml_toml_and_json_front_matter_are_read_as_their_english_keys(text: str) -> None:
    meta = split_metadata(text)
    assert meta.fields == {
        "title": "اجتماع وزراء الخارجية العرب",
        "date": "2024-03-05",
        "tags": ("سياسة", "القاهرة"),
        "author": "أحمد علي",
    }
    assert meta.lines == {"title": 2, "date": 3, "tags": 4, "author": 5}


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("عنوان", "title"),
        ("العُنْوان", "title"),
        ("العـنوان", "title"),
        ("آخر تحديث", "updated"),
        ("اخر تحديث", "updated"),
        ("أخر تحديث", "updated"),
        ("اللغه", "lang"),
        ("كلمات مفتاحية", "keywords"),
        ("تاريخ النشر", "date"),
        ("المؤلف", "author"),
        ("مسوده", "draft"),
    ],
)
def test_spelling_variants_of_an_arabic_key_are_one_key(typed: str, key: str) -> None:
    meta = split_metadata(f"---\n{typed}: x\n---\n")
    assert list(meta.fields) == [key] and meta.typed == {key: typed}


def test_an_unknown_arabic_key_is_kept_as_typed() -> None:
    meta = split_metadata("---\nالعنوان: خبر\nالمصدر: رويترز\n---\n")
    assert meta.fields == {"title": "خبر", "المصدر": "رويترز"} and meta.lines["المصدر"] == 3


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: Summit opens\nالعنوان: افتتاح القمة\n---\n",
        "---\nالعنوان: افتتاح القمة\ntitle: Summit opens\n---\n",
        '{\n"title": "Summit opens",\n"العنوان": "افتتاح القمة"\n}\n',
    ],
)
def test_a_key_given_in_english_and_in_arabic_reads_the_english_one_and_keeps_the_other_as_typed(text: str) -> None:
    # A bilingual archive's file may hold both titles: it was published with the English one (the
    # Arabic key unknown), and must not become an error that costs the article.
    meta = split_metadata(text)
    assert meta.fields == {"title": "Summit opens", "العنوان": "افتتاح القمة"}
    assert meta.lines["العنوان"] == text.split("\n").index(next(n for n in text.split("\n") if "العنوان" in n)) + 1


def test_an_arabic_line_repeating_a_key_of_a_fenceless_header_ends_it_as_before() -> None:
    # Before Arabic keys were read, the Arabic line ended the header and was text: it still is,
    # and a repeated Arabic line is no error that costs the article.
    meta = split_metadata("Title: Summit opens\nالعنوان: افتتاح القمة\n\nText.")
    assert meta.fields == {"title": "Summit opens"} and meta.body == "العنوان: افتتاح القمة\n\nText."
    meta = split_metadata("Title: A\nالكاتب: محمد علي\nالكاتب: منى أحمد\n\nنص")
    assert meta.fields == {"title": "A", "author": "محمد علي"} and meta.body == "الكاتب: منى أحمد\n\nنص"


def test_an_arabic_line_of_one_unknown_word_and_a_colon_under_an_english_header_is_the_body_as_before() -> None:
    # A dateline ('القاهرة: ...') right under a Pelican header was the first paragraph (Pelican's
    # reading too); taken for an unknown key, it was gone from the page.
    meta = split_metadata("Title: X\nDate: 2024-03-05\nالقاهرة: أعلنت الحكومة اليوم\n\nنص", known={"title", "date"})
    assert meta.fields == {"title": "X", "date": "2024-03-05"}
    assert meta.body == "القاهرة: أعلنت الحكومة اليوم\n\nنص" and meta.body_line == 3
    meta = split_metadata("Title: X\nالتاريخ: 2024-03-05\n\nنص", known={"title", "date"})  # a known one is read
    assert meta.fields == {"title": "X", "date": "2024-03-05"}


def test_an_interview_transcript_whose_first_speaker_is_a_key_word_is_the_body() -> None:
    text = "الكاتب: نعم، بدأت الكتابة مبكرا\nالمحاور: متى؟\nالكاتب: في الثمانينات\n\nنص المقابلة."
    meta = split_metadata(text, known={"title", "author"})
    assert (meta.fields, meta.body) == ({}, text)


@pytest.mark.parametrize(
    "text",
    [
        "---\nauthor:\n  name: Ahmed Ali\nالمؤلف:\n  name: أحمد علي\n---\n",
        "---\nالمؤلف:\n  name: أحمد علي\nauthor:\n  name: Ahmed Ali\n---\n",
        '{\n"author": {"name": "Ahmed Ali"},\n"المؤلف": {"name": "أحمد علي"}\n}\n',
    ],
)
def test_a_table_given_in_english_and_in_arabic_reads_the_english_one_and_keeps_the_other_as_typed(text: str) -> None:
    meta = split_metadata(text)
    assert meta.fields == {"author.name": "Ahmed Ali", "المؤلف.name": "أحمد علي"}


def test_a_key_in_two_arabic_spellings_reads_the_first_and_keeps_the_other_as_typed() -> None:
    meta = split_metadata("---\nالكاتب: محمد علي\nالكاتبة: منى أحمد\n---\n")
    assert meta.fields == {"author": "محمد علي", "الكاتبة": "منى أحمد"} and meta.typed == {"author": "الكاتب"}


def test_an_arabic_key_typed_twice_is_still_an_error() -> None:
    with pytest.raises(SourceError, match="'العنوان' appears twice in the header \\(first on line 3\\)") as caught:
        split_metadata("---\ntitle: A\nالعنوان: ب\nالعنوان: ج\n---\n")
    assert caught.value.line == 4


def test_a_fenceless_header_of_arabic_keys_is_read_up_to_the_blank_line() -> None:
    text = "العنوان: اجتماع وزراء الخارجية\nالتاريخ: 5 مارس 2024\nالوسوم: سياسة، القاهرة\nالمصدر: رويترز\n\nنص الخبر."
    meta = split_metadata(text, known={"title", "date"})
    assert meta.fields == {
        "title": "اجتماع وزراء الخارجية",
        "date": "5 مارس 2024",
        "tags": ("سياسة", "القاهرة"),
        "المصدر": "رويترز",
    }
    assert (meta.lines["المصدر"], meta.body, meta.body_line, meta.pelican) == (4, "نص الخبر.", 6, True)


@pytest.mark.parametrize(
    "text",
    [
        "عاجل: انفجار في بيروت\n\nنص الخبر.",
        "عاجل: انفجار في بيروت\nالتاريخ: 5 مارس 2024\n\nنص الخبر.",
        "وقال الوزير: إن المحادثات مستمرة\n\nنص الخبر.",
    ],
)
def test_an_arabic_first_line_with_a_colon_and_no_known_key_is_the_body(text: str) -> None:
    meta = split_metadata(text, known={"title", "date"})
    assert (meta.fields, meta.body, meta.body_line) == ({}, text, 1)


def test_front_matter_under_blank_lines_may_open_with_an_arabic_key() -> None:
    meta = split_metadata("\n\n---\nالعنوان: خبر\n---\nنص", known={"title"})
    assert (meta.fields, meta.lines, meta.body) == ({"title": "خبر"}, {"title": 4}, "نص")


@pytest.mark.parametrize(
    "heading",
    ["التاريخ: يعيد نفسه", "الملخص: الحكومة تستقيل", "مسودة: قانون جديد", "الصورة: المتظاهرون أمام البرلمان"],
)
def test_a_rule_over_an_arabic_heading_with_a_key_word_under_blank_lines_stays_the_body(heading: str) -> None:
    # Markdown reads it as a rule and a heading (setext): as front matter, the heading was gone.
    text = f"\n\n---\n{heading}\n---\nنص المقال."
    meta = split_metadata(text, known={"title", "date", "summary", "draft", "image"})
    assert (meta.fields, meta.body) == ({}, text)


def test_a_rule_over_an_arabic_heading_of_two_colons_under_blank_lines_is_no_yaml_error() -> None:
    text = "\n\n---\nالعنوان: خبر: عاجل\n---\nنص المقال."  # a rule and a heading: the article was skipped
    assert split_metadata(text, known={"title"}).body == text


def test_front_matter_under_blank_lines_of_two_arabic_keys_may_open_with_any_known_key() -> None:
    meta = split_metadata("\n\n---\nالملخص: موجز\nالعنوان: خبر\n---\nنص", known={"title", "summary"})
    assert meta.fields == {"summary": "موجز", "title": "خبر"}


def test_an_arabic_sentence_with_a_colon_ends_a_fenceless_header() -> None:
    meta = split_metadata("العنوان: خبر\nوقال الوزير في المؤتمر: نعم\n\nنص")
    assert meta.fields == {"title": "خبر"} and meta.body == "وقال الوزير في المؤتمر: نعم\n\nنص"


KNOWN = {"title", "date", "updated", "tags", "category", "author", "summary", "description", "lang", "draft", "image"}


@pytest.mark.parametrize(
    "first",
    [
        "التاريخ: يعيد نفسه",  # 'History repeats itself': التاريخ is also 'date'
        "آخر تحديث: تم إجلاء السكان",
        "مسودة: قانون الأحوال الشخصية الجديد يثير الجدل",  # a draft law, not draft: yes
        "اللغة: العربية لغة جميلة",
        "الصورة: المتظاهرون أمام البرلمان (رويترز)",  # a photo caption
    ],
)
@pytest.mark.parametrize("under", ["\n\nنص المقال.", "\nنص المقال.\n\nنص آخر."])
def test_an_arabic_first_line_whose_value_cannot_be_its_keys_is_the_body(first: str, under: str) -> None:
    text = first + under
    meta = split_metadata(text, known=KNOWN)
    assert (meta.fields, meta.body, meta.body_line) == ({}, text, 1)


@pytest.mark.parametrize(
    "first",
    [
        "الملخص: الحكومة تستقيل",
        "الوصف: لا يمكن وصف ما حدث في تلك الليلة",
        "القسم: الجزء الأول من الحكاية",
        "الوسوم: حكاية لم تنته",
    ],
)
@pytest.mark.parametrize("under", ["\n\nنص المقال.", "\nنص المقال.\n\nنص آخر."])
def test_an_arabic_key_line_alone_is_a_header_only_when_the_page_shows_its_value(first: str, under: str) -> None:
    # A summary or a tag is not shown in the article: read from a first line of prose, that line
    # would be gone from the page. A title or a byline is shown.
    text = first + under
    assert split_metadata(text, known=KNOWN).fields == {}
    assert split_metadata("العنوان: خبر" + under, known=KNOWN).fields == {"title": "خبر"}
    assert split_metadata("بقلم: رئيس التحرير" + under, known=KNOWN).fields == {"author": "رئيس التحرير"}
    assert split_metadata("التاريخ: 5 مارس 2024" + under, known=KNOWN).fields == {"date": "5 مارس 2024"}
    assert split_metadata("الصورة: صور/القمة.jpg" + under, known=KNOWN).fields == {"image": "صور/القمة.jpg"}


def test_an_arabic_header_of_two_key_lines_may_open_with_any_known_key() -> None:
    meta = split_metadata("الملخص: موجز\nالتاريخ: 5 مارس 2024\n\nنص", known=KNOWN)
    assert meta.fields == {"summary": "موجز", "date": "5 مارس 2024"} and meta.body == "نص"
    meta = split_metadata("التاريخ: 31 فبراير 2024\nالعنوان: خبر\n\nنص", known=KNOWN)  # impossible: warned later
    assert meta.fields == {"date": "31 فبراير 2024", "title": "خبر"}


# --- split_metadata: no header ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "الجمعة - 19 أبريل 2024\n\nعنوان\n\nنص",  # the seeds' layout
        "Friday - 19 April 2024\n\nTitle",
        "عاجل: خبر\n\nنص",  # an Arabic word sitegen knows as no key: prose, not a header
        "Two words: no\n\nbody",  # a key has no spaces
        "http://example.com\n\nbody",  # no space after the colon
        "12:30 meeting\n\nbody",  # keys start with a letter
        "\nTitle: after a blank line\n",  # the header must be at the very top
        "",
        "{\nnot a key\n}\n\nbody",  # braces without a JSON key under them
    ],
)
def test_text_without_a_header_is_all_body(text: str) -> None:
    meta = split_metadata(text)
    assert meta.fields == {}
    assert meta.lines == {}
    assert meta.body == text
    assert meta.body_line == 1


# --- split_metadata: TOML and JSON front matter (Hugo) ---------------------------------------------


def test_toml_front_matter_gives_the_fields_as_the_yaml_header_would() -> None:
    text = (
        '+++\ntitle = "محادثات في الدوحة"\ndate = 2024-04-19T10:30:00+03:00\ntags = ["قطر", "Gaza Strip"]\n'
        'draft = false\nweight = 3\n"lastmod" = 2024-04-20\n+++\n\nBody.\n'
    )
    meta = split_metadata(text)
    assert meta.fields == {
        "title": "محادثات في الدوحة",
        "date": "2024-04-19T10:30:00+03:00",
        "tags": ("قطر", "Gaza Strip"),
        "draft": "false",
        "weight": "3",
        "lastmod": "2024-04-20",
    }
    assert meta.lines == {"title": 2, "date": 3, "tags": 4, "draft": 5, "weight": 6, "lastmod": 7}
    assert (meta.body, meta.body_line) == ("\nBody.\n", 9)


def test_json_front_matter_gives_the_fields_as_the_yaml_header_would() -> None:
    text = '{\n  "title": "Talks resume in Doha",\n  "date": "2024-04-19",\n  "tags": ["qatar", "gaza"]\n}\n\nBody.'
    meta = split_metadata(text)
    assert meta.fields == {"title": "Talks resume in Doha", "date": "2024-04-19", "tags": ("qatar", "gaza")}
    assert meta.lines == {"title": 2, "date": 3, "tags": 4}
    assert (meta.body, meta.body_line) == ("\nBody.", 6)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('+++\ntitle = "a"\ndate = 19 April\n+++\n', 3, "not valid TOML"),
        ('+++\ntitle = "a"\n', 1, "never closed"),
        ('+++\ntitle = "a"\n[params]\nx = 1\n+++\n', 3, "nested structure"),
        ('{\n  "title": "a",\n  "date": 2024-04-19\n}\n', 3, "not valid JSON"),
        ('+++\ntitle = "a"\nTitle = "b"\n+++\n', 3, "appears twice"),
        # a text or list never closed: the line that opened it, not the end of the header
        ('+++\ntitle = "x\n+++\n', 2, "Unterminated string"),
        ('+++\nt = "a"\ntags = ["a",\nx = 1\n+++\n', 3, "not valid TOML"),
        ("---\ntitle: T\ntags: [a, b\ndate: 2024-01-01\n---\n", 3, "flow sequence opened on this line"),
        ('---\ntitle: "unclosed\ndate: x\n---\n', 2, "quoted scalar opened on this line"),
        ("---\ntitle: [broken\n---\n", 2, "not valid YAML"),
        ("---\ntitle: x\n bad: y\n---\n", 3, "not valid YAML"),
    ],
)
def test_broken_front_matter_is_an_error_with_its_line(text: str, line: int, words: str) -> None:
    with pytest.raises(SourceError) as info:
        split_metadata(text)
    assert info.value.line == line and words in str(info.value)


@pytest.mark.parametrize(
    ("text", "line"), [("---\ntitle: T\ntags:\n\t- a\n\t- b\n---\n", 4), ("---\ntitle: T\n\ttags: [a]\n---\n", 3)]
)
def test_front_matter_indented_with_a_tab_is_said_so_at_its_line(text: str, line: int) -> None:
    # It was 'found character that cannot start any token' and advice to quote a value: the tab,
    # invisible in most editors, was not named.
    with pytest.raises(SourceError) as info:
        split_metadata(text)
    assert info.value.line == line
    assert "indented with a tab, which YAML does not allow; indent it with spaces" in info.value.reason
    assert "put quotes" not in info.value.reason


# --- split_metadata: tags, and a rule at the end of the file -------------------------------------


def test_yaml_tag_list_items_are_split_on_the_arabic_comma_but_not_on_a_quoted_comma() -> None:
    meta = split_metadata('---\ntags: [روسيا، باكستان, "Washington, D.C."]\n---\n')
    assert meta.fields["tags"] == ("روسيا", "باكستان", "Washington, D.C.")
    meta = split_metadata("---\ntags:\n  - روسيا؛ باكستان\n  - اقتصاد\n---\n")
    assert meta.fields["tags"] == ("روسيا", "باكستان", "اقتصاد")


@pytest.mark.parametrize(
    "header",
    [
        "categories: سياسة، اقتصاد\n\n",
        "---\ncategories: سياسة، اقتصاد\n---\n",
        "---\ncategories: [سياسة، اقتصاد]\n---\n",
    ],
)
def test_categories_are_a_list_like_tags(header: str) -> None:
    """Jekyll and Hugo sites keep their topics under `categories`; sitegen reads them as tags."""
    assert split_metadata(header + "body").fields["categories"] == ("سياسة", "اقتصاد")


@pytest.mark.parametrize(
    ("header", "tags"),
    [
        ("---\ntags: news cairo\n---\n", ("news", "cairo")),  # Jekyll: a space-separated string
        ('+++\ntags = "news cairo"\n+++\n', ("news", "cairo")),  # Hugo splits such text at spaces too
        ("---\ntags: Middle East, Gulf\n---\n", ("Middle East", "Gulf")),  # a comma: split there only
        ("---\ntags: الأمم المتحدة\n---\n", ("الأمم المتحدة",)),  # Arabic: one two-word name
        ("Tags: climate change\n\n", ("climate change",)),  # Pelican splits at commas only
    ],
)
def test_a_tag_text_without_commas_is_split_at_spaces_as_jekyll_and_hugo_did(header: str, tags: tuple) -> None:
    """`tags: news cairo` was one tag, "news cairo", where the old Jekyll or Hugo site had two."""
    assert split_metadata(header + "body").fields["tags"] == tags


def test_tags_written_as_objects_with_a_name_are_read_by_their_names() -> None:
    # Ghost's export (and converters from it) write each tag as {name, slug}: the post was skipped.
    yaml_header = "---\ntags:\n  - name: News\n    slug: news\n  - name: الأمم المتحدة\n    slug: un\n  - Cairo\n---\n"
    json_header = '{\n"tags": [{"name": "News", "slug": "news"}, "Cairo"]\n}\n'
    assert split_metadata(yaml_header).fields["tags"] == ("News", "الأمم المتحدة", "Cairo")
    assert split_metadata(json_header).fields["tags"] == ("News", "Cairo")


def test_a_tag_object_without_a_name_is_still_a_mistake_on_its_line() -> None:
    with pytest.raises(SourceError, match="'tags' must be text or a list of text") as caught:
        split_metadata("---\ntitle: T\ntags:\n  - slug: news\n---\n")
    assert caught.value.line == 3


@pytest.mark.parametrize("text", ["\n---", "\n\n+++", " \n\t\n---\n"])
def test_a_rule_under_blank_lines_at_the_end_of_the_file_is_body_text_not_an_internal_error(text):
    """Blank lines and a fence as the last line: looking for a key after the fence read past
    the end of the file (IndexError), and the build skipped the file as an internal error."""
    assert split_metadata(text).body == text
