// Prepares the local Databend engine (a private Python venv with the pinned `databend` wheel) so that tests and the
// demo start it in under a second. Called by scripts/setup.mjs; a no-op when the venv is already current.
// `--print-python`: the progress goes to stderr and stdout is the venv's python alone (scripts/check-python.mjs).
import { ensureLocalEngine, LocalEngineError } from '../src/local/index.js';

const printPython = process.argv.includes('--print-python');
const started = Date.now();
try {
  const say = (line: string) => (printPython ? console.error(line) : console.log(line));
  const { python } = await ensureLocalEngine({ onLog: say });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (printPython) console.log(python);
  else console.log(`setup: local Databend engine ready (${python}, ${seconds} s)`);
} catch (error) {
  if (error instanceof LocalEngineError) {
    console.error(`setup: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
