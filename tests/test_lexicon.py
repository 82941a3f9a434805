"""The vocabulary is the only place words live (zhibiao.lexicon, data/vocab.toml, data/grammar.toml).

A word in code would not be where the next person adds its synonym; a shape nobody uses, or a
list nothing reads, is vocabulary that silently does nothing. These tests keep all three out.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhibiao.lexicon import Shapes, alternation, grammar_shapes, pattern, pattern_source, vocab, words

SRC = Path(__file__).parents[1] / "src" / "zhibiao"
# The modules whose rules match report text: no word may be written in them.
RULE_MODULES = sorted([*(SRC / "extract").glob("*.py"), SRC / "resolve" / "subjects.py", SRC / "lexicon.py"])
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SHAPE_REF = re.compile(r"\{:([\w.]+)\}")
_LIST_REF = re.compile(r"\{[@^]([\w.+]+)\}")
# Vocabulary keys built in code from a family name (words("qualifier", f"{q}_before")).
_FAMILIES = {("qualifier", f"{q}_{side}") for q in ("approx", "at_least", "at_most") for side in ("before", "after")}


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that are not docstrings (docstrings may quote Chinese)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


@cache
def _sources() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))


def _group_bindings(path: Path) -> list[str]:
    """The module globals bound to a vocabulary group (``_NAMES = Shapes("names")``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [t.id for node in tree.body if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
            and node.value.func.id in ("Shapes", "Words", "WordSets") for t in node.targets if isinstance(t, ast.Name)]


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_lexicon_every_group_binding_is_read(path: Path) -> None:
    # a binding nothing reads is dead code, and it stays an unbound group (the slow attribute path)
    source = path.read_text(encoding="utf-8")
    unread = [name for name in _group_bindings(path) if len(re.findall(rf"\b{name}\b", source)) < 2]
    assert not unread, f"{path.name}: group bindings nothing reads: {unread}"


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_lexicon_rule_modules_write_no_words(path: Path) -> None:
    words_in_code = [(line, s) for line, s in _code_strings(path) if _IDEOGRAPH.search(s)]
    assert not words_in_code, f"words belong in data/vocab.toml or data/grammar.toml: {words_in_code}"


def test_lexicon_the_scan_sees_words_in_code(tmp_path: Path) -> None:
    # the check above must be able to fail: a regex literal with an alternation of words is seen
    probe = tmp_path / "probe.py"
    probe.write_text('"""文档。"""\nimport re\n_X = re.compile(r"增长|下降")\n', encoding="utf-8")
    assert [s for _, s in _code_strings(probe) if _IDEOGRAPH.search(s)] == ["增长|下降"]


SHAPES = sorted(f"{g}.{n}" for g, shapes in grammar_shapes().items() for n in shapes)


@pytest.mark.parametrize("key", SHAPES)
def test_lexicon_every_shape_compiles(key: str) -> None:
    assert pattern(key).pattern == pattern_source(key)


@pytest.mark.parametrize("key", SHAPES)
def test_lexicon_every_shape_is_used(key: str) -> None:
    group, name = key.split(".")
    if name.startswith("_"):  # a part of other shapes only
        assert any(f"{{:{key}}}" in t for g in grammar_shapes().values() for t in g.values()), key
        return
    # bound to a module's Shapes("group") and read as an attribute, or by its name in that module
    binders = [p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")
               if f'Shapes("{group}")' in p.read_text(encoding="utf-8")]
    used_in_code = any(re.search(rf"_{group.upper()}\.{name}\b", b) or f'"{name}"' in b for b in binders)
    used_by_name = f'"{key}"' in _sources()
    used_in_shapes = any(key in _SHAPE_REF.findall(t) for g in grammar_shapes().values() for t in g.values())
    assert used_in_code or used_by_name or used_in_shapes, f"grammar.toml shape {key} is never used"


def _vocab_keys() -> list[tuple[str, str]]:
    return sorted((s, k) for s, section in vocab().items() for k in section)


@pytest.mark.parametrize(("section", "key"), _vocab_keys())
def test_lexicon_every_vocab_entry_is_used(section: str, key: str) -> None:
    dotted = f"{section}.{key}"
    in_shapes = any(dotted in ref.split("+") for g in grammar_shapes().values() for t in g.values()
                    for ref in _LIST_REF.findall(t))
    in_code = re.search(rf"""\(\s*["']{section}["'],\s*["']{key}["']\s*\)""", _sources()) is not None or any(
        re.search(rf"_{section.upper()}_(?:WORDS|SETS)\.{key}\b", p.read_text(encoding="utf-8"))
        for p in SRC.rglob("*.py"))
    in_prefilter = dotted in (SRC / "data" / "prefilter.toml").read_text(encoding="utf-8")
    assert in_shapes or in_code or in_prefilter or (section, key) in _FAMILIES, f"vocab.toml {dotted} is never used"


_BOUND = Shapes("test")


def test_lexicon_shapes_bind_lazily_and_rebind_their_module_global() -> None:
    global _BOUND
    shapes = _BOUND
    assert "verb" not in vars(shapes)  # nothing compiled before first use
    first = shapes.verb
    # the module global is now a plain namespace of the compiled shapes; the object still answers
    assert _BOUND is not shapes and isinstance(_BOUND, ModuleType)
    assert _BOUND.verb is first and shapes.verb is first
    assert "example" not in vars(_BOUND)  # a shape is compiled when first read, not with its group
    assert _BOUND.example.fullmatch("增长12") and "example" in vars(_BOUND)
    with pytest.raises(AttributeError):  # a tool's probe (copy, inspect) is no shape
        _ = _BOUND.__wrapped__
    with pytest.raises(KeyError, match="no shape"):
        _ = Shapes("test").missing


def test_lexicon_words_of_a_single_word_and_a_table() -> None:
    assert words("test", "mark") == ("的",)
    assert set(words("change", "double")) >= {"翻番", "翻两番"}  # a table's words are its keys


def test_lexicon_data_is_read_from_disk_or_through_importlib_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    import zhibiao.lexicon as lexicon

    on_disk = lexicon._read("units.tsv")
    assert "元\tCNY" in on_disk
    # an install without the files on disk (a zipped package) falls back to importlib.resources
    monkeypatch.setattr(lexicon, "_DATA_DIR", "/nonexistent/zhibiao/data")
    assert lexicon._read("units.tsv") == on_disk


# --- word alternations ------------------------------------------------------------------------
_LETTERS = st.sampled_from(["增", "长", "速", "同", "比", ".", "|", "(", "?", "a"])


def _longest_first(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(items), key=lambda w: (-len(w), w)))


