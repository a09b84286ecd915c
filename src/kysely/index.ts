// databend-etl/kysely: Kysely's dialect for Databend, typed from the SDK's table() schemas.
export { DatabendDialect, type DatabendDialectConfig } from './dialect.js';
export { DatabendAdapter } from './adapter.js';
export { DatabendKyselyDriver, type ConnectionSource } from './driver.js';
export { DatabendQueryCompiler } from './query-compiler.js';
export { DatabendIntrospector } from './introspector.js';
export { UnsupportedByDatabendError } from './errors.js';
export type { DatabendTables } from './values.js';
export type { KyselyDatabase, KyselyTable } from './types.js';
export {
  cosineDistance,
  fromStage,
  getPath,
  innerProduct,
  l2Distance,
  variantNumber,
  variantPath,
  variantString,
  type QueryVector,
  type VariantColumn,
  type VariantPath,
  type VectorColumn,
} from './helpers.js';
