"""Rows and lists the graph keeps apart although they look alike: duplicate 序号, one title twice.

The graph never merges two rows or two files (:func:`kg.iri.item_keys`,
:func:`kg.iri.list_key`), so nothing is lost; but a repeated or blank 序号, or two
files with one list title, is usually a mistake of the list's author (two tables
pasted together, a second edition beside the first) that the reviewer should see.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath

from kg.audit.corpus import CitedItem, Corpus
from kg.audit.model import Evidence, Finding, Location

__all__ = ["duplicate_seqs", "same_title_lists"]

SHOWN = 10
"""Line numbers named in a message; the evidence lists them all."""


def _lines(group: list[CitedItem]) -> str:
    lines = [str(cited.item.line) for cited in group[:SHOWN]]
    return "、".join(lines) + ("…" if len(group) > SHOWN else "")


def duplicate_seqs(corpus: Corpus) -> list[Finding]:
    """``duplicate_seq``: one per list and 序号 written on several rows, and one per list for blank 序号."""
    by_list: dict[tuple[str, str], dict[str, list[CitedItem]]] = defaultdict(lambda: defaultdict(list))
    for cited in corpus.items:
        item = cited.item
        by_list[(PurePath(item.file).name, item.list_title)][item.seq.strip()].append(cited)
    findings = []
    for (file, title), seqs in sorted(by_list.items()):
        name = title or file
        for seq, group in sorted(seqs.items()):
            if seq and len(group) < 2:
                continue
            locations = tuple(cited.location() for cited in group)
            keys = "、".join(cited.ref.key or cited.item.seq for cited in group[:SHOWN])
            if seq:
                message = (
                    f"{name} 序号{seq}出现{len(group)}次（第{_lines(group)}行），图谱中分为{len(group)}个事项（{keys}）"
                    f" / 序号 {seq} is written on {len(group)} rows; kept as {len(group)} items"
                )
            else:
                message = (
                    f"{name} 有{len(group)}行没有序号（第{_lines(group)}行），图谱中按行序编为{keys}"
                    f" / {len(group)} rows have no 序号; numbered by row order"
                )
            findings.append(
                Finding(
                    kind="duplicate_seq",
                    severity="warning",
                    message=message,
                    evidence=Evidence(locations=locations, raw=tuple(cited.item.name for cited in group)),
                    suggestion="为每一行编唯一的序号 / give every row its own 序号",
                    items=tuple(cited.ref for cited in group),
                )
            )
    return findings


def same_title_lists(corpus: Corpus) -> list[Finding]:
    """``same_title_list``: one per title that two or more files carry (they stay two lists)."""
    files: dict[str, dict[str, str]] = defaultdict(dict)
    for cited in corpus.items:
        item = cited.item
        if item.list_title.strip():
            files[item.list_title.strip()].setdefault(PurePath(item.file).name, item.file)
    for power_list in corpus.lists:
        if power_list.title.strip():
            files[power_list.title.strip()].setdefault(
                PurePath(power_list.source_file).name, power_list.source_file
            )
    findings = []
    for title, names in sorted(files.items()):
        if len(names) < 2:
            continue
        shown = "、".join(sorted(names))
        findings.append(
            Finding(
                kind="same_title_list",
                severity="warning",
                message=f"{len(names)}个文件的清单标题都是“{title}”：{shown}；图谱中作为{len(names)}个清单分别保存"
                f" / {len(names)} files carry the list title {title}; kept as separate lists",
                evidence=Evidence(locations=tuple(Location(names[n]) for n in sorted(names)), raw=(title,)),
                suggestion="若是同一清单的新旧版本，删除旧文件后以 kg build --prune 重建 / "
                "if one is an older edition, delete it and rebuild with kg build --prune",
            )
        )
    return findings
