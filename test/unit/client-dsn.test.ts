import { describe, expect, it } from 'vitest';
import { dsnSecrets, maskDsn, withSessionTimezone } from '../../src/client/dsn.js';

describe('withSessionTimezone', () => {
  it('adds timezone to a DSN without a query', () => {
    expect(withSessionTimezone('databend://root:pw@localhost:8000/db', 'UTC')).toBe('databend://root:pw@localhost:8000/db?timezone=UTC');
  });

  it('appends to an existing query', () => {
    expect(withSessionTimezone('databend://root@h:8000/?sslmode=disable', 'UTC')).toBe('databend://root@h:8000/?sslmode=disable&timezone=UTC');
    expect(withSessionTimezone('databend://root@h:8000/?', 'UTC')).toBe('databend://root@h:8000/?timezone=UTC');
  });

  it('percent-encodes the zone', () => {
    expect(withSessionTimezone('databend://h/db', 'America/New_York')).toBe('databend://h/db?timezone=America%2FNew_York');
  });

  it('leaves a DSN that sets a time zone alone, whatever the key case', () => {
    const dsn = 'databend://h/db?timezone=Asia%2FShanghai&sslmode=disable';
    expect(withSessionTimezone(dsn, 'UTC')).toBe(dsn);
    expect(withSessionTimezone('databend://h/db?TimeZone=UTC', 'Europe/Paris')).toBe('databend://h/db?TimeZone=UTC');
  });
});

describe('maskDsn', () => {
  it('masks the password and keeps everything else', () => {
    expect(maskDsn('databend://root:hunter2@localhost:8000/db?sslmode=disable')).toBe('databend://root:***@localhost:8000/db?sslmode=disable');
  });

  it('masks percent-encoded passwords and passwords holding an unencoded @ or :', () => {
    expect(maskDsn('databend+http://u:p%40ss%2Fw@h:8000/')).toBe('databend+http://u:***@h:8000/');
    expect(maskDsn('databend://u:p@ss:w@h:8000/d?x=1')).toBe('databend://u:***@h:8000/d?x=1');
  });

  it('masks an access token in the query', () => {
    expect(maskDsn('databend://h:443/d?access_token=abc.def&warehouse=w')).toBe('databend://h:443/d?access_token=***&warehouse=w');
  });

  it.each(['databend://root@localhost:8000/', 'databend://root:@h/', 'databend://localhost:8000/db?sslmode=disable', 'not a dsn'])(
    'leaves %s (no credentials) unchanged',
    (dsn) => {
      expect(maskDsn(dsn)).toBe(dsn);
    },
  );
});

describe('dsnSecrets', () => {
  it('lists the password as written and decoded, and access tokens', () => {
    expect(dsnSecrets('databend://u:p%40ss@h/?access_token=tok')).toEqual(['p%40ss', 'p@ss', 'tok', 'tok']);
  });

  it('is empty without credentials, and tolerates malformed percent-encoding', () => {
    expect(dsnSecrets('databend://u@h/')).toEqual([]);
    expect(dsnSecrets('databend://u:%ZZ@h/')).toEqual(['%ZZ', '%ZZ']);
  });
});

describe('a password holding an unencoded /, ? or #', () => {
  it.each([
    ['databend://root:pa/ss@h:8000/db?sslmode=disable', 'databend://root:***@h:8000/db?sslmode=disable', 'pa/ss'],
    ['databend://root:pa?ss@h:8000/db', 'databend://root:***@h:8000/db', 'pa?ss'],
    ['databend://root:pa#ss@h:8000', 'databend://root:***@h:8000', 'pa#ss'],
    ['databend://root:a/b@c?d#e@127.0.0.1:8000/db?sslmode=disable', 'databend://root:***@127.0.0.1:8000/db?sslmode=disable', 'a/b@c?d#e'],
  ])('%s is masked whole', (dsn, masked, password) => {
    expect(maskDsn(dsn)).toBe(masked);
    expect(dsnSecrets(dsn)).toContain(password);
  });
});
