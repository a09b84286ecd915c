import type { StepOutcome } from '../pipeline/run.js';

/** One progress line per step, with a line per file a COPY loaded or a LIST found. */
export function describeOutcome(outcome: StepOutcome, index: number, total: number): string {
  const head = `[${String(index + 1).padStart(String(total).length)}/${total}] ${outcome.step.title}`;
  switch (outcome.status) {
    case 'skipped':
      return `${head}: skipped (${outcome.reason})`;
    case 'refused':
      return `${head}: refused by the engine (needs ${outcome.step.requires}): ${outcome.error.serverCode} ${messageOnly(outcome.error.serverMessage)}`;
    case 'done':
      return `${head}: ${describeResult(outcome)} (${Math.round(outcome.durationMs)} ms)`;
  }
}

function describeResult(outcome: Extract<StepOutcome, { status: 'done' }>): string {
  const { result } = outcome;
  switch (result.kind) {
    case 'copy': {
      const rows = result.files.reduce((sum, file) => sum + file.rowsLoaded, 0);
      const lines = result.files.map(
        (file) => `\n      ${file.file}: ${file.rowsLoaded} rows${file.errorsSeen > 0 ? `, ${file.errorsSeen} errors (first: ${file.firstError})` : ''}`,
      );
      return `${rows} rows from ${result.files.length} file(s)${result.files.length === 0 ? ' (nothing new to load)' : ''}${lines.join('')}`;
    }
    case 'unload':
      return `${result.rowsUnloaded} rows unloaded (${result.inputBytes} bytes read, ${result.outputBytes} bytes written)`;
    case 'list':
      return `${result.files.length} file(s)${result.files.map((file) => `\n      ${file.name} (${file.size} bytes)`).join('')}`;
    case 'rows': {
      const columns = result.rows[0] === undefined ? '' : `: ${Object.keys(result.rows[0]).join(', ')}`;
      return `${result.rows.length} row(s)${columns}`;
    }
    case 'statement':
      return result.rowsAffected > 0 ? `ok, ${result.rowsAffected} row(s) written` : 'ok';
  }
}

/**
 * An engine's message without the backtrace a server may append (Rust frames `   0: ...`, `<Backtrace disabled ...>`,
 * `stack backtrace:`), which says nothing to the person running a pipeline.
 */
export function messageOnly(text: string): string {
  const cut = /\n\s*\n?\s*(?:\d+: |<Backtrace|stack backtrace:|Backtrace:)/.exec(text);
  return (cut === null ? text : text.slice(0, cut.index)).trimEnd();
}
