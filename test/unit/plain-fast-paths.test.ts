// The checks of names and stage paths clear plain text in one pass over its characters and check anything else rule
// by rule. These properties hold the one pass to the rules: it may send a text to the rules, never let one through
// that the rules refuse. The rules are written out here as the docs state them, independent of the source.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWellFormed } from '../../src/ast/text.js';
import { checkIdentifier } from '../../src/schema/identifier.js';
import { listStage, selectFromStage } from '../../src/index.js';

// Characters at the edge of every rule: dots and slashes (segments), white space of several kinds, a backslash,
// control characters, a dollar sign, digits, letters of both cases, a non-ASCII letter and both halves of a pair.
const EDGE_CHARACTERS = [...'~./ \t\u0085\u00a0\\\u0000\u001f\u007f$09aZ_-é@`[{', '\ud83d', '\ude97'];
const edgeText = (maxLength: number) =>
  fc.oneof(
    fc.array(fc.constantFrom(...EDGE_CHARACTERS), { maxLength }).map((chars) => chars.join('')),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ maxLength }),
  );

const WHITE_SPACE_AT_AN_END = /^[\s\u0085]|[\s\u0085]$/u;

/** docs/api.md: a stage path is relative, at most 1,024 characters, without backslashes, control characters, white space at an end, lone surrogates or `..` segments. */
function stagePathIsValid(path: string): boolean {
  return (
    path.length <= 1024 &&
    !/[\\\u0000-\u001f\u007f]/.test(path) &&
    !WHITE_SPACE_AT_AN_END.test(path) &&
    isWellFormed(path) &&
    !path.startsWith('/') &&
    !path.split('/').includes('..')
  );
}

const accepts = (fn: () => unknown): boolean => {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
};

describe('the one-pass checks agree with the rules', () => {
  it('a stage path is accepted exactly when every rule holds', () => {
    fc.assert(
      fc.property(edgeText(12), (path) => {
        expect(
          accepts(() => selectFromStage('s', path)),
          JSON.stringify(path),
        ).toBe(stagePathIsValid(path));
      }),
      { numRuns: 3000 },
    );
    for (const path of ['a/', 'a..b/', '..', 'a/../', './a', '/a', 'a/..', 'x'.repeat(1024), 'x'.repeat(1025), ' a', 'a\u0085', 'a\\b'])
      expect(
        accepts(() => selectFromStage('s', path)),
        path,
      ).toBe(stagePathIsValid(path));
  });

  it('a stage name is a letter or _ followed by letters, digits or _ (or ~, the user stage)', () => {
    fc.assert(
      fc.property(edgeText(8), (name) => {
        expect(
          accepts(() => listStage(name)),
          JSON.stringify(name),
        ).toBe(name === '~' || /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
      }),
      { numRuns: 3000 },
    );
  });

  it('an identifier passes the one pass only when it passes every rule', () => {
    const rules = (name: string) =>
      name.length > 0 && name.length <= 255 && !/[\u0000-\u001f\u007f]/.test(name) && isWellFormed(name) && name.trim() === name && !name.includes('\\');
    fc.assert(
      fc.property(edgeText(8), (name) => {
        expect(
          accepts(() => checkIdentifier(name, 'test', 'name')),
          JSON.stringify(name),
        ).toBe(rules(name));
      }),
      { numRuns: 3000 },
    );
    for (const name of ['a$', '$a', '_1', '1a', 'x'.repeat(255), 'x'.repeat(256)])
      expect(
        accepts(() => checkIdentifier(name, 'test', 'name')),
        name,
      ).toBe(rules(name));
  });
});
