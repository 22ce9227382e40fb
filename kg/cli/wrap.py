"""Line breaking for mixed Chinese and Latin text in a terminal.

Rich breaks lines at spaces only, so a Chinese sentence with one space in it
jumps to the next line whole and leaves half a line empty, and one without spaces
is folded anywhere. Chinese may break between any two characters, Latin words and
numbers (``doc_number_conflict``, ``4167``, ``〔2014〕521``) may not, and a line
should not start with closing punctuation (，。）》”): :func:`wrap` does that, and
:class:`Paragraph` is the rich renderable that wraps to whatever width it is given.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

__all__ = ["CLOSING", "OPENING", "Paragraph", "wrap"]

CLOSING = "，。、；：？！）》」』”’〕】〉…,.;:!?)]"
"""Characters a line must not start with (they stay with the character before them)."""

OPENING = "（《「『“‘〔【〈([“"
"""Characters a line must not end with (they go down with the character after them)."""

_TOKENS = regex.compile(r"[\p{Latin}\p{N}_./:@%+#&=~-]+|\s+|.", regex.DOTALL)


def _tokens(text: str) -> Iterator[str]:
    return (m.group() for m in _TOKENS.finditer(text))


def wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` terminal cells.

    Breaks between Chinese characters and at spaces, never inside a Latin word or a
    number unless it alone is wider than the line; newlines in ``text`` are kept.

    Examples:
        >>> wrap("同一文件被引用为不同文号 one title", 12)
        ['同一文件被引', '用为不同文号', 'one title']
        >>> wrap("引用为不同文号。", 14)
        ['引用为不同文', '号。']
        >>> wrap("文号“甘卫", 6)
        ['文号', '“甘卫']
    """
    width = max(width, 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0
        for token in _tokens(paragraph):
            size = cell_len(token)
            if token.isspace():
                if line:
                    line.append(" ")
                    used += 1
                continue
            if used + size <= width:
                line.append(token)
                used += size
                continue
            carried: list[str] = []
            if token[0] in CLOSING and line and not line[-1].isspace():
                carried = [line.pop()]
                while carried[0][0] in CLOSING and line and not line[-1].isspace():
                    carried.insert(0, line.pop())
            while line and line[-1] in OPENING and len(line) > 1:
                carried.insert(0, line.pop())
            while line and line[-1].isspace():
                line.pop()
            if line:
                lines.append("".join(line))
            line = [*carried]
            used = sum(cell_len(t) for t in line)
            while used + size > width and size > width - used:
                room = width - used
                head, token = _split_cells(token, room)
                lines.append("".join([*line, head]))
                line, used, size = [], 0, cell_len(token)
            line.append(token)
            used += size
        while line and line[-1].isspace():
            line.pop()
        lines.append("".join(line))
    return lines


def _split_cells(token: str, room: int) -> tuple[str, str]:
    """The longest head of ``token`` that fits ``room`` cells (at least one character)."""
    used = 0
    for i, char in enumerate(token):
        used += cell_len(char)
        if used > room:
            return token[: max(i, 1)], token[max(i, 1) :]
    return token, ""


class Paragraph:
    """Text that wraps with :func:`wrap` to the width rich gives it (a grid cell, a padding)."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in wrap(self.text, options.max_width):
            yield Text(line, style=self.style, no_wrap=True, end="\n")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.split("\n")), default=0)
        return Measurement(min(2, widest), min(widest, options.max_width))
