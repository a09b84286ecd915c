import { checkString } from '../checks.js';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
export const MASK = '***';

/**
 * A credential inside a statement. Its value is reachable only through `reveal()`: `String()`, `JSON.stringify`
 * and `util.inspect` all print the mask, so a statement node can be logged without leaking it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    checkString(value, 'secret()', 'value');
    this.#value = value;
    Object.freeze(this);
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [inspectSymbol](): string {
    return `Secret(${MASK})`;
  }
}

/** Wraps a credential so that it is masked everywhere but in the SQL sent to the engine. */
export function secret(value: string | Secret): Secret {
  return value instanceof Secret ? value : new Secret(value);
}
