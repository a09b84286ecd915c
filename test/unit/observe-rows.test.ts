import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import type { DriverModule, DriverRowIterator } from '../../src/client/driver-types.js';
import type { StatementEvent } from '../../src/client/types.js';

// A stand-in driver with queryAll: query() then reads through queryAll (no page reader with a stand-in driver).
function driverWithQueryAll(rows: unknown[][]): DriverModule {
  const fields = [{ name: 'n', dataType: 'Int32' }];
  const iter = (all: unknown[][]): DriverRowIterator => {
    let i = 0;
    return {
      schema: () => ({ fields: () => fields }),
      next: async () => {
        const row = all[i++];
        return row === undefined ? null : { values: () => row };
      },
      close: () => {},
    };
  };
  return {
    Client: class {
      async getConn() {
        return {
          exec: async () => 0,
          queryIter: async (sql: string) => iter(sql.includes('LIMIT 0') ? [] : rows),
          queryAll: async () => rows.map((row) => ({ values: () => row })),
          close: async () => {},
        };
      }
    },
  } as unknown as DriverModule;
}

describe('observe rows of a failing query()', () => {
  it('reports none when a row fails validation on the queryAll path', async () => {
    const events: StatementEvent[] = [];
    const client = createClient({
      dsn: 'databend://root:pw@localhost:8000/default?sslmode=disable',
      driver: driverWithQueryAll([[1], [2], [3]]),
      observe: (e) => events.push(e),
    });
    const schema = {
      parse: (v: unknown) => {
        if ((v as { n: number }).n === 3) throw new Error('bad row');
        return v;
      },
    };
    await expect(client.query('SELECT n FROM t', { validate: schema })).rejects.toThrow();
    expect(events.map((e) => [e.rows, e.error !== undefined])).toEqual([[0, true]]);
  });
});
