import { deepFreeze } from '../ast/freeze.js';
import type { Statement } from '../ast/statement.js';
import { check, checkBoolean, checkRecord, describeValue, type CallSite } from '../checks.js';
import { isStatementNode, renderChecked, type RenderOptions } from '../render/index.js';
import { ValidationError } from '../errors.js';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const NO_OPTIONS: RenderOptions = Object.freeze({});
const MASKED: RenderOptions = Object.freeze({ maskSecrets: true });

// The statement node a builder method made last, for the builder it constructs next (NOTHING, private to this module
// so that no caller can pass it, before the first). It is only ever a node the SDK made, so it may stay after use.
const NOTHING = {};
let madeNode: object = NOTHING;

/**
 * Hands a statement node the SDK has just made (a `clone*` copy, or an object literal of its kind) to the builder
 * constructed next, whose constructor then knows it by identity instead of checking its kind. Only for nodes made
 * here: a node from a caller (a constructor's argument, a Compilable's toNode()) goes to the constructor unmarked.
 */
export function made<N extends Statement>(node: N): N {
  madeNode = node;
  return node;
}

/**
 * The check of a node given to a builder's constructor, out of the constructor: with it inline (a megamorphic read
 * of the kind of two dozen node shapes, and the error's message) the constructor was too large for V8 to inline into
 * the builder methods, which cost about 6 % of building and rendering the EverDrive plan.
 */
function checkStatementNode(node: unknown, target: abstract new (...args: never[]) => unknown): void {
  if (!isStatementNode(node))
    throw new ValidationError(
      'invalid_type',
      `new ${target.name}()`,
      `node must be a statement node (what a builder's toNode() returns), not ${describeValue(node)}`,
      'node',
    );
}

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
  // The node is a builder's state. Builders never change it: each step copies it through its kind's one copy function
  // (`clone*` beside the node's interface in ast/), and it is frozen when it leaves the builder (toNode()), not here,
  // because a fluent chain makes a node per call and freezing each one was a quarter of the cost of building a pipeline.
  // `declare`d and assigned rather than a class field: defining the field on instances of a dozen subclasses cost
  // about 200 ns a builder in V8.
  declare protected readonly node: N;

  constructor(node: N) {
    // The builder classes are exported (for instanceof and their types), so a caller may call a constructor with
    // anything. A node is statement data, SQL by design as render()'s is; what is no statement node at all is refused
    // here, and a node written by hand that lacks a part when it is rendered (renderChecked). A node a builder method
    // has just made (made(): a clone* copy or a literal of its kind) is one by construction and is known by identity.
    if (node !== madeNode) checkStatementNode(node, new.target);
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

  compile(options?: RenderOptions): string {
    if (options === undefined) return renderChecked(this.node, NO_OPTIONS, 'compile()');
    checkRenderOptions(options, 'compile()');
    return renderChecked(this.node, options, 'compile()');
  }

  toString(): string {
    return renderChecked(this.node, MASKED, 'toString()');
  }

  toJSON(): string {
    return this.toString();
  }

  [inspectSymbol](): string {
    return `${this.constructor.name} { ${this.toString()} }`;
  }
}

/** `{ maskSecrets }` and nothing else: `maskSecrets: 'false'` would be truthy. */
export function checkRenderOptions(options: unknown, call: CallSite): asserts options is RenderOptions {
  checkRecord(options, call, 'options', ['maskSecrets']);
  if (options.maskSecrets !== undefined) checkBoolean(options.maskSecrets, call, 'maskSecrets');
}

/** Names an object by a string or by anything with a `name` (a table, a builder's reference). */
export type NameRef = string | { readonly name: string };

/**
 * The name a reference gives: a string, or the string `name` of an object (a builder, a table, a `stage()`
 * reference). A function has a name too, and null has none: both are refused, as is an object whose name is no string.
 */
export function nameOf(ref: NameRef, call: CallSite, what: string): string {
  if (typeof ref === 'string') return ref;
  const name: unknown = typeof ref === 'object' && ref !== null ? (ref as { name?: unknown }).name : undefined;
  check(
    typeof name === 'string',
    'invalid_type',
    call,
    () => `${what} must be a name or an object with a string name (a builder, a stage() reference), not ${describeValue(ref)}`,
    what,
  );
  return name;
}
