from processors.text import clean, latest_reply


def test_latest_reply_drops_quoted_history_and_signature() -> None:
    body = ("My order still hasn't arrived.\n\nThanks,\nJohn\nSent from my iPhone\n\n"
            "On Mon, Nov 2, 2026 at 10:00 AM Acme <support@acme.example> wrote:\n> It is on its way.\n")
    assert latest_reply(body) == "My order still hasn't arrived."


def test_latest_reply_keeps_plain_body() -> None:
    assert latest_reply("Where is my refund?") == "Where is my refund?"


def test_latest_reply_never_returns_empty_for_quote_only_mail() -> None:
    assert latest_reply("> only a quote") != ""


def test_clean_removes_bidi_zero_width_and_control_characters() -> None:
    assert clean("a\u202eb\u200bc\x00d\x07e") == "abcde"


def test_clean_caps_length_and_collapses_spaces() -> None:
    assert clean("x   y") == "x y"
    assert len(clean("z" * 5000, max_chars=1000)) == 1000


def test_ascii_fast_path_matches_unicode_rules() -> None:
    assert clean("a\x00b\x07c\r\nd  e\x7f") == "abc\nd e"
    assert clean("line one\rline two") == "line one\nline two"
    assert clean("caf\u00e9 \u200bok") == "caf\u00e9 ok"
