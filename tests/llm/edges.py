"""Fakes at the edge of the language-model path: HTTP servers on loopback ports.

- ``failing_server``: answers every request with HTTP 500 (a broken endpoint).
- ``sleeping_server``: accepts the request and answers nothing for ``sleep_s``
  (a hung endpoint; the client's timeout must fire first).
- ``bracket_stripping_proxy``: forwards every request to the real server and passes
  its streamed answer back with the square brackets removed, so no ``[n]`` citation
  marker survives (a real answer, altered only on the wire).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Quiet(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))


@contextmanager
def _serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run ``handler`` on a free loopback port; yields the OpenAI-style base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True  # a sleeping handler must not hold the test run
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def failing_server() -> Iterator[str]:
    class Handler(_Quiet):
        calls = 0

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            self._body()
            Handler.calls += 1
            body = json.dumps({"error": {"message": "internal error", "type": "server"}})
            self.send_response(500)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body.encode())

    with _serve(Handler) as url:
        yield url


@contextmanager
def sleeping_server(sleep_s: float) -> Iterator[str]:
    class Handler(_Quiet):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            self._body()
            time.sleep(sleep_s)
            self.send_response(500)
            self.end_headers()

    with _serve(Handler) as url:
        yield url


@contextmanager
def bracket_stripping_proxy(upstream: str) -> Iterator[tuple[str, list[str]]]:
    """Yields the proxy's base URL and the list of answer texts it passed on (stripped)."""
    upstream = upstream.rstrip("/")
    passed: list[str] = []

    class Handler(_Quiet):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self._body()
            path = self.path.removeprefix("/v1")
            request = urllib.request.Request(
                upstream + path,
                data=body,
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            text: list[str] = []
            with urllib.request.urlopen(request, timeout=1800) as response:
                self.send_response(response.status)
                self.send_header("Content-Type", response.headers.get("Content-Type", ""))
                self.send_header("Connection", "close")
                self.end_headers()
                for line in response:
                    self.wfile.write(_strip_line(line, text))
                    self.wfile.flush()
            passed.append("".join(text))
            self.close_connection = True

    with _serve(Handler) as url:
        yield url, passed


def _strip_line(line: bytes, text: list[str]) -> bytes:
    """One line of a server-sent event stream, or a whole JSON body, without '[' or ']'
    inside the answer's content."""
    raw = line.decode("utf-8")
    prefix = "data: " if raw.startswith("data: ") else ""
    payload = raw[len(prefix) :].strip()
    if not payload or payload == "[DONE]":
        return line
    try:
        data = json.loads(payload)
    except json.JSONDecodeError:
        return line
    for choice in data.get("choices") or []:
        for key in ("delta", "message"):
            part = choice.get(key) or {}
            if isinstance(part.get("content"), str):
                part["content"] = part["content"].replace("[", "").replace("]", "")
                text.append(part["content"])
    return (prefix + json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")
