"""Page file names: ASCII, deterministic, distinct."""

from __future__ import annotations

import pytest

from kg.site.slugs import page_name

BASE = "https://w3id.org/qzqd-kg/id/"
IRIS = [
    BASE + "instrument/中华人民共和国社会保险法/art_58",
    BASE + "instrument/中华人民共和国社会保险法/art_58__para_1",
    BASE + "instrument/人社部〔2016〕120号/art_58",
    BASE + "agency/乙县医保局%3Cscript%3E",
    BASE + "list/天水市医保局权责清单/item/4165",
    BASE + "instrument/中华人民共和国社会保险法",
    BASE + "instrument/中华人民共和国社会保险法/",
]


@pytest.mark.parametrize("iri", IRIS, ids=range(len(IRIS)))
def test_names_are_ascii_and_stable(iri: str) -> None:
    name = page_name(iri)
    assert name.isascii() and name.endswith(".html")
    assert "/" not in name and "%" not in name and "<" not in name
    assert page_name(iri) == name


def test_names_are_distinct() -> None:
    names = [page_name(iri) for iri in IRIS]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize(
    ("iri", "prefix"),
    [(IRIS[0], "art_58-"), (IRIS[1], "art_58__para_1-"), (IRIS[4], "4165-")],
    ids=["article", "paragraph", "item"],
)
def test_readable_hint_kept(iri: str, prefix: str) -> None:
    assert page_name(iri).startswith(prefix)
