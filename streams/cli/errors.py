"""What a user did wrong, said in one line: no traceback, exit code 2.

The CLI's group runs every command through :class:`CxpulseGroup`, which turns
the errors a user can cause (a setting that does not parse, a broker that is
not running, a path that does not exist, a port that is taken, a store with
no tables yet) into one ``Error: ...`` line and exit code 2. Anything else
is a bug in cxpulse and keeps its traceback, so it can be reported.

Example::

    $ CXPULSE_WEB_PORT=abc cxpulse worker
    Error: setting CXPULSE_WEB_PORT: Input should be a valid integer, unable to parse string as an integer
"""

from __future__ import annotations

import errno
from typing import Any

import click
from aiokafka.errors import KafkaConnectionError
from clickhouse_connect.driver.exceptions import DatabaseError
from pydantic import ValidationError

from sinks.clickhouse.client import StoreBusy
from streams.contract import InvalidEvent
from streams.publisher import PublishTimeout
from streams.stack.kafka import PortTaken

EXIT_USER_ERROR = 2


class UserError(click.ClickException):
    """One line for the user; exit code 2."""

    exit_code = EXIT_USER_ERROR


def _settings_error(exc: ValidationError) -> str:
    first = exc.errors(include_url=False, include_input=False)[0]
    name = "CXPULSE_" + "_".join(str(p) for p in first["loc"]).upper()
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"setting {name}: {first['msg']}{more}"


def _os_error(exc: OSError) -> str | None:
    if exc.errno == errno.EADDRINUSE:
        return f"address already in use ({exc.strerror}): another process listens on that port"
    if exc.filename is not None:
        return f"{exc.strerror}: {exc.filename}"
    return None


def _store_error(exc: DatabaseError) -> str | None:
    text = str(exc)
    if "UNKNOWN_TABLE" in text or "UNKNOWN_DATABASE" in text:
        return ("the store has no cxpulse tables yet: run `cxpulse worker` (or `make demo`) first, "
                "or point CXPULSE_CLICKHOUSE_DSN at a store that has data")
    return None


def explain(exc: BaseException) -> str | None:
    """The one line for an error the user caused, or None for a bug."""
    match exc:
        case ValidationError() if exc.title == "Settings":
            return _settings_error(exc)
        case KafkaConnectionError():
            return (f"cannot reach Kafka ({exc}): start it with `cxpulse stack up` "
                    "or set CXPULSE_KAFKA_BOOTSTRAP")
        case PublishTimeout() | PortTaken() | StoreBusy():
            return str(exc)
        case InvalidEvent():
            return f"invalid event: {exc}"
        case DatabaseError():
            return _store_error(exc)
        case OSError():
            return _os_error(exc)
    return None


class CxpulseGroup(click.Group):
    """A click group whose commands report user errors as one line (see the module docstring)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException:
            raise
        except Exception as exc:
            if (line := explain(exc)) is None:
                raise
            raise UserError(line) from None
