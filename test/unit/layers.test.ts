import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The layers of src/ and the one direction their imports go. A module imports its own layer or a lower one, never a
// sibling of the same rank; statement data (ast/) is the bottom, over the shared errors and checks; builders reach
// render/ only to compile; and no module needs itself through its value imports.

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Each layer of src/ and its rank: imports go to a lower rank, or stay in their own layer. */
const RANK: Readonly<Record<string, number>> = {
  // The error classes, the shared run-time checks and the engine's grammar (keywords, the bare stage path).
  foundation: 0,
  ast: 1,
  schema: 2,
  render: 2,
  builders: 3,
  client: 4,
  migrate: 5,
  pipeline: 6,
  local: 6,
  kysely: 7,
  cli: 8,
  index: 8,
};

/** What ast/ may import besides itself: the error classes and the checks every layer shares. */
const AST_MAY_IMPORT = new Set(['errors.ts', 'checks.ts']);

/**
 * The only builders -> render imports: compile() (the compile entry), and the sql tag, which writes the values it is
 * given as literals when the fragment is made (a fragment is pre-rendered text by design).
 */
const BUILDERS_TO_RENDER = new Set([
  'builders/statement-builder.ts -> render/index.ts',
  'builders/sql.ts -> render/literal.ts',
  'builders/sql.ts -> render/quote.ts',
]);

interface Import {
  readonly from: string;
  readonly to: string;
  /** `import type` / `export type`: erased, so it cannot make a cycle at run time (recursive types may be mutual). */
  readonly typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The relative imports and re-exports of a module, static and dynamic, read with TypeScript's parser. */
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: Import[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (specifier === undefined || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return;
    found.push({ from: relative(SRC, file), to: relative(SRC, resolve(dirname(file), specifier.text.replace(/\.js$/, '.ts'))), typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A module's layer: its top-level folder of src/, or the file itself (index.ts), the foundation's modules as one. */
function layerOf(path: string): string {
  const head = path.includes('/') ? path.split('/')[0]! : path.replace(/\.ts$/, '');
  return head === 'errors' || head === 'checks' || head === 'grammar' ? 'foundation' : head;
}

/** Each cycle of value imports, as the chain of modules that closes it. */
export function findCycles(imports: readonly Import[]): string[][] {
  const next = new Map<string, string[]>();
  for (const i of imports) if (!i.typeOnly) next.set(i.from, [...(next.get(i.from) ?? []), i.to]);
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const visit = (module: string, path: string[]): void => {
    state.set(module, 'open');
    path.push(module);
    for (const to of next.get(module) ?? []) {
      if (state.get(to) === 'open') cycles.push([...path.slice(path.indexOf(to)), to]);
      else if (state.get(to) === undefined) visit(to, path);
    }
    path.pop();
    state.set(module, 'done');
  };
  for (const module of next.keys()) if (!state.has(module)) visit(module, []);
  return cycles;
}

const IMPORTS = sourceFiles(SRC).flatMap(importsOf);

describe('the layers of src/', () => {
  it('reads the imports (a scanner that found none would pass every rule)', () => {
    expect(IMPORTS.length).toBeGreaterThan(300);
    expect(IMPORTS).toContainEqual({ from: 'render/index.ts', to: 'render/task.ts', typeOnly: false });
    expect(IMPORTS).toContainEqual({ from: 'ast/task.ts', to: 'ast/statement.ts', typeOnly: true });
  });

  it('places every module in a ranked layer', () => {
    const unranked = new Set(
      sourceFiles(SRC)
        .map((file) => layerOf(relative(SRC, file)))
        .filter((layer) => RANK[layer] === undefined),
    );
    expect([...unranked]).toEqual([]);
  });

  it('imports go down, or stay within their layer', () => {
    const upward = IMPORTS.filter(({ from, to }) => {
      const [a, b] = [layerOf(from), layerOf(to)];
      return a !== b && RANK[b]! >= RANK[a]!;
    });
    expect(upward.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('ast/ is the bottom: it imports only ast/, the error classes and the shared checks', () => {
    const outside = IMPORTS.filter(({ from, to }) => layerOf(from) === 'ast' && layerOf(to) !== 'ast' && !AST_MAY_IMPORT.has(to));
    expect(outside.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('builders/ import render/ only to compile (and the sql tag, which renders the values it is given)', () => {
    const reaching = IMPORTS.filter(({ from, to }) => layerOf(from) === 'builders' && layerOf(to) === 'render').map(({ from, to }) => `${from} -> ${to}`);
    expect(reaching.filter((edge) => !BUILDERS_TO_RENDER.has(edge))).toEqual([]);
  });

  it('has no cycle of value imports', () => {
    expect(findCycles(IMPORTS).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('the cycle finder finds a cycle, and ignores one closed by a type-only import', () => {
    const edge = (from: string, to: string, typeOnly = false): Import => ({ from, to, typeOnly });
    expect(findCycles([edge('a', 'b'), edge('b', 'c'), edge('c', 'a')])).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles([edge('a', 'b'), edge('b', 'a', true)])).toEqual([]);
  });
});
