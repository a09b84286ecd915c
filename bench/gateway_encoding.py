"""The local server's row encoding against the engine's own SELECT, in one Python process (run by
bench/gateway-encoding.ts on a data directory no gateway holds).

Each round times, in alternating order: the engine's SELECT as the gateway runs it (`to_arrow_table`), and the
gateway serving every page of that result (a finished Query's `page(n)` and the answer's JSON bytes, as http_api
writes them; no socket). Prints one JSON object: the samples in milliseconds, the page count, the sizes, and the peak
of pyarrow's memory pool.

usage: gateway_encoding.py <gateway source dir> <new data dir> <sql> <rounds> <JSON list of set-up statements>
"""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    source, data_dir, sql, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    setup: list[str] = json.loads(sys.argv[5])
    page_rows = 10_000  # the server's default max_rows_per_page, which the driver leaves alone
    sys.path.insert(0, source)
    import databend  # noqa: PLC0415 - the venv's engine
    import pyarrow as pa  # noqa: PLC0415

    from databend_etl_gateway.encoders import OutputFormat  # noqa: PLC0415

    try:
        from databend_etl_gateway.http_api import response_json  # noqa: PLC0415
    except ImportError:  # a gateway from before the pages were JSON text: http_api dumped the answer whole

        def response_json(body: object) -> bytes:
            return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()

    from databend_etl_gateway.sessions import Query  # noqa: PLC0415
    from databend_etl_gateway.statements import Outcome  # noqa: PLC0415

    ctx = databend.SessionContext(data_path=data_dir)
    for statement in setup:
        ctx.sql(statement).collect()

    def engine() -> object:
        return ctx.sql(sql).to_arrow_table()

    def serve(table: object) -> tuple[int, int]:
        query = Query(
            id="q", session_id="s", sql=sql, page_rows=page_rows, wait_secs=0, session_json={}, database="default"
        )
        query.finish(Outcome(table), None, {}, OutputFormat())
        pages = text_bytes = 0
        next_uri = ""
        while not next_uri.endswith("/final"):
            body = query.page(pages)
            text_bytes += len(response_json(body))
            next_uri = body["next_uri"]
            pages += 1
        return pages, text_bytes

    table = engine()
    serve(table)  # warm-up: imports, caches
    engine_ms: list[float] = []
    serve_ms: list[float] = []
    pages = text_bytes = 0
    for i in range(rounds):
        for step in ("engine", "serve") if i % 2 == 0 else ("serve", "engine"):
            started = time.perf_counter()
            if step == "engine":
                table = engine()
                engine_ms.append((time.perf_counter() - started) * 1000)
            else:
                pages, text_bytes = serve(table)
                serve_ms.append((time.perf_counter() - started) * 1000)
    print(
        json.dumps(
            {
                "rows": table.num_rows,
                "arrowBytes": table.nbytes,
                "textBytes": text_bytes,
                # pyarrow's pool holds what the gateway's Arrow work allocates (the engine's result is Rust's): its
                # peak over every round is the most page text and its intermediates held at once.
                "poolPeakBytes": pa.default_memory_pool().max_memory(),
                "pages": pages,
                "engineMs": engine_ms,
                "serveMs": serve_ms,
            }
        )
    )


if __name__ == "__main__":
    main()
