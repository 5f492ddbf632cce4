"""collect() and recollect(): the Site made from the articles, afresh or by updating the last one.

sitegen serve relies on recollect() to put edited articles into the previous Site; whatever it
does, the Site must equal the one collect() makes from the same articles.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.arabic import slugify
from sitegen.collect import PATCH_LIMIT, Shape, collect, freeze, recollect, refreeze, thaw
from sitegen.model import Article, Site, Tag
from sitegen.views import light_digest

TAGS = [Tag("egypt", "مصر", "Egypt"), Tag("russia", "روسيا", "Russia"), Tag("un", "الأمم المتحدة", "UN")]
DATES = [None, dt.date(2020, 1, 1), dt.date(2021, 5, 3), dt.date(2021, 5, 4)]


def article(source: str, **fields: Any) -> Article:
    """An article as the cache hands it back: with its listing digest already made."""
    fields = {"title": "عنوان", "lang": "ar", "body": (), "slug": "s", **fields}
    bare = Article(source=source, **fields)
    return replace(bare, light=light_digest(bare))


def site_of(*articles: Article) -> list[Article]:
    return list(articles)


def patched(before: list[Article], after: list[Article]) -> bool:
    """Whether recollect() updated the previous Site rather than collecting afresh."""
    previous = recollect(before)
    again = recollect(after, previous)
    assert again.site == collect(after)  # the promise, checked wherever this is used
    return again.site.index is previous.site.index


def test_an_edited_body_is_put_into_the_previous_site_in_place():
    articles = [article(f"{n}.txt", slug=f"s{n}", date=DATES[n % 4], tags=(TAGS[n % 3],)) for n in range(8)]
    edited = list(articles)
    edited[3] = article("3.txt", slug="s3", date=DATES[3], tags=(TAGS[0],), title="عنوان جديد", summary="ملخص")
    assert patched(articles, edited)
    site = recollect(edited, recollect(articles)).site
    assert site.articles[site.index["3.txt"]].title == "عنوان جديد"
    assert [a.title for a in site.by_tag["egypt"] if a.source == "3.txt"] == ["عنوان جديد"]


def test_an_article_that_moves_or_is_retagged_makes_the_site_afresh():
    articles = [article(f"{n}.txt", slug=f"s{n}", date=DATES[1], tags=(TAGS[0],)) for n in range(4)]
    for change in ({"date": DATES[2]}, {"tags": (TAGS[1],)}, {"slug": "other"}, {"draft": True}, {"lang": "en"}):
        edited = list(articles)
        edited[2] = replace(articles[2], **change)
        assert not patched(articles, edited), change


def test_a_renamed_article_keeps_its_suffixed_slug_when_edited():
    first = article("a.txt", slug="same", date=DATES[1])
    second = article("b.txt", slug="same", date=DATES[2])
    edited = article("b.txt", slug="same", date=DATES[2], summary="تعديل")
    assert patched([first, second], [first, edited])
    site = recollect([first, edited], recollect([first, second])).site
    assert site.articles[site.index["b.txt"]].slug.startswith("same-")


def test_editing_one_version_of_a_translated_article_updates_both_versions_links():
    arabic = article("news.ar.txt", slug="news-ar", date=DATES[1])
    english = article("news.en.txt", slug="news-en", lang="en", date=DATES[1])
    edited = replace(english, title="New title")
    assert patched([arabic, english], [arabic, edited])
    site = recollect([arabic, edited], recollect([arabic, english])).site
    assert site.translations["news.ar.txt"]["en"].title == "New title"
    assert site.translations["news.en.txt"] is site.translations["news.ar.txt"]


def test_more_changes_than_the_patch_limit_collect_afresh():
    articles = [article(f"{n}.txt", slug=f"s{n}") for n in range(PATCH_LIMIT + 1)]
    edited = [replace(a, summary="x") for a in articles]
    assert not patched(articles, edited)


def test_added_or_removed_articles_collect_afresh():
    articles = [article(f"{n}.txt", slug=f"s{n}") for n in range(3)]
    assert not patched(articles, articles[:2])
    assert not patched(articles, [*articles, article("9.txt", slug="s9")])


EDITS = st.sampled_from(["title", "summary", "body", "date", "slug", "tags", "draft", "lang", "translation"])
ROWS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "A"]),  # slugs that collide, also case-insensitively
        st.sampled_from(DATES),
        st.lists(st.sampled_from(TAGS), max_size=3, unique_by=lambda t: t.slug),
        st.sampled_from(["ar", "en"]),
        st.booleans(),
    ),
    min_size=1,
    max_size=12,
)
EDIT_LISTS = st.lists(st.tuples(st.integers(0, 11), EDITS, st.integers(0, 3)), max_size=4)


def articles_of(rows: list[tuple]) -> list[Article]:
    """Sources in pairs NAME.ar.txt / NAME.en.txt, so that some articles are translations."""
    return [
        article(
            f"n{n // 2}.{'ar' if n % 2 == 0 else 'en'}.txt",
            slug=slug,
            date=date,
            tags=tuple(tags),
            lang=lang,
            draft=draft and n % 5 == 4,
            digest=f"d:{n}",
        )
        for n, (slug, date, tags, lang, draft) in enumerate(rows)
    ]


def edited_copy(articles: list[Article], edits: list[tuple[int, str, int]]) -> list[Article]:
    """The articles after the edits, each edited file with a new digest, as a build reads them."""
    edited = list(articles)
    for index, field, choice in edits:
        old = edited[index % len(edited)]
        changes: dict[str, dict[str, Any]] = {
            "title": {"title": f"عنوان {choice}"},
            "summary": {"summary": f"ملخص {choice}"},
            "body": {"body": ()},
            "date": {"date": DATES[choice]},
            "slug": {"slug": "abcA"[choice]},
            "tags": {"tags": tuple(TAGS[:choice])},
            "draft": {"draft": choice % 2 == 1},
            "lang": {"lang": "en" if choice % 2 else "ar"},
            "translation": {"translation": f"t{choice}" if choice else None},
        }
        bare = replace(old, **changes[field], digest=f"{old.digest}+{field}{choice}")
        edited[index % len(edited)] = replace(bare, light=light_digest(bare))
    return edited


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=ROWS, edits=EDIT_LISTS)
def test_recollect_makes_the_same_site_as_collect_whatever_was_edited(rows, edits):
    articles = articles_of(rows)
    edited = edited_copy(articles, edits)
    assert recollect(edited, recollect(articles)).site == collect(edited)


def test_an_article_with_a_tag_twice_is_listed_as_collect_lists_it():
    twice = article("a.txt", tags=(TAGS[0], TAGS[0]))
    assert not patched([twice, article("b.txt", slug="b")], [replace(twice, summary="x"), article("b.txt", slug="b")])


def test_articles_sharing_a_source_are_collected_afresh():
    same = [article("a.txt", slug="x"), article("a.txt", slug="y")]
    assert not patched(same, [same[0], replace(same[1], summary="x")])


def test_neighbours_are_the_nearest_articles_of_the_same_language_in_listing_order():
    listed = [
        article("a.ar.txt", slug="a-ar", date=DATES[3]),
        article("a.en.txt", slug="a-en", lang="en", date=DATES[3]),  # a's translation
        article("b.txt", slug="b", date=DATES[2]),
        article("c.txt", slug="c", lang="en", date=DATES[1]),
        article("d.txt", slug="d", date=None),  # undated: listed last, still in the chain
    ]
    site = collect(reversed(listed))
    newer_older = {a.source: tuple(n and n.source for n in site.neighbours(a)) for a in site.articles}
    assert newer_older == {
        "a.ar.txt": (None, "b.txt"),
        "b.txt": ("a.ar.txt", "d.txt"),
        "d.txt": ("b.txt", None),
        "a.en.txt": (None, "c.txt"),
        "c.txt": ("a.en.txt", None),
    }
    edited = [article("b.txt", slug="b", date=DATES[2], title="جديد") if a.source == "b.txt" else a for a in listed]
    assert patched(listed, edited)
    again = recollect(edited, recollect(listed)).site
    newer, _ = again.neighbours(again.articles[again.index["d.txt"]])
    assert newer is not None and newer.title == "جديد"


def test_a_tag_spelt_two_ways_gets_the_best_spelling_in_every_article_whatever_the_order():
    lower, title = Tag("gardening", "gardening", "gardening"), Tag("gardening", "Gardening", "Gardening")
    older = article("a.md", slug="a", date=DATES[1], tags=(lower,))
    newer = article("b.md", slug="b", date=DATES[2], tags=(title,))
    for articles in ([older, newer], [newer, older]):
        site = collect(articles)
        assert site.tags["gardening"] == title
        assert [a.tags for a in site.articles] == [(title,), (title,)]
        assert all(a.light == light_digest(a) for a in site.articles)  # listings show the tag


def test_tags_that_differ_only_in_hamza_taa_marbuta_or_diacritics_share_one_page_named_well():
    def new(label: str) -> Tag:
        return Tag(slugify(label), label, label)

    spellings = [("مدرسه", "مَدْرَسَة", "مدرسة"), ("اعلان", "إعلان"), ("الانتخابات", "الإنتخابات", "الانتخابات")]
    articles = [
        article(f"{n}-{k}.md", slug=f"s{n}-{k}", date=DATES[k % 4], tags=(new(label), TAGS[0]))
        for n, group in enumerate(spellings)
        for k, label in enumerate(group)
    ]
    articles.append(article("both.md", slug="both", tags=(new("مدرسه"), new("مدرسة"))))
    site = collect(articles)
    # the spelling most articles use (الانتخابات, not the common misspelling); in a tie, the
    # one with hamza and ة written; never one with diacritics
    names = {slug: tag.label_ar for slug, tag in site.tags.items()}
    assert names == {"egypt": "مصر", "إعلان": "إعلان", "الانتخابات": "الانتخابات", "مدرسة": "مدرسة"}
    assert len(site.by_tag["مدرسة"]) == 4
    assert site.articles[site.index["both.md"]].tags == (site.tags["مدرسة"],)


def with_digests(articles: list[Article]) -> list[Article]:
    """The articles as a build has them: each with the digest of its file."""
    return [replace(a, digest=f"d:{a.source}") for a in articles]


def shape_of(articles: list[Article]) -> Shape:
    shape = freeze(recollect(articles), "key", *sources_digests(articles))
    assert shape is not None
    return shape


def sources_digests(articles: list[Article]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(a.source for a in articles), tuple(a.digest for a in articles)


def assert_same_site(made: Site, expected: Site) -> None:
    """Equal, and in the same order wherever order shows on pages (tag pages, listings)."""
    assert made == expected
    for name in ("tags", "by_tag", "by_lang", "index"):
        assert list(getattr(made, name).items()) == list(getattr(expected, name).items()), name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=ROWS, edits=EDIT_LISTS)
def test_a_site_thawed_from_its_shape_and_edited_is_the_site_collect_makes(rows, edits):
    """What `sitegen build` does after an edit: the last Site made again from the manifest's
    shape, the edits put into it. Whatever they were, the Site equals collect()'s."""
    articles = articles_of(rows)
    shape = shape_of(articles)
    sources, digests = sources_digests(articles)
    thawed = thaw(shape, "key", tuple(articles), sources, digests, {})
    assert thawed is not None
    assert_same_site(thawed.site, collect(articles))

    edited = edited_copy(articles, edits)
    earlier = {a.source: a for a in articles}
    prior = thaw(shape, "key", tuple(edited), sources, sources_digests(edited)[1], earlier)
    assert prior is not None
    again = recollect(edited, prior)
    assert_same_site(again.site, collect(edited))
    if again.site.index is prior.site.index:  # patched: the shape is brought up to date, not made anew
        assert refreeze(shape, again, sources_digests(edited)[1]) == freeze(again, "key", *sources_digests(edited))


