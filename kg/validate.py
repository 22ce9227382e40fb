"""``kg validate``: check the store's content against ``ontology/shapes.ttl`` with pyshacl.

Also where the ontology files are found, in a source checkout (``ontology/``) or
an installed wheel (``kg/_ontology/``).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from kg.store.base import Store

__all__ = ["ONTOLOGY_FILES", "ValidationReport", "ontology_path", "validate_graph", "validate_store"]

ONTOLOGY_FILES: tuple[str, ...] = ("kg.ttl", "schemes.ttl", "shapes.ttl")
"""The files of the ontology folder."""


def ontology_path(name: str) -> Path:
    """The path of ontology file ``name`` (``kg.ttl``, ``schemes.ttl``, ``shapes.ttl``).

    Raises:
        FileNotFoundError: when neither the wheel nor the checkout has it.
    """
    here = Path(__file__).resolve().parent
    for folder in (here / "_ontology", here.parent / "ontology"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"ontology file {name} is neither in kg/_ontology nor in ontology/")


@dataclass
class ValidationReport:
    """pyshacl's verdict: ``conforms``, and each violation as (focus node, path, message)."""

    conforms: bool
    triples: int
    violations: list[tuple[str, str, str]] = field(default_factory=list)
    text: str = ""


def validate_graph(data: Graph) -> ValidationReport:
    """Validate an rdflib graph against the shapes (no inference: every type is asserted)."""
    from pyshacl import validate

    shapes = Graph().parse(ontology_path("shapes.ttl"), format="turtle")
    ontology = Graph().parse(ontology_path("kg.ttl"), format="turtle")
    ontology.parse(ontology_path("schemes.ttl"), format="turtle")
    conforms, results, text = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True
    )
    violations = sorted(
        (
            str(results.value(result, SH.focusNode)),
            str(results.value(result, SH.resultPath)),
            str(results.value(result, SH.resultMessage)),
        )
        for result in results.subjects(SH.resultSeverity, SH.Violation)
    )
    return ValidationReport(bool(conforms), len(data), violations, str(text))


def validate_store(store: Store) -> ValidationReport:
    """Validate everything in ``store`` (all lists' graphs together)."""
    with tempfile.TemporaryDirectory(prefix="kg-validate-") as folder:
        dump = Path(folder) / "graph.nt"
        store.export("nt", dump)
        data = Graph().parse(dump, format="nt")
    return validate_graph(data)
