import type { Expression, PathStep, StagedColumn } from '../ast/expression.js';
import { namesDifferingOnlyInCase } from '../ast/text.js';
import type { SelectItem } from '../ast/stage.js';
import { KEYWORDS } from '../grammar/keywords.js';
import { renderCastType } from './data-type.js';
import { quoteIdentifier, quoteIdentifierExactly, quoteString } from './quote.js';

/** `exact`: the column names to quote even when plain, see {@link renderStagedProjection}. */
export function renderExpression(expression: Expression, exact?: ReadonlySet<string>): string {
  switch (expression.kind) {
    case 'SqlFragment':
      return expression.sql;
    case 'ColumnRef':
      return expression.exact === true || exact?.has(expression.name) === true ? quoteIdentifierExactly(expression.name) : quoteIdentifier(expression.name);
    case 'Cast':
      return `${renderExpression(expression.expression, exact)}::${renderCastType(expression.type)}`;
    case 'StagedColumn':
      return renderStagedColumn(expression);
    case 'StageMetadata':
      if (expression.name !== 'filename' && expression.name !== 'file_row_number')
        throw new TypeError(`unknown metadata column ${JSON.stringify(expression.name)}`);
      return `metadata$${expression.name}`;
    case 'Star':
      return '*';
    case 'Aggregate':
      if (expression.func !== 'COUNT') throw new TypeError(`unknown aggregate function ${JSON.stringify(expression.func)}`);
      return `${expression.func}(${renderExpression(expression.argument, exact)})`;
    default:
      // A node written by hand: render() reports it as not well formed.
      throw new TypeError(`unknown expression kind ${JSON.stringify((expression as { kind?: unknown }).kind)}`);
  }
}

/** A path key the parser takes bare after `:` or `.`; case is kept (`$1:Title` reads the key `Title`). */
const BARE_PATH_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `$1:a.b[0]`: a plain key bare (`:` first, `.` after, the docs' form), any other key as `['x y']` (a keyword is a
 * syntax error bare: `$1:select`, `$1:a.from`, 1005; `$1:'x y'` too), an index as `[0]`.
 */
function renderStagedColumn(column: StagedColumn): string {
  if (!Number.isSafeInteger(column.position) || column.position < 1)
    throw new RangeError(`column position ${String(column.position)} is not a positive integer`);
  let text = `$${column.position}`;
  column.path.forEach((step: PathStep, index) => {
    if (typeof step === 'number') {
      if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`path index ${step} is not a non-negative integer`);
      text += `[${step}]`;
    } else if (typeof step === 'string') {
      text += BARE_PATH_KEY.test(step) && !KEYWORDS.has(step.toLowerCase()) ? `${index === 0 ? ':' : '.'}${step}` : `[${quoteString(step)}]`;
    } else {
      throw new TypeError(`path step ${JSON.stringify(step)} is neither a key nor an index`);
    }
  });
  return text;
}

/** `expr` or `expr AS alias`. */
export function renderSelectItem(item: SelectItem, exact?: ReadonlySet<string>): string {
  const expression = renderExpression(item.expression, exact);
  if (item.alias === undefined) return expression;
  return `${expression} AS ${exact?.has(item.alias) === true ? quoteIdentifierExactly(item.alias) : quoteIdentifier(item.alias)}`;
}

/**
 * A SELECT list over staged files, items joined by `separator`. A bare name matches a Parquet or ORC file's column in
 * any case, so `b` beside `"B"` is ambiguous to the engine (1065) when the file has both: names that another name of
 * the list equals but for case are quoted, each then matching its own column exactly. Any other name keeps the
 * engine's own matching (`species` reads `Species`), as a Parquet load without a projection does.
 */
export function renderStagedProjection(items: readonly SelectItem[], separator: string): string {
  const exact = namesDifferingOnlyInCase(namesRead(items));
  let text = '';
  for (let i = 0; i < items.length; i++) text += (i === 0 ? '' : separator) + renderSelectItem(items[i]!, exact);
  return text;
}

/** The names the items read from the files (a count's argument too): an alias names a result column, matched against nothing. */
function namesRead(items: readonly SelectItem[]): string[] {
  const names: string[] = [];
  for (const item of items) {
    let expression = item.expression;
    while (expression.kind === 'Cast' || expression.kind === 'Aggregate') expression = expression.kind === 'Cast' ? expression.expression : expression.argument;
    if (expression.kind === 'ColumnRef') names.push(expression.name);
  }
  return names;
}
