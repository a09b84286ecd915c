/**
 * One small error hierarchy. Every error carries a stable `code` so callers can branch without parsing messages.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'ROW_VALIDATION'
  | 'SERVER'
  | 'TRANSPORT'
  | 'DRIVER_MISSING'
  | 'LOCAL_ENGINE';

export abstract class DatabendEtlError extends Error {
  abstract readonly code: ErrorCode;
  override get name(): string {
    return this.constructor.name;
  }
}

/**
 * A programmer error found while building a statement, before any SQL exists.
 * `call` names the API call (`copyInto('frame_events').files()`), `rule` the rule that was broken.
 */
export class ValidationError extends DatabendEtlError {
  readonly code = 'VALIDATION' as const;
  readonly call: string;
  readonly rule: string;
  readonly field: string | undefined;

  constructor(call: string, rule: string, field?: string) {
    super(`${call}: ${rule}`);
    this.call = call;
    this.rule = rule;
    this.field = field;
  }
}

/** Throws a ValidationError unless `condition` holds. */
export function check(condition: unknown, call: string, rule: string, field?: string): asserts condition {
  if (!condition) throw new ValidationError(call, rule, field);
}
