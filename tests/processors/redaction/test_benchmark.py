"""The redaction benchmark on a small generated corpus: its held-out template family
(never used while writing the recognisers), a floor on recall, a ceiling on words lost."""

from processors.redaction.benchmark import report, run


def test_held_out_templates_meet_the_floors_and_spacy_earns_its_place() -> None:
    results = run(300, seed=5, family="held_out")
    ours, rules = results["cxpulse"], results["cxpulse without spaCy"]
    assert ours["recall_all"] >= 0.88, ours
    assert min(ours["recall"][k] for k in ("email", "card", "iban", "national_id", "dob", "ip")) >= 0.97, ours
    assert ours["over_redaction"] <= 0.02, ours
    assert ours["recall"]["name"] >= rules["recall"]["name"] + 0.3, (ours, rules)
    text = report(results, 300, "held_out")
    assert "cxpulse without spaCy" in text and "texts/s" in text
