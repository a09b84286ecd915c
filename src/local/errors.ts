import { DatabendEtlError, type ErrorCode } from '../errors.js';

/** Errors of the local engine (set-up, start, stop), in the SDK's error hierarchy with a stable `code` each. */
export type LocalEngineErrorCode = Extract<ErrorCode, `LOCAL_ENGINE_${string}`>;

export abstract class LocalEngineError extends DatabendEtlError {
  abstract override readonly code: LocalEngineErrorCode;
}

/** No CPython 3.12 or newer was found; `tried` lists every interpreter probed and what it reported. */
export class PythonMissingError extends LocalEngineError {
  readonly code = 'LOCAL_ENGINE_PYTHON_MISSING' as const;
  readonly tried: readonly string[];

  constructor(tried: readonly string[]) {
    super(
      'The local Databend engine needs CPython 3.12 or newer (the `databend` wheel is cp312-abi3), and none was found.\n' +
        `Tried:\n${tried.map((t) => `  - ${t}`).join('\n')}\n` +
        'Install Python 3.12+ (e.g. `pyenv install 3.12`), or point DATABEND_ETL_PYTHON at one.',
    );
    this.tried = tried;
  }
}

/** Creating the private virtual environment or installing the pinned packages into it failed. */
export class EngineSetupError extends LocalEngineError {
  readonly code = 'LOCAL_ENGINE_SETUP_FAILED' as const;
  readonly outputTail: string;

  constructor(step: string, outputTail: string, options?: ErrorOptions) {
    super(`Setting up the local Databend engine failed while ${step}${outputTail ? `:\n${outputTail}` : ''}`, options);
    this.outputTail = outputTail;
  }
}

/** The gateway process exited or stayed silent before reporting that it listens; `stderrTail` is its last output. */
export class EngineStartError extends LocalEngineError {
  readonly code = 'LOCAL_ENGINE_START_FAILED' as const;
  readonly stderrTail: string;

  constructor(reason: string, stderrTail: string, options?: ErrorOptions) {
    super(`The local Databend engine did not start: ${reason}${stderrTail ? `\n${stderrTail}` : ''}`, options);
    this.stderrTail = stderrTail;
  }
}

/** Another live engine already serves this data directory (the embedded meta store is single-process). */
export class DataDirInUseError extends LocalEngineError {
  readonly code = 'LOCAL_ENGINE_DATA_DIR_IN_USE' as const;
  readonly dataDir: string;
  readonly pid: number;

  constructor(dataDir: string, pid: number) {
    super(`The data directory ${dataDir} is in use by a local Databend engine (pid ${pid}); stop it or pick another dataDir`);
    this.dataDir = dataDir;
    this.pid = pid;
  }
}
