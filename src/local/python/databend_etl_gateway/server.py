"""Serve the embedded Databend engine (PyPI `databend`) over Databend's HTTP query API on loopback.

The embedded engine has no network listener. This gateway speaks the part of the HTTP API that
databend-driver uses (see the package's docstring); the differences from a real server left are in
docs/engine-facts.md. A data dir an earlier engine used is refused: the embedded engine cannot reopen its
metadata, so a restart would silently lose every table, stage and load record.

Usage: python gateway.py --data-dir DIR [--host 127.0.0.1] [--port 0] [--password P]
(or `python -m databend_etl_gateway` with this package's parent folder on the path).
The password can also come from DATABEND_GATEWAY_PASSWORD (preferred: argv is visible to other users).
Once listening, one JSON line `{"ready": true, "port": N, "version": "..."}` goes to stdout.
Logs go to stderr, credentials masked (see `Secrets`); the engine's own log file is removed unless
--keep-engine-log is given. The process exits on SIGTERM/SIGINT or when stdin closes (its parent died).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from importlib.metadata import version as package_version
from pathlib import Path

from .credentials import Secrets, mask_stderr
from .http_api import Handler
from .lifecycle import refusal_for_earlier_data
from .sessions import Gateway

log = logging.getLogger("databend-gateway")


def serve(args: argparse.Namespace, secrets: Secrets) -> None:
    started = time.monotonic()
    data_dir = Path(args.data_dir).expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    refusal = refusal_for_earlier_data(data_dir)
    if refusal is not None:
        raise DataDirRefusedError(refusal)
    engine_version = package_version("databend")
    gateway = Gateway(data_dir, args.password, engine_version, secrets, keep_engine_log=args.keep_engine_log)
    handler = type("BoundHandler", (Handler,), {"gateway": gateway})
    server = ThreadingHTTPServer((args.host, args.port), handler)
    server.daemon_threads = True
    port = server.server_address[1]
    log.info(
        "engine %s on %s ready in %.2fs, listening on %s:%d",
        engine_version,
        data_dir,
        time.monotonic() - started,
        args.host,
        port,
    )
    log.info(
        "data in %s lasts as long as this process: the embedded engine starts a new metadata store at every "
        "start, so a restart on this folder is refused",
        data_dir,
    )

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    threading.Thread(target=_exit_when_stdin_closes, args=(stop,), daemon=True).start()
    threading.Thread(target=_sweep_forever, args=(gateway, stop), daemon=True).start()
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()

    print(json.dumps({"ready": True, "port": port, "version": engine_version}), flush=True)
    stop.wait()
    log.info("stopping")
    server.shutdown()
    server.server_close()


class DataDirRefusedError(Exception):
    pass


def _exit_when_stdin_closes(stop: threading.Event) -> None:
    # os.read, not sys.stdin: a daemon thread blocked in a buffered reader aborts interpreter shutdown.
    try:
        while os.read(sys.stdin.fileno(), 4096):
            pass
    except OSError:
        pass
    stop.set()


def _sweep_forever(gateway: Gateway, stop: threading.Event) -> None:
    while not stop.wait(10):
        gateway.sweep()
        gateway.silence_engine_log()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data-dir",
        required=True,
        help="engine storage (data/, meta/, logs/ go under it); a folder an earlier engine used is refused: "
        "the embedded engine cannot reopen its metadata",
    )
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument(
        "--password",
        default=os.environ.get("DATABEND_GATEWAY_PASSWORD", ""),
        help="password of user root (default: $DATABEND_GATEWAY_PASSWORD, else empty)",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request")
    parser.add_argument(
        "--keep-engine-log",
        action="store_true",
        default=os.environ.get("DATABEND_GATEWAY_KEEP_ENGINE_LOG", "") not in ("", "0"),
        help="keep the engine's own INFO log in <data dir>/logs (it holds statements' constants, "
        "credentials included; default: $DATABEND_GATEWAY_KEEP_ENGINE_LOG, else off)",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    secrets = Secrets(args.password)
    restore_stderr = mask_stderr(secrets)
    try:
        logging.basicConfig(
            stream=sys.stderr,
            level=logging.DEBUG if args.verbose else logging.INFO,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        if args.host not in ("127.0.0.1", "::1", "localhost"):
            log.error("refusing to bind %s: the gateway serves loopback only", args.host)
            return 2
        try:
            serve(args, secrets)
        except DataDirRefusedError as refused:
            log.error("%s", refused)
            return 3
        return 0
    finally:
        restore_stderr()
