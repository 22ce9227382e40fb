"""Factories for small hand-built lists: items, citations and corpora (imported by the tests)."""

from __future__ import annotations

from collections.abc import Sequence

from extractors import extract
from extractors.models import Citation, Instrument, Provision
from kg.audit.corpus import Corpus
from kg.ingest.codes import decode_power_code
from kg.model import TEXT_COLUMNS, CellCitations, ExtractedItem, PowerItem, Repair

CREDIT = "11620500MB16170967"
"""A credit code with a valid check digit (the 天水 sample's)."""


def cite(
    title: str | None,
    *,
    doc: str | None = None,
    raw_doc: str | None = None,
    flags: tuple[str, ...] = (),
    raw_title: str | None = None,
    arts: Sequence[int | tuple[int, int | None, str | None]] = (),
    role: str = "cites",
    span: tuple[int, int] = (0, 10),
    alias: str | None = None,
    version: str | None = None,
    date: str | None = None,
) -> Citation:
    """A citation; ``arts`` items are an article number or (article, paragraph, quote)."""
    provisions = []
    for art in arts:
        number, para, quote = art if isinstance(art, tuple) else (art, None, None)
        provisions.append(Provision(article=number, paragraph=para, quote=quote))
    return Citation(
        role=role,  # type: ignore[arg-type]
        span=span,
        instrument=Instrument(
            title=title,
            raw_title=raw_title if raw_title is not None else title,
            doc_number=doc,
            raw_doc_number=raw_doc,
            doc_number_flags=flags,
            alias=alias,
            version=version,
            date=date,
        ),
        provisions=tuple(provisions),
    )


def item(
    file: str,
    seq: str,
    name: str = "事项",
    *,
    type: str = "行政给付",
    code: str = "",
    basis: str = "依据",
    duties: str = "",
    agency: str = "",
    line: int | None = None,
) -> PowerItem:
    """A power item; the code is decoded as ingest decodes it."""
    return PowerItem(
        list_title=f"{file}清单",
        file=file,
        line=line if line is not None else int(seq) + 10,
        seq=seq,
        name=name,
        type=type,
        code=code,
        code_info=decode_power_code(code, type) if code else None,
        agency=agency or f"{file}局",
        basis=basis,
        duties=duties,
    )


def corpus(
    rows: Sequence[tuple[PowerItem, dict[str, list[Citation]]]],
    repairs: Sequence[Repair] = (),
) -> Corpus:
    """A corpus from (item, {column: citations}) pairs."""
    built = Corpus(repairs=list(repairs))
    for record, citations in rows:
        built.add(extracted(record, citations))
    return built


def extracted_row(record: PowerItem) -> tuple[PowerItem, dict[str, list[Citation]]]:
    """A row with what the extractor finds in its cells (for checks that read its flags and names)."""
    return record, {col: extract(text, column=col) for col in TEXT_COLUMNS if (text := getattr(record, col))}


def extracted(record: PowerItem, citations: dict[str, list[Citation]]) -> ExtractedItem:
    """An item with hand-made citations in its cells, as :func:`kg.model.extract_item` would give."""
    cells = (CellCitations(col, getattr(record, col), tuple(citations.get(col, ()))) for col in TEXT_COLUMNS)
    return ExtractedItem(record, tuple(cells))


def clean_rows() -> list[tuple[PowerItem, dict[str, list[Citation]]]]:
    """Two typo-free lists citing the same instruments the same way."""
    law = "中华人民共和国社会救助法草案测试法"
    text = "国家建立健全医疗救助制度，保障医疗救助对象获得基本医疗卫生服务"
    rows = []
    for file, seq, code_tail in (("a.txt", "1", "3620536001000"), ("b.txt", "7", "3620536001000")):
        rows.append(
            (
                item(file, seq, "医疗救助对象救助金给付", code=CREDIT + code_tail if file == "a.txt" else ""),
                {
                    "basis": [
                        cite(law, arts=[(27, None, text)]),
                        cite("优抚对象医疗保障办法", doc="民发〔2007〕101号", arts=[13]),
                    ]
                },
            )
        )
    return rows
