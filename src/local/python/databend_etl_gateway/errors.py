"""The two kinds of failure the gateway answers with: an engine error (Databend's code and message) and an
HTTP error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from http import HTTPStatus


@dataclass
class EngineError(Exception):
    code: int
    message: str
    planning: bool = False  # raised while planning, where the server points at the statement's text


# bendpy formats ErrorCode as `<prefix><Name>. Code: <n>, Text = <message>.` and, for run-time errors,
# appends a blank line and a backtrace (src/bendpy/src/{context,dataframe}.rs).
_ENGINE_ERROR = re.compile(
    r"Code: (?P<code>\d+), Text = (?P<text>.*?)\.(?:\n\n(?:\s*\d+: |<Backtrace).*)?\s*\Z", re.DOTALL
)


def engine_error(exc: BaseException) -> EngineError:
    text = str(exc)
    match = _ENGINE_ERROR.search(text)
    if match is None:
        return EngineError(1001, text.strip() or type(exc).__name__)
    return EngineError(int(match["code"]), match["text"], planning=text.startswith("Error: "))


# The names a planning error is about, as the engine words them; the server points at them in the statement
# (ErrorCode::display_with_sql). The engine's Python binding drops the position, so the gateway finds the name.
_NAMED = (
    (1025, re.compile(r'\AUnknown table (?:"[^"]*"\.)*"?(?P<name>[^".\s]+)"? \.\Z')),
    (1065, re.compile(r"\Acolumn (?P<name>\S+) doesn't exist\Z")),
)


def with_caret(sql: str, error: EngineError) -> EngineError:
    """The server's pretty form of a binding error (the binder sets the position; the engine may raise it while
    planning or, for INSERT ... SELECT, while running): the statement's line with a caret under the name at fault,
    `error: \\n  --> SQL:1:15\\n  |\\n1 | select * from t\\n  |               ^ Unknown table ... .\\n\\n`. Only for a
    one-line statement naming it once (the server's position is not known otherwise); else unchanged."""
    line = sql.rstrip().rstrip(";").rstrip()
    if "\n" in line or error.message.startswith("error: "):
        return error
    for code, pattern in _NAMED:
        match = pattern.match(error.message) if code == error.code else None
        if match is None:
            continue
        name = match["name"]
        quoted = re.escape(name)
        spot = r'(?<![\w$."`])(?:"' + quoted + r'"|`' + quoted + r"`|" + quoted + r')(?![\w$"`])'
        spots = list(re.finditer(spot, line, re.I))
        if len(spots) != 1:
            return error
        start, end = spots[0].span()
        carets = " " * start + "^" * (end - start)
        pretty = f"error: \n  --> SQL:1:{start + 1}\n  |\n1 | {line}\n  | {carets} {error.message}\n\n"
        return EngineError(error.code, pretty, planning=True)
    return error


class HttpError(Exception):
    def __init__(self, status: HTTPStatus, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code if code is not None else status.value
