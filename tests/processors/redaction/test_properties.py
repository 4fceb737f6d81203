"""Property-based: redaction and clean-up accept any text and never leak a planted value."""

from hypothesis import given, settings
from hypothesis import strategies as st

from processors.redaction import Redactor
from processors.text import clean

R = Redactor()
PLANTED = ["jane.doe@example.com", "4111 1111 1111 1111", "+44 20 7946 0958", "DE89 3704 0044 0532 0130 00"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_is_handled(text: str) -> None:
    result = R.redact(clean(text))
    assert isinstance(result.text, str) and result.total >= 0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200),
       st.sampled_from(PLANTED), st.text(max_size=200))
def test_planted_personal_data_never_survives(before: str, secret: str, after: str) -> None:
    text = f"{before} {secret} {after}"
    assert secret not in R.redact(text).text
