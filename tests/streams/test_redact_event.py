"""The worker's first step on an event: texts redacted, personal-looking ids pseudonymised."""

from pathlib import Path
from typing import Any

import orjson
from pydantic import SecretStr

from processors.redaction import Redactor, default_recognisers
from processors.redaction.identifiers import Pseudonymiser
from streams.contract import CaseEvent, ChatEvent, Event, SocialEvent, parse_event
from streams.pseudonym_key import pseudonym_key
from streams.redact_event import EventRedactor
from streams.settings import Settings
from tests import factories as f


def parsed(raw: dict[str, Any]) -> Event:
    return parse_event(orjson.dumps(raw))


REDACT = EventRedactor(Redactor(recognisers=default_recognisers(names_model=None)), 10_000,
                       Pseudonymiser(b"k" * 32))


def test_ids_that_are_emails_or_phones_and_handles_are_replaced_others_kept() -> None:
    event = parsed(f.social("mail me at jo@example.com", customer_id="jo@example.com",
                                 account_id="acct-9", author_handle="@jo_smith",
                                 url="https://x.com/jo_smith/status/42?ref=jo@example.com"))
    [(out, removed)] = REDACT.many([event])
    assert isinstance(out, SocialEvent)
    assert out.customer_id is not None and out.customer_id.startswith("p-") and out.account_id == "acct-9"
    assert out.author_handle.startswith("p-") and "jo_smith" not in (out.url or "")
    assert out.url is not None and "/status/42" in out.url and "jo@example.com" not in out.url
    assert out.text == "mail me at [EMAIL]" and removed == 1


def test_a_batch_keeps_each_event_with_its_own_texts() -> None:
    events = [parsed(f.chat("call 020 7946 0958")), parsed(f.email("fine, thanks")),
              parsed(f.case(subject="card 4111 1111 1111 1111"))]
    out = REDACT.many(events)
    assert [n for _, n in out] == [1, 0, 1]
    chat, case = out[0][0], out[2][0]
    assert isinstance(chat, ChatEvent) and isinstance(case, CaseEvent)
    assert chat.turns[0].text == "call [PHONE]" and case.subject == "card [CARD]"


def test_without_a_key_setting_a_local_key_is_made_once_and_kept(tmp_path: Path) -> None:
    s = Settings(data_dir=tmp_path / "data")
    first = pseudonym_key(s)
    assert len(first) == 64 and pseudonym_key(s) == first
    assert (tmp_path / "data" / "pseudonym.key").stat().st_mode & 0o777 == 0o600
    assert pseudonym_key(Settings(data_dir=tmp_path, pseudonym_key=SecretStr("x" * 20))) == b"x" * 20
