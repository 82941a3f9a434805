"""The dashboard tests' browser fixtures (see browsing.py): one Chromium per module, a watched
page per test (laptop or phone size)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .browsing import PHONE, Watched, launch, open_page


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


@pytest.fixture
def page(browser: Any) -> Iterator[Watched]:
    yield from open_page(browser)


@pytest.fixture
def phone(browser: Any) -> Iterator[Watched]:
    yield from open_page(browser, PHONE)
