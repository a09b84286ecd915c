// The normal form the documentation corpus test compares SQL in (test/corpus/normalise.ts): what it makes equal and,
// as much, what it keeps apart.
import { describe, expect, it } from 'vitest';
import { RULES } from '../corpus/equivalences.js';
import { normaliseSql, tokenize } from '../corpus/normalise.js';

const same = (a: string, b: string) => expect(normaliseSql(a)).toBe(normaliseSql(b));
const differ = (a: string, b: string) => expect(normaliseSql(a)).not.toBe(normaliseSql(b));

describe('normaliseSql', () => {
  it('ignores white space, comments, keyword case and a trailing semicolon', () => {
    same('create stage   s\n  file_format=(type=csv);', 'CREATE STAGE s FILE_FORMAT = (TYPE = CSV)');
    same('LIST @s -- every file\n', 'list @s;');
    same('SELECT /* note */ 1', 'SELECT 1');
    expect(normaliseSql('copy into t from @s;')).toBe('COPY INTO T FROM @s');
  });

  it('makes "a", `a` and a one name, and keeps names that need their quotes', () => {
    same('SELECT "title", `author` FROM books', 'SELECT title, author FROM "books"');
    same('CREATE TABLE t ("date" VARCHAR)', 'CREATE TABLE t (date VARCHAR)');
    differ('SELECT "Title" FROM t', 'SELECT title FROM t');
    differ('SELECT "a b" FROM t', 'SELECT a_b FROM t');
  });

  it('compares string values, not their escapes, and keeps their case', () => {
    same("SELECT 'it''s'", "SELECT 'it\\'s'");
    same("RECORD_DELIMITER = '\\n'", "RECORD_DELIMITER = '\n'");
    differ("COMMENT = 'Books'", "COMMENT = 'books'");
    differ("SELECT 'a'", 'SELECT a');
  });

  it('sorts a run of KEY = value options, with or without commas, in parentheses and at the top level', () => {
    same(
      "CREATE STAGE s URL = 's3://b/' CONNECTION = (ACCESS_KEY_ID = 'k', SECRET_ACCESS_KEY = 's')",
      "CREATE STAGE s CONNECTION = (SECRET_ACCESS_KEY = 's' ACCESS_KEY_ID = 'k') URL = 's3://b/'",
    );
    same(
      "COPY INTO t FROM @s PATTERN = '.*' FILE_FORMAT = (TYPE = CSV, SKIP_HEADER = 1) PURGE = TRUE",
      "COPY INTO t FROM @s FILE_FORMAT = (SKIP_HEADER = 1 TYPE = CSV) PURGE = TRUE PATTERN = '.*'",
    );
    same("SELECT * FROM @s (FILE_FORMAT => 'f', PATTERN => '.*')", "SELECT * FROM @s (PATTERN => '.*', FILE_FORMAT => 'f')");
    same("CREATE TASK t WAREHOUSE = 'w' SCHEDULE = 1 MINUTE AS SELECT 1", "CREATE TASK t SCHEDULE = 1 MINUTE WAREHOUSE = 'w' AS SELECT 1");
  });

  it('keeps the order of everything else', () => {
    differ("FILES = ('a.csv', 'b.csv')", "FILES = ('b.csv', 'a.csv')");
    differ('CREATE TABLE t (a INT, b INT)', 'CREATE TABLE t (b INT, a INT)');
    differ('SELECT a, b FROM t WHERE x = 1 AND y = 2', 'SELECT b, a FROM t WHERE x = 1 AND y = 2');
    differ('WHERE x = 1 AND y = 2', 'WHERE x = 2 AND y = 1');
  });

  it('reads enum option values as words or strings alike, but no other value', () => {
    same("FILE_FORMAT = (TYPE = 'PARQUET')", 'FILE_FORMAT = (TYPE = parquet)');
    same("FILE_FORMAT = (TYPE = CSV, COMPRESSION = 'gzip')", 'FILE_FORMAT = (TYPE = CSV COMPRESSION = GZIP)');
    differ("CONNECTION = (ACCESS_KEY_ID = 'ROOTUSER')", 'CONNECTION = (ACCESS_KEY_ID = ROOTUSER)');
    differ("FILE_FORMAT => 'orc'", "FILE_FORMAT => 'ORC'");
  });

  it('keeps the path of a stage location as written and folds its stage name', () => {
    same('LIST @My_Stage/Data/', 'LIST @my_stage/Data/');
    differ('LIST @s/Data/', 'LIST @s/data/');
  });

  it('keeps a $$ body whole, up to white space', () => {
    same('EXECUTE IMMEDIATE $$\nBEGIN\n  RETURN 1;\nEND;\n$$', 'EXECUTE IMMEDIATE $$BEGIN RETURN 1; END;$$');
    differ('EXECUTE IMMEDIATE $$ begin return 1; end; $$', 'EXECUTE IMMEDIATE $$ BEGIN RETURN 1; END; $$');
  });

  it('refuses unterminated strings, names and comments', () => {
    expect(() => tokenize("SELECT 'a")).toThrow(/unterminated string/);
    expect(() => tokenize('SELECT "a')).toThrow(/unterminated quoted name/);
    expect(() => tokenize('SELECT /* a')).toThrow(/unterminated comment/);
  });
});

describe('the create-table equivalence rules', () => {
  const rules = RULES.filter((r) => r.families.includes('create-table'));
  const form = (sql: string) => rules.reduce((text, r) => r.apply(text), normaliseSql(sql));

  it('read type aliases, an explicit NULL and ENGINE = FUSE as the SDK writes them', () => {
    expect(form('CREATE TABLE t (a VARCHAR(50), b TEXT, c INTEGER, d DATETIME, e FLOAT64) ENGINE = FUSE')).toBe(
      form('CREATE TABLE t (a STRING NULL, b STRING NULL, c INT NULL, d TIMESTAMP NULL, e DOUBLE NULL)'),
    );
  });

  it('keep NOT NULL, DEFAULT NULL and the types themselves apart', () => {
    expect(form('CREATE TABLE t (a INT NOT NULL)')).not.toBe(form('CREATE TABLE t (a INT)'));
    expect(form('CREATE TABLE t (a INT DEFAULT NULL)')).not.toBe(form('CREATE TABLE t (a INT)'));
    expect(form('CREATE TABLE t (a BIGINT)')).not.toBe(form('CREATE TABLE t (a INT)'));
    expect(form('CREATE TABLE t (a FLOAT)')).not.toBe(form('CREATE TABLE t (a DOUBLE)'));
  });
});
