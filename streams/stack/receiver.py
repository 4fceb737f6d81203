"""A webhook receiver on 127.0.0.1 that keeps what it is sent: the on-call end of the demo and tests.

Example::

    with PageReceiver() as pages:            # a thread serving http://127.0.0.1:<port>/page
        pages.url
        pages.wait(lambda got: len(got) >= 1, timeout=30)
        pages.received[0]["body"]            # Alertmanager's webhook JSON

It answers 503 while ``down`` is set, to play a target that is unavailable
(``refused`` counts those attempts).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class PageReceiver:
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.down = False
        self.refused = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/page"

    def start(self) -> PageReceiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.thread.is_alive():
            self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> PageReceiver:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def wait(self, done: Callable[[list[dict[str, Any]]], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if done(list(self.received)):
                    return True
            time.sleep(0.1)
        return False

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if receiver.down:
                    receiver.refused += 1
                    self.send_response(503)
                    self.end_headers()
                    return
                with receiver._lock:
                    receiver.received.append({"at": time.time(), "path": self.path, "headers": dict(self.headers),
                                              "body": json.loads(body or b"null")})
                self.send_response(200)
                self.end_headers()

            def log_message(self, *_: Any) -> None:
                pass

        return Handler
