"""The records: the packed article body (what goes in comes out, compressed or not), dates."""

from __future__ import annotations

import pickle
import pickletools

from sitegen.model import Article, Block, Body

BLOCKS = (Block("p", "فقرة أولى عن العلاقات الروسية الباكستانية. " * 20), Block("h2", "عنوان"), Block("p", "End."))


def test_a_body_gives_back_its_blocks_in_order() -> None:
    assert Body(BLOCKS).blocks() == BLOCKS
    assert list(Body(BLOCKS)) == list(BLOCKS)
    assert Body(BLOCKS)[1] == Block("h2", "عنوان") and len(Body(BLOCKS)) == 3


def test_a_compressed_body_is_smaller_and_equal_to_the_plain_one() -> None:
    plain, small = Body(BLOCKS), Body(BLOCKS, compress=True)
    assert small.blocks() == BLOCKS
    assert len(small._packed) < len(plain._packed) / 2
    assert small == plain and hash(small) == hash(plain)
    assert Body(BLOCKS[:1], compress=True) != plain


def test_bodies_survive_pickling_in_band_and_out_of_band() -> None:
    for body in (Body(BLOCKS), Body(BLOCKS, compress=True)):
        for protocol in (2, 4, 5):  # worker processes pickle with the default protocol
            assert pickle.loads(pickle.dumps(body, protocol=protocol)).blocks() == BLOCKS
        buffers: list[pickle.PickleBuffer] = []
        data = pickle.dumps(body, protocol=5, buffer_callback=buffers.append)
        assert len(buffers) == 1 and len(data) < 100  # the packed bytes went out of band
        view = memoryview(bytes(buffers[0].raw())).toreadonly()  # as the article cache maps them back
        again = pickle.loads(data, buffers=[view])
        assert again.blocks() == BLOCKS and again == body and hash(again) == hash(body)
        assert pickle.loads(pickle.dumps(again, protocol=4)) == body  # and can be sent on
        # Made by the unpickler itself (NEWOBJ, BUILD), no function of ours called per body.
        names = {arg for op, arg, _ in pickletools.genops(data) if op.name == "SHORT_BINUNICODE"}
        assert "NEWOBJ" in {op.name for op, _, _ in pickletools.genops(data)} and "_unpack" not in names


def test_an_article_packs_a_tuple_of_blocks_and_compares_with_it() -> None:
    article = Article(source="a.txt", title="t", lang="ar", body=BLOCKS)
    assert isinstance(article.body, Body)
    assert article.body == BLOCKS


def test_lastmod_is_the_update_date_unless_it_is_missing_or_earlier_than_the_date() -> None:
    import datetime as dt

    d19, d20 = dt.date(2024, 4, 19), dt.date(2024, 4, 20)

    def lastmod(date: dt.date | None, updated: dt.date | None) -> dt.date | None:
        return Article(source="a.txt", title="t", lang="ar", body=(), date=date, updated=updated).lastmod

    assert (lastmod(d19, d20), lastmod(d19, None), lastmod(None, d20), lastmod(None, None)) == (d20, d19, d20, None)
    assert lastmod(d20, d19) == d20  # a mistyped update (warned about) never makes an article older


def test_an_article_pickles_only_the_fields_it_sets_and_comes_back_equal() -> None:
    article = Article(source="a.txt", title="t", lang="ar", body=BLOCKS, summary="s", tags=())
    again = pickle.loads(pickle.dumps(article, protocol=5))
    assert again == article and hash(again) == hash(article)
    assert again.draft is False and again.tags == () and again.format == "text" and again.summary == "s"
    assert "draft" not in again.__dict__ and "summary" in again.__dict__  # defaults are not stored
