"""The network drawn on each kind of page, built from :class:`SiteData`.

Every node carries its page (``url``, relative to the site root) and a plain-text
tooltip; item nodes also carry ``seq`` and ``list`` so tests and users can find
them in the drawn data set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kg.site.data import SiteData
from kg.site.graphs import MAX_NODES, PART_OF, GraphSpec, aggregate
from kg.site.links import Linker

__all__ = [
    "QUOTE_CHARS",
    "agency_network",
    "instrument_network",
    "item_network",
    "overview_network",
    "provision_network",
]

QUOTE_CHARS = 240
"""Quoted provision text shown in a tooltip; the provision page has all of it."""

RESTS_ON = "依据 rests on"
EXERCISED_BY = "实施主体 exercised by"


class _Builder:
    """Adds typed nodes with their tooltips and pages to one :class:`GraphSpec`."""

    def __init__(self, data: SiteData, links: Linker, focus: str | None) -> None:
        self.data, self.links = data, links
        self.spec = GraphSpec(focus=focus)

    def instrument(self, iri: str) -> None:
        inst = self.data.instruments[iri]
        n_items = len(self.data.items_on(iri))
        tip = [inst.title, _field("文号", inst.doc_number), _field("简称", inst.short_title)]
        tip += [_field("类别", inst.kind), f"{n_items} 项事项依据本文件"]
        self.spec.add_node(
            iri, "instrument", inst.short_title or inst.title, url=self.links.url(iri), tip=tip
        )

    def provision(self, iri: str, *, with_parents: bool = True) -> None:
        """Add a provision, and (by default) the chain of parents up to its instrument."""
        prov = self.data.provisions[iri]
        tip = [self.data.provision_title(iri), _clip(self.data.quote_of(iri))]
        tip.append(f"{len(self.data.items_on(iri))} 项事项依据本条及其下各项")
        self.spec.add_node(iri, "provision", prov.label, url=self.links.url(iri), tip=tip)
        if not with_parents:
            return
        parent = prov.parent or prov.instrument
        if parent in self.data.provisions:
            self.provision(parent)
        elif parent in self.data.instruments:
            self.instrument(parent)
        self.spec.add_edge(iri, parent, PART_OF)

    def target(self, iri: str) -> None:
        """A provision or an instrument, whichever ``iri`` is."""
        if iri in self.data.provisions:
            self.provision(iri)
        elif iri in self.data.instruments:
            self.instrument(iri)

    def item(self, iri: str, *, with_agency: bool = True) -> None:
        item = self.data.items[iri]
        agency = self.data.agencies.get(item.agency or "")
        tip = [f"{item.seq} {item.name}", f"{item.list_title} 序号{item.seq}", _field("权力类型", item.type)]
        tip.append(_field("实施主体", agency.name if agency else ""))
        tip += self._quotes_on_focus(iri)
        self.spec.add_node(
            iri,
            "item",
            f"{item.seq} {item.name}",
            url=self.links.url(iri),
            tip=tip,
            seq=item.seq,
            list=item.list_title,
        )
        if with_agency and agency is not None:
            self.agency(agency.iri)
            self.spec.add_edge(iri, agency.iri, EXERCISED_BY)

    def _quotes_on_focus(self, item: str) -> list[str]:
        """What the power quotes from the page's provision or its parts (hover shows it)."""
        focus = self.spec.focus
        if focus not in self.data.provisions:
            return []
        under = set(self.data.descendants(focus))
        lines = []
        for cit in self.data.citations_of(item):
            if cit.role == "cites" and cit.quote and under & set(cit.targets):
                lines.append(f"引文 quoted：“{_clip(cit.quote)}”")
        return list(dict.fromkeys(lines))

    def agency(self, iri: str) -> None:
        agency = self.data.agencies[iri]
        count = len(self.data.items_of_agency(iri))
        self.spec.add_node(
            iri, "agency", agency.name, url=self.links.url(iri), tip=[agency.name, f"{count} 项事项"]
        )

    def rests_on(self, item: str, targets: Iterable[str]) -> None:
        for target in targets:
            self.target(target)
            self.spec.add_edge(item, target, RESTS_ON)

    def done(self) -> GraphSpec:
        data, focus = self.data, self.spec.focus
        agency_of = {i: data.items[i].agency for i in self.spec.nodes if i in data.items}
        instrument_of = {n: data.instrument_of(n) for n in self.spec.nodes if n in data.provisions}
        # A provision's or an instrument's own parts stay: they are what its page is about.
        protected = (
            set(data.descendants(focus)) if focus in data.provisions or focus in data.instruments else set()
        )
        return aggregate(
            self.spec,
            agency_of=agency_of,
            instrument_of=instrument_of,
            more_url=self.links.url,
            protected=protected,
        )


