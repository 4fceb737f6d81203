from pathlib import Path

import pytest
import yaml

from processors.friction import SIGNALS, ContactFacts, FrictionDetector, FrictionHit, load_rules, signals_of

LABELLED = yaml.safe_load((Path(__file__).parent / "labelled_friction.yaml").read_text())


def cases() -> list[tuple[str, set[str]]]:
    out = []
    for section, items in LABELLED.items():
        for item in items:
            text, also = (item["text"], set(item.get("also", []))) if isinstance(item, dict) else (item, set())
            out.append((text, ({section} if section != "none" else set()) | also))
    return out


def test_the_labelled_set_has_thirty_each_way_per_signal() -> None:
    for signal in SIGNALS:
        fires = [t for t, expected in cases() if signal in expected]
        silent = [t for t, expected in cases() if signal not in expected]
        assert len(fires) >= 30 and len(silent) >= 30, signal


@pytest.mark.parametrize(("text", "expected"), cases())
def test_labelled_phrase(text: str, expected: set[str]) -> None:
    assert set(signals_of(FrictionDetector()(ContactFacts(text)))) == expected


def test_every_hit_carries_its_evidence() -> None:
    [hit] = FrictionDetector()(ContactFacts("Honestly, on hold for two hours today"))
    assert hit == FrictionHit("long_wait", "phrase", "on hold for two hours")


def test_metadata_rules() -> None:
    detect = FrictionDetector(wait_sla_seconds=300)
    hits = detect(ContactFacts("thanks", wait_seconds=301, transfers=2, bot_turns=3, repeat_contact=True))
    assert [(h.signal, h.rule) for h in hits] == [
        ("long_wait", "wait_over_sla"), ("skill_gap", "transfers"),
        ("trapped_self_service", "bot_loop"), ("repeating_themselves", "repeat_contact")]
    assert detect(ContactFacts("thanks", wait_seconds=300, transfers=1, bot_turns=2)) == ()


def test_agent_words_can_show_a_skill_gap() -> None:
    hits = FrictionDetector()(ContactFacts("my router is broken", agent_text="I've escalated this to our specialists"))
    assert [(h.signal, h.rule) for h in hits] == [("skill_gap", "agent_phrase")]


def test_one_hit_per_signal_metadata_first() -> None:
    hits = FrictionDetector()(ContactFacts("on hold for an hour, still waiting", wait_seconds=4000))
    assert [(h.signal, h.rule) for h in hits] == [("long_wait", "wait_over_sla")]


def test_rules_file_is_validated(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text("signals:\n  long_wait: {label: Wait, phrases: ['(unclosed']}\n")
    with pytest.raises(ValueError):
        load_rules(bad)
    bad.write_text("signals:\n  grumpy: {label: Grumpy}\n")
    with pytest.raises(ValueError, match="unknown friction signals"):
        load_rules(bad)
