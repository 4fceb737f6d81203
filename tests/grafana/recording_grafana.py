"""A recording HTTP server that answers the few Grafana API calls ``grafana sync`` makes.

For contract tests only (no Grafana server runs on these machines): it keeps
what was written in memory, answers reads from it like Grafana (404 when
absent, dashboards wrapped with ``meta.folderUid``), and records every
request: method, path, Authorization header and JSON body.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Recorded:
    method: str
    path: str
    authorization: str
    body: Any


@dataclass
class GrafanaState:
    folders: dict[str, dict] = field(default_factory=dict)
    dashboards: dict[str, dict] = field(default_factory=dict)
    rules: dict[str, dict] = field(default_factory=dict)
    groups: dict[str, dict] = field(default_factory=dict)
    contact_points: dict[str, dict] = field(default_factory=dict)
    policy: dict = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)

    def writes(self) -> list[Recorded]:
        return [r for r in self.requests if r.method != "GET"]


class _Handler(BaseHTTPRequestHandler):
    state: GrafanaState

    def log_message(self, *args: object) -> None:
        pass

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length)) if length else None

    def _reply(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self) -> None:
        body = self._body()
        self.state.requests.append(Recorded(self.command, self.path, self.headers.get("Authorization", ""), body))
        status, payload = route(self.state, self.command, self.path.split("?")[0], body)
        self._reply(status, payload)

    do_GET = do_POST = do_PUT = do_DELETE = _handle


def route(s: GrafanaState, method: str, path: str, body: Any) -> tuple[int, Any]:
    parts = path.strip("/").split("/")
    missing = (404, {"message": "not found"})
    if parts[:2] == ["api", "folders"]:
        if method == "POST":
            s.folders[body["uid"]] = body
            return 200, body
        return (200, s.folders[parts[2]]) if parts[2] in s.folders else missing
    if parts[:3] == ["api", "dashboards", "uid"]:
        found = s.dashboards.get(parts[3])
        return (200, found) if found else missing
    if parts[:3] == ["api", "dashboards", "db"]:
        board = {**body["dashboard"], "id": 7, "version": len(s.requests)}
        s.dashboards[board["uid"]] = {"dashboard": board, "meta": {"folderUid": body["folderUid"]}}
        return 200, {"status": "success", "uid": board["uid"]}
    if parts[:4] == ["api", "v1", "provisioning", "alert-rules"]:
        if method == "GET":
            return (200, s.rules[parts[4]]) if parts[4] in s.rules else missing
        s.rules[body["uid"]] = {**body, "id": 3, "updated": "2026-11-22T00:00:00Z", "provenance": "api"}
        return 201 if method == "POST" else 200, body
    if parts[:4] == ["api", "v1", "provisioning", "folder"] and parts[5:6] == ["rule-groups"]:
        if method == "PUT":
            s.groups[parts[6]] = body
        return (200, s.groups[parts[6]]) if parts[6] in s.groups else missing
    if parts[:4] == ["api", "v1", "provisioning", "contact-points"]:
        if method == "GET":
            return 200, [{**c, "settings": {k: "[REDACTED]" for k in c["settings"]}} for c in s.contact_points.values()]
        if method == "DELETE":
            return (202, {}) if s.contact_points.pop(parts[4], None) else missing
        s.contact_points[body["uid"]] = body
        return 202, body
    if parts[:4] == ["api", "v1", "provisioning", "policies"]:
        if method == "PUT":
            s.policy = body
        return 200, s.policy
    return missing


class RecordingGrafana:
    """``with RecordingGrafana() as g: sync(GrafanaApi.from_url(g.url, credential="t"))``"""

    def __init__(self) -> None:
        self.state = GrafanaState()
        handler = type("Handler", (_Handler,), {"state": self.state})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> RecordingGrafana:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
