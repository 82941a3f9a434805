"""Document identity and near-duplicates.

* Identity: the sha256 of the normalised text (NFKC, whitespace runs → one space). The same
  report read twice — or from two files — is one document.
* Syndicated copies: the same article republished elsewhere with a different header or footer
  and a few edits. Each document gets a MinHash over character shingles of its normalised body
  (punctuation and whitespace removed); a datasketch MinHashLSH finds earlier documents whose
  estimated Jaccard similarity reaches the threshold. Only canonical documents are indexed, so a
  hundred copies of one article cost one candidate each, not a hundred.
* Fact signatures: a hash of what a fact states without where it says it (quote, offsets,
  rule) and without its subject (a copy's header may name the place differently). A copy's fact
  with the signature of a canonical fact is the same statement and is counted once.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from zhibiao.model import Fact

if TYPE_CHECKING:
    from datasketch import LeanMinHash

# datasketch (and scipy behind it) is imported on first use: asking the store a question
# should not pay for the machinery of ingesting.

__all__ = [
    "NUM_PERM",
    "NearDuplicateIndex",
    "content_hash",
    "distinct_sorted",
    "fact_signature",
    "minhash_from_bytes",
    "minhash_of",
    "minhash_reference",
    "minhash_to_bytes",
    "normalize_text",
]

NUM_PERM = 128
SHINGLE = 5
# Fewer shingles than this (a one-line brief) say too little to call two texts copies.
MIN_SHINGLES = 40
DEFAULT_THRESHOLD = 0.6
_SEED = 1
# Pinned: signatures are stored, and values of different schemes cannot be compared.
_SCHEME = "affine32"
_SPACE = re.compile(r"\s+")
# Everything but letters and digits (CJK included): punctuation differs between sites.
_NOT_WORD = re.compile(r"[\W_]+")


def normalize_text(text: str) -> str:
    """The text a document is identified by: NFKC, each whitespace run one space, trimmed.

    >>> normalize_text("收入１８.５６亿元，\\r\\n 同比增长")
    '收入18.56亿元, 同比增长'
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def content_hash(text: str) -> str:
    """sha256 (hex) of :func:`normalize_text`: equal for the same text, whatever its spacing."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def _shingle_hashes(text: str, normalized: str | None = None) -> Any:
    """32-bit hashes of the distinct 5-character shingles of a text's body, in increasing order,
    computed in numpy (a polynomial over code points, then the splitmix64 finaliser): ~50x faster
    than hashing each shingle in Python, which dominated the cost of ingesting. ``normalized``: the
    text's :func:`normalize_text`, when the caller has it (the body is the same: whitespace is no
    word character either)."""
    import numpy as np

    body = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text) if normalized is None else normalized).lower()
    n = len(body) - SHINGLE + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint32)
    points = np.frombuffer(body.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(SHINGLE):  # arithmetic wraps modulo 2**64, as intended
        h = h * np.uint64(1_000_003) + points[j:j + n]
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return distinct_sorted((h >> np.uint64(32)).astype(np.uint32))


def distinct_sorted(values: Any) -> Any:
    """The distinct values of a 1-d numpy array in increasing order — ``np.unique(values)``, by a
    sort and a comparison of neighbours (numpy's hash-based ``unique`` took 20x as long on the
    ~800 shingle hashes of a report, a quarter of its MinHash).

    >>> import numpy as np
    >>> distinct_sorted(np.array([5, 3, 5, 1, 3], dtype=np.uint32)).tolist()
    [1, 3, 5]
    """
    import numpy as np

    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def _identity(value: Any) -> Any:
    return value


@cache
def _permutations() -> Any:
    """The MinHash permutations, drawn once (datasketch draws them per object otherwise)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def minhash_of(text: str, *, normalized: str | None = None) -> LeanMinHash | None:
    """The MinHash of a text's body, or None when the text is too short to compare
    (``normalized``: the text's :func:`normalize_text`, if known, saves normalising it again).

    The values are those of datasketch's ``MinHash.update_batch`` (affine32 scheme) over the
    shingle hashes, computed here in numpy on the whole array at once: datasketch calls its hash
    function once per shingle in Python, which cost more than the rest of storing a document."""
    import numpy as np
    from datasketch import LeanMinHash

    hashes = _shingle_hashes(text, normalized)
    if len(hashes) < MIN_SHINGLES:
        return None
    a, b = _permutations()
    hv = hashes.reshape(-1, 1)  # uint32: products wrap modulo 2**32, as the scheme intends
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    hv = hv ^ (hv >> np.uint32(16))  # the MurmurHash3 finaliser, as datasketch pre-mixes
    permuted = hv * a
    permuted += b
    values = permuted.min(axis=0)
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)


