// Databend's row-generating table functions as typed sources for Kysely's selectFrom(): numbers(n) and
// generate_series(start, stop[, step]), whose arguments are checked integers written as literals.
import { AliasNode, IdentifierNode, sql, type AliasedExpression, type Expression, type OperationNode, type RawBuilder } from 'kysely';
import { check, checkInteger, describeValue, type CallSite } from '../checks.js';
import { checkIdentifier } from '../schema/identifier.js';

/**
 * The alias nodes of table functions used under their own name: `FROM numbers(10)` needs no `AS numbers` (the engine
 * names the source after the function). Known by identity; a plugin that rebuilds the tree writes the alias, which
 * means the same.
 */
const unwrittenAliases = new WeakSet<OperationNode>();

/** Whether an alias node is a table function's own name, which the compiler leaves out in a FROM or JOIN. */
export function isUnwrittenAlias(node: AliasNode): boolean {
  return unwrittenAliases.has(node);
}

/**
 * A table function as a source for `selectFrom()` or a join: under its own name (`FROM numbers(10)`, rows typed `R`),
 * or under an alias with `.as('n')` (`FROM numbers(10) AS n`).
 */
export interface TableFunction<R, N extends string> extends AliasedExpression<R, N> {
  /** The function under an alias: `numbers(10) AS n`, its columns read as `n.number`. */
  as<A extends string>(alias: A): AliasedExpression<R, A>;
}

class TableFunctionSource<R, N extends string> implements TableFunction<R, N> {
  readonly #call: RawBuilder<R>;
  readonly #name: N;
  readonly #site: CallSite;

  constructor(call: RawBuilder<R>, name: N, site: CallSite) {
    this.#call = call;
    this.#name = name;
    this.#site = site;
    Object.freeze(this);
  }

  get expression(): Expression<R> {
    return this.#call;
  }

  get alias(): N {
    return this.#name;
  }

  as<A extends string>(alias: A): AliasedExpression<R, A> {
    checkIdentifier(alias, `${this.#site}.as()`, 'alias');
    return this.#call.as(alias);
  }

  toOperationNode(): AliasNode {
    const node = AliasNode.create(this.#call.toOperationNode(), IdentifierNode.create(this.#name));
    unwrittenAliases.add(node);
    return node;
  }
}

/** The largest count or bound taken: JavaScript numbers are exact up to 2^53 - 1. */
const MAX = Number.MAX_SAFE_INTEGER;

function checkBound(value: unknown, min: number, call: CallSite, field: string, what: string): asserts value is number {
  checkInteger(value, min, MAX, call, () => `${field} must be ${what}, not ${typeof value === 'number' ? String(value) : describeValue(value)}`, field);
}

/**
 * `numbers(n)`: the rows 0 .. n-1 in one BIGINT UNSIGNED column `number` (read as a bigint, as the SDK reads BIGINT
 * UNSIGNED), as a source for `selectFrom()`. `n` is a non-negative integer.
 *
 * @example
 * db.selectFrom(numbers(10)).select('number')                  // select number from numbers(10)
 * db.selectFrom(numbers(3).as('n')).select('n.number')         // select n.number from numbers(3) as n
 */
export function numbers(count: number): TableFunction<{ number: bigint }, 'numbers'> {
  const call = 'numbers()';
  checkBound(count, 0, call, 'count', `an integer 0..${MAX}`);
  return new TableFunctionSource(sql<{ number: bigint }>`numbers(${sql.raw(String(count))})`, 'numbers', call);
}

/**
 * `generate_series(start, stop[, step])`: the integers from start to stop (both included) by step (default 1; a
 * negative step counts down), in one BIGINT column `generate_series`, as a source for `selectFrom()`. The bounds
 * and the step are integers; the step is not 0 (the engine refuses it when the query runs). The engine types the
 * column nullable; no row is NULL.
 *
 * @example
 * db.selectFrom(generateSeries(1, 100)).selectAll()            // select * from generate_series(1, 100)
 * db.selectFrom(generateSeries(10, 0, -5).as('s')).select('s.generate_series')
 * // select s.generate_series from generate_series(10, 0, -5) as s
 */
export function generateSeries(start: number, stop: number, step?: number): TableFunction<{ generate_series: number }, 'generate_series'> {
  const call = 'generateSeries()';
  const integer = `an integer ${-MAX}..${MAX}`;
  checkBound(start, -MAX, call, 'start', integer);
  checkBound(stop, -MAX, call, 'stop', integer);
  if (step !== undefined) {
    checkBound(step, -MAX, call, 'step', integer);
    check(step !== 0, 'invalid_value', call, 'step must not be 0 (the engine refuses it: "step must not be zero")', 'step');
  }
  const args = [start, stop, ...(step === undefined ? [] : [step])].join(', ');
  return new TableFunctionSource(sql<{ generate_series: number }>`generate_series(${sql.raw(args)})`, 'generate_series', call);
}
