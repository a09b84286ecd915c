import type { Expression } from '../ast/expression.js';
import type { SelectItem } from '../ast/stage.js';
import { renderCastType } from './data-type.js';
import { quoteIdentifier } from './quote.js';

export function renderExpression(expression: Expression): string {
  switch (expression.kind) {
    case 'SqlFragment':
      return expression.sql;
    case 'ColumnRef':
      return quoteIdentifier(expression.name);
    case 'Cast':
      return `${renderExpression(expression.expression)}::${renderCastType(expression.type)}`;
    default:
      // A node written by hand: render() reports it as not well formed.
      throw new TypeError(`unknown expression kind ${JSON.stringify((expression as { kind?: unknown }).kind)}`);
  }
}

/** `expr` or `expr AS alias`. */
export function renderSelectItem(item: SelectItem): string {
  const expression = renderExpression(item.expression);
  return item.alias === undefined ? expression : `${expression} AS ${quoteIdentifier(item.alias)}`;
}
