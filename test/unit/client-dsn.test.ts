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
  it('lists the password as written, decoded and encoded again, and access tokens', () => {
    expect(dsnSecrets('databend://u:p%40ss@h/?access_token=tok')).toEqual(['p%40ss', 'p@ss', 'tok']);
    expect(dsnSecrets('databend://u:p@ss@h/')).toEqual(['p@ss', 'p%40ss']);
  });

  it('is empty without credentials, and decodes malformed percent-encoding as the driver does', () => {
    expect(dsnSecrets('databend://u@h/')).toEqual([]);
    expect(dsnSecrets('databend://u:%ZZ@h/')).toEqual(['%ZZ', '%25ZZ']);
    // Rust's percent_decode_str keeps a '%' without two hex digits and decodes the rest: the driver sends 'a%zzA'.
    expect(dsnSecrets('databend://u:a%zz%41@h/')).toEqual(['a%zz%41', 'a%zzA', 'a%25zzA']);
  });
});

describe('a password holding an unencoded /, ? or #', () => {
  it.each([
    ['databend://root:pa/ss@h:8000/db?sslmode=disable', 'databend://root:***@h:8000/db?sslmode=disable', 'pa/ss'],
    ['databend://root:pa?ss@h:8000/db', 'databend://root:***@h:8000/db', 'pa?ss'],
    ['databend://root:pa#ss@h:8000', 'databend://root:***@h:8000', 'pa#ss'],
    ['databend://root:a/b@c?d#e@127.0.0.1:8000/db?sslmode=disable', 'databend://root:***@127.0.0.1:8000/db?sslmode=disable', 'a/b@c?d#e'],
    // An '@' before the '/': the driver reads password 'p' and host 'ss'; the password meant runs to the last '@'.
    ['databend://root:p@ss/w@h:8000/db', 'databend://root:***@h:8000/db', 'p@ss/w'],
    ['databend://root:p@ss?w@h:8000/db', 'databend://root:***@h:8000/db', 'p@ss?w'],
    ['databend://root:p@ss#w@h:8000/db', 'databend://root:***@h:8000/db', 'p@ss#w'],
    ['databend://root:a@b:c/d?e#f%zz@h:8000/db?sslmode=disable', 'databend://root:***@h:8000/db?sslmode=disable', 'a@b:c/d?e#f%zz'],
  ])('%s is masked whole', (dsn, masked, password) => {
    expect(maskDsn(dsn)).toBe(masked);
    expect(dsnSecrets(dsn)).toContain(password);
  });

  it('lists the shorter password the driver reads as well', () => {
    expect(dsnSecrets('databend://root:p@ss/w@h:8000/db')).toContain('p');
    expect(dsnSecrets('databend://root:pw%2541@ss/w@h:8000/db')).toEqual(expect.arrayContaining(['pw%2541@ss/w', 'pw%2541', 'pw%41']));
  });

  it('errs on the side of masking: a query value holding an @ and a host-like word at the end is masked with the password', () => {
    expect(maskDsn('databend://root:pw@h:8000/db?role=x@y')).toBe('databend://root:***@y');
    expect(maskDsn('databend://root:pw@h:8000/db?role=x@y&sslmode=disable')).toBe('databend://root:***@h:8000/db?role=x@y&sslmode=disable');
  });
});
