import { check, checkInteger, checkList, checkPlainObject, describeValue, type CallSite } from '../checks.js';
import { DATA_TYPE_NAMES, DECIMAL_MAX_PRECISION, INT64_MODES, MAP_KEY_TYPE_NAMES, VECTOR_MAX_DIMENSION, type DataType } from '../ast/data-types.js';
import { checkIdentifier } from './identifier.js';

/** Deeper than this, a type is refused: each level is rendered recursively. */
const MAX_TYPE_DEPTH = 32;

/** Type nodes this module made: frozen, checked, returned again as they are. */
const checked = new WeakSet<object>();

const KEYS: Readonly<Record<string, readonly string[]>> = {
  DECIMAL: ['kind', 'precision', 'scale'],
  VECTOR: ['kind', 'dimension'],
  ARRAY: ['kind', 'element'],
  MAP: ['kind', 'key', 'value'],
};

/**
 * A data type node given by a caller (`array({ kind: 'INT' })`, `new Column({ type })`), checked as the type
 * functions check theirs and returned as a frozen copy: a node is rendered into DDL as it is, so a DECIMAL whose
 * precision is text, or a kind that is no type, would be SQL of its own; and a node the caller keeps could change
 * after the check.
 */
export function toDataType(value: unknown, call: CallSite, field: string, depth = 0): DataType {
  if (typeof value === 'object' && value !== null && checked.has(value)) return value as DataType;
  check(depth <= MAX_TYPE_DEPTH, 'too_big', call, () => `${field}: a type nested more than ${MAX_TYPE_DEPTH} levels deep`, field);
  checkPlainObject(value, call, field);
  const kind = value.kind;
  check(
    typeof kind === 'string' && (DATA_TYPE_NAMES as readonly string[]).includes(kind),
    typeof kind === 'string' ? 'invalid_value' : 'invalid_type',
    call,
    () =>
      `${field} must be a data type node whose kind is one of ${DATA_TYPE_NAMES.join(', ')}, or a column function such as int(), not ${describeValue(value)}`,
    field,
  );
  const named = kind === 'TUPLE' && value.named === true;
  const keys =
    KEYS[kind] ??
    (kind === 'TUPLE' ? ['kind', 'named', named ? 'fields' : 'elements'] : kind === 'BIGINT' || kind === 'BIGINT UNSIGNED' ? ['kind', 'mode'] : ['kind']);
  for (const key of Object.keys(value))
    check(keys.includes(key), 'unknown_key', call, () => `${field}: a ${kind} type node has no key '${key}' (known: ${keys.join(', ')})`, field);
  let node: DataType;
  switch (kind) {
    case 'DECIMAL': {
      const { precision, scale } = value;
      checkInteger(precision, 1, DECIMAL_MAX_PRECISION, call, () => `${field}: precision must be an integer from 1 to ${DECIMAL_MAX_PRECISION}`, field);
      checkInteger(scale, 0, precision, call, () => `${field}: scale must be an integer from 0 to the precision`, field);
      node = { kind, precision, scale };
      break;
    }
    case 'VECTOR':
      checkInteger(value.dimension, 1, VECTOR_MAX_DIMENSION, call, () => `${field}: dimension must be an integer from 1 to ${VECTOR_MAX_DIMENSION}`, field);
      node = { kind, dimension: value.dimension };
      break;
    case 'ARRAY':
      node = { kind, element: toDataType(value.element, call, `${field} element`, depth + 1) };
      break;
    case 'MAP': {
      const key = toDataType(value.key, call, `${field} key`, depth + 1);
      check(
        (MAP_KEY_TYPE_NAMES as readonly string[]).includes(key.kind),
        'invalid_value',
        call,
        () => `${field}: the key type must be one of ${MAP_KEY_TYPE_NAMES.join(', ')}`,
        field,
      );
      node = { kind, key, value: toDataType(value.value, call, `${field} value`, depth + 1) };
      break;
    }
    case 'TUPLE':
      check(typeof value.named === 'boolean', 'invalid_type', call, () => `${field}: a TUPLE type node says whether it is named (named: true or false)`, field);
      if (named) {
        checkPlainObject(value.fields, call, `${field} fields`);
        const entries = Object.entries(value.fields);
        check(entries.length > 0, 'too_small', call, () => `${field}: a tuple needs at least one field`, field);
        const fields: Record<string, DataType> = {};
        for (const [name, fieldType] of entries) {
          checkIdentifier(name, call, `${field} field name`);
          Object.defineProperty(fields, name, { value: toDataType(fieldType, call, `${field} field '${name}'`, depth + 1), enumerable: true });
        }
        node = { kind, named: true, fields: Object.freeze(fields) };
      } else {
        const elements = value.elements;
        check(
          Array.isArray(elements) && elements.length > 0,
          Array.isArray(elements) ? 'too_small' : 'invalid_type',
          call,
          () => `${field}: a positional TUPLE type node lists its elements (at least one)`,
          field,
        );
        checkList(elements, call, `${field} elements`);
        node = { kind, named: false, elements: Object.freeze(elements.map((element, i) => toDataType(element, call, `${field} element ${i + 1}`, depth + 1))) };
      }
      break;
    case 'BIGINT':
    case 'BIGINT UNSIGNED':
      if (value.mode === undefined) node = { kind };
      else {
        check(
          (INT64_MODES as readonly unknown[]).includes(value.mode),
          'invalid_value',
          call,
          () => `${field}: mode must be one of ${INT64_MODES.join(', ')}`,
          field,
        );
        node = { kind, mode: value.mode as (typeof INT64_MODES)[number] };
      }
      break;
    default:
      node = { kind } as DataType;
  }
  Object.freeze(node);
  checked.add(node);
  return node;
}

/** Marks a node the type functions made (already checked) so that toDataType returns it as it is. */
export function checkedType<T extends DataType>(node: T): T {
  checked.add(Object.freeze(node));
  return node;
}
