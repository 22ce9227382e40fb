"""``kg serve`` as a process: Ctrl+C and SIGTERM stop it promptly, a query running or not."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.serve.conftest import sample_db
from tests.serve.test_app import _get, _sparql_url
from tests.serve.test_hostile import HEAVY, MANY_ITEMS, _alive

KG = [sys.executable, "-c", "from kg.cli import main; main()"]


class Running:
    """A ``kg serve`` subprocess and the URL it listens on."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process, self.url = process, url

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    def descendants(self) -> set[int]:
        found: set[int] = set()
        stack = [self.process.pid]
        while stack:
            pid = stack.pop()
            for task in Path(f"/proc/{pid}/task").glob("*"):
                try:
                    children = {int(c) for c in (task / "children").read_text().split()}
                except (FileNotFoundError, ProcessLookupError):
                    continue  # the thread (or process) ended between the listing and the read
                stack += list(children - found)
                found |= children
        return found


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    db = sample_db(tmp_path / "kg-data", MANY_ITEMS)
    args = ["serve", "--db", str(db), "--port", "0", "--site", str(tmp_path / "site"), "--workers", "2"]
    process = subprocess.Popen(  # its own process group, as a terminal gives it
        [*KG, *args], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, start_new_session=True
    )
    assert process.stderr is not None
    url = None
    started = time.monotonic()
    while url is None and time.monotonic() - started < 60:
        line = process.stderr.readline()
        if not line:
            break
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        url = found[0] if found else None
    assert url is not None, "kg serve did not start"
    yield Running(process, url)
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.mark.parametrize(
    ("signum", "group"),
    [(signal.SIGINT, False), (signal.SIGINT, True), (signal.SIGTERM, False)],
    ids=["sigint", "ctrl-c-to-the-process-group", "sigterm"],
)
def test_a_signal_stops_the_server_and_its_workers_during_a_query(
    running: Running, signum: int, group: bool
) -> None:
    assert _get(_sparql_url(running, query="ASK { ?s ?p ?o }"))[0] == 200  # type: ignore[arg-type]
    workers = running.descendants()
    assert workers  # the forkserver and the query workers
    heavy = threading.Thread(
        target=_ask_ignoring_the_end, args=(_sparql_url(running, query=HEAVY),), daemon=True
    )  # type: ignore[arg-type]
    heavy.start()
    time.sleep(0.5)
    started = time.monotonic()
    if group:  # what a terminal's Ctrl+C does: every process of the group gets SIGINT
        os.killpg(running.process.pid, signum)
    else:
        running.process.send_signal(signum)
    running.process.wait(timeout=10)
    assert time.monotonic() - started < 5
    assert "stopped" in (running.process.stderr.read() if running.process.stderr else "")
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]  # no worker outlives the server


def _ask_ignoring_the_end(url: str) -> None:
    """A request the server may drop as it stops (the test is about the server, not this client)."""
    with contextlib.suppress(OSError):
        _get(url)
