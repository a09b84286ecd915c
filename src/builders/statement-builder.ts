import { deepFreeze } from '../ast/freeze.js';
import type { Statement } from '../ast/statement.js';
import { render, type RenderOptions } from '../render/index.js';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/** Anything the client can execute: a built statement. */
export interface Compilable<N extends Statement = Statement> {
  toNode(): N;
  compile(options?: RenderOptions): string;
}

/**
 * The base of every builder: it wraps one statement node and never changes it. `compile()` renders the
 * SQL the engine runs; `toString()`, `JSON.stringify` and `util.inspect` render it with secrets masked.
 */
export abstract class StatementBuilder<N extends Statement> implements Compilable<N> {
  // Builders never change a node, they copy it; it is frozen when it leaves the builder (toNode()), not here, because
  // a fluent chain makes a node per call and freezing each one was a quarter of the cost of building a pipeline.
  // `declare`d and assigned rather than a class field: defining the field on instances of a dozen subclasses cost
  // about 200 ns a builder in V8.
  protected declare readonly node: N;

  constructor(node: N) {
    this.node = node;
  }

  /** The statement data, deep-frozen. */
  toNode(): N {
    return deepFreeze(this.node);
  }

  /**
   * A statement's node for another builder to hold (a task's body), not yet frozen when it is one of ours: the holder
   * is frozen as a whole when it is handed out, body included.
   */
  static nodeOf<N extends Statement>(statement: Compilable<N>): N {
    return statement instanceof StatementBuilder ? (statement as StatementBuilder<N>).node : statement.toNode();
  }

  compile(options: RenderOptions = {}): string {
    return render(this.node, options);
  }

  toString(): string {
    return render(this.node, { maskSecrets: true });
  }

  toJSON(): string {
    return this.toString();
  }

  [inspectSymbol](): string {
    return `${this.constructor.name} { ${this.toString()} }`;
  }
}

/** Names an object by a string or by anything with a `name` (a table, a builder's reference). */
export type NameRef = string | { readonly name: string };

export function nameOf(ref: NameRef): string {
  return typeof ref === 'string' ? ref : ref.name;
}
