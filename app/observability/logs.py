"""Logging set-up for `meishi serve` and `meishi worker`: one JSON object a line (or plain text), each
record carrying the request id of the work it belongs to."""

from __future__ import annotations

import logging
import logging.config
from typing import Any, Literal

from pythonjsonlogger.json import JsonFormatter

from app.observability.context import request_id

LogFormat = Literal["json", "text"]


class RequestIdFilter(logging.Filter):
    """Stamps every record with the current request id (None outside a request or a scan job)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


def json_formatter() -> logging.Formatter:
    return JsonFormatter(
        "{asctime}{levelname}{name}{message}{request_id}",
        style="{",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        timestamp=False,
    )


def logging_config(fmt: LogFormat, level: str = "INFO") -> dict[str, Any]:
    """A dictConfig for the root logger and uvicorn's loggers (uvicorn is handed it as `log_config`, so
    its own worker processes configure logging the same way)."""
    formatter: dict[str, Any] = (
        {"()": json_formatter}
        if fmt == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "default",
        "filters": ["request_id"],
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"default": formatter},
        "handlers": {"default": handler},
        "root": {"handlers": ["default"], "level": level},
        "loggers": {
            # uvicorn's loggers propagate to the root, so they come out in the same shape.
            "uvicorn": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.error": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.access": {"handlers": [], "level": level, "propagate": True},
            "rq.worker": {"handlers": [], "level": level, "propagate": True},
        },
    }


def configure_logging(fmt: LogFormat, level: str = "INFO") -> None:
    logging.config.dictConfig(logging_config(fmt, level))
