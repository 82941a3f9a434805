"""Whole HTML pages (issue 13): the article, its date and nothing else, zhibiao beside trafilatura.

On the page set of tests/data/pages (real Chinese news and government pages, each with its article
written down by hand in NAME.txt and its date in manifest.toml), per tool and per part of the set:

* figure sentences missed: sentences of the article with a digit that are not in the text;
* boilerplate lines: lines of the text that are not the article's (those with digits apart), and
  their share of all lines; lines with list or table markup (``- ``, ``|``) apart;
* date right / wrong / none against the page's true date;
* facts from outside the article: facts zhibiao's extractor finds in the text whose line is not the
  article's, of all facts found;
* median time per page (bytes in → text and date out; the decoding of the bytes included), the
  best of ``--repeat`` runs of each page.

The part of a page (``tune``: the rules were tuned on it; ``held-out``: never looked at while
tuning) is fixed by a hash of its file name. trafilatura runs when it imports (an optional extra:
``pip install -e .[bench]``); when it does not, the reason is printed in its place.

    .venv/bin/python bench/html_pages.py
"""

from __future__ import annotations

import argparse
import hashlib
import re
import statistics
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from zhibiao.extract import extract_document
from zhibiao.ingest import decode_bytes, document_from_bytes, document_from_text
from zhibiao.ingest.htmltext import declared_charset

PAGES = Path(__file__).resolve().parents[1] / "tests" / "data" / "pages"
_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")
_DIGIT = re.compile(r"[0-9０-９]")
_BLANKS = re.compile(r"\s+")
# a byline: a time of day, or a label of the date, source or author
_BYLINE = re.compile(r"\d{1,2}:\d{2}|发布|来源|出处|时间：|日期|发表于|作者："
                     r"|^\d{4}\s*[-年]\s*\d{1,2}\s*[-月]\s*\d{1,2}日?\s[^。]*$")
_MARKUP = re.compile(r"^\s*(?:[-*•]\s|\|)|\|\s*$")


@dataclass(frozen=True)
class Page:
    """One page of the set: its file, its article's lines and its true date."""

    name: str
    path: Path
    article: tuple[str, ...]
    date: str

    @property
    def part(self) -> str:
        """``held-out`` for about a quarter of the pages (by a hash of the file name), else ``tune``."""
        return part_of(self.name)


def part_of(name: str) -> str:
    """The part of the page set a file belongs to, fixed by a hash of its name.

    >>> part_of("163.html"), part_of("gzggw.html")
    ('tune', 'held-out')
    """
    return "held-out" if int(hashlib.sha256(name.encode()).hexdigest(), 16) % 4 == 0 else "tune"


def load_pages(folder: Path = PAGES) -> list[Page]:
    """The pages listed in ``folder/manifest.toml`` with their hand-written article text."""
    manifest = tomllib.loads((folder / "manifest.toml").read_text("utf-8"))
    out = []
    for entry in manifest["page"]:
        path = folder / entry["file"]
        article = path.with_suffix(".txt").read_text("utf-8").splitlines()
        out.append(Page(entry["file"], path, tuple(line for line in article if line.strip()), entry["date"]))
    return out


def squeeze(text: str) -> str:
    """``text`` without blanks and list/table markup, for comparing texts laid out differently."""
    lines = (_MARKUP.sub("", line) for line in text.split("\n"))
    return _BLANKS.sub("", "".join(lines))


def figure_sentences(article: tuple[str, ...]) -> list[str]:
    """The sentences of an article that hold a digit (at least four characters).

    Bylines (a time of day, a label of the date or source) are left out.

    >>> figure_sentences(("收入增长5%。今年很好。", "投资246.79亿元", "2019-09-26 10:56:28 证券时报网"))
    ['收入增长5%。', '投资246.79亿元']
    """
    out = []
    for line in article:
        if _BYLINE.search(line):
            continue  # a byline's date and view count are no figure of the article
        for m in _SENTENCE.finditer(line):
            sentence = m.group().strip()
            if len(sentence) >= 4 and _DIGIT.search(sentence):
                out.append(sentence)
    return out


@dataclass
class Score:
    """The counts of one tool on a set of pages."""

    pages: int = 0
    figures: int = 0
    missed: int = 0
    lines: int = 0
    boiler: int = 0
    boiler_digits: int = 0
    markup: int = 0
    date_right: int = 0
    date_wrong: int = 0
    date_none: int = 0
    facts: int = 0
    facts_outside: int = 0
    times: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, page: Page, text: str, date: str | None, seconds: float) -> None:
        """Count one page's text and date against the page's article and true date."""
        self.pages += 1
        self.times.append(seconds)
        whole = squeeze(text)
        for sentence in figure_sentences(page.article):
            self.figures += 1
            if squeeze(sentence) not in whole:
                self.missed += 1
                self.misses.append(f"{page.name}: {sentence[:40]}")
        article = squeeze("\n".join(page.article))
        lines = [line for line in text.split("\n") if line.strip()]
        self.lines += len(lines)
        for line in lines:
            self.markup += bool(_MARKUP.search(line))
            if not _is_article_line(line, article):
                self.boiler += 1
                self.boiler_digits += bool(_DIGIT.search(line))
        if date is None:
            self.date_none += 1
        elif date == page.date:
            self.date_right += 1
        else:
            self.date_wrong += 1
        total, outside = facts_outside(text, date, article)
        self.facts += total
        self.facts_outside += outside


