"""Hugo's built-in shortcodes in a moved archive become what they stood for (sitegen.shortcodes)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
import sitecheck
from complexity import assert_linear
from test_media import png

from sitegen.cli import main
from sitegen.markup import render_body
from sitegen.shortcodes import TEMPLATE_CODE, expand, unescape, without_code, wordpress


def expanded(markdown: str) -> str:
    return expand(markdown, without_code(markdown))


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ('{{< figure src="a.jpg" alt="Street" >}}', '<figure>\n<img src="a.jpg" alt="Street">\n</figure>'),
        (
            '{{< figure src="a.jpg" caption="The *street*" attr="AFP" >}}',
            '<figure markdown="1">\n<img src="a.jpg" alt="The street">\n'
            '<figcaption markdown="span">The *street* AFP</figcaption>\n</figure>',
        ),
        ("{{< youtube dQw4w9WgXcQ >}}", "<https://www.youtube.com/watch?v=dQw4w9WgXcQ>"),
        (
            '{{< youtube id="dQw4w9WgXcQ" title="The speech" >}}',
            "[The speech](<https://www.youtube.com/watch?v=dQw4w9WgXcQ>)",
        ),
        ("{{< vimeo 55073825 >}}", "<https://vimeo.com/55073825>"),
        (
            '{{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}',
            "<https://x.com/SanDiegoZoo/status/1453110110599868418>",
        ),
        ("{{< gist spf13 7896402 >}}", "<https://gist.github.com/spf13/7896402>"),
        ("{{< instagram BWNjjyYFxVx >}}", "<https://www.instagram.com/p/BWNjjyYFxVx/>"),
        ("{{< highlight go >}}\nfmt.Println(1)\n{{< /highlight >}}", "```go\nfmt.Println(1)\n```"),
        ("{{% highlight %}}\nx = `y`\n{{% /highlight %}}", "```\nx = `y`\n```"),
        ("{{< highlight go >}}\nx := 1\n{{< / highlight >}}", "```go\nx := 1\n```"),  # Hugo allows '/ name'
    ],
)
def test_a_built_in_shortcode_is_written_as_what_hugo_made_of_it(written, meant):
    assert expanded(f"Before.\n\n{written}\n\nAfter.\n") == f"Before.\n\n{meant}\n\nAfter.\n"


@pytest.mark.parametrize(
    "kept",
    [
        "{{< mytheme-box >}}",  # a theme's own: warned about as before
        "{{< figure >}}",  # no picture named
        '{{< youtube id="a b" >}}',  # no video id
        "{{< highlight go >}}\nunclosed\n",
        "`{{< youtube dQw4w9WgXcQ >}}` is how you embed a video",  # code shows it as text
        '```\n{{< figure src="a.jpg" >}}\n```',
    ],
)
def test_what_is_no_built_in_shortcode_or_is_shown_in_code_stays_as_typed(kept):
    assert expanded(kept) == kept


def test_a_hugo_post_keeps_its_figure_video_and_code_on_a_valid_page(tmp_path, capsys, vnu):
    bundle = tmp_path / "src" / "posts" / "flood"
    bundle.mkdir(parents=True)
    (bundle / "street.png").write_bytes(png(40, 30))
    (bundle / "index.md").write_text(
        "---\ntitle: Flood report\ndate: 2024-04-19\n---\n\nThe river rose.\n\n"
        '{{< figure src="street.png" alt="The flooded street" caption="The street at *noon*." >}}\n\n'
        "{{< youtube dQw4w9WgXcQ >}}\n\n{{< highlight python >}}\nprint(1)\n{{< /highlight >}}\n\n"
        "{{< mytheme-box >}}\n\nAfter the flood.\n",
        "utf-8",
    )
    out = tmp_path / "out"
    capsys.readouterr()
    assert main(["build", "--source", str(tmp_path / "src"), "--output", str(out)]) == 0
    err = capsys.readouterr().err
    page = next((out / "articles").glob("*/index.html")).read_text("utf-8")
    picture = Path(page.split('<img src="')[1].split('"')[0])
    assert (out / "articles" / "flood-report" / picture).resolve().read_bytes() == png(40, 30)
    assert 'alt="The flooded street" width="40" height="30"' in page
    assert "<figcaption>The street at <em>noon</em>.</figcaption>" in page
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in page
    assert '<code class="language-python">print(1)' in page
    assert page.index("The river rose.") < page.index("<figure>") < page.index("After the flood.")
    # only the theme's own shortcode is shown as typed, and said
    assert "{{&lt; mytheme-box &gt;}}" in page and "figure src" not in page
    assert "Hugo shortcode '{{< mytheme-box >}}' is shown as typed" in err
    assert sitecheck.broken_links(out) == []
    assert sitecheck.vnu_errors(out) == []


@pytest.mark.parametrize("container", ["- item\n- ", "> ", "1. "])
def test_a_figure_in_a_list_item_or_a_quote_stays_inside_it(container):
    # Its lines after the first ended the item or the quote: the caption was left outside the
    # figure, which the Nu checker rejects ('figcaption not allowed as child of div').
    html, _ = render_body(expanded(f'{container}{{{{< figure src="a.jpg" caption="The *street*" >}}}}\n\nAfter.\n'))
    assert '<figure><img src="a.jpg" alt="The street"><figcaption>The <em>street</em></figcaption></figure>' in html
    assert html.count("<figcaption>") == 1 and html.index("</figure>") < html.index("After.")


def test_a_caption_written_over_lines_keeps_the_picture():
    # A blank line in the caption ended the HTML block: the page showed '<img src="a.jpg" alt="Line'.
    html, _ = render_body(expanded('{{< figure src="a.jpg" caption="Line one\n\nline two" >}}\n'))
    assert '<img src="a.jpg" alt="Line one line two">' in html and "&lt;img" not in html


def test_the_alt_text_of_a_figure_has_no_html_tags_of_its_caption():
    assert 'alt="Cap bold"' in expanded('{{< figure src="a.jpg" caption="Cap <b>bold</b>" >}}')


def test_a_highlight_block_with_text_after_its_end_on_the_line_ends_there():
    # The closing fence had that text after it on its line, so it closed nothing: the rest of the
    # article was shown as code (or the block as inline code starting with the language's name).
    html, _ = render_body(expanded("{{< highlight go >}}\nx := 1\n{{< /highlight >}} Then.\n\nAfter.\n"))
    assert '<code class="language-go">x := 1\n</code></pre>' in html and "<p>After.</p>" in html


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("{% highlight ruby %}\ndef f\n  puts 'x'\nend\n{% endhighlight %}", "```ruby\ndef f\n  puts 'x'\nend\n```"),
        ("{% highlight python linenos %}\nx = 1\n{%- endhighlight -%}", "```python\nx = 1\n```"),
        ('{%- highlight html mark_lines="1 2" -%}\n<b>x</b>\n{% endhighlight %}', "```html\n<b>x</b>\n```"),
    ],
)
def test_a_jekyll_highlight_block_is_a_fenced_code_block(written, meant):
    assert expanded(f"Before.\n\n{written}\n\nAfter.\n") == f"Before.\n\n{meant}\n\nAfter.\n"


def test_the_code_of_a_jekyll_highlight_block_is_shown_as_typed_not_read_as_markdown():
    # Shown as typed, the tags let the code be read as Markdown and HTML: '__init__' became a bold
    # 'init', and an HTML example lost its tags (its <script> with a warning, its class without).
    body = (
        "{% highlight python %}\ndef __init__(self, *args, **kwargs):\n    pass\n{% endhighlight %}\n\n"
        '{% highlight html %}\n<div class="box"><script src="app.js"></script></div>\n{% endhighlight %}\n'
    )
    html, changed = render_body(expanded(body))
    assert '<code class="language-python">def __init__(self, *args, **kwargs):\n    pass\n</code>' in html
    assert '&lt;div class="box"&gt;&lt;script src="app.js"&gt;&lt;/script&gt;&lt;/div&gt;' in html
    assert "{%" not in html and changed == ()


@pytest.mark.parametrize(
    "kept",
    [
        "{% highlight ruby %}\nunclosed\n",
        "- item\n  {% highlight ruby %}\n  x\n  {% endhighlight %}\n",  # no fence opens there
        "```\n{% highlight ruby %}\nx\n{% endhighlight %}\n```",  # code shows it as text
    ],
)
def test_a_jekyll_highlight_block_unclosed_or_not_opening_a_line_stays_as_typed(kept):
    assert expanded(kept) == kept


def test_a_highlight_that_does_not_open_a_line_stays_as_typed():
    # A fence in a list item (or after text) opens no code block: it broke the list.
    kept = "* list\n  {{< highlight go >}}\n  x := 1\n  {{< /highlight >}}\n"
    assert expanded(kept) == kept


def from_wordpress(markdown: str) -> str:
    return wordpress(markdown, without_code(markdown))


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        (
            '[caption id="attachment_1" align="aligncenter" width="300"]<img src="a.jpg" alt="Street" /> The '
            "*flooded* street[/caption]",
            '<figure><img src="a.jpg" alt="Street" /><figcaption>The *flooded* street</figcaption></figure>',
        ),
        (
            '[caption id="" caption="The street"]<a href="a.jpg"><img src="a.jpg" alt="" /></a>[/caption]',
            '<figure><a href="a.jpg"><img src="a.jpg" alt="" /></a><figcaption>The street</figcaption></figure>',
        ),
        ('[wp_caption]<img src="a.jpg" alt="x">[/wp_caption]', '<figure><img src="a.jpg" alt="x"></figure>'),
        ("[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]", "<https://www.youtube.com/watch?v=dQw4w9WgXcQ>"),
    ],
)
def test_a_wordpress_caption_or_embed_is_written_as_what_wordpress_made_of_it(written, meant):
    # Shown as typed, '[caption ...]' and '[/caption]' framed the picture as text, and the embed's
    # end tag became part of the link's address (https://...dQw4w9WgXcQ[/embed]).
    assert from_wordpress(f"Before.\n\n{written}\n\nAfter.\n") == f"Before.\n\n{meant}\n\nAfter.\n"


@pytest.mark.parametrize(
    "kept",
    [
        "[caption]no picture[/caption]",
        "`[embed]https://x.org/[/embed]` embeds a page",
        '```\n[caption]<img src="a.jpg">[/caption]\n```',
        "[caption](https://x.org) is a link",
    ],
)
def test_what_is_no_wordpress_caption_or_embed_or_is_shown_in_code_stays_as_typed(kept):
    assert from_wordpress(kept) == kept


def test_a_caption_never_closed_takes_no_text_up_to_the_next_captions_end():
    # It ran on to the next caption's [/caption]: the paragraph between them, and the next picture,
    # were set as its caption.
    first = '[caption id="a"]<img src="a.jpg" alt="x"> Never closed'
    written = f'{first}\n\nText.\n\n[caption id="b"]<img src="b.jpg" alt="y"> Second[/caption]\n'
    meant = f'{first}\n\nText.\n\n<figure><img src="b.jpg" alt="y"><figcaption>Second</figcaption></figure>\n'
    assert from_wordpress(written) == meant


@pytest.mark.parametrize("prose", ["[audio only]", "[video via Reuters]", "[gallery of the week]", "a[video ] b"])
def test_words_in_brackets_after_a_wordpress_shortcodes_name_are_no_shortcode(prose):
    # WordPress's shortcodes take parameters (name=value) or an address: these were warned about.
    assert TEMPLATE_CODE.search(f"He said {prose} here.") is None


@pytest.mark.parametrize(
    "repeated", ["[caption", "[caption id=1]", "[caption [/", "[embed ", "[gallery ", "[video x", "{% highlight a %}\n"]
)
def test_wordpress_shortcodes_and_jekyll_highlights_never_closed_take_time_linear_in_the_text(repeated):
    # Each looked for its end (or its parameters' ']') to the end of the text or line: 200,000
    # characters of '[caption' took 30 s in wordpress() and as long again in TEMPLATE_CODE.
    def work(size: int) -> None:
        text = (repeated * (size // len(repeated) + 1))[:size] + "\n[/x]"
        wordpress(text, text), expand(text, text), list(TEMPLATE_CODE.finditer(text))

    assert_linear(work, 2_000, repeats=3)


def test_a_jekyll_highlight_with_a_long_word_never_closed_takes_time_linear_in_it():
    # Every shorter language was tried against the rest of the line: 200,000 characters took minutes.
    assert_linear(lambda size: expanded("{% highlight " + "a" * size), 2_000, repeats=3)


def test_a_shortcode_in_an_indented_code_block_stays_as_typed():
    kept = 'Intro.\n\n    {{< youtube dQw4w9WgXcQ >}}\n    {{< figure src="a.jpg" >}}\n\nAfter.\n'
    assert expanded(kept) == kept
    # (in a list item's text, indented the same, it is no code)
    assert "youtube.com" in expanded("- item\n\n    {{< youtube dQw4w9WgXcQ >}}\n")


def test_a_shortcode_written_to_be_shown_is_shown_as_hugo_shows_it_without_a_warning(tmp_path, capsys):
    post = (
        "---\ntitle: How to add a picture\ndate: 2024-04-19\n---\n\n"
        'Write {{</* figure src="a.jpg" */>}} where the picture goes.\n\n'
        "```\n{{%/* notice */%}}\n```\n"
    )
    source = tmp_path / "src"
    source.mkdir()
    (source / "howto.md").write_text(post, "utf-8")
    capsys.readouterr()
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "out")]) == 0
    assert "shown as typed" not in capsys.readouterr().err
    page = next((tmp_path / "out" / "articles").glob("*/index.html")).read_text("utf-8")
    body = html.unescape(page.split('<div class="article-body">')[1])
    assert '<p>Write {{< figure src="a.jpg" >}} where the picture goes.</p>' in body
    assert "<code>{{% notice %}}\n</code>" in page
    assert "/*" not in page


def test_a_shown_shortcode_never_closed_in_prose_does_not_run_on_into_a_code_block():
    markdown = 'Type {{</* to begin one.\n\n```\n{{</* figure src="a.jpg" */>}}\n```\n'
    assert unescape(markdown, without_code(markdown)) == (
        'Type {{</* to begin one.\n\n```\n{{< figure src="a.jpg" >}}\n```\n'
    )


def test_a_shortcode_shown_in_a_code_span_of_two_backticks_is_shown_as_typed_in_code():
    markdown = "Write ``{{</* figure src=`a.jpg` */>}}`` where it goes."
    assert unescape(markdown, without_code(markdown)) == "Write ``{{< figure src=`a.jpg` >}}`` where it goes."
