"""kg/namespace.py is generated from ontology/kg.ttl, closed, and in step with it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph

from kg.namespace import ELI, KG
from kg.validate import ontology_path

ROOT = Path(__file__).resolve().parents[2]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_namespace", ROOT / "tools" / "gen_namespace.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_module_is_current() -> None:
    generator = _generator()
    assert generator.render() == (ROOT / "kg" / "namespace.py").read_text(encoding="utf-8")


def test_every_ontology_term_is_in_the_namespace() -> None:
    graph = Graph().parse(ontology_path("kg.ttl"), format="turtle")
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in graph.subjects(RDF.type, kind):
            name = str(term).split("#", 1)[1]
            assert KG[name] == term


@pytest.mark.parametrize(("namespace", "name"), [(KG, "restOn"), (ELI, "is_part")], ids=["kg", "eli"])
def test_namespaces_are_closed(namespace, name: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AttributeError):
        getattr(namespace, name)


def test_check_mode_reports_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generator = _generator()
    stale = tmp_path / "namespace.py"
    stale.write_text("# stale\n", encoding="utf-8")
    monkeypatch.setattr(generator, "TARGET", stale)
    assert generator.main(["--check"]) == 1
    assert generator.main([]) == 0
    assert generator.main(["--check"]) == 0
