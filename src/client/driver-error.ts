import { ServerError, TransportError } from '../errors.js';
import { scrub } from './mask.js';

/**
 * databend-driver turns every Rust error into a plain Error whose message is the error's display text plus the
 * driver version, e.g. (bendsql core/src/error.rs):
 *   APIError: QueryFailed: [1025]Unknown table "default"."t" . [v0.33.7]
 *   APIError: BadRequest:(400 Bad Request)[400]parse error: ... [v0.33.7]
 *   APIError: [request_kind=login]: AuthFailure: [5100]wrong password for user root [v0.33.7]
 *   APIError: [request_kind=login]: reqwest::Error: error sending request, source_chain=... Connection refused (os error 111) [v0.33.7]
 */
const VERSION_SUFFIX = /\s\[v\d+\.\d+\.\d+[^\]]*\]$/;
const SERVER_ERROR = /^APIError: (?:QueryFailed: |BadRequest:\([^)]*\))\[(\d+)\]([\s\S]*)$/;

/** What is known about the failed call. */
export interface FailureContext {
  /** The statement, credentials masked; undefined while connecting. */
  readonly sql: string | undefined;
  /** Credential values to scrub from every text. */
  readonly secrets: readonly string[];
  /** The masked DSN, named in transport failures. */
  readonly target: string;
}

/**
 * Classifies a driver error: a server's refusal of a statement becomes a `ServerError` with Databend's code;
 * everything else (refused, timed out, login failed, bad DSN, undecodable response) a `TransportError`.
 * Credentials are scrubbed from every message, and from the cause when the driver's text contained one.
 */
export function classifyDriverError(error: unknown, context: FailureContext): ServerError | TransportError {
  const raw = error instanceof Error ? error.message : String(error);
  const scrubbed = scrub(raw, context.secrets);
  const cause = scrubbed === raw && error instanceof Error ? error : new Error(scrubbed);
  // Read the message's shape before scrubbing: a short credential (a one-letter test key) masked inside
  // "APIError: QueryFailed" would otherwise turn a server's refusal into a transport failure.
  const message = raw.replace(VERSION_SUFFIX, '');
  const server = SERVER_ERROR.exec(message);
  if (server !== null && context.sql !== undefined) {
    return new ServerError(Number(server[1]), scrub(server[2]!.trim(), context.secrets), context.sql, { cause });
  }
  return new TransportError(`Cannot talk to Databend at ${context.target}: ${scrub(message.replace(/^APIError: /, ''), context.secrets)}`, context.sql, {
    cause,
  });
}
