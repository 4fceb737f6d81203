import pytest

from processors.social import Post, awaiting_response, positive_negative_ratio, reach_weighted_sentiment


def test_reach_weighted_sentiment_favours_larger_audiences() -> None:
    posts = [Post("p1", -0.9, 120_000), Post("p2", 0.8, 40)]
    w1, w2 = 1 + 5.0792, 1 + 1.6128
    assert reach_weighted_sentiment(posts) == pytest.approx((-0.9 * w1 + 0.8 * w2) / (w1 + w2), abs=1e-3)
    assert reach_weighted_sentiment([Post("p", 0.5, 0)]) == 0.5


def test_brand_posts_and_unscored_posts_do_not_count() -> None:
    posts = [Post("p1", None, 10), Post("b1", 0.9, 50_000, brand_reply=True)]
    assert reach_weighted_sentiment(posts) is None


def test_positive_negative_ratio() -> None:
    posts = [Post("a", 0.9, label="positive"), Post("b", 0.8, label="positive"), Post("c", -0.7, label="negative")]
    assert positive_negative_ratio(posts) == 2.0
    assert positive_negative_ratio(posts[:2]) is None


def test_awaiting_response_until_the_brand_replies() -> None:
    posts = [Post("p1", -0.8, label="negative"), Post("p2", -0.6, label="negative"),
             Post("p3", -0.9, label="negative", public=False), Post("p4", 0.9, label="positive"),
             Post("r1", 0.2, brand_reply=True, in_reply_to="p1")]
    assert awaiting_response(posts) == ["p2"]
    assert awaiting_response([]) == []
