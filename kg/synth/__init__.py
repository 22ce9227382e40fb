"""Synthetic 权责清单 for measurement, never for tests of correctness.

``kg synth`` writes lists in the layouts of the sample files (tab-separated text with
repeated headers and joined fields, CSV, XLSX) for agencies across China's provinces,
cities and counties, with 实施依据 cells composed from real instrument titles and the
citation habits of real authors, so reading and extraction work as hard as on real
data. The same seed and arguments give byte-identical files.

Public API:
    synthesize(out_dir, items, lists=..., seed=..., formats=..., jobs=...) -> SynthResult
    plan_lists(items, lists, seed, formats) -> list[ListSpec]
    iter_rows(spec, seed) -> Iterator[Row]

Attributes are imported on first use (:mod:`kg.lazy`): ``kg --help`` shows
:data:`FORMATS` without loading the generator and the readers it shares.
"""

from kg.lazy import lazy_attributes

__all__ = [
    "FORMATS",
    "ITEMS_PER_LIST",
    "MANIFEST",
    "ListSpec",
    "Row",
    "SynthResult",
    "iter_rows",
    "parse_formats",
    "plan_lists",
    "synthesize",
]

__getattr__ = lazy_attributes(
    __name__,
    {
        **dict.fromkeys(("MANIFEST", "SynthResult", "synthesize"), "generate"),
        **dict.fromkeys(("FORMATS", "ITEMS_PER_LIST", "ListSpec", "parse_formats", "plan_lists"), "plan"),
        **dict.fromkeys(("Row", "iter_rows"), "rows"),
    },
)
