"""A labelled corpus for measuring redaction: support-style messages with
personal data planted from Faker (many locales), and the words that must stay.

The templates are written the way customers and agents write, not in the
phrases the recognisers look for, and fall in two families: ``dev`` (used while
building the recognisers) and ``held_out`` (only measured). Values come from
Faker's locale providers (names, street addresses, phone numbers in national
formats) and from the checksummed generators of ``python-stdnum``'s formats, so
nothing here repeats the code under test. Phone numbers Faker makes that are no
valid number for their own country (its generators are random digit patterns)
are drawn again: real numbers are valid by definition.

Faker is MIT-licensed; this module needs it (the ``dev`` and ``bench`` extras).
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass

LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "en_IN", "es_ES", "it_IT", "nl_NL", "hu_HU", "pl_PL", "pt_BR",
           "sv_SE", "en_IE", "da_DK")
KINDS = ("name", "address", "phone", "email", "card", "iban", "national_id", "dob", "ip")

# {kind} slots are personal data; every other word must survive.
DEV = (
    "Hi, {name} here. The parcel to {address} never turned up and nobody answers on {phone}.",
    "{name} told me on Tuesday the refund would land on card {card}. It did not.",
    "Please update my details: {address}, mobile {phone}, email {email}.",
    "Order 4471-220 was charged twice to {iban}. Sort it out please. {name}",
    "My SSN is {ssn} and your form still rejects it",
    "born {dob}, account opened in 2019, still can't log in from {ip}",
    "Spoke to {name} in billing, then to {name}, and both said something different.",
    "Dear Sir or Madam,\nthe engineer never came to {address}.\nYours faithfully\n{name}",
    "can someone from the Leeds branch call {phone} before 5pm?",
    "The app logs me out every time, my IP is {ip}, version 4.2.1, Android 14.",
    "NI number {nino}, payroll says it's wrong on the Santander statement",
    "{name} was brilliant, solved it in 10 minutes!",
    "Delivery driver left it at {address} instead of next door. Ugh.",
    "I paid with {card} on 12/03 and got charged again on 14/03",
    "Date of birth {dob} — why do you need it for a router swap?",
    "@acme_help three weeks waiting, ring me {phone}",
    "Hello, my wife {name} set up the account, can you send the invoice to {email}?",
    "Transfer went to {iban} but the Amazon voucher never arrived",
)
HELD_OUT = (
    "{name} from your Glasgow shop promised a callback on {phone}, still nothing",
    "new address is {address} — please change it before the next Vodafone bill",
    "I'm writing on behalf of my father, {name}, DOB {dob}.",
    "ticket 88213: {name} ({email}) cannot reach the portal, last IP {ip}",
    "Refund the £49.99 to {card}, not to the PayPal balance",
    "Kind regards\n{name}\n{phone}",
    "Social security {ssn}, please confirm you deleted it after the check",
    "Please stop sending letters to {address}!!!",
    "{name} and {name} both hung up on me. Third time this week.",
    "Our IBAN changed to {iban}, effective 1 April. Accounts payable, {name}",
    "Is anyone there? I've called {phone} five times since Monday",
    "my national insurance {nino} is on the form, page 2",
    "Your engineer {name} was rude and left mud all over the Berlin flat",
    "Hi team, password reset mails go to {email} but I changed it last year",
    "She was born on {dob} so the age check is wrong",
    "Cheers {name}, the BT router works again",
)
# The words that must survive are everything outside the slots; these also carry
# capitalised non-names (places, brands, weekdays) that a careless redactor would take.


@dataclass(frozen=True, slots=True)
class Sample:
    text: str
    family: str
    locale: str
    spans: tuple[tuple[int, int, str], ...]  # start, end, kind of each planted value

    def kept_words(self) -> list[str]:
        """The template's own words (outside every planted value)."""
        out, pos = [], 0
        for s, e, _ in self.spans:
            out.extend(words(self.text[pos:s]))
            pos = e
        return out + words(self.text[pos:])


