"""The packed article body: what goes in comes out, compressed or not."""

from __future__ import annotations

import pickle

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


def test_bodies_survive_pickling_as_the_article_cache_stores_them() -> None:
    for body in (Body(BLOCKS), Body(BLOCKS, compress=True)):
        assert pickle.loads(pickle.dumps(body)).blocks() == BLOCKS


def test_an_article_packs_a_tuple_of_blocks_and_compares_with_it() -> None:
    article = Article(source="a.txt", title="t", lang="ar", body=BLOCKS)
    assert isinstance(article.body, Body)
    assert article.body == BLOCKS
