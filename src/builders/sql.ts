import type { SqlFragment } from '../ast/expression.js';
import { isSqlFragment, makeFragment } from '../ast/expression.js';
import { renderLiteral } from '../render/literal.js';
import { quoteIdentifier, quoteString } from '../render/quote.js';
import { Secret } from '../ast/secret.js';
import { check, checkString } from '../checks.js';
import { ValidationError } from '../errors.js';
import { checkIdentifier } from '../schema/identifier.js';
import { checkNesting } from '../ast/value-contract.js';

const fragment = makeFragment;

/**
 * Writes an SQL expression; interpolated values become escaped literals, fragments are inlined. A number that is not
 * a safe integer is a DOUBLE, spelled so that it arrives bit for bit (`'0.30000000000000004'::DOUBLE` when long).
 *
 * @example
 * sql`risk_score > ${0.8} AND event_type = ${"hard_brake"}`   // risk_score > 0.8::DOUBLE AND event_type = 'hard_brake'
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  // The text between the values is SQL as written: only a tagged template's own strings (a frozen array with a frozen
  // `raw` twin), never an array from a request body, whose text would be inlined as SQL.
  check(
    isTemplateStrings(strings, values.length),
    'invalid_type',
    'sql``',
    'sql is a tag: write sql`...`, not sql(text) (SQL text from a value is sql.raw(), never for input)',
    'strings',
  );
  let text = strings[0] ?? '';
  let secrets: Secret[] | undefined;
  values.forEach((value, i) => {
    let piece: string;
    if (isSqlFragment(value)) {
      piece = value.sql;
      if (value.secrets !== undefined) (secrets ??= []).push(...value.secrets);
    } else if (value instanceof Secret) {
      // The credential goes to the engine as a string literal; the fragment keeps it so masked output hides it.
      piece = quoteString(value.reveal());
      (secrets ??= []).push(value);
    } else {
      piece = literalOf(value);
    }
    text += piece + (strings[i + 1] ?? '');
  });
  return makeFragment(text, secrets);
}

function isTemplateStrings(strings: unknown, values: number): boolean {
  if (!Array.isArray(strings) || !Object.isFrozen(strings) || strings.length !== values + 1) return false;
  const raw: unknown = (strings as unknown as { raw?: unknown }).raw;
  return Array.isArray(raw) && Object.isFrozen(raw) && strings.every((s) => typeof s === 'string');
}

/** A value as a literal; the value rules name no call of their own ('value: ...'), so the message names the tag. */
function literalOf(value: unknown): string {
  try {
    checkNesting(value);
    return renderLiteral(value);
  } catch (error) {
    if (error instanceof ValidationError && error.call === 'value') throw new ValidationError(error.reason, 'sql``', error.rule, 'value');
    throw error;
  }
}

/** An identifier, quoted when it must be: sql.id('Frame ID') renders "Frame ID". */
sql.id = (name: string): SqlFragment => {
  // The same rules as every declared name: a NUL in a result column name took the embedded engine down.
  checkIdentifier(name, 'sql.id()', 'identifier');
  return fragment(quoteIdentifier(name));
};

/** SQL text used verbatim. Never pass user input here. */
sql.raw = (text: string): SqlFragment => {
  checkString(text, 'sql.raw()', 'text');
  return fragment(text);
};
