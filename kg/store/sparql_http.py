"""The HTTP side of the ``sparql`` store: requests, authentication, errors, result parsing.

Kept apart from :mod:`kg.store.sparql` so the store reads as graph operations
and this module as wire details. Only the standard library is used (``urllib``),
with HTTP digest or basic authentication because that is what Virtuoso
(``/sparql-auth``), Fuseki and GraphDB ask for on their write endpoints.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib.term import BNode, Identifier, Literal, URIRef

from kg.store.base import Row, StoreError
from kg.store.sparql_auth import Credentials

__all__ = ["Endpoint", "HttpAnswer", "parse_results"]

# How much of an error page goes into the message: enough to show the server's
# own words (a Virtuoso "SP030: syntax error" line), not a whole HTML page.
ERROR_BODY_CHARS = 400
RESULTS_JSON = "application/sparql-results+json"


@dataclass(frozen=True, slots=True)
class HttpAnswer:
    """A successful HTTP exchange: status, headers (lower-case names) and body."""

    status: int
    headers: Mapping[str, str]
    body: bytes


@dataclass(slots=True)
class Endpoint:
    """One HTTP service (a query, update or graph-store URL) with its credentials."""

    url: str
    timeout: float
    user: str | None = None
    password: str | None = None
    _credentials: Credentials | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreError(f"SPARQL endpoint {self.url!r} is not an http(s) URL")
        if self.user is not None:
            self._credentials = Credentials(self.url, self.user, self.password or "")

    def request(
        self,
        method: str,
        *,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        accept_status: frozenset[int] = frozenset(),
    ) -> HttpAnswer:
        """Send one request; return the answer or raise :class:`StoreError` naming the URL.

        Statuses in ``accept_status`` (say 404 for "no such graph") are returned
        rather than raised, so callers can treat them as answers. With
        credentials, a rejected or cut-off request is retried once with a fresh
        challenge (digest nonces go stale).
        """
        url = self.url
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        for attempt in (1, 2):
            request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
            retry = attempt == 1 and self._credentials is not None
            if self._credentials is not None:
                authorization = self._credentials.header(request)
                if authorization:
                    request.add_unredirected_header("Authorization", authorization)
            try:
                return self._send(request, method, accept_status)
            except urllib.error.HTTPError as error:
                if error.code == 401 and retry:
                    self._credentials.refresh(error.headers.get_all("WWW-Authenticate"))  # type: ignore[union-attr]
                    continue
                raise self._http_error(error, method) from error
            except (ConnectionResetError, BrokenPipeError) as error:
                if retry:  # the server hung up mid-body: its 401 did not reach us
                    self._credentials.refresh()  # type: ignore[union-attr]
                    continue
                raise StoreError(f"SPARQL endpoint {self.url} closed the connection: {error}") from error
        raise StoreError(f"SPARQL endpoint {self.url} refused the credentials of {self.user!r}")

    def _send(
        self, request: urllib.request.Request, method: str, accept_status: frozenset[int]
    ) -> HttpAnswer:
        """One exchange; HTTP errors in ``accept_status`` become answers, others propagate."""
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return HttpAnswer(response.status, _lower(response.headers), response.read())
        except urllib.error.HTTPError as error:
            if error.code in accept_status:
                return HttpAnswer(error.code, _lower(error.headers), error.read())
            raise
        except TimeoutError as error:
            raise StoreError(self._timeout_message(method)) from error
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                raise StoreError(self._timeout_message(method)) from error
            if isinstance(reason, ConnectionResetError | BrokenPipeError):
                raise reason from error
            raise StoreError(f"cannot reach SPARQL endpoint {self.url}: {reason}") from error
        except (ConnectionResetError, BrokenPipeError):
            raise
        except OSError as error:
            raise StoreError(f"cannot reach SPARQL endpoint {self.url}: {error}") from error

    def _http_error(self, error: urllib.error.HTTPError, method: str) -> StoreError:
        return StoreError(_http_message(self.url, method, error.code, error.read()))

    def _timeout_message(self, method: str) -> str:
        return f"SPARQL endpoint {self.url} did not answer within {self.timeout:g} s ({method})"


def _lower(headers: Any) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in (headers.items() if headers else [])}


def _http_message(url: str, method: str, status: int, body: bytes) -> str:
    text = " ".join(body.decode("utf-8", "replace").split())[:ERROR_BODY_CHARS]
    hint = ""
    if status in (401, 403):
        hint = (
            " — the endpoint refused the credentials or the operation; for writes give a user "
            "(KG_SPARQL_USER / KG_SPARQL_PASSWORD) allowed to update"
        )
    return f"SPARQL endpoint {url} answered {method} with HTTP {status}{hint}: {text}"


def parse_results(body: bytes, url: str) -> list[Row]:
    """Turn a SPARQL 1.1 JSON results document into rows of rdflib terms.

    ASK gives one row ``{"ask": Literal(bool)}``, as the :class:`Store` contract says.
    """
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StoreError(f"SPARQL endpoint {url} did not send JSON results: {error}") from error
    if "boolean" in document:
        return [{"ask": Literal(bool(document["boolean"]))}]
    names = document.get("head", {}).get("vars", [])
    rows: list[Row] = []
    for binding in document.get("results", {}).get("bindings", []):
        rows.append({name: _term(binding.get(name), url) for name in names})
    return rows


def _term(value: Mapping[str, str] | None, url: str) -> Identifier | None:
    """One JSON-encoded RDF term (including Virtuoso's older ``typed-literal``)."""
    if value is None:
        return None
    kind, text = value.get("type"), value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        datatype = value.get("datatype")
        lang = value.get("xml:lang")
        return Literal(text, lang=lang, datatype=None if lang else datatype)
    raise StoreError(f"SPARQL endpoint {url} sent an unknown term type {kind!r}")
