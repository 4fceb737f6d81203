"""Personal data out of free text: one recogniser per kind, run by ``Redactor``.

Example::

    from processors.redaction import Redactor
    Redactor(regions=("GB", "DE")).redact("Regards, Magnus, 020 7946 0958").text
    # 'Regards, [NAME], [PHONE]'
"""

from processors.redaction.phones import DEFAULT_REGIONS, check_regions
from processors.redaction.redacted import Redacted
from processors.redaction.redactor import Redactor, default_recognisers

__all__ = ["DEFAULT_REGIONS", "Redacted", "Redactor", "check_regions", "default_recognisers"]
