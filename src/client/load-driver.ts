import { DriverMissingError } from '../errors.js';
import type { DriverModule } from './driver-types.js';

/**
 * Loads databend-driver on first use, never at import: it is a native module and an optional peer, and building
 * statements must work without it. The package is CommonJS; `import()` exposes `Client` as a named export
 * (cjs-module-lexer) and as a property of `default`.
 */
export async function loadDriver(specifier = 'databend-driver'): Promise<DriverModule> {
  const restore = capDriverLog();
  try {
    const mod = (await import(specifier)) as Partial<DriverModule> & { default?: Partial<DriverModule> };
    const Client = mod.Client ?? mod.default?.Client;
    if (typeof Client !== 'function') throw new TypeError(`${specifier} does not export a Client class`);
    return { Client };
  } catch (error) {
    throw new DriverMissingError({ cause: error });
  } finally {
    restore();
  }
}

/**
 * The driver logs through Rust's env_logger, set up from RUST_LOG when the native module loads. At `info` and below
 * its own modules print every statement, credentials included (`INFO databend_driver::rest_api] exec: CREATE USER u
 * IDENTIFIED BY '...'`), so a RUST_LOG that does not name them (`info`, `debug`) is read with the driver's modules
 * (databend_driver, databend_client) held at `warn` while the module loads. Naming them (`databend_driver=debug`)
 * asks for those lines and is left as it is. Returns the function that puts RUST_LOG back.
 */
export function capDriverLog(env: NodeJS.ProcessEnv = process.env): () => void {
  const value = env.RUST_LOG;
  if (value === undefined || value.trim() === '' || /(?:^|,)\s*databend/i.test(value.split('/')[0]!)) return () => {};
  const slash = value.indexOf('/');
  const [directives, filter] = slash < 0 ? [value, ''] : [value.slice(0, slash), value.slice(slash)];
  env.RUST_LOG = `${directives},databend=warn${filter}`;
  return () => {
    env.RUST_LOG = value;
  };
}