def _is_article_line(line: str, article: str) -> bool:
    return squeeze(line) in article


def facts_outside(text: str, date: str | None, article: str) -> tuple[int, int]:
    """How many facts zhibiao's extractor finds in ``text``, and how many lie on lines that are not
    the article's (``article`` squeezed)."""
    doc = document_from_text(text, doc_id="page", published=date)
    _, facts = extract_document(doc)
    outside = 0
    for fact in facts:
        start = text.rfind("\n", 0, fact.start) + 1
        end = text.find("\n", fact.start)
        if not _is_article_line(text[start:end if end >= 0 else len(text)], article):
            outside += 1
    return len(facts), outside


def run_zhibiao(page: Page) -> tuple[str, str | None]:
    """zhibiao's article text and date of a page, as ``zhibiao extract page.html`` reads it."""
    doc = document_from_bytes(page.path.read_bytes(), page.name)
    return doc.text, doc.meta.date


def trafilatura_runner() -> tuple[Callable[[Page], tuple[str, str | None]] | None, str]:
    """trafilatura's reader of a page (its text as plain text, its date), or None and why not."""
    try:
        import trafilatura
    except Exception as exc:  # an import that fails for any reason is reported, not raised
        return None, f"trafilatura does not import: {type(exc).__name__}: {exc}"

    def run(page: Page) -> tuple[str, str | None]:
        data = page.path.read_bytes()
        html = decode_bytes(data, page.name, declared=declared_charset(data))
        found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        if found is None:
            return "", None
        values = found.as_dict() if hasattr(found, "as_dict") else dict(found)
        return values.get("text") or "", values.get("date")

    return run, f"trafilatura {trafilatura.__version__}"


def measure(pages: list[Page], run: Callable[[Page], tuple[str, str | None]], repeat: int = 1) -> dict[str, Score]:
    """The scores of ``run`` on each part of ``pages`` and on all of them; a page's time is the best
    of ``repeat`` runs (a shared machine's other work only ever adds time)."""
    scores = {"tune": Score(), "held-out": Score(), "all": Score()}
    for page in pages:
        seconds = float("inf")
        for _ in range(max(repeat, 1)):
            t0 = time.perf_counter()
            text, date = run(page)
            seconds = min(seconds, time.perf_counter() - t0)
        for key in (page.part, "all"):
            scores[key].add(page, text, date, seconds)
    return scores


def table(results: dict[str, dict[str, Score]]) -> str:
    """A Markdown table of the scores, one column per tool and part."""
    columns = [(tool, part) for tool in results for part in ("tune", "held-out", "all")]
    rows: list[tuple[str, Callable[[Score], str]]] = [
        ("pages", lambda s: str(s.pages)),
        ("figure sentences missed", lambda s: f"{s.missed} of {s.figures}"),
        ("boilerplate lines (with digits)", lambda s: f"{s.boiler} ({s.boiler_digits}) of {s.lines}"),
        ("boilerplate share of lines", lambda s: f"{100 * s.boiler / max(s.lines, 1):.1f}%"),
        ("lines starting or ending with list/table markup", lambda s: str(s.markup)),
        ("date right / wrong / none", lambda s: f"{s.date_right} / {s.date_wrong} / {s.date_none}"),
        ("facts from outside the article", lambda s: f"{s.facts_outside} of {s.facts}"),
        ("median time per page", lambda s: f"{1000 * statistics.median(s.times):.1f} ms" if s.times else "-"),
    ]
    head = "| | " + " | ".join(f"{tool} ({part})" for tool, part in columns) + " |"
    out = [head, "|---" * (len(columns) + 1) + "|"]
    for label, cell in rows:
        out.append(f"| {label} | " + " | ".join(cell(results[tool][part]) for tool, part in columns) + " |")
    return "\n".join(out)


def main() -> None:
    """Measure zhibiao and trafilatura on the page set and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--misses", action="store_true", help="list the figure sentences missed")
    parser.add_argument("--repeat", type=int, default=5, help="runs per page; its time is the best (default 5)")
    args = parser.parse_args()
    pages = load_pages()
    results = {"zhibiao": measure(pages, run_zhibiao, args.repeat)}
    run, label = trafilatura_runner()
    if run is not None:
        results["trafilatura"] = measure(pages, run, args.repeat)
    print(f"{len(pages)} pages: {sum(p.part == 'tune' for p in pages)} tune, "
          f"{sum(p.part == 'held-out' for p in pages)} held out; peer: {label}\n")
    print(table(results))
    if args.misses:
        for tool, scores in results.items():
            for miss in scores["all"].misses:
                print(f"{tool} missed: {miss}")


if __name__ == "__main__":
    main()
