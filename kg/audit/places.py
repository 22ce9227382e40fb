"""Where a finding was seen, as legal staff name it: list title, 序号 and line.

Files are often named by a hash or a download id (``000_225844e784cb10fe.txt``); the
list's title is what people know. The file name stays one hover (pages) or one flag
(``--files``) away. The terminal view and the findings page both write places here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.audit.model import Finding, Location

__all__ = ["list_titles", "place"]


def list_titles(findings: Iterable[Finding]) -> dict[str, str]:
    """File name → list title, from the items the findings name."""
    titles: dict[str, str] = {}
    for finding in findings:
        for item in finding.items:
            if item.list_title:
                titles.setdefault(PurePath(item.file).name, item.list_title)
    return titles


def place(loc: Location, titles: dict[str, str], *, show_file: bool = False) -> str:
    """``天水市医保局权责清单 序号4167 第23行``; the file name instead when no title is known.

    Examples:
        >>> from kg.audit.model import Location
        >>> place(Location("a/x1.txt", line=5, seq="12"), {"x1.txt": "某县清单"})
        '某县清单 序号12 第5行'
        >>> place(Location("a/x1.txt", line=5), {"x1.txt": "某县清单"}, show_file=True)
        '某县清单 第5行（x1.txt）'
    """
    title = titles.get(loc.file_name)
    parts = [title or loc.file_name]
    if loc.seq:
        parts.append(f"序号{loc.seq}")
    if loc.line:
        parts.append(f"第{loc.line}行")
    text = " ".join(parts)
    if show_file and title:
        text += f"（{loc.file_name}）"
    return text
