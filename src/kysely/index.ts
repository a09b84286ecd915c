// databend-etl/kysely: Kysely's dialect for Databend, typed from the SDK's table() schemas.
export { DatabendDialect, type DatabendDialectConfig, type DialectTables } from './dialect.js';
export { DatabendAdapter } from './adapter.js';
export { DatabendKyselyDriver, type ConnectionSource } from './driver.js';
export { DatabendQueryCompiler } from './query-compiler.js';
export { DatabendIntrospector } from './introspector.js';
export { UnsupportedByDatabendError } from './errors.js';
export type { DatabendTables } from './values.js';
export type { KyselyDatabase, KyselyTable } from './types.js';
export { generateSeries, numbers, type TableFunction } from './table-functions.js';
export {
  cast,
  cosineDistance,
  fromStage,
  getPath,
  innerProduct,
  l2Distance,
  variantNumber,
  variantPath,
  variantString,
  type CastValue,
  type QueryVector,
  type VariantColumn,
  type VariantPath,
  type VectorColumn,
} from './helpers.js';
// The root entry's types that this entry's declarations name, so that a consumer's declaration emit can name them
// from here too (a file that imports only databend-etl/kysely).
export type { AnyTable, Columns, Table } from '../schema/table.js';
export type { InferInsert, InferSelect } from '../schema/infer.js';
export type { JsonValue, SelectValue } from '../schema/values.js';
export type { Column } from '../schema/column.js';
export type { DataType } from '../ast/data-types.js';
export type { NameRef } from '../builders/statement-builder.js';
export type { SelectStageBuilder } from '../builders/select-stage.js';
export type { DatabendClient } from '../client/client.js';
export type { ClientOptions } from '../client/types.js';
export type { ValidationError, ValidationReason } from '../errors.js';