def test_a_shape_is_not_thawed_for_other_articles_or_another_cache_key():
    articles = with_digests([article(f"{n}.txt", slug=f"s{n}", tags=(TAGS[n % 3],)) for n in range(PATCH_LIMIT + 2)])
    shape = shape_of(articles)
    sources, digests = sources_digests(articles)
    listed = tuple(articles)
    assert thaw(shape, "key", listed, sources, digests, {}) is not None
    assert thaw(shape, "other key", listed, sources, digests, {}) is None  # vocabulary or sitegen changed
    fewer = with_digests(articles[:-1])
    assert thaw(shape, "key", tuple(fewer), *sources_digests(fewer), {}) is None  # a file deleted
    edited = [replace(a, summary="x", digest=a.digest + "+") for a in articles]
    one = [edited[0], *articles[1:]]
    # the version the cache had of an edited file is needed, and must be the one in the shape
    assert thaw(shape, "key", tuple(one), *sources_digests(one), {}) is None
    assert thaw(shape, "key", tuple(one), *sources_digests(one), {"0.txt": edited[0]}) is None
    assert thaw(shape, "key", tuple(one), *sources_digests(one), {"0.txt": articles[0]}) is not None
    # more edits than recollect() would patch: collecting afresh is as quick
    earlier = {a.source: a for a in articles}
    assert thaw(shape, "key", tuple(edited), *sources_digests(edited), earlier) is None


