"""The page set of issue 13 (tests/data/pages): real news and government pages, each with its article
and date written down by hand, read as ``zhibiao extract page.html`` reads them. The figures of
bench/html_pages.py, held here as the acceptance of the issue (time per page is the benchmark's)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.benchmodule import load_bench

bench = load_bench("html_pages")
PAGES = bench.load_pages()


def test_html_pages_set_is_thirty_pages_of_different_sites_in_two_parts() -> None:
    assert len(PAGES) >= 30
    assert len({page.name for page in PAGES}) == len(PAGES)
    parts = {page.part for page in PAGES}
    assert parts == {"tune", "held-out"}


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_html_pages_keep_every_figure_sentence_without_markup(page: Any) -> None:
    text, _ = bench.run_zhibiao(page)
    whole = bench.squeeze(text)
    missed = [s for s in bench.figure_sentences(page.article) if bench.squeeze(s) not in whole]
    assert missed == []
    assert not any(bench._MARKUP.search(line) for line in text.split("\n"))


@pytest.fixture(scope="module")
def scores() -> Any:
    return bench.measure(PAGES, bench.run_zhibiao)["all"]


def test_html_pages_dates_are_right_on_95_percent(scores: Any) -> None:
    assert scores.date_right >= 0.95 * scores.pages


def test_html_pages_boilerplate_is_at_most_5_percent_of_lines(scores: Any) -> None:
    assert scores.boiler <= 0.05 * scores.lines


def test_html_pages_at_most_one_fact_in_a_hundred_from_outside_the_article(scores: Any) -> None:
    assert scores.facts > 100
    assert scores.facts_outside <= 0.01 * scores.facts


def test_html_pages_date_source_is_recorded() -> None:
    sources = set()
    for page in PAGES:
        doc = bench.document_from_bytes(page.path.read_bytes(), page.name)
        assert (doc.meta.date is None) == (doc.meta.date_source is None), page.name
        assert doc.published == doc.meta.date
        sources.add(doc.meta.date_source)
    assert {"meta", "htmldate"} <= sources
