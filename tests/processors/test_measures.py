from processors import measures


def test_nps_promoters_minus_detractors() -> None:
    assert measures.nps([10, 9, 8, 7, 6, 0]) == round(100 * (2 - 2) / 6, 2)
    assert measures.nps([10, 9, 8, 3]) == 25.0
    assert measures.nps([9]) == 100.0 and measures.nps([6]) == -100.0


def test_csat_share_of_top_two_boxes() -> None:
    assert measures.csat([5, 4, 3, 2]) == 50.0
    assert measures.csat([1]) == 0.0


def test_ces_mean_and_high_effort() -> None:
    assert measures.ces_mean([1, 7]) == 4.0
    assert measures.ces_high_effort([5, 6, 7, 1]) == 75.0


def test_empty_inputs_have_no_value() -> None:
    for fn in (measures.nps, measures.csat, measures.ces_mean, measures.ces_high_effort,
               measures.negative_rate):
        assert fn([]) is None


def test_negative_rate() -> None:
    assert measures.negative_rate(["negative", "neutral", "positive", "negative"]) == 50.0


def test_top_box_split_per_scale() -> None:
    assert measures.top_box([10, 10, 9, 7], "nps") == measures.TopBox(50.0, 25.0, 25.0)
    assert measures.top_box([5, 4, 4, 1], "csat") == measures.TopBox(25.0, 50.0, 25.0)
    assert measures.top_box([1, 2, 7, 7], "ces") == measures.TopBox(25.0, 25.0, 50.0)  # 1 = least effort


def test_top_box_edge_cases() -> None:
    assert measures.top_box([], "nps") is None
    assert measures.top_box([9], "nps") == measures.TopBox(0.0, 100.0, 0.0)
