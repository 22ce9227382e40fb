"""How the law library keys a title: the one form its index and its lookups share.

Both :class:`kg.laws.library.Library` (which builds the index) and the packed shipped
library (:mod:`kg.laws.packed`, which reads the index back) key titles here, so neither
has to import the other. The keys decide what a pack holds, so this module is one of
:data:`kg.laws.packed.CODE_FILES`.

Examples:
    >>> index_key("《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》")
    '最高人民法院关于适用《中华人民共和国行政诉讼法》的解释'
    >>> title_lookup_key("社會保險法(草案)")
    '社会保险法（草案）'
"""

from __future__ import annotations

import regex

from extractors.titles import to_simplified

__all__ = ["index_key", "title_lookup_key"]

_SPACES = regex.compile(r"[\s\u3000\u00a0]+")

_NESTED_MARKS = str.maketrans(
    {"〈": "《", "〉": "》", "<": "《", ">": "》", "＜": "《", "＞": "》", "(": "（", ")": "）"}
)


def index_key(title: str) -> str:
    """A title as a key: no outer 《》, no spaces, nested titles in 《》, full-width brackets.

    The extractor writes a nested title in 〈〉 (最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释),
    the texts in 《》; both give one key. The library's own titles are simplified already.
    """
    text = _SPACES.sub("", title.strip())
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1]
    return text.translate(_NESTED_MARKS)


def title_lookup_key(title: str) -> str:
    """The form titles are matched in: no 《》, no spaces, simplified, full-width brackets.

    Titles a user or a list writes may be traditional (社會保險法); the library's own are
    simplified already and are keyed without the (slow) conversion.
    """
    return index_key(to_simplified(index_key(title)))
