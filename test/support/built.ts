// Building a statement against an oracle's verdict: the property and keyword tests decide from their own rules (or
// from the engine) whether the SDK must refuse an input, then hold the builder to it.
import { expect } from 'vitest';
import { ValidationError } from '../../src/index.js';

export type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export function attempt<T>(build: () => T): Attempt<T> {
  try {
    return { ok: true, value: build() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * `rule` (from the oracle) says whether building must fail. If it must, the builder threw a ValidationError with
 * exactly that message and nothing is sent; if not, the builder succeeded and its statement is returned.
 */
export function built<T>(result: Attempt<T>, rule: string | undefined): T | undefined {
  if (rule !== undefined) {
    expect(result.ok, `expected a ValidationError: ${rule}`).toBe(false);
    const error = (result as { error: unknown }).error;
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(rule);
    return undefined;
  }
  if (!result.ok) throw result.error;
  return result.value;
}
