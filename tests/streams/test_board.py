from rich.console import Console

from streams.board.render import render
from streams.board.state import BoardState


def message(kind: str, label: str, topics: list[str], friction: list[str], contact: bool = True) -> dict:
    return {"event": {"kind": kind, "text": "late again"}, "contact": contact, "topics": topics,
            "friction": [{"signal": s, "rule": "phrase", "evidence": "x"} for s in friction],
            "sentiment": {"label": label, "score": -0.8, "scored": True}}


def test_board_counts_topics_and_friction_of_contacts_only() -> None:
    state = BoardState()
    state.add(message("social", "negative", ["delivery"], ["long_wait", "broken_promise"]), now=0)
    state.add(message("chat", "positive", ["delivery", "refund"], []), now=1)
    state.add(message("case", "neutral", ["billing"], [], contact=False), now=2)
    assert state.topics == {"delivery": 2, "refund": 1}
    assert state.negative_topics == {"delivery": 1}
    assert state.friction == {"long_wait": 1, "broken_promise": 1}
    console = Console(width=120, record=True)
    console.print(render(state, "t", "f"))
    text = console.export_text()
    assert "Why customers struggle" in text and "long wait" in text and "50%" in text
