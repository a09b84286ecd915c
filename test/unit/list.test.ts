import { describe, expect, it } from 'vitest';
import { listStage } from '../../src/builders/list-stage.js';
import { removeFromStage } from '../../src/builders/remove-stage.js';
import { createStage, stage } from '../../src/builders/create-stage.js';
import { stageLocation } from '../../src/builders/stage-location.js';
import { expectValidation } from '../support/expect-validation.js';

const driveStage = createStage('drive_stage').url('s3://everdrive-lakehouse/raw/');

describe('listStage', () => {
  it("renders the guide's LIST statements", () => {
    expect(listStage(driveStage, 'sessions/').compile()).toBe('LIST @drive_stage/sessions/');
    expect(listStage('drive_stage', 'frame-events/').compile()).toBe('LIST @drive_stage/frame-events/');
    expect(listStage(stage('drive_stage'), 'payloads/').compile()).toBe('LIST @drive_stage/payloads/');
  });

  it('renders the whole stage, a file, and the user stage', () => {
    expect(listStage('drive_stage').compile()).toBe('LIST @drive_stage');
    expect(listStage('drive_stage', '').compile()).toBe('LIST @drive_stage');
    expect(listStage('drive_stage', 'sessions/session_2024_08_16.parquet').compile()).toBe('LIST @drive_stage/sessions/session_2024_08_16.parquet');
    expect(listStage('~', 'u/').compile()).toBe('LIST @~/u/');
  });

  it('renders PATTERN, escaped', () => {
    expect(listStage('drive_stage', 'sessions/').pattern('.*[.]parquet').compile()).toBe("LIST @drive_stage/sessions/ PATTERN = '.*[.]parquet'");
    expect(removeFromStage('drive_stage').pattern("it's\\d+\n").compile()).toBe("REMOVE @drive_stage PATTERN = 'it\\'s\\\\d+\\n'");
    expectValidation(() => listStage('drive_stage').pattern("it's"), { reason: 'unsupported', field: 'pattern', call: "listStage('drive_stage').pattern()" });
    expectValidation(() => listStage('drive_stage').pattern('\\d+'), { reason: 'unsupported', field: 'pattern' });
  });

  it('keeps the last PATTERN', () => {
    expect(listStage('s').pattern('a').pattern('b').compile()).toBe("LIST @s PATTERN = 'b'");
  });
});

describe('removeFromStage', () => {
  it('renders REMOVE with and without a path and PATTERN', () => {
    expect(removeFromStage('drive_stage').compile()).toBe('REMOVE @drive_stage');
    expect(removeFromStage(driveStage, 'sessions/session_2024_08_16.parquet').compile()).toBe('REMOVE @drive_stage/sessions/session_2024_08_16.parquet');
    expect(removeFromStage('drive_stage', 'sessions/').pattern('.*_2024_08_16[.]parquet').compile()).toBe(
      "REMOVE @drive_stage/sessions/ PATTERN = '.*_2024_08_16[.]parquet'",
    );
  });
});

describe('stage paths: invalid input', () => {
  const characters = 'a stage path must not contain backslashes or control characters';

  it('refuses backslashes and control characters, naming the call and the rule', () => {
    for (const path of ['a\tb', 'a\nb', 'a\\b', 'a\u0000b', 'a\u007fb']) {
      expect(() => listStage('s', path)).toThrow(`listStage(): ${characters}`);
      expect(() => removeFromStage('s', path)).toThrow(`removeFromStage(): ${characters}`);
    }
  });

  it('refuses, in LIST and REMOVE only, a path the bare @stage/path token cannot hold', () => {
    for (const path of ['a b', 'path with space/', "a'b", 'a"b', 'a,b', 'a;b', 'a(b', 'a)b', 'a`b', 'a\u00a0b', 'a\u0085b', 'a\u2028b']) {
      expectValidation(() => listStage('s', path), { reason: 'unsupported', field: 'path', call: 'listStage()' });
      expectValidation(() => removeFromStage('s', path), { reason: 'unsupported', field: 'path', call: 'removeFromStage()' });
    }
  });

  it('refuses it in LIST even after another statement accepted the same path', () => {
    expect(stageLocation('s', 'one two/', 'selectFromStage()')).toEqual({ stage: 's', path: 'one two/' });
    expectValidation(() => listStage('s', 'one two/'), { reason: 'unsupported', field: 'path', call: 'listStage()' });
  });

  it('lists such a path from its parent folder with a PATTERN', () => {
    expect(listStage('s', 'raw/').pattern('path with space/.*').compile()).toBe("LIST @s/raw/ PATTERN = 'path with space/.*'");
    expect(removeFromStage('s', 'raw/').pattern("it's here/.*").compile()).toBe("REMOVE @s/raw/ PATTERN = 'it\\'s here/.*'");
  });

  it('refuses white space at either end of a path, which the engine trims', () => {
    for (const path of [' a/', 'a/ ', 'a ', '\u00a0a/', 'a/\u3000']) {
      expectValidation(() => listStage('s', path), { reason: 'invalid_format', field: 'path', call: 'listStage()' });
    }
  });

  it("refuses a leading '/' and '..' segments", () => {
    expectValidation(() => listStage('s', '/sessions/'), { reason: 'invalid_format', field: 'path', call: 'listStage()' });
    expectValidation(() => listStage('s', '../'), { reason: 'invalid_format', field: 'path', call: 'listStage()' });
    expectValidation(() => removeFromStage('s', 'a/../../b'), { reason: 'invalid_format', field: 'path', call: 'removeFromStage()' });
    expect(listStage('s', 'a..b/..c/').compile()).toBe('LIST @s/a..b/..c/');
  });

  it('refuses invalid stage names', () => {
    expectValidation(() => listStage('drive stage'), { reason: 'invalid_format', field: 'stage name', call: 'listStage()' });
    expectValidation(() => listStage({ name: "x'; DROP" }), { reason: 'invalid_format', field: 'stage name' });
    expectValidation(() => listStage('s', 1 as never), { reason: 'invalid_type', field: 'path', call: 'listStage()' });
  });

  it('refuses an empty PATTERN', () => {
    expectValidation(() => listStage('s').pattern(''), { reason: 'too_small', field: 'pattern', call: "listStage('s').pattern()" });
    expectValidation(() => removeFromStage('s').pattern(''), { reason: 'too_small', field: 'pattern', call: "removeFromStage('s').pattern()" });
  });

  it('keeps unicode paths', () => {
    expect(stageLocation('s', 'données/ü.parquet', 'test')).toEqual({ stage: 's', path: 'données/ü.parquet' });
  });
});

describe('listStage / removeFromStage: immutability', () => {
  it('never changes the builder it was called on', () => {
    const list = listStage('s', 'p/');
    const before = list.toNode();
    list.pattern('.*');
    expect(list.toNode()).toBe(before);
    expect(list.compile()).toBe('LIST @s/p/');
    const remove = removeFromStage('s');
    remove.pattern('.*');
    expect(remove.compile()).toBe('REMOVE @s');
  });
});
