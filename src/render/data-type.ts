import type { DataType } from '../ast/data-types.js';
import { quoteIdentifier } from './quote.js';

/**
 * Renders a type as Databend's DDL spells it: INT, DECIMAL(10, 2), ARRAY(STRING), VECTOR(4), ... In a column
 * definition the engine makes ARRAY elements, MAP values and TUPLE fields nullable by itself, so they are not marked.
 */
export function renderDataType(type: DataType): string {
  return render(type, '');
}

/**
 * Renders a type for a cast: ARRAY(INT NULL), MAP(STRING, INT NULL), TUPLE(a INT NULL). A cast to ARRAY(INT) makes
 * elements NOT NULL and fails on a NULL element (1006 "unable to cast NULL to type Int32"), while a column declared
 * ARRAY(INT) holds ARRAY(INT NULL): the cast names the type the engine stores (`typeof()` shows it).
 */
export function renderCastType(type: DataType): string {
  return render(type, ' NULL');
}

function render(type: DataType, nested: string): string {
  switch (type.kind) {
    case 'DECIMAL':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'VECTOR':
      return `VECTOR(${type.dimension})`;
    case 'ARRAY':
      return `ARRAY(${render(type.element, nested)}${nested})`;
    case 'MAP':
      // MAP keys cannot be NULL.
      return `MAP(${render(type.key, nested)}, ${render(type.value, nested)}${nested})`;
    case 'TUPLE':
      return type.named
        ? `TUPLE(${Object.entries(type.fields as Record<string, DataType>)
            .map(([name, field]) => `${quoteIdentifier(name)} ${render(field, nested)}${nested}`)
            .join(', ')})`
        : `TUPLE(${(type.elements as readonly DataType[]).map((element) => render(element, nested) + nested).join(', ')})`;
    default:
      return type.kind;
  }
}
