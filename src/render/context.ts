import type { Statement } from '../ast/statement.js';

/** How a statement is rendered. */
export interface RenderOptions {
  /**
   * Print credentials as '***'. The client renders with secrets revealed (the engine needs them); plans, logs
   * and error messages render masked.
   */
  readonly maskSecrets?: boolean;
}

/** What every statement renderer is given beside its node. */
export interface RenderContext {
  readonly options: RenderOptions;
  /**
   * The line break: `'\n'`, or `'\n'` and the indentation of a task body, so that a body is laid out indented as it
   * is rendered rather than re-scanned afterwards (a line break inside a hand-written fragment is left as it is).
   */
  readonly nl: string;
  /** Renders a statement held by this one (a task's body) with its lines broken by `nl`. */
  nested(stmt: Statement, nl: string): string;
}

/** The one signature of a statement renderer; render/index.ts holds one per statement kind. */
export type Renderer<S extends Statement> = (stmt: S, ctx: RenderContext) => string;
