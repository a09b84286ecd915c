// Prepares the local Databend engine (a private Python venv with the pinned `databend` wheel) so that tests and the
// demo start it in under a second. Called by scripts/setup.mjs; a no-op when the venv is already current.
import { ensureLocalEngine, LocalEngineError } from '../src/local/index.js';

const started = Date.now();
try {
  const { python } = await ensureLocalEngine({ onLog: (line) => console.log(line) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`setup: local Databend engine ready (${python}, ${seconds} s)`);
} catch (error) {
  if (error instanceof LocalEngineError) {
    console.error(`setup: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
