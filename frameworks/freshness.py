"""How old a checked fact may get before editors must read its source again."""

STALE_AFTER_DAYS = 180
