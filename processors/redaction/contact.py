"""Email and IP addresses: shapes that are personal wherever they appear.

IP candidates are confirmed by the standard library's ``ipaddress`` parser, so
times ("10:30:15"), versions ("1.2.3") and out-of-range quads ("999.1.1.1") stay.
"""

from __future__ import annotations

import ipaddress
import re

from processors.redaction.recogniser import PatternRecogniser

EMAIL = PatternRecogniser("email", re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}"))


def _is_ip(candidate: str) -> bool:
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return True


IP = PatternRecogniser("ip", re.compile(
    r"(?<![\w.:])(?:(?:\d{1,3}\.){3}\d{1,3}"            # IPv4
    r"|(?=[0-9A-Fa-f:]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}(?:%\w+)?"  # IPv6, two colons at least
    r")(?![\w:]|\.\d)"), _is_ip)