def test_articles_without_a_digest_or_sharing_a_source_have_no_shape():
    plain = [article("a.txt", slug="a"), article("b.txt", slug="b")]
    assert freeze(recollect(plain), "key", *sources_digests(plain)) is None
    same = with_digests([article("a.txt", slug="x"), article("a.txt", slug="y")])
    assert freeze(recollect(same), "key", *sources_digests(same)) is None


def test_articles_of_one_day_are_listed_latest_first_and_those_without_a_time_last():
    day = dt.date(2024, 4, 19)
    west = dt.timezone(dt.timedelta(hours=-4))
    articles = [
        article("a.txt", date=day, time=dt.time(10, 30)),
        article("b.txt", date=day),
        article("c.txt", date=day, time=dt.time(22, 0)),
        article("d.txt", date=day, time=dt.time(9, 0, tzinfo=west)),  # 13:00 UTC
        article("g.txt", date=day, time=dt.time(12, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))),  # 09:00 UTC
        article("e.txt", date=day + dt.timedelta(days=1)),
        article("f.txt"),
    ]
    order = [a.source for a in collect(articles).articles]
    assert order == ["e.txt", "c.txt", "d.txt", "a.txt", "g.txt", "b.txt", "f.txt"]


def test_a_changed_time_of_day_collects_afresh():
    day = dt.date(2024, 4, 19)
    before = [article("a.txt", date=day, time=dt.time(10, 30)), article("b.txt", date=day, time=dt.time(11, 0))]
    after = [before[0], replace(before[1], time=dt.time(9, 0), light="changed")]
    assert not patched(before, after)


