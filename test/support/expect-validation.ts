// Asserting a refusal by what it is, not by its wording: the error's class, its reason code and the field at fault (and
// the call, where the test is about which call refuses). The sentences themselves are pinned once, in
// test/unit/bad-input.test.ts, and where a test is about the wording.
import { expect } from 'vitest';
import { ValidationError, type ValidationReason } from '../../src/index.js';

export interface ExpectedValidation {
  readonly reason: ValidationReason;
  /** The field the error names; `undefined` when it names none (stated, so that a test cannot forget it). */
  readonly field: string | undefined;
  /** The API call the error names, when the test is about which call refuses. */
  readonly call?: string;
}

/** Runs `attempt` and expects a ValidationError with this reason and field (and call, when given); returns the error. */
export function expectValidation(attempt: () => unknown, expected: ExpectedValidation): ValidationError {
  let thrown: unknown;
  try {
    attempt();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a ValidationError').toBeInstanceOf(ValidationError);
  const error = thrown as ValidationError;
  const seen = { reason: error.reason, field: error.field, ...(expected.call === undefined ? {} : { call: error.call }) };
  expect(seen, error.message).toEqual({ reason: expected.reason, field: expected.field, ...(expected.call === undefined ? {} : { call: expected.call }) });
  return error;
}
