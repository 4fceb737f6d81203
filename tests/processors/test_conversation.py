from processors.conversation import trajectory


def test_trajectory_compares_opening_and_closing_thirds() -> None:
    t = trajectory([-0.9, -0.6, 0.0, 0.3, 0.6, 0.9])
    assert t.start == -0.75 and t.end == 0.75 and t.change == 1.5
    assert t.score == 0.05


def test_single_turn_is_its_own_start_and_end() -> None:
    t = trajectory([-0.4])
    assert (t.score, t.start, t.end, t.change) == (-0.4, -0.4, -0.4, 0.0)


def test_no_customer_turns_means_no_trajectory() -> None:
    t = trajectory([])
    assert t.score is None and t.change is None
