"""Contract test against a recording HTTP server (no Slack here): path, body, headers, retries."""

import asyncio
import logging

import pytest

from sinks.alerts import Rejected, WebhookTarget
from sinks.alerts.webhook import slack_message
from streams.detect.delivery import _send
from streams.stack.receiver import PageReceiver


def test_only_changes_people_act_on_are_sent(notes) -> None:
    target = WebhookTarget("http://127.0.0.1:1/unused")
    sent = [n["change"] for n in notes if target.wants(n)]
    assert sent[0] == "opened" and sent[-1] == "resolved" and "refresh" not in sent and "updated" not in sent


def test_slack_message_has_text_a_coloured_attachment_and_the_full_note(notes) -> None:
    message = slack_message(notes[0])
    attachment = message["attachments"][0]
    assert message["text"] == notes[0]["title"] and attachment["text"] == notes[0]["summary"]
    assert attachment["title_link"].startswith("https://grafana.example/") and attachment["color"]
    assert message["cxpulse"]["id"] == notes[0]["id"]


def test_contract_webhook_posts_json_with_an_idempotency_key(notes) -> None:
    with PageReceiver() as server:
        asyncio.run(WebhookTarget(server.url).send(notes[0]))
        (page,) = server.received
    assert page["path"] == "/page" and page["headers"]["Idempotency-Key"] == notes[0]["id"]
    assert page["headers"]["Content-Type"] == "application/json" and page["body"] == slack_message(notes[0])


def test_contract_a_target_that_is_down_is_retried_until_it_answers(notes, caplog) -> None:
    with PageReceiver() as server:
        server.down = True

        async def recover() -> None:
            await asyncio.sleep(1.5)
            server.down = False

        async def go() -> None:
            await asyncio.gather(_send(WebhookTarget(server.url), notes[0]), recover())

        with caplog.at_level(logging.WARNING):
            asyncio.run(go())
        assert len(server.received) == 1 and "Retrying" in caplog.text


def test_a_4xx_is_rejected_for_good_not_retried() -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class NotFound(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(404)
            self.end_headers()

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), NotFound)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(Rejected):
            asyncio.run(WebhookTarget(f"http://127.0.0.1:{server.server_address[1]}/x").send(
                {"id": "i#1", "change": "opened", "status": "firing", "severity": "info", "title": "t",
                 "summary": "s", "incident": "i", "board_url": ""}))
    finally:
        server.shutdown()
