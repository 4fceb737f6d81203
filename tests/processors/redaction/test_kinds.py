"""Each kind the redactor removes, in forms the recognisers were not written from,
and the look-alikes that must stay (order numbers, dates, versions, towns)."""

import pytest

from processors.redaction import Redactor, check_regions

R = Redactor()


@pytest.mark.parametrize(("text", "kind"), [
    # phones in national formats of the default regions, 00 prefixes, dots and slashes
    ("ring me on 020 7946 0958 after six", "phone"),
    ("Festnetz 030/1234567, bitte zurückrufen", "phone"),
    ("mon portable: 06 12 34 56 78", "phone"),
    ("mon portable: 06.12.34.56.78", "phone"),
    ("my number 098765 43210 (Pune)", "phone"),
    ("call 0044 20 7946 0958 from abroad", "phone"),
    ("Tel. 0049 30 1234567", "phone"),
    # cards of 12 to 19 digits that pass Luhn (a 12-digit Maestro standing alone)
    ("maestro 5000 0000 0009 was refused", "card"),
    ("card 6011000990139424 refunded", "card"),
    # national ids
    ("my SSN is 536-90-4399, why do you ask", "national_id"),
    ("SSN 536904399", "national_id"),
    ("NI number QQ 12 34 56 C on the payslip", "national_id"),
    ("national insurance AB123456C", "national_id"),
    ("PAN ABCPE1234F linked", "national_id"),
    ("Aadhaar 2341 2341 2346 uploaded twice", "national_id"),
    ("DNI 12345678Z caducado", "national_id"),
    ("BSN: 123456782 graag verwijderen", "national_id"),
    # dates of birth in context, other dates kept
    ("DOB 14/03/1985, account locked", "dob"),
    ("I was born on March 3, 1979 and the age check fails", "dob"),
    ("Geburtsdatum: 03.04.1990", "dob"),
    ("née le 12 mars 1984", "dob"),
    # IP addresses
    ("blocked from 203.0.113.77 all morning", "ip"),
    ("IPv6 2001:db8:85a3::8a2e:370:7334 is banned?", "ip"),
    # street addresses
    ("send it to 221B Baker Street, London NW1 6XE please", "address"),
    ("new address: 1600 Pennsylvania Ave NW, Apt 4, Washington, DC 20500", "address"),
    ("Lieferung an Hauptstraße 5, 10115 Berlin", "address"),
    ("livré au 12 rue de la Paix, 75002 Paris", "address"),
    ("Keizersgracht 123, 1015 CJ Amsterdam", "address"),
    ("Calle Mayor 3, 2º B, Madrid", "address"),
    ("ul. Okulickiego 19, 80-025 Śrem", "address"),
    # names anywhere, non-ASCII, sign-offs on the same line, titles, signature lines
    ("my name's Dóra Kovács and the app crashed", "name"),
    ("Still waiting. Regards, Magnus", "name"),
    ("The agent, Priya Raghunathan, was lovely", "name"),
    ("Mrs Curtis said it would be fixed", "name"),
    ("Dear team,\nthe router is dead again.\nSiobhán Ní Bhriain\nSent from my phone", "name"),
    ("Keano Hulst-van den Berg called twice", "name"),
])
def test_each_kind_is_removed(text: str, kind: str) -> None:
    result = R.redact(text)
    assert result.counts.get(kind, 0) >= 1, result
    assert f"[{kind.upper()}]" in result.text


@pytest.mark.parametrize(("text", "gone"), [
    ("Hi, Anne-Claire Vautrin here", "Claire"),
    ("Dr. Horváth Nándorné Tóth Zsófia called", "Zsófia"),
    ("Thanks for nothing. Balogh Tibor", "Tibor"),
    ("call 0044 20 7946 0958", "0044"),
])
def test_no_part_of_a_name_or_number_is_left(text: str, gone: str) -> None:
    assert gone not in R.redact(text).text


def test_regions_decide_which_national_formats_are_read() -> None:
    german = "Festnetz 030 1234567"
    assert Redactor(("US",)).redact(german).text == german
    assert Redactor(("US", "DE")).redact(german).text == "Festnetz [PHONE]"


def test_an_unknown_region_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"unknown phone region.*XX"):
        check_regions(["GB", "XX"])


def test_a_batch_redacts_each_text_as_alone() -> None:
    texts = ["Regards, Magnus", "no personal data here", "mail jo@example.com"]
    assert [r.text for r in R.redact_many(texts)] == [R.redact(t).text for t in texts]
