"""Run a snippet in a fresh interpreter at the repository root: what start-up tests need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def last_stderr_line(code: str) -> str:
    """The last line ``code`` wrote to stderr, run by ``python -c`` so no import is shared with pytest."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    return done.stderr.strip().splitlines()[-1]