def test_a_clock_given_a_citys_zone_collects_afresh():
    # 10:30 and 10:30 in Cairo compare equal as times (a city's zone has no offset without a
    # day), but Cairo's 10:30 is 08:30 UTC: the article moves below one of 09:30 UTC
    day = dt.date(2024, 4, 19)
    before = [
        article("a.txt", date=day, time=dt.time(10, 30)),
        article("b.txt", date=day, time=dt.time(9, 30, tzinfo=dt.UTC)),
    ]
    cairo = dt.time(10, 30, tzinfo=zoneinfo.ZoneInfo("Africa/Cairo"))
    after = [replace(before[0], time=cairo, light="changed"), before[1]]
    assert [a.source for a in collect(after).articles] == ["b.txt", "a.txt"]
    assert not patched(before, after)


def test_a_time_without_a_zone_is_ordered_in_the_sites_zone_and_another_zone_collects_afresh():
    day = dt.date(2024, 4, 19)
    riyadh = dt.timezone(dt.timedelta(hours=3))
    articles = [
        article("a.txt", date=day, time=dt.time(9, 0)),  # 06:00 UTC in Riyadh's zone
        article("b.txt", date=day, time=dt.time(7, 30, tzinfo=dt.UTC)),
    ]
    assert [a.source for a in collect(articles).articles] == ["a.txt", "b.txt"]  # as UTC
    assert [a.source for a in collect(articles, riyadh).articles] == ["b.txt", "a.txt"]
    again = recollect(articles, recollect(articles), riyadh)
    assert [a.source for a in again.site.articles] == ["b.txt", "a.txt"]
