"""The local server: the embedded Databend engine (PyPI `databend`) served over Databend's HTTP query API on loopback.

The embedded engine has no network listener. This gateway speaks the part of the HTTP API that databend-driver uses
(login, query pages, final/kill, heartbeat, logout, uploads, streaming load) and renders every value as text exactly
as databend-query's `FieldEncoderToString` does. Where the embedded engine lacks a server's behaviour, the gateway
supplies it: statements run in the background (Running answers, resent query ids, kill), the process list,
transaction failure, logins of created users. test/engine/conformance.test.ts holds these against the local server
and any real one; docs/engine-facts.md lists the differences left (a restart keeps no metadata, among others).

Modules, from the bottom up; the first five import only the standard library and pyarrow, never the engine:
- `values`: scalar text (floats, decimals, timestamps, intervals, binary) as the server prints it
- `jsonb`: VARIANT's JSONB to compact JSON text
- `geometry`: EWKB to GeoJSON, WKT, EWKT, WKB or EWKB text
- `schema`: Databend type names from Arrow fields
- `encoders`: one text encoder per Arrow column, for a result page
- `errors`, `credentials`, `statements`: engine errors, credential masking, running one statement
- `lifecycle`: what the gateway does in the server's place (KILL, the process list, transactions, users, the data
  dir check), without the engine
- `sessions`: sessions, queries and the `Gateway` that holds them (imports the engine when one is made)
- `http_api`: the HTTP handler; `server`: the command line and the process (`python -m databend_etl_gateway`)

Protocol notes: the team's shared/reference/databend-http-api.md (beside the project); server side in
databendlabs/databend src/query/service/src/servers/http/v1/ and src/query/formats/src/field_encoder/string.rs.
"""
