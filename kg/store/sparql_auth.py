"""HTTP authentication for SPARQL write endpoints, sent up front rather than after a 401.

``urllib``'s own handlers send every request once without credentials, wait for
``401``, then send it again. With a batch of N-Triples as the body that fails:
Virtuoso answers ``401`` and closes the connection before a large body is
through, and the client sees a broken pipe. So the challenge is fetched once
with a body-less probe, and each request carries its ``Authorization`` header
from the start (digest with an increasing nonce count, or basic). A stale nonce
gets one fresh challenge and one retry.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.request
from dataclasses import dataclass, field

__all__ = ["Credentials"]

PROBE_TIMEOUT = 10.0
"""Seconds to wait for the challenge; the probe has no body, so it is quick or it fails."""


@dataclass(slots=True)
class Credentials:
    """A user and password for one URL, with the server's last challenge."""

    url: str
    user: str
    password: str
    _scheme: str | None = field(default=None, init=False)
    _challenge: dict[str, str] = field(default_factory=dict, init=False)
    _probed: bool = field(default=False, init=False)
    _digest: urllib.request.HTTPDigestAuthHandler = field(init=False, repr=False)

    def __post_init__(self) -> None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, self.url, self.user, self.password)
        self._digest = urllib.request.HTTPDigestAuthHandler(passwords)

    def header(self, request: urllib.request.Request) -> str | None:
        """The ``Authorization`` value for ``request``; None when the server asks for none."""
        if not self._probed:
            self._probe()
        if self._scheme == "digest":
            value = self._digest.get_authorization(request, self._challenge)
            return f"Digest {value}" if value else None
        if self._scheme == "basic":
            token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
            return f"Basic {token}"
        return None

    def refresh(self, challenges: list[str] | None = None) -> None:
        """Take a new challenge (a 401's ``WWW-Authenticate`` values, or probe again next time)."""
        if challenges:
            self._read(challenges)
        else:
            self._probed = False

    def _probe(self) -> None:
        self._probed = True
        self._scheme = None
        request = urllib.request.Request(self.url, method="GET")
        try:
            with urllib.request.urlopen(request, timeout=PROBE_TIMEOUT):
                return  # open to all: no credentials needed
        except urllib.error.HTTPError as error:
            if error.code == 401:
                self._read(error.headers.get_all("WWW-Authenticate") or [])
        except OSError:
            return  # unreachable: the real request will say so with the URL

    def _read(self, challenges: list[str]) -> None:
        """Keep the strongest offered scheme: digest over basic."""
        ranked = sorted(challenges, key=lambda c: not c.strip().lower().startswith("digest"))
        scheme, _, rest = (ranked[0] if ranked else "").strip().partition(" ")
        self._scheme = scheme.lower() or None
        self._probed = True
        if self._scheme == "digest":
            items = urllib.request.parse_http_list(rest)
            self._challenge = urllib.request.parse_keqv_list([i for i in items if i])
