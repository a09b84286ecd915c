import type { SqlFragment } from '../ast/expression.js';
import { isSqlFragment, makeFragment } from '../ast/expression.js';
import { renderLiteral } from '../render/literal.js';
import { quoteIdentifier, quoteString } from '../render/quote.js';
import { Secret } from '../ast/secret.js';
import { checkIdentifier } from '../schema/identifier.js';

const fragment = makeFragment;

/**
 * Writes an SQL expression; interpolated values become escaped literals, fragments are inlined. A number that is not
 * a safe integer is a DOUBLE, spelled so that it arrives bit for bit (`'0.30000000000000004'::DOUBLE` when long).
 *
 * @example
 * sql`risk_score > ${0.8} AND event_type = ${"hard_brake"}`   // risk_score > 0.8::DOUBLE AND event_type = 'hard_brake'
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
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
      piece = renderLiteral(value);
    }
    text += piece + (strings[i + 1] ?? '');
  });
  return makeFragment(text, secrets);
}

/** An identifier, quoted when it must be: sql.id('Frame ID') renders "Frame ID". */
sql.id = (name: string): SqlFragment => {
  // The same rules as every declared name: a NUL in a result column name took the embedded engine down.
  checkIdentifier(name, 'sql.id()', 'identifier');
  return fragment(quoteIdentifier(name));
};

/** SQL text used verbatim. Never pass user input here. */
sql.raw = (text: string): SqlFragment => fragment(text);
