"""What a process printed, cut down to one line for a result's detail or an error message."""


def tail(text: str, limit: int = 600) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else "…" + text[-limit:]


def read_log(log) -> str:
    """The end of a server's output so far, from the temporary file it writes to."""
    log.flush()
    log.seek(0)
    return tail(log.read().decode("utf-8", "replace"), 800) or "(nothing)"
