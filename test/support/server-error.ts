import { expect } from 'vitest';
import { ServerError } from '../../src/index.js';

/** The ServerError a statement fails with; the test fails if it succeeds or fails otherwise. */
export async function serverError(run: Promise<unknown>): Promise<ServerError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServerError);
  return error as ServerError;
}
