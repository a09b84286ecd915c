import type { DataType } from '../schema/data-types.js';
import { quoteIdentifier } from './quote.js';

/** Renders a type as Databend's DDL and casts spell it: INT, DECIMAL(10, 2), ARRAY(STRING), VECTOR(4), ... */
export function renderDataType(type: DataType): string {
  switch (type.kind) {
    case 'DECIMAL':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'VECTOR':
      return `VECTOR(${type.dimension})`;
    case 'ARRAY':
      return `ARRAY(${renderDataType(type.element)})`;
    case 'MAP':
      return `MAP(${renderDataType(type.key)}, ${renderDataType(type.value)})`;
    case 'TUPLE':
      return type.named
        ? `TUPLE(${Object.entries(type.fields as Record<string, DataType>)
            .map(([name, field]) => `${quoteIdentifier(name)} ${renderDataType(field)}`)
            .join(', ')})`
        : `TUPLE(${(type.elements as readonly DataType[]).map(renderDataType).join(', ')})`;
    default:
      return type.kind;
  }
}
