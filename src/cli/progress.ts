import type { StepOutcome } from '../pipeline/run.js';

/** One progress line per step, with a line per file a COPY loaded. */
export function describeOutcome(outcome: StepOutcome, index: number, total: number): string {
  const head = `[${String(index + 1).padStart(String(total).length)}/${total}] ${outcome.step.title}`;
  switch (outcome.status) {
    case 'skipped':
      return `${head}: skipped (${outcome.reason})`;
    case 'refused':
      return `${head}: refused by the engine (needs ${outcome.step.requires}): ${outcome.error.serverCode} ${firstLine(outcome.error.serverMessage)}`;
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
    case 'list':
      return `${result.files.length} file(s)${result.files.map((file) => `\n      ${file.name} (${file.size} bytes)`).join('')}`;
    case 'rows':
      return `${result.rows.length} row(s)`;
    case 'statement':
      return 'ok';
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
