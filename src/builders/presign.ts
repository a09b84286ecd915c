import type { Patch } from '../ast/common.js';
import { clonePresign, type PresignStmt } from '../ast/stage.js';
import { check, checkInteger, checkNonEmptyString, type CallSite } from '../checks.js';
import { stageLocation } from './stage-location.js';
import { nameOf, StatementBuilder, type NameRef, made } from './statement-builder.js';

/** A row PRESIGN returns: the HTTP method, the headers to send with it (a JSON object) and the signed URL. */
export interface PresignRow {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly url: string;
}

/** Databend's literal_u64; an EXPIRE of 0 would sign a URL that is expired when it is made. */
const EXPIRE_MAX = Number.MAX_SAFE_INTEGER;

/**
 * PRESIGN: a signed URL to download or upload one staged file over plain HTTP, without credentials. Run it with
 * `client.query()`: its one row is typed (`PresignRow`). Object-store stages only: the local engine's
 * filesystem storage refuses it with 3902 "storage doesn't support presign operation".
 *
 * @example
 * presign('drive_stage', 'exports/frames.parquet').upload().expire(600).contentType('application/octet-stream')
 * // PRESIGN UPLOAD @drive_stage/exports/frames.parquet EXPIRE = 600 CONTENT_TYPE = 'application/octet-stream'
 */
export class PresignBuilder extends StatementBuilder<PresignStmt> {
  /** Types only: the row `client.query()` returns. */
  declare readonly $inferRow: PresignRow;

  #call(method: string): CallSite {
    const stage = this.node.location.stage;
    return () => `presign('${stage}').${method}()`;
  }

  #next(patch: Patch<PresignStmt>): PresignBuilder {
    return new PresignBuilder(made(clonePresign(this.node, patch)));
  }

  /** PRESIGN DOWNLOAD: a URL to GET the file (the server's default when neither is called). */
  download(): PresignBuilder {
    // CONTENT_TYPE is applied only to an upload: a download would drop it without a word.
    check(this.node.contentType === undefined, 'conflict', this.#call('download'), 'CONTENT_TYPE applies only to PRESIGN UPLOAD', 'action');
    return this.#next({ action: 'DOWNLOAD' });
  }

  /** PRESIGN UPLOAD: a URL to PUT the file. */
  upload(): PresignBuilder {
    return this.#next({ action: 'UPLOAD' });
  }

  /** EXPIRE = seconds the URL stays valid (the server's default is 3600). */
  expire(seconds: number): PresignBuilder {
    checkInteger(seconds, 1, EXPIRE_MAX, this.#call('expire'), 'EXPIRE must be a positive integer number of seconds', 'seconds');
    return this.#next({ expire: seconds });
  }

  /** CONTENT_TYPE = '...': the Content-Type the upload must be sent with (call `.upload()` first). */
  contentType(type: string): PresignBuilder {
    const call = this.#call('contentType');
    check(this.node.action === 'UPLOAD', 'missing', call, 'CONTENT_TYPE applies only to PRESIGN UPLOAD: call .upload() first', 'contentType');
    checkNonEmptyString(type, call, 'CONTENT_TYPE must be a non-empty string', 'contentType');
    return this.#next({ contentType: type });
  }
}

/**
 * Starts a PRESIGN of one staged file, `@stage/path` (a stage name or builder, and the file's path in it).
 *
 * @example
 * presign('drive_stage', 'sessions/session_2024_08_16.parquet')   // PRESIGN @drive_stage/sessions/session_2024_08_16.parquet
 */
export function presign(stage: NameRef, path: string): PresignBuilder {
  const call = () => `presign('${nameOf(stage, 'presign()', 'stage name')}')`;
  checkNonEmptyString(path, call, 'PRESIGN signs one file: the path must be a non-empty string', 'path');
  check(!path.endsWith('/'), 'invalid_format', call, "PRESIGN signs one file: the path must not end with '/'", 'path');
  const location = stageLocation(stage, path, call);
  return new PresignBuilder(made({ kind: 'PresignStmt', action: undefined, location, expire: undefined, contentType: undefined }));
}
