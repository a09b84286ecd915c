export { ensureLocalEngine, engineHome, type LocalEngineOptions } from './python-env.js';
export { startLocalDatabend, type LocalDatabend, type StartLocalDatabendOptions } from './start-local-databend.js';
export {
  DataDirInUseError,
  EngineSetupError,
  EngineStartError,
  LocalEngineError,
  type LocalEngineErrorCode,
  PythonMissingError,
} from './errors.js';
// The root entry's types that this entry's declarations name (see databend-etl/kysely).
export type { DatabendEtlError, ErrorCode } from '../errors.js';