@given(st.lists(st.text(_LETTERS, min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(_LETTERS, max_size=8), st.sampled_from(["", "长", "$", "(?=速)", "a?比"]))
def test_alternation_matches_as_the_words_longest_first(items: list[str], text: str, tail: str) -> None:
    """The trie finds the same match as the plain alternation of the words sorted longest first,
    also when what follows makes the regex engine backtrack into it (``tail``)."""
    trie, flat = re.compile(f"(?:{alternation(items)}){tail}"), re.compile(f"(?:{_longest_first(items)}){tail}")
    for pos in range(len(text) + 1):
        got, want = trie.match(text, pos), flat.match(text, pos)
        assert (got and got.span()) == (want and want.span())


def test_alternation_shares_the_words_starts() -> None:
    assert alternation(["增长", "增速", "增", "下降"]) == "下降|增[速长]?"
    assert alternation(["a.b", "a"]) == r"a(?:\.b)?"
    with pytest.raises(ValueError, match="empty word"):
        alternation(["增长", ""])


@pytest.mark.parametrize(("template", "expanded"), [
    ("{@test.verbs}|目标", "同比增长|增长|目标"),
    ("(?:目标|{@test.verbs})?", "(?:目标|同比增长|增长)?"),
    ("{@test.verbs}?", "(?:同比增长|增长)?"),
    ("目标{@test.verbs}", "目标(?:同比增长|增长)"),
    ("{@test.verbs}的", "(?:同比增长|增长)的"),
    (r"a\|{@test.verbs}", r"a\|(?:同比增长|增长)"),
    ("(?P<v>{@test.verbs})", "(?P<v>(?:同比增长|增长))"),
])
def test_lexicon_a_list_that_is_a_whole_alternative_needs_no_group(template: str, expanded: str) -> None:
    """A list is written without a group of its own only where that cannot change what matches:
    as a whole alternative; next to anything else, or under a quantifier, it keeps its group."""
    from zhibiao import lexicon

    assert lexicon._REF.sub(lexicon._expand, template) == expanded
    wrapped = re.compile(lexicon._REF.sub(lambda m: f"(?:{lexicon._expand(m)})", template))
    for text in ("同比增长", "增长的", "目标增长", "a|增长", "目标", ""):
        got, want = re.compile(expanded).match(text), wrapped.match(text)
        assert (got and got.span()) == (want and want.span())