def words(text: str) -> list[str]:
    """Letter-and-digit runs: the unit the benchmark counts as kept or leaked."""
    return re.findall(r"[^\W_]+", text)


class Planter:
    """One value of each kind at a time, from a locale's Faker and stdnum-shaped generators."""

    def __init__(self, seed: int) -> None:
        from faker import Faker

        self.rng = random.Random(seed)
        self.fakers = {loc: Faker(loc) for loc in LOCALES}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed * 100 + i)

    def value(self, kind: str, locale: str) -> str:
        f = self.fakers[locale]
        match kind:
            case "name":
                return str(f.name())
            case "address":
                return str(f.address()).replace("\n", ", ")
            case "phone":
                return self._phone(locale)
            case "email":
                return str(f.email())
            case "card":
                return self._card()
            case "iban":
                return str(self.fakers[self.rng.choice(("de_DE", "en_GB", "fr_FR", "nl_NL", "es_ES"))].iban())
            case "ssn":
                return str(self.fakers["en_US"].ssn())
            case "nino":
                return self._nino()
            case "dob":
                return self._dob(locale)
            case "ip":
                return str(f.ipv4_public() if self.rng.random() < 0.7 else f.ipv6())
        raise ValueError(kind)

    def _phone(self, locale: str) -> str:
        import phonenumbers

        region = locale.split("_")[1]
        for _ in range(50):
            number = str(self.fakers[locale].phone_number())
            try:
                if phonenumbers.is_valid_number(phonenumbers.parse(number, region)):
                    return number
            except phonenumbers.NumberParseException:
                continue
        example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
        assert example is not None, region
        return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)

    def _card(self) -> str:
        from stdnum import luhn

        length = self.rng.choice((12, 15, 16, 16, 16, 19))
        body = str(self.rng.choice((4, 5, 3, 6))) + "".join(self.rng.choices(string.digits, k=length - 2))
        digits = body + luhn.calc_check_digit(body)
        sep = self.rng.choice((" ", "-", ""))
        return sep.join(digits[i:i + 4] for i in range(0, len(digits), 4))

    def _nino(self) -> str:
        first = self.rng.choice("ABCEGHJKLMNPRSTWXYZ")
        second = self.rng.choice("ABCEGHJKLMNPRSTWXYZ".replace("O", ""))
        digits = "".join(self.rng.choices(string.digits, k=6))
        return self.rng.choice((f"{first}{second}{digits}{self.rng.choice('ABCD')}",
                                f"{first}{second} {digits[:2]} {digits[2:4]} {digits[4:]} {self.rng.choice('ABCD')}"))

    def _dob(self, locale: str) -> str:
        d = self.fakers[locale].date_of_birth(minimum_age=18, maximum_age=90)
        fmt = self.rng.choice(("%d/%m/%Y", "%m/%d/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d %B %Y", "%B %d, %Y"))
        return d.strftime(fmt)


_SLOT = re.compile(r"\{(\w+)\}")
_SLOT_KIND = {"ssn": "national_id", "nino": "national_id"}


def generate(n: int, seed: int = 7, family: str = "held_out") -> Iterator[Sample]:
    """``n`` samples from one template family, locales drawn uniformly."""
    planter = Planter(seed)
    templates = DEV if family == "dev" else HELD_OUT
    for _ in range(n):
        template, locale = planter.rng.choice(templates), planter.rng.choice(LOCALES)
        text, spans, pos = "", [], 0
        for m in _SLOT.finditer(template):
            text += template[pos:m.start()]
            value = planter.value(m.group(1), locale)
            spans.append((len(text), len(text) + len(value), _SLOT_KIND.get(m.group(1), m.group(1))))
            text += value
            pos = m.end()
        yield Sample(text + template[pos:], family, locale, tuple(spans))
