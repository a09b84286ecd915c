import { DriverMissingError } from '../errors.js';
import type { DriverModule } from './driver-types.js';

/**
 * Loads databend-driver on first use, never at import: it is a native module and an optional peer, and building
 * statements must work without it. The package is CommonJS; `import()` exposes `Client` as a named export
 * (cjs-module-lexer) and as a property of `default`.
 */
export async function loadDriver(specifier = 'databend-driver'): Promise<DriverModule> {
  try {
    const mod = (await import(specifier)) as Partial<DriverModule> & { default?: Partial<DriverModule> };
    const Client = mod.Client ?? mod.default?.Client;
    if (typeof Client !== 'function') throw new TypeError(`${specifier} does not export a Client class`);
    return { Client };
  } catch (error) {
    throw new DriverMissingError({ cause: error });
  }
}
