// The documentation corpus without an engine: every expression renders its statement's SQL (normalised, up to the
// listed equivalences), every id the expression files, equivalences and errata name is a corpus statement, and
// docs/coverage.md is the table these files give. Regenerate the page with
// `WRITE_COVERAGE=1 npx vitest run --project unit test/unit/corpus-coverage.test.ts`.
// test/engine/docs-corpus.test.ts runs the statements on the local engine.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EQUIVALENCES } from '../corpus/equivalences.js';
import { AHEAD_OF_ENGINE, ALL_EXPRESSIONS, ALL_MISSING } from '../corpus/expressions/all.js';
import { CORPUS, compare, ERRATA, FAMILIES, inScope, renderCoverage } from '../corpus/harness.js';

const DOC = fileURLToPath(new URL('../../docs/coverage.md', import.meta.url));
const byId = new Map(CORPUS.statements.map((s) => [s.id, s]));

describe('the documentation corpus', () => {
  it('has at least 200 statements in scope, each with its page, in the known families', () => {
    const scoped = CORPUS.statements.filter(inScope);
    expect(scoped.length).toBeGreaterThanOrEqual(200);
    expect(new Set(CORPUS.statements.map((s) => s.id)).size).toBe(CORPUS.statements.length);
    for (const s of scoped) {
      expect(FAMILIES as readonly string[]).toContain(s.family);
      expect(s.page).toMatch(/^docs\/en\/.+\.mdx?$/);
    }
  });

  it('names only corpus statements in scope in its expressions, missing features, equivalences and errata', () => {
    const unknown = [...Object.keys(ALL_EXPRESSIONS), ...Object.keys(ALL_MISSING), ...Object.keys(EQUIVALENCES), ...Object.keys(ERRATA)].filter(
      (id) => byId.get(id) === undefined || !inScope(byId.get(id) as never),
    );
    expect(unknown).toEqual([]);
    const both = Object.keys(ALL_EXPRESSIONS).filter((id) => ALL_MISSING[id] !== undefined || ERRATA[id] !== undefined);
    expect(both).toEqual([]);
    // Each family file holds only its own family's ids, so several people can fill them in at once.
    for (const id of Object.keys(ALL_EXPRESSIONS)) expect(byId.get(id)?.family).toBe(id.replace(/-\d+$/, ''));
  });

  it('renders each expressed statement as the documentation writes it', () => {
    const failures: string[] = [];
    for (const [id, expression] of Object.entries(ALL_EXPRESSIONS)) {
      const c = compare(byId.get(id) as never, expression);
      if (!c.matched) failures.push(`${id}:\n  docs: ${c.original}\n  sdk:  ${c.rendered}`);
    }
    expect(failures).toEqual([]);
  });

  it('renders the errata that are the documentation ahead of the engine, which the SDK writes', () => {
    const failures: string[] = [];
    for (const [id, expression] of Object.entries(AHEAD_OF_ENGINE)) {
      expect(ERRATA[id], `${id} is no erratum`).toBeDefined();
      const c = compare(byId.get(id) as never, expression);
      if (!c.matched) failures.push(`${id}:\n  docs: ${c.original}\n  sdk:  ${c.rendered}`);
    }
    expect(failures).toEqual([]);
  });

  it('docs/coverage.md holds the table these files give', () => {
    if (process.env.WRITE_COVERAGE === '1') writeFileSync(DOC, renderCoverage());
    expect(readFileSync(DOC, 'utf8')).toBe(renderCoverage());
  });
});
