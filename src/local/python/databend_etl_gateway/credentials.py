"""Credentials: masked by value in everything the gateway writes or answers.

The gateway sees every statement. The values of credential options in them (the rules of the SDK's
src/render/secrets.ts: a key naming a credential, bare or quoted, and IDENTIFIED BY) and the root password are
masked in its own log, in what the engine writes to the gateway's stderr (a panic quotes the value it failed on),
and in the error messages it answers with, so that another session's DESC CONNECTION does not show a credential
stored earlier.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote as quote_url

_SECRET_KEY = re.compile(
    r"secret|passw|passphrase|token|credential|private|delegation"
    r"|(?:access|account|master|api|session|encryption)[-_.]?key|key[-_.]?id|(?:^|[-_.])sas(?:[-_.]|$)",
    re.IGNORECASE,
)
_QUOTED_VALUE = r"""'(?:[^'\\]|\\[\s\S]|'')*'|"(?:[^"\\]|\\[\s\S]|"")*"|\$\$[\s\S]*?\$\$"""
_OPTION = re.compile(
    r"""(?<![A-Za-z0-9_$])("(?:[^"]|"")*"|'(?:[^'\\]|\\.)*'|[A-Za-z_][A-Za-z0-9_]*)(\s*=>?\s*)(""" + _QUOTED_VALUE + ")"
)
_IDENTIFIED_BY = re.compile(
    r"(?<![A-Za-z0-9_$])(IDENTIFIED(?:\s+WITH\s+[A-Za-z0-9_]+)?\s+BY)(\s+)(" + _QUOTED_VALUE + ")", re.IGNORECASE
)
_BACKSLASH_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "0": "\0", "Z": "\x1a"}
_LITERAL_ESCAPE = re.compile(r"""\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\([\s\S])|(['"])\4""")
# Values shorter than this are masked in their own statement's error only: everywhere, they would garble every line.
SECRET_MIN_LENGTH = 8


def _unquote(quoted: str) -> str:
    if quoted.startswith("$$"):
        return quoted[2:-2]
    quote = quoted[0]

    def resolve(m: re.Match[str]) -> str:
        if m[1] is not None:
            return chr(int(m[1], 16))
        if m[2] is not None:
            return chr(int(m[2], 16))
        if m[3] is not None:
            return _BACKSLASH_ESCAPES.get(m[3], m[3])
        return quote if m[4] == quote else m[4] * 2

    return _LITERAL_ESCAPE.sub(resolve, quoted[1:-1])


# A word every credential key or IDENTIFIED BY holds: text without one (a large INSERT ... VALUES) is not scanned.
_CANDIDATES = ("secret", "passw", "token", "credential", "private", "delegation", "key", "sas", "identified")


def credentials_in_sql(sql: str) -> list[str]:
    """The credential values written in a statement, as written and as the engine reads them."""
    lowered = sql.lower()
    if not any(word in lowered for word in _CANDIDATES):
        return []
    quoted = [m[3] for m in _OPTION.finditer(sql) if _SECRET_KEY.search(m[1].strip("\"'"))]
    quoted += [m[3] for m in _IDENTIFIED_BY.finditer(sql)]
    found: list[str] = []
    for value in quoted:
        inner = value[2:-2] if value.startswith("$$") else value[1:-1]
        found += [v for v in {inner, _unquote(value)} if v]
    return found


def _spellings(value: str) -> set[str]:
    """A value as text quoting it may carry it: as is, in an SQL literal, in JSON, percent-encoded."""
    sql = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    forms = {value, sql, value.replace("'", "''"), quote_url(value, safe="")}
    for text in (value, sql):
        forms.add(json.dumps(text, ensure_ascii=False)[1:-1])
        forms.add(json.dumps(text)[1:-1])
    return {f for f in forms if f}


def scrub_text(text: str, spellings: Iterable[str]) -> str:
    for spelling in spellings:
        if spelling in text:
            text = text.replace(spelling, "***")
    return text


class Secrets:
    """The credentials seen so far in this process (at least SECRET_MIN_LENGTH characters), and the root password."""

    def __init__(self, password: str) -> None:
        self._lock = threading.Lock()
        self._values: set[str] = set()
        self._spellings: tuple[str, ...] = ()
        self.add([password])

    def add(self, values: Iterable[str]) -> None:
        fresh = {v for v in values if len(v) >= SECRET_MIN_LENGTH} - self._values
        if not fresh:
            return
        with self._lock:
            self._values |= fresh
            spellings = set().union(*(_spellings(v) for v in self._values))
            self._spellings = tuple(sorted(spellings, key=len, reverse=True))

    def scrub(self, text: str, own: Iterable[str] = ()) -> str:
        """`text` with every known credential masked, and `own` (a statement's credentials) whatever their length."""
        extra = set().union(*(_spellings(v) for v in own if v))
        spellings = sorted(extra | set(self._spellings), key=len, reverse=True) if extra else self._spellings
        return scrub_text(text, spellings)


def mask_stderr(secrets: Secrets) -> Callable[[], None]:
    """Routes this process's stderr (fd 2: Python's logging and the engine's own prints, panics included) through a
    thread that masks the known credentials line by line. Returns the function that restores fd 2 and drains."""
    original = os.dup(2)
    read_end, write_end = os.pipe()
    os.dup2(write_end, 2)
    os.close(write_end)

    def pump() -> None:
        pending = b""
        while True:
            chunk = os.read(read_end, 65536)
            pending += chunk
            lines = pending.split(b"\n")
            pending = lines.pop() if chunk else b""
            if not chunk and lines and lines[-1] == b"":
                lines.pop()
            for line in lines:
                try:
                    text = secrets.scrub(line.decode("utf-8", "surrogateescape"))
                    out = text.encode("utf-8", "surrogateescape") + b"\n"
                except Exception:  # noqa: BLE001 - a line that cannot be masked is not written
                    out = b"(a log line that could not be masked was dropped)\n"
                os.write(original, out)
            if not chunk:
                break
        os.close(read_end)

    thread = threading.Thread(target=pump, name="stderr-mask", daemon=True)
    thread.start()

    def restore() -> None:
        sys.stderr.flush()
        os.dup2(original, 2)  # closes the pipe's last write end: the thread reads to the end and stops
        thread.join(timeout=2)

    return restore


def silence_engine_log(log_dir: Path) -> None:
    """The embedded engine logs at INFO into <data dir>/logs, with no setting to change it (bendpy builds its log
    config itself), and that log holds each SELECT's physical plan with its constants: a credential compared in a
    WHERE clause lands there. Its open log files are pointed at /dev/null where the process's descriptors can be
    read (Linux's /proc/self/fd) and removed from the directory everywhere. Called after the engine starts, after each
    statement and by the sweeper; it is cheap while the directory stays empty (the engine opens a new file hourly)."""
    try:
        names = [n for n in os.listdir(log_dir) if (log_dir / n).is_file()]
    except OSError:
        return
    if not names:
        return
    prefix = str(log_dir.resolve()) + os.sep
    if os.path.isdir("/proc/self/fd"):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            for entry in os.listdir("/proc/self/fd"):
                try:
                    if os.readlink(f"/proc/self/fd/{entry}").startswith(prefix):
                        os.dup2(devnull, int(entry))
                except OSError:
                    continue
        finally:
            os.close(devnull)
    for name in names:
        with contextlib.suppress(OSError):
            os.unlink(log_dir / name)
