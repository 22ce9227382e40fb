"""Read 权责清单 files (text, CSV, XLSX, HTML) into records, repairing what can be repaired."""

from kg.ingest.errors import NotAPowerList
from kg.ingest.reader import LIST_SUFFIXES, bundled_samples, iter_input_files, read_list, sample_file_name
from kg.ingest.rows import RawRow, ReadResult

__all__ = [
    "LIST_SUFFIXES",
    "NotAPowerList",
    "RawRow",
    "ReadResult",
    "bundled_samples",
    "iter_input_files",
    "read_list",
    "sample_file_name",
]
