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
    return EngineError(int(match["code"]), match["text"])


class HttpError(Exception):
    def __init__(self, status: HTTPStatus, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code if code is not None else status.value
