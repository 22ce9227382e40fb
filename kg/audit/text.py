"""Text similarity measures shared by the checks.

Quotes differ in punctuation and small copy edits, item names in abbreviations.
These helpers compare what matters and ignore the rest, so a check never fires on
a difference a lawyer would not call a difference. Titles are not compared here:
whether two titles name one instrument is :mod:`kg.resolve`'s to say
(:meth:`kg.audit.corpus.Corpus.identity`).
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from functools import cache, lru_cache
from importlib import resources

from kg.laws.compare import MIN_BLOCK, quote_key

__all__ = [
    "char_bigrams",
    "coverage",
    "coverage_bound",
    "dice",
    "expand_abbreviations",
    "quote_key",
]


@lru_cache(maxsize=65536)
def _grams(text: str) -> Counter[str]:
    return Counter(text[i : i + MIN_BLOCK] for i in range(len(text) - MIN_BLOCK + 1))


def coverage_bound(a: str, b: str) -> float:
    """A cheap upper bound of :func:`coverage`, from the runs of :data:`MIN_BLOCK`
    characters the two texts share.

    Every character a matching block covers lies in such a shared run, and each run
    covers at most :data:`MIN_BLOCK` characters, so the bound is never below the
    coverage; checks use it to skip the exact alignment when it decides nothing.

    Examples:
        >>> coverage_bound("甲乙丙丁", "子丑寅卯")
        0.0
        >>> coverage_bound("甲乙丙丁戊", "丁戊己甲乙丙") >= coverage("甲乙丙丁戊", "丁戊己甲乙丙")
        True
    """
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return 0.0
    mine, theirs = _grams(short), _grams(long_)
    shared = sum(mine[gram] for gram in mine.keys() & theirs.keys())
    return min(1.0, MIN_BLOCK * shared / len(short))


@lru_cache(maxsize=65536)
def coverage(a: str, b: str) -> float:
    """How much of the shorter text appears, in order, in the longer one (0–1).

    A quote cut short, or one quoting a whole article where the other quotes one
    paragraph, still covers close to 1; two different texts cover little.

    Examples:
        >>> coverage("甲乙丙丁戊己庚", "前言甲乙丙丁戊己庚后记")
        1.0
        >>> coverage("甲乙丙丁", "子丑寅卯")
        0.0
    """
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return 0.0
    matcher = SequenceMatcher(None, short, long_, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks() if block.size >= MIN_BLOCK)
    return matched / len(short)


@cache
def _abbreviations() -> tuple[tuple[str, str], ...]:
    """Short forms → long forms (``data/abbreviations.csv``), longest first."""
    text = resources.files("kg.audit").joinpath("data/abbreviations.csv").read_text("utf-8")
    pairs = []
    for line in text.splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            short, long_ = line.split(",")[:2]
            pairs.append((short.strip(), long_.strip()))
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def expand_abbreviations(text: str) -> str:
    """Write 医保/社保 out, so item names that abbreviate compare with those that do not.

    Examples:
        >>> expand_abbreviations("医保基金")
        '医疗保险基金'
    """
    for short, long_ in _abbreviations():
        text = text.replace(short, long_)
    return text


def char_bigrams(text: str) -> frozenset[str]:
    """Character bigrams of the words in ``text`` (punctuation dropped)."""
    clean = quote_key(text)
    return frozenset(clean[i : i + 2] for i in range(len(clean) - 1))


def dice(a: str, b: str) -> float:
    """Dice coefficient of character bigrams, after expanding abbreviations.

    Examples:
        >>> dice("医疗救助对象救助金给付", "医疗救助对象救助金给付")
        1.0
    """
    x = char_bigrams(expand_abbreviations(a))
    y = char_bigrams(expand_abbreviations(b))
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))
