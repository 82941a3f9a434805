"""The rule tables under src/zhibiao/data are consistent (units, magnitudes, vocabularies)."""

from __future__ import annotations

import math

import pytest

from zhibiao.lexicon import magnitudes, places, surnames, units, vocab, words

FACTS_UNITS = {"CNY", "USD", "EUR", "HKD", "JPY", "KRW", "%", "count", "person", "kWh", "kW", "t", "m2", "mu",
               "km", "TEU", "vehicle", "pp"}


def test_data_units_map_to_facts_units() -> None:
    # a unit FACTS.md does not list is kept as written: it must then be a unit word of the table
    written = set(units())
    for word, unit in units().items():
        assert unit.unit in FACTS_UNITS or unit.unit in written, word
        assert unit.factor > 0


def test_data_money_units_are_currencies() -> None:
    for unit in units().values():
        if unit.kind == "money":
            assert unit.unit in {"CNY", "USD", "EUR", "HKD", "JPY", "KRW"}


def test_data_magnitudes_are_powers_of_ten() -> None:
    digits = {"十": 1, "百": 2, "千": 3, "万": 4, "亿": 8}
    for word, power in magnitudes().items():
        # a compound magnitude is the product of its characters: 千万 = 千 × 万
        assert power == sum(digits[ch] for ch in word), word


@pytest.mark.parametrize(("section", "key"), [(s, k) for s, sec in vocab().items() for k, v in sec.items()
                                               if isinstance(v, list)])
def test_data_vocab_lists_are_clean(section: str, key: str) -> None:
    items = words(section, key)
    assert items, f"{section}.{key} is empty"
    assert len(items) == len(set(items)), f"{section}.{key} has duplicates"
    assert all(isinstance(w, str) and w == w.strip() and w for w in items)


def test_data_change_verbs_have_one_sign() -> None:
    assert not set(words("change", "up")) & set(words("change", "down"))
    assert not set(words("change", "phrase_up")) & set(words("change", "phrase_down"))


def test_data_basis_words_have_one_basis() -> None:
    seen: dict[str, str] = {}
    for basis in ("yoy", "avg2y", "avg", "other"):
        for w in words("basis", basis):
            assert w not in seen, f"{w} is both {seen[w]} and {basis}"
            seen[w] = basis


def test_data_project_stages_are_disjoint() -> None:
    seen: dict[str, str] = {}
    for stage in ("signed", "started", "completed", "operational", "ongoing", "other"):
        for w in words("projects", stage):
            assert w not in seen, f"{w} is both {seen[w]} and {stage}"
            seen[w] = stage


def test_data_surnames_are_one_or_two_characters() -> None:
    names = surnames()
    assert len(names) > 400
    assert all(1 <= len(n) <= 2 for n in names)


def test_data_places_have_unique_codes_per_level() -> None:
    keys = [(p.code, p.level) for p in places()]
    assert len(keys) == len(set(keys))
    assert any(p.name == "台儿庄区" for p in places())
    assert not math.isnan(len(keys))


def test_data_common_word_shorts_are_place_short_names() -> None:
    # the list only un-learns short names the gazetteer teaches; a word not among them is a typo
    shorts = {p.short for p in places() if p.short != p.name}
    listed = words("entity", "common_word_shorts")
    assert listed and set(listed) <= shorts


def test_data_places_opening_with_joiners_cover_the_gazetteer() -> None:
    # a list is split at 和 unless a place's name opens there: every such full name must be known (和县 excepted:
    # list_split never splits before 县)
    joiners = set(words("name", "joiners"))
    listed = set(words("name", "places_opening_with_joiners"))
    opening = {p.name for p in places() if p.name[0] in joiners and len(p.name) > 2}
    assert opening, "the gazetteer has places opening with a joiner (和平区)"
    assert opening == listed
