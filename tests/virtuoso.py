"""Start a throw-away Virtuoso (Debian's ``virtuoso-opensource``) on loopback for tests.

The server gets its own folder with a copied minimal ``virtuoso.ini``: database
files there, both ports on 127.0.0.1 and free, ``DirsAllowed`` limited to that
folder. Writes go through Virtuoso's authenticated endpoints (``/sparql-auth``,
``/sparql-graph-crud-auth``) as ``dba`` with HTTP digest auth, the way a real
deployment is written to, so no anonymous write permission is ever granted.

When ``virtuoso-t`` is missing or does not come up, :func:`start` raises
:class:`VirtuosoUnavailableError` with the reason; the fixtures turn that into a
printed ``pytest.skip``, never a silent pass.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Virtuoso", "VirtuosoUnavailableError", "running", "start"]

BINARY = "virtuoso-t"
ISQL = "isql-vt"
"""Virtuoso's SQL client (Debian's name), for bulk loads."""
START_TIMEOUT = 40.0
"""Seconds to wait for a fresh database to be created and the HTTP server to answer (~4 s here)."""
STOP_TIMEOUT = 15.0
"""Seconds to wait for a clean shutdown (it checkpoints) before killing the server."""
MAX_ROWS = 10000
"""Virtuoso's own default ``ResultSetMaxRows``, kept so the tests meet the cap users meet."""
MAX_SORTED_TOP_ROWS = 10000
"""Virtuoso's own default ``MaxSortedTopRows``: ``ORDER BY`` with ``OFFSET + LIMIT`` beyond it fails (SR353)."""
BUFFERS = 10000
"""8 KB pages of cache (80 MB): plenty for test data; a benchmark loading millions of quads gives more."""
PR_SET_PDEATHSIG = 1
"""prctl option: the signal a child gets when its parent dies (linux/prctl.h)."""
USER, PASSWORD = "dba", "dba"
"""Credentials of a freshly created Virtuoso database."""

INI_TEMPLATE = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., {dir}
NumberOfBuffers      = {buffers}
MaxDirtyBuffers      = {dirty_buffers}
ThreadsPerQuery      = 2
AsyncQueueMaxThreads = 4
MaxSortedTopRows     = {max_sorted_top_rows}

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {dir}/vsp
MaxClientConnections = 10
ServerThreads        = 10
Charset              = UTF-8
EnabledDavVSP        = 0

[SPARQL]
ResultSetMaxRows      = {max_rows}
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
"""


class VirtuosoUnavailableError(RuntimeError):
    """Virtuoso cannot run here; the message says why (shown as the skip reason)."""


@dataclass(frozen=True, slots=True)
class Virtuoso:
    """A running server and the URLs a :class:`~kg.store.sparql.SparqlStore` needs."""

    process: subprocess.Popen[bytes]
    folder: Path
    http_port: int
    sql_port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def endpoint(self) -> str:
        return f"{self.base}/sparql"

    @property
    def update_endpoint(self) -> str:
        return f"{self.base}/sparql-auth"

    @property
    def graph_store(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    def store_options(self) -> dict[str, str]:
        """Keyword arguments for ``SparqlStore`` (and ``open_store``) to write here."""
        return {
            "update_endpoint": self.update_endpoint,
            "graph_store": self.graph_store,
            "user": USER,
            "password": PASSWORD,
        }

    def isql(self, sql: str, timeout: float = 300.0) -> str:
        """Run SQL (``ld_dir``, ``rdf_loader_run`` …) through ``isql-vt``; return its output.

        Files a bulk load reads must lie under :attr:`folder` (the only ``DirsAllowed``).

        Raises:
            VirtuosoUnavailableError: ``isql-vt`` is missing.
            subprocess.CalledProcessError: the SQL failed (its output is on the error).
        """
        binary = shutil.which(ISQL)
        if binary is None:
            raise VirtuosoUnavailableError(f"{ISQL} not found on PATH (apt-get install virtuoso-opensource)")
        done = subprocess.run(
            [
                binary,
                f"127.0.0.1:{self.sql_port}",
                USER,
                PASSWORD,
                "VERBOSE=OFF",
                "BANNER=OFF",
                f"exec={sql}",
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
        if "*** Error" in done.stdout or "*** Error" in done.stderr:
            raise subprocess.CalledProcessError(1, binary, done.stdout, done.stderr)
        return done.stdout

    def log_tail(self, lines: int = 20) -> str:
        log = self.folder / "virtuoso.log"
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def _death_signal() -> Callable[[], None] | None:
    """On Linux, a pre-exec hook that has the kernel stop the server if the tests die.

    libc is looked up here, in the parent; the hook itself only makes one system
    call, as code between fork and exec must.
    """
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None  # not Linux: stop() in the fixture's finally still runs on normal exits
    return lambda: prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    query = urllib.parse.urlencode({"query": "ASK {}"})
    try:
        with urllib.request.urlopen(f"{url}?{query}", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start(
    folder: Path,
    max_rows: int = MAX_ROWS,
    max_sorted_top_rows: int = MAX_SORTED_TOP_ROWS,
    buffers: int = BUFFERS,
) -> Virtuoso:
    """Create a database in ``folder`` and start Virtuoso on it; wait until it answers.

    ``max_rows`` and ``max_sorted_top_rows`` set the server's result caps (small ones let
    a test meet them with little data); ``buffers`` its cache.

    Raises:
        VirtuosoUnavailableError: when the binary is missing, exits, or stays silent.
    """
    binary = shutil.which(BINARY)
    if binary is None:
        raise VirtuosoUnavailableError(f"{BINARY} not found on PATH (apt-get install virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vsp").mkdir(exist_ok=True)
    http_port, sql_port = _free_port(), _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        INI_TEMPLATE.format(
            dir=folder,
            http_port=http_port,
            sql_port=sql_port,
            max_rows=max_rows,
            max_sorted_top_rows=max_sorted_top_rows,
            buffers=buffers,
            dirty_buffers=buffers * 3 // 5,  # 6,000 for the default, as before
        ),
        encoding="utf-8",
    )
    output = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        [binary, "-c", str(ini), "+foreground"],
        cwd=folder,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so stop() reaches every child
        preexec_fn=_death_signal(),
    )
    server = Virtuoso(process, folder, http_port, sql_port)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise VirtuosoUnavailableError(
                f"{BINARY} exited with code {process.returncode}:\n{server.log_tail()}"
            )
        if _answers(server.endpoint):
            return server
        time.sleep(0.25)
    stop(server)
    raise VirtuosoUnavailableError(
        f"{BINARY} did not answer within {START_TIMEOUT:g} s:\n{server.log_tail()}"
    )


def stop(server: Virtuoso) -> None:
    """Stop the server (TERM, then KILL after :data:`STOP_TIMEOUT`) and wait for it."""
    if server.process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=STOP_TIMEOUT)


@contextlib.contextmanager
def running(folder: Path, **caps: int) -> Iterator[Virtuoso]:
    """``with running(tmp) as server:`` — a Virtuoso that is stopped however the block ends.

    ``caps`` go to :func:`start` (``max_rows=100``, ``buffers=340000`` …).

    A second attempt (new folder, new ports) covers the rare race where another
    process takes a free port between choosing it and Virtuoso binding it.
    """
    try:
        server = start(folder / "db", **caps)
    except VirtuosoUnavailableError:
        if shutil.which(BINARY) is None:
            raise
        server = start(folder / "db-retry", **caps)
    try:
        yield server
    finally:
        stop(server)
