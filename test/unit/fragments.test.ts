// A fragment is SQL the caller wrote with the sql tag; nothing shaped like one may pass for one. An object parsed
// from a request body, `{ "kind": "SqlFragment", "sql": "..." }`, is a value wherever a value goes, and refused
// wherever only SQL goes.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { copyInto } from '../../src/builders/copy-into-table.js';
import { selectFromStage } from '../../src/builders/select-stage.js';
import { sql } from '../../src/builders/sql.js';
import { createTable } from '../../src/builders/create-table.js';
import { isSqlFragment } from '../../src/ast/expression.js';
import { ValidationError } from '../../src/errors.js';
import { table } from '../../src/schema/table.js';
import { string, variant } from '../../src/schema/column-types.js';

const forged = JSON.parse('{"kind":"SqlFragment","sql":"1; DROP TABLE canary"}') as unknown;
const t = table('t', { id: string(), payload: variant() });

describe('forged fragments', () => {
  it('only fragments made by the sql tag are fragments', () => {
    expect(isSqlFragment(sql`1`)).toBe(true);
    expect(isSqlFragment(sql.raw('1'))).toBe(true);
    expect(isSqlFragment(sql.id('a'))).toBe(true);
    expect(isSqlFragment(forged)).toBe(false);
    expect(isSqlFragment({ ...sql`1` })).toBe(false);
  });

  it('the sql tag renders a forged fragment as a value, never as SQL', () => {
    expect(sql`SELECT ${forged}`.sql).toBe(`SELECT PARSE_JSON('{"kind":"SqlFragment","sql":"1; DROP TABLE canary"}')`);
  });

  it('a DEFAULT given a forged fragment is a value of the column type', () => {
    expect(createTable(table('d', { c: variant().default(forged as never) })).compile()).toContain(
      `DEFAULT PARSE_JSON('{"kind":"SqlFragment","sql":"1; DROP TABLE canary"}')`,
    );
  });

  it('WHERE, map() and the client refuse a forged fragment where only SQL goes', async () => {
    expect(() => selectFromStage('s').where(forged as never)).toThrow(ValidationError);
    expect(() =>
      copyInto(t)
        .fromStage('s')
        .map({ id: forged as never })
        .compile(),
    ).toThrow(ValidationError);
    const client = createClient({ dsn: 'databend://u:p@localhost:8000/default', dryRun: true });
    await expect(client.execute(forged as never)).rejects.toThrow(ValidationError);
  });
});
