import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ValidationError } from '../errors.js';
import type { Pipeline } from '../pipeline/pipeline.js';

/**
 * Imports a pipeline module: its default export (or an export named `pipeline`) must be a `pipeline(...)`.
 * TypeScript modules are loaded through tsx when it is installed (Node 20 cannot import .ts by itself).
 */
export async function loadPipeline(path: string): Promise<Pipeline> {
  const url = pathToFileURL(resolve(path)).href;
  if (/\.[cm]?ts$/.test(path)) await registerTsx('loadPipeline()');
  const mod = (await import(url)) as { default?: unknown; pipeline?: unknown };
  const candidate = isPipeline(mod.default) ? mod.default : mod.pipeline;
  if (!isPipeline(candidate)) {
    throw new ValidationError('missing', `loadPipeline('${path}')`, 'the module must export a pipeline(...) as default or as `pipeline`', 'module');
  }
  return candidate;
}

function isPipeline(value: unknown): value is Pipeline {
  return typeof value === 'object' && value !== null && typeof (value as Pipeline).name === 'string' && Array.isArray((value as Pipeline).steps);
}

let tsxRegistered = false;

/** Lets Node import a TypeScript module, through tsx when it is installed. */
export async function registerTsx(call: string): Promise<void> {
  if (tsxRegistered || process.execArgv.some((arg) => arg.includes('tsx'))) return;
  try {
    const api = (await import('tsx/esm/api' as string)) as { register(): unknown };
    api.register();
    tsxRegistered = true;
  } catch {
    throw new ValidationError('missing', call, 'a TypeScript module needs tsx installed (npm i -D tsx), or compile it to JavaScript first', 'module');
  }
}
