"""Draw the board with rich."""

from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from streams.board.state import BoardState

LABELS = ("negative", "neutral", "positive")


def render(state: BoardState, title: str, footer: str) -> Panel:
    rates = state.rates()
    volume = Table("channel", "events/s", "total", *LABELS, title="Volume and sentiment mix")
    for kind in sorted(state.totals):
        mix = state.labels.get(kind)
        shares = [f"{100 * mix[lab] / sum(mix.values()):.0f}%" if mix else "-" for lab in LABELS]
        volume.add_row(kind, f"{rates.get(kind, 0):.1f}", str(state.totals[kind]), *shares)
    neg = state.recent_negative_rate()
    summary = Table("measure", "value", title="Customer measures")
    summary.add_row("negative rate (last 400 scored)", "-" if neg is None else f"{neg:.1f}%")
    for name, value in state.survey_measures().items():
        summary.add_row(name, "-" if value is None else f"{value:.1f}")
    examples = escape("\n".join(state.negatives)) or "(none yet)"
    return Panel(Group(volume, summary, _topics(state), _friction(state),
                       Panel(examples, title="Latest negative messages (redacted)")),
                 title=title, subtitle=footer)


def _topics(state: BoardState) -> Table:
    table = Table("topic", "contacts", "negative", title="Topics")
    for topic, n in state.topics.most_common(7):
        table.add_row(topic, str(n), f"{100 * state.negative_topics[topic] / n:.0f}%")
    return table


def _friction(state: BoardState) -> Table:
    table = Table("friction signal", "contacts", title="Why customers struggle")
    for signal, n in state.friction.most_common():
        table.add_row(signal.replace("_", " "), str(n))
    return table
