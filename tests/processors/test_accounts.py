from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from processors.accounts import WEIGHTS, AccountSignals, at_risk, turnover_rate

signals = st.builds(AccountSignals, contacts=st.integers(0, 50), negative_share=st.floats(0, 1),
                    negative_trend=st.floats(-1, 1), friction=st.integers(0, 20), repeats=st.integers(0, 10))
bumps = {"contacts": 1, "negative_share": 0.05, "negative_trend": 0.05, "friction": 1, "repeats": 1}


@given(signals, st.sampled_from(sorted(bumps)))
def test_score_never_falls_when_a_signal_rises(base: AccountSignals, name: str) -> None:
    higher = replace(base, **{name: getattr(base, name) + bumps[name]})
    assert at_risk(higher).score >= at_risk(base).score
    assert at_risk(higher).contributions[name] >= at_risk(base).contributions[name]


@given(signals)
def test_score_is_bounded_and_explained_by_its_parts(s: AccountSignals) -> None:
    risk = at_risk(s)
    assert 0 <= risk.score <= 100
    assert abs(risk.score - sum(risk.contributions.values())) < 0.05
    assert set(risk.contributions) == set(WEIGHTS)


def test_hand_computed_score() -> None:
    risk = at_risk(AccountSignals(contacts=6, negative_share=0.5, negative_trend=0.2, friction=3, repeats=1))
    assert risk.contributions == {"contacts": 9.0, "negative_share": 15.0, "negative_trend": 8.0,
                                  "friction": 12.0, "repeats": 5.0}
    assert risk.score == 49.0 and risk.top_reason == "negative_share"
    assert at_risk(AccountSignals()).score == 0 and at_risk(AccountSignals()).top_reason is None


def test_turnover_rate() -> None:
    assert turnover_rate(3, 120) == 2.5 and turnover_rate(0, 0) is None