def _field(name: str, value: str) -> str:
    return f"{name}：{value}" if value else ""


def _clip(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def provision_network(data: SiteData, links: Linker, iri: str) -> GraphSpec:
    """The ego network of a provision.

    The provision and its parts, the powers resting on them, those powers'
    agencies, and the other provisions the same powers cite.
    """
    build = _Builder(data, links, iri)
    build.provision(iri)
    for part in data.descendants(iri)[1:]:
        if data.items_on(part):
            build.provision(part)
    for item in sorted(data.items_on(iri), key=data.item_order):
        build.item(item)
        build.rests_on(item, sorted(data.rests_on.get(item, ())))
    return build.done()


def instrument_network(data: SiteData, links: Linker, iri: str) -> GraphSpec:
    """An instrument, its cited provisions, the powers resting on them and their agencies."""
    build = _Builder(data, links, iri)
    build.instrument(iri)
    for prov in data.cited_provisions(iri):
        build.provision(prov)
    for item in sorted(data.items_on(iri), key=data.item_order):
        build.item(item)
        own = [t for t in data.rests_on.get(item, ()) if data.instrument_of(t) == iri]
        build.rests_on(item, sorted(own))
    return build.done()


def agency_network(data: SiteData, links: Linker, iri: str) -> GraphSpec:
    """An agency, its powers and every provision and instrument they rest on."""
    build = _Builder(data, links, iri)
    build.agency(iri)
    for item in data.items_of_agency(iri):
        build.item(item)
        build.rests_on(item, sorted(data.rests_on.get(item, ())))
    return build.done()


def item_network(data: SiteData, links: Linker, iri: str) -> GraphSpec:
    """One power, its agency, and what it rests on up to the instruments."""
    build = _Builder(data, links, iri)
    build.item(iri)
    build.rests_on(iri, sorted(data.rests_on.get(iri, ())))
    return build.done()


def overview_network(data: SiteData, links: Linker, *, max_nodes: int = MAX_NODES) -> GraphSpec:
    """Instruments × agencies: one edge per pair, weighted by the powers linking them.

    When there are more than ``max_nodes`` nodes, only the most-cited
    instruments are drawn; the tables on the page list all of them.
    """
    pairs: Counter[tuple[str, str]] = Counter()
    for item, targets in data.rests_on.items():
        agency = data.items[item].agency if item in data.items else None
        if agency is None or agency not in data.agencies:
            continue
        for inst in {data.instrument_of(t) for t in targets} - {None}:
            pairs[(agency, inst)] += 1
    weight: Counter[str] = Counter()
    for (_, inst), count in pairs.items():
        weight[inst] += count
    room = max(max_nodes - len(data.agencies), 1)
    keep = {inst for inst, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:room]}
    build = _Builder(data, links, None)
    for (agency, inst), count in sorted(pairs.items()):
        if inst not in keep or inst not in data.instruments:
            continue
        build.agency(agency)
        build.instrument(inst)
        build.spec.add_edge(agency, inst, f"{count} 项事项 powers", value=count)
    return build.spec
