import { isSqlFragment } from '../ast/expression.js';
import type { Compilable } from '../builders/statement-builder.js';
import { check } from '../checks.js';
import { collectSecrets, maskSqlText, scrub, secretsInSql } from './mask.js';
import type { Executable } from './types.js';

/** A statement ready to send, in the two renderings the client needs. */
export interface Prepared {
  /** What the engine receives, credentials revealed. */
  readonly sql: string;
  /** What messages, events and plans show: credentials masked. */
  readonly masked: string;
  /** Credential values to scrub from any text that echoes the SQL, with the DSN's own. */
  readonly secrets: readonly string[];
}

/**
 * Renders a statement twice: with credentials for the engine, masked for everything else. A builder masks its
 * `secret()` values itself; raw SQL is masked by option name, and both pass through the same mask as a backstop
 * (a hand-written `Compilable` may ignore `maskSecrets`).
 */
export function prepare(statement: Executable, dsnSecrets: readonly string[]): Prepared {
  if (typeof statement === 'string' || isSqlFragment(statement)) {
    const sql = typeof statement === 'string' ? statement : statement.sql;
    const own = [...(typeof statement === 'string' ? [] : collectSecrets(statement)), ...secretsInSql(sql)];
    return { sql, masked: scrub(maskSqlText(sql, own), longEnough(dsnSecrets)), secrets: [...own, ...dsnSecrets] };
  }
  // A plain object (a parsed request body shaped like a fragment, say) is not a statement.
  check(
    typeof statement === 'object' &&
      statement !== null &&
      typeof (statement as { compile?: unknown }).compile === 'function' &&
      typeof (statement as { toNode?: unknown }).toNode === 'function',
    'invalid_type',
    'client',
    'a statement is SQL text, an sql`` fragment or a built statement (with compile() and toNode())',
    'statement',
  );
  const sql = statement.compile();
  check(typeof sql === 'string', 'invalid_type', 'client', "a statement's compile() must return SQL text", 'statement');
  const own = [...collectSecrets(statement.toNode()), ...secretsInSql(sql)];
  const masked = scrub(maskSqlText(String(statement.compile({ maskSecrets: true })), own), longEnough(dsnSecrets));
  return { sql, masked, secrets: [...own, ...dsnSecrets] };
}

/** A statement's SQL as plans and events show it: what the client would print for it. */
export function maskedSql(statement: Compilable): string {
  return prepare(statement, []).masked;
}

/**
 * The DSN's credentials are scrubbed from a statement's printed SQL by value, but only from 8 characters on: a short
 * password ('pw') would garble every statement that happens to contain its letters. Credentials written in the
 * statement itself are scrubbed whatever their length.
 */
function longEnough(values: readonly string[]): string[] {
  return values.filter((value) => value.length >= 8);
}
