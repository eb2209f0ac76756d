"""Logging filters: keep hostile input from filling the logs."""

import logging
import time

REPEAT_AFTER_SECONDS = 300
MAX_SHOWN = 80


class ShortDisallowedHost(logging.Filter):
    """Log a rejected Host header once per host per five minutes, at WARNING, cut short, no traceback.

    Django logs every rejected host at ERROR with the whole traceback and the attacker's text; a
    flood of them would bury real errors.
    """

    def __init__(self):
        super().__init__()
        self._seen: dict[str, float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        now = time.monotonic()
        if len(self._seen) > 1000:
            self._seen.clear()
        if now - self._seen.get(message, -REPEAT_AFTER_SECONDS) < REPEAT_AFTER_SECONDS:
            return False
        self._seen[message] = now
        shown = message if len(message) <= MAX_SHOWN else message[:MAX_SHOWN] + f"… ({len(message)} characters)"
        record.msg, record.args = shown, ()
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True