def minhash_reference(text: str) -> LeanMinHash | None:
    """:func:`minhash_of` the way datasketch computes it (slower; the reference its values must equal)."""
    from datasketch import LeanMinHash, MinHash

    hashes = _shingle_hashes(text)
    if len(hashes) < MIN_SHINGLES:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, hashfunc=_identity, permutations=_permutations())
    mh.update_batch(hashes.tolist())
    return LeanMinHash(mh)


def minhash_to_bytes(mh: LeanMinHash) -> bytes:
    """The signature as stored: NUM_PERM little-endian uint32 values (the affine32 scheme)."""
    import numpy as np

    return np.asarray(mh.hashvalues, dtype="<u4").tobytes()


def minhash_from_bytes(data: bytes) -> LeanMinHash:
    """A stored signature back as a LeanMinHash."""
    import numpy as np
    from datasketch import LeanMinHash

    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)


class NearDuplicateIndex:
    """In-memory LSH over the canonical documents of a store (keys: document primary keys)."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        from datasketch import MinHashLSH

        self.threshold = threshold
        # Banding finds candidates; the estimate decides. Above 0.9 datasketch cannot band 128
        # permutations, so candidates are gathered at 0.9 and the higher bar applied after.
        self._lsh = MinHashLSH(threshold=min(threshold, 0.9), num_perm=NUM_PERM)
        self._signatures: dict[int, LeanMinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: int) -> bool:
        return key in self._signatures

    def add(self, key: int, mh: LeanMinHash) -> None:
        """Index a canonical document."""
        self._lsh.insert(key, mh, check_duplication=False)
        self._signatures[key] = mh

    def remove(self, key: int) -> None:
        """Forget a document (its batch was rolled back)."""
        if key in self._signatures:
            self._lsh.remove(key)
            del self._signatures[key]

    def best_match(self, mh: LeanMinHash) -> tuple[int, float] | None:
        """The most similar indexed document and its estimated Jaccard similarity, if it reaches
        the threshold (LSH candidates are verified: banding alone lets some lower pairs through)."""
        best: tuple[int, float] | None = None
        for key in self._lsh.query(mh):
            similarity = float(mh.jaccard(self._signatures[key]))
            if similarity >= self.threshold and (best is None or (similarity, -key) > (best[1], -best[0])):
                best = (key, similarity)
        return best


def fact_signature(fact: Fact | dict[str, Any]) -> str:
    """sha1 of what a fact states: its FACTS.md fields without quote, offsets, rule and subject
    (``currency`` only when not CNY, ``bottom`` only when true, as :meth:`Fact.to_dict` writes them).

    >>> from zhibiao.model import Indicator
    >>> a = Indicator(name="出口", value=1, quote="出口1元", start=0, end=4, subject="甲")
    >>> b = Indicator(name="出口", value=1, quote="出口 1元", start=9, end=14, subject="乙")
    >>> fact_signature(a) == fact_signature(b), fact_signature(a) == fact_signature(Indicator(name="出口"))
    (True, False)
    """
    data = fact.to_dict() if isinstance(fact, Fact) else dict(fact)
    for key in ("quote", "start", "end", "rule", "subject"):
        data.pop(key, None)
    # Fields added later count only when they say something: a CNY projects fact and a ranking
    # that is no last place keep the signature they were stored with before these fields existed
    # (a re-ingest links, never duplicates), while 6.45亿 USD and 6.45亿 CNY stay two statements.
    if data.get("currency") in (None, "CNY"):
        data.pop("currency", None)
    if not data.get("bottom"):
        data.pop("bottom", None)
    return hashlib.sha1(_canonical_json(data).encode("utf-8")).hexdigest()


def _json_encoder() -> Callable[[dict[str, Any]], str]:
    """``json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)``
    as one function made once: the C encoder that ``json.dumps`` builds on every call (with the
    encoder object around it, a third of a signature's cost), without the check for circular
    references (a fact's dict has none)."""
    encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # a Python without the C accelerator: the same text, built in Python
        return encoder.encode
    chunks = make(None, str, json.encoder.encode_basestring, None, ":", ",", True, False, True)

    def encode(data: dict[str, Any]) -> str:
        return "".join(chunks(data, 0))

    return encode


_canonical_json = _json_encoder()
