"""Turn raw table rows into power-item records, repairing what can be repaired.

Every reader (text, CSV, XLSX, HTML) yields :class:`RawRow` objects; this module
finds the header (and skips its repetitions), the title line, markdown rules and
blank rows, re-joins rows broken by a line break inside a cell, splits fields that
were joined, pads missing trailing fields, and records each change as a
:class:`~kg.model.Repair` with file and line. The rules are general: nothing here
knows a particular list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import regex

from extractors.patterns import RELIANCE
from kg.ingest.agency import ListOwner, parse_list_title, resolve_agency, split_org_units
from kg.ingest.codes import decode_power_code
from kg.ingest.errors import NotAPowerList
from kg.ingest.headers import HeaderMap, match_header
from kg.ingest.htmltext import cell_text, has_markup, tidy_text
from kg.iri import item_keys
from kg.model import Agency, PowerItem, PowerList, Repair

__all__ = ["MAX_CELL_CHARS", "RawRow", "ReadResult", "assemble"]

HAN = regex.compile(r"\p{Han}")
"""A file name with Chinese in it (某县生态环境局权责清单.csv) may stand for the list title."""

RULE_CELL = regex.compile(r"^\s*:?-{2,}:?\s*$|^\s*[=＝]{3,}\s*$|^\s*$")
"""A markdown table rule cell (``----``, ``:--:``) or an empty one."""

SEQ_LIKE = regex.compile(
    r"^\s*(?:\d{1,7}(?:[.\-－]\d{1,4})*|[一二三四五六七八九十百千零〇]{1,6})[.、．]?\s*$"
)
"""What a 序号 looks like: 4160, 1.2, 十二."""

AGENCY_NAME = regex.compile(
    r"^(?P<agency>\p{Han}[\p{Han}（）()]{1,40}?(?:局|委员会|委|厅|办公室|办|中心|所|站|队|院|政府|部|署|会))"
    r"[ \t\u3000]+(?P<rest>\S.*)$",
    regex.DOTALL,
)
"""A field that starts with an agency name and a space: ``瓜州县医疗保障局 1. 《…》``."""

LEGAL_TEXT_START = regex.compile(
    r"^(?:<[a-zA-Z]|[《〈“\"「]|\d{1,3}\s*[.、．]|[（(]?[一二三四五六七八九十\d]{1,3}[)）、]|第|【|"
    rf"{RELIANCE})"
)
"""How a 实施依据 cell begins: a title, a list number, 第, or a verb of reliance (根据, 依照 …,
:data:`extractors.patterns.RELIANCE_VERBS`)."""


MAX_CELL_CHARS = 1 << 20
"""Longest cell read (a 实施依据 of a whole law is a few ten thousand characters); a row
with a longer cell is reported and skipped, so one cell cannot make extraction take minutes."""


@dataclass(frozen=True, slots=True)
class RawRow:
    """One table row as a reader saw it: its cells and where it was.

    A reader that could not read a row, or had to cut what a file claims, yields a
    row with ``problem`` set (and no cells); it becomes a repair of ``kind``.
    """

    line: int
    cells: list[str]
    sheet: str | None = None
    problem: str | None = None
    kind: str = "skip_bad_row"


SKIPPED_ROW_KINDS = frozenset({"skip_rule_row", "skip_unreadable_row", "skip_preamble_row"})
"""Repair kinds that ``kg ingest`` counts as skipped rows (a table rule, a row before the
header, a row with neither 序号 nor 事项名称); every other kind counts as a repair."""


@dataclass(slots=True)
class ReadResult:
    """What reading one list gave: the list, its items, its agencies and every repair."""

    power_list: PowerList
    items: list[PowerItem] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    agencies: dict[str, Agency] = field(default_factory=dict)
    encoding: str | None = None
    header_rows: int = 0

    def skipped_rows(self) -> int:
        """How many of :attr:`repairs` skipped a row (:data:`SKIPPED_ROW_KINDS`)."""
        return sum(repair.kind in SKIPPED_ROW_KINDS for repair in self.repairs)


@dataclass(slots=True)
class _Pending:
    line: int
    cells: list[str]
    sheet: str | None
    repairs: list[Repair]


def _is_rule(cells: list[str]) -> bool:
    return any("-" in c or "=" in c or "＝" in c for c in cells) and all(RULE_CELL.match(c) for c in cells)


def _seq_like(text: str) -> bool:
    return SEQ_LIKE.match(text) is not None


class _Assembler:
    """Stateful walk over the rows of one list (header, title, pending row)."""

    def __init__(self, source: Path, title_hint: str | None) -> None:
        self.source = source
        self.file = source.name
        self.title: str | None = None
        self.title_hint = tidy_text(title_hint) if title_hint else None
        self.header: HeaderMap | None = None
        self.header_rows = 0
        self.repairs: list[Repair] = []
        self.items: list[PowerItem] = []
        self.pending: _Pending | None = None
        self.owner: ListOwner | None = None
        self.known_agencies: set[str] = set()

    def repair(self, line: int, kind: str, detail: str, seq: str | None = None) -> Repair:
        record = Repair(file=self.file, line=line, kind=kind, detail=detail, seq=seq)
        self.repairs.append(record)
        return record

    def feed(self, row: RawRow) -> None:
        if row.problem is not None:
            self.repair(row.line, row.kind, row.problem)
            return
        cells = [c if c is not None else "" for c in row.cells]
        longest = max((len(c) for c in cells), default=0)
        if longest > MAX_CELL_CHARS:
            self._flush()
            self.repair(
                row.line,
                "skip_overlong_cell",
                f"a cell of {longest:,} characters (more than {MAX_CELL_CHARS:,}): row skipped",
            )
            return
        if not any(c.strip() for c in cells):
            return
        if _is_rule(cells):
            self._flush()
            self.repair(row.line, "skip_rule_row", f"skipped a table rule row: {'|'.join(cells)[:40]}")
            return
        header = match_header(cells)
        if header is not None:
            self._flush()
            self.header_rows += 1
            if self.header is None or header.headers != self.header.headers:
                self.header = header
            return
        if self.header is None:
            self._preamble(row, cells)
            return
        if self._continues_pending(cells):
            assert self.pending is not None
            self.pending.cells[-1] = self.pending.cells[-1] + "\n" + cells[0]
            self.pending.cells.extend(cells[1:])
            self.pending.repairs.append(
                self.repair(
                    row.line,
                    "merge_continuation",
                    f"line {row.line} continues the row of line {self.pending.line} (a line break inside a cell)",
                )
            )
            return
        self._flush()
        self.pending = _Pending(row.line, list(cells), row.sheet, [])

    def _preamble(self, row: RawRow, cells: list[str]) -> None:
        texts = [c.strip() for c in cells if c.strip()]
        if len(texts) == 1 and self.title is None:
            self.title = cell_text(texts[0])
        else:
            self.repair(row.line, "skip_preamble_row", "skipped a row before the header")

    def _continues_pending(self, cells: list[str]) -> bool:
        header, pending = self.header, self.pending
        if header is None or pending is None or header.index("seq") != 0:
            return False
        return len(pending.cells) < len(header) and not _seq_like(cells[0]) and len(cells) < len(header)

    def _flush(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None or self.header is None:
            return
        item = self._build(pending)
        if item is not None:
            self.items.append(item)

    def finish(self) -> None:
        self._flush()

    # -- row repair ---------------------------------------------------------

    def _owner(self) -> ListOwner:
        if self.owner is None:
            self.owner = parse_list_title(self.title or self.title_hint or "")
            if self.owner.agency:
                self.known_agencies.add(self.owner.agency)
        return self.owner

    def _split_joined(self, pending: _Pending, seq: str | None) -> None:
        """Split ``行使主体 实施依据`` joined into one field by a space."""
        header = self.header
        assert header is not None
        agency_at, basis_at = header.index("agency"), header.index("basis")
        if agency_at is None or basis_at != agency_at + 1 or agency_at >= len(pending.cells):
            return
        match = AGENCY_NAME.match(pending.cells[agency_at].strip())
        if match is None or not LEGAL_TEXT_START.match(match["rest"]):
            return
        agency = match["agency"]
        known = agency in self.known_agencies or resolve_agency(agency, self._owner()) in self.known_agencies
        if not known and not agency.endswith(("局", "委员会", "厅")):
            return
        pending.cells[agency_at : agency_at + 1] = [agency, match["rest"]]
        pending.repairs.append(
            self.repair(
                pending.line,
                "split_agency_basis",
                f"{header.headers[agency_at]} and {header.headers[basis_at]} were joined by a space in one field; split after {agency}",
                seq,
            )
        )

    def _fit(self, pending: _Pending) -> None:
        header = self.header
        assert header is not None
        seq_at = header.index("seq")
        seq = pending.cells[seq_at].strip() if seq_at is not None and seq_at < len(pending.cells) else None
        filled = len(pending.cells)
        while filled and not pending.cells[filled - 1].strip():
            filled -= 1
        if filled < len(header):
            self._split_joined(pending, seq)
        while len(pending.cells) > len(header) and not pending.cells[-1].strip():
            pending.cells.pop()
        if len(pending.cells) < len(header):
            missing = header.headers[len(pending.cells) :]
            pending.cells.extend([""] * (len(header) - len(pending.cells)))
            pending.repairs.append(
                self.repair(
                    pending.line,
                    "pad_missing_fields",
                    f"{len(missing)} trailing field(s) missing ({'、'.join(missing)}); left empty",
                    seq,
                )
            )
        elif len(pending.cells) > len(header):
            pending.repairs.append(
                self.repair(
                    pending.line,
                    "extra_fields_kept",
                    f"{len(pending.cells) - len(header)} field(s) beyond the header kept under extra",
                    seq,
                )
            )

    def _build(self, pending: _Pending) -> PowerItem | None:
        header = self.header
        assert header is not None
        self._fit(pending)
        cells = pending.cells

        def get(name: str) -> str:
            index = header.index(name)
            return cells[index] if index is not None and index < len(cells) else ""

        seq, name = cell_text(get("seq")), cell_text(get("name"))
        if not seq and not name:
            self.repair(pending.line, "skip_unreadable_row", "a row with neither 序号 nor 事项名称: skipped")
            return None
        marked = [header.headers[i] for i in range(min(len(header), len(cells))) if has_markup(cells[i])]
        if marked:
            pending.repairs.append(
                self.repair(
                    pending.line,
                    "strip_markup",
                    f"HTML markup removed from {'、'.join(marked)} (the text and its line breaks kept)",
                    seq,
                )
            )
        owner = self._owner()
        agency_raw = cell_text(get("agency"))
        agency = resolve_agency(agency_raw, owner)
        if agency:
            self.known_agencies.add(agency)
        power_type = cell_text(get("type"))
        extra = {
            header.extras[i]: cell_text(cells[i])
            for i in sorted(header.extras)
            if i < len(cells) and cells[i].strip()
        }
        for i in range(len(header), len(cells)):
            if cells[i].strip():
                extra[f"列{i + 1}"] = cell_text(cells[i])
        if pending.sheet:
            extra["工作表"] = pending.sheet
        code = cell_text(get("code"))
        return PowerItem(
            list_title=self.title or self.title_hint or self.file,
            file=self.file,
            line=pending.line,
            seq=seq,
            name=name,
            sub_name=cell_text(get("sub_name")),
            type=power_type,
            code=code,
            sub_code=cell_text(get("sub_code")),
            code_info=decode_power_code(code, power_type),
            agency=agency,
            agency_raw=agency_raw,
            org_units=split_org_units(cell_text(get("org_units"))),
            level=cell_text(get("level")) or (owner.level or ""),
            basis=cell_text(get("basis")),
            duties=cell_text(get("duties")),
            accountability=cell_text(get("accountability")),
            remark=cell_text(get("remark")),
            extra=extra,
            repairs=tuple(pending.repairs),
            columns={f: header.headers[i] for f, i in header.fields.items()},
        )


def _agencies(items: list[PowerItem], owner: ListOwner) -> dict[str, Agency]:
    found: dict[str, Agency] = {}
    for item in items:
        if not item.agency:
            continue
        credit = item.code_info.credit_code if item.code_info and item.code_info.valid else None
        known = found.get(item.agency)
        if known is None or (known.credit_code is None and credit):
            found[item.agency] = Agency(
                name=item.agency,
                raw=item.agency_raw,
                jurisdiction=owner.jurisdiction,
                level=owner.level,
                credit_code=credit,
            )
    return found


def assemble(rows: Iterable[RawRow], source: Path, *, title_hint: str | None = None) -> ReadResult:
    """Assemble a list from its raw rows.

    Raises:
        NotAPowerList: no header row was found, or the header is followed by no item.
    """
    if title_hint is None and HAN.search(source.stem):
        title_hint = source.stem
    assembler = _Assembler(source, title_hint)
    for row in rows:
        assembler.feed(row)
    assembler.finish()
    if assembler.header is None:
        raise NotAPowerList(
            source,
            "no header row found; expected a 权责清单 with columns such as 序号, 事项名称, 权力类型, 实施主体, 实施依据",
        )
    if not assembler.items:
        raise NotAPowerList(source, "the header is there but no power item follows it")
    keys = item_keys([item.seq for item in assembler.items])
    items = [replace(item, key=key) for item, key in zip(assembler.items, keys, strict=True)]
    owner = assembler._owner()
    title = tidy_text(assembler.title or title_hint or source.stem)
    power_list = PowerList(
        title=title,
        source_file=source.name,
        jurisdiction=owner.jurisdiction,
        level=owner.level,
        agency=owner.agency,
    )
    return ReadResult(
        power_list=power_list,
        items=items,
        repairs=assembler.repairs,
        agencies=_agencies(items, owner),
        header_rows=assembler.header_rows,
    )
