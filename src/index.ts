// The public API of databend-etl: explicit named exports only. Pinned by test/unit/exports.test.ts.

// Schema
export { table, Table } from './schema/table.js';
export type { AnyTable, Columns, TableOptions } from './schema/table.js';
export { CLUSTER_TYPES, TABLE_ENGINES, TABLE_INDEX_TYPES } from './ast/ddl.js';
export type { ClusterType, ColumnDefault, TableEngine, TableEngineOptions } from './ast/ddl.js';
export { Column } from './schema/column.js';
export type { AnyColumn, AutoIncrementOptions, ColumnSpec, DefaultValue } from './schema/column.js';
export {
  vectorIndex,
  invertedIndex,
  ngramIndex,
  VECTOR_DISTANCES,
  INVERTED_TOKENIZERS,
  INVERTED_FILTERS,
  INVERTED_INDEX_RECORDS,
} from './schema/table-index.js';
export type { IndexOptionsBase, VectorDistance, VectorIndexOptions, InvertedIndexOptions, NgramIndexOptions } from './schema/table-index.js';
export {
  array,
  bigint,
  bigintUnsigned,
  binary,
  bitmap,
  boolean,
  date,
  decimal,
  double,
  float,
  geography,
  geometry,
  int,
  intUnsigned,
  interval,
  map,
  smallint,
  smallintUnsigned,
  string,
  timestamp,
  timestampTz,
  tinyint,
  tinyintUnsigned,
  tuple,
  variant,
  vector,
} from './schema/column-types.js';
export { DATA_TYPE_NAMES, INTEGER_TYPE_NAMES, INT64_MODES, DECIMAL_MAX_PRECISION, VECTOR_MAX_DIMENSION } from './ast/data-types.js';
export type { Int64Mode, Int64Type, Int64TypeName } from './ast/data-types.js';
export type { Int64Options } from './schema/column-types.js';
export type {
  ArrayType,
  DataType,
  DataTypeName,
  DecimalType,
  IntegerTypeName,
  MapType,
  NamedTupleType,
  SimpleType,
  SimpleTypeName,
  TupleType,
  VectorType,
} from './ast/data-types.js';
export type { InferInsert, InferSelect, NewRow, Row } from './schema/infer.js';
export type { InsertMap, InsertValue, Int64Value, JsonValue, SelectMap, SelectValue } from './schema/values.js';
export { insertSchema, selectSchema } from './schema/zod.js';

// Statements
export { sql } from './builders/sql.js';
export { secret, Secret } from './ast/secret.js';
export type { Aggregate, AggregateFunction, Cast, ColumnRef, Expression, SqlFragment } from './ast/expression.js';
export type { Statement, StatementKind } from './ast/statement.js';
export type { Compilable, StatementBuilder } from './builders/statement-builder.js';
export { createTable, CreateTableBuilder } from './builders/create-table.js';
export type { CreateTableStart, TableQuerySource } from './builders/create-table.js';
export { alterTable, AlterTableBuilder } from './builders/alter-table.js';
export type { AlterTableStart, AddColumnOptions, MaskingPolicyOptions } from './builders/alter-table.js';
export { createIndex, CreateIndexBuilder, dropIndex, DropIndexBuilder, refreshIndex, RefreshIndexBuilder } from './builders/create-index.js';
export { COMPRESSIONS, FILE_FORMAT_OPTIONS, FILE_FORMAT_TYPES } from './builders/file-format.js';
export type {
  Compression,
  FileFormat,
  FileFormatInput,
  FileFormatOptions,
  FileFormatType,
  LanceFileFormat,
  NamedFileFormat,
  StageFormatType,
} from './builders/file-format.js';
export { render } from './render/index.js';
export type { RenderOptions } from './render/index.js';
export { ON_ERROR_MODES, COLUMN_MATCH_MODES } from './ast/copy.js';
export { INTERVAL_UNITS } from './ast/task.js';
export { DROPPABLE_OBJECTS } from './ast/ddl.js';
export { DESCRIBABLE_OBJECTS, SHOWABLE_OBJECTS } from './ast/show.js';
// The statement nodes (what toNode() returns) and their parts.
export type { CreateOption, ObjectName, StageLocation } from './ast/common.js';
export type {
  ColumnMatchMode,
  CopyIntoLocationOptions,
  CopyIntoLocationStmt,
  CopyIntoTableOptions,
  CopyIntoTableStmt,
  CopySource,
  InsertStmt,
  InsertValues,
  OnErrorMode,
  OnErrorModeName,
  SelectTableStmt,
} from './ast/copy.js';
export type { ColumnDefinition, CreateTableStmt, DropStmt, DroppableObject } from './ast/ddl.js';
export type { AutoIncrement, ClusterBy, ClusterKey, ComputedColumn, TableIndexDefinition, TableIndexType, TableQuery } from './ast/ddl.js';
export type { AlterTableAction, AlterTableActionKind, AlterTableStmt, ColumnPosition } from './ast/alter-table.js';
export type { CreateTableIndexStmt, DropTableIndexStmt, RefreshTableIndexStmt } from './ast/table-index.js';
export type {
  ConnectionSpec,
  CreateConnectionStmt,
  CreateFileFormatStmt,
  CreateStageStmt,
  ExternalLocation,
  FileFormatSpec,
  ListStageStmt,
  OptionEntry,
  OptionValue,
  RemoveStageStmt,
  SelectItem,
  SelectStageStmt,
  StageSourceOptions,
} from './ast/stage.js';
export type { CreateStreamStmt, StreamPoint } from './ast/stream.js';
export type { AlterTaskAction, AlterTaskStmt, CreateTaskStmt, ExecuteTaskStmt, IntervalUnit, TaskOptions, TaskSchedule } from './ast/task.js';

// Connections, stages, file formats
export { createConnection, CreateConnectionBuilder, STORAGE_TYPES, STORAGE_PARAMETERS } from './builders/create-connection.js';
export type { ConnectionStart, StorageParameters, StorageType } from './builders/create-connection.js';
export { createStage, stage, CreateStageBuilder } from './builders/create-stage.js';
export type { StageRef, StageStorage } from './builders/create-stage.js';
export { createFileFormat, CreateFileFormatBuilder } from './builders/create-file-format.js';
export { listStage, ListStageBuilder } from './builders/list-stage.js';
export { removeFromStage, RemoveStageBuilder } from './builders/remove-stage.js';
export type { StageFilesBuilder } from './builders/stage-files.js';
export { selectFromStage, SelectStageBuilder } from './builders/select-stage.js';
export type { SelectStagePlan } from './builders/select-stage.js';
// Staged-file columns without a table, and the table functions over staged files
export { staged, MAX_STAGED_POSITION } from './builders/staged-columns.js';
export type { StagedExpr, StagedRow, StagedSelectItem, StagedSource, StagedValue, VariantRowFormat } from './builders/staged-columns.js';
export type { PathStep, StagedColumn, StageMetadata, StageMetadataName, Star } from './ast/expression.js';
export { inferSchema, InferSchemaBuilder, listStageFiles, ListStageFilesBuilder, TABLE_FUNCTION_COLUMNS } from './builders/table-functions.js';
export type { InferSchemaRow, ListStageRow, OrderDirection, TableFunctionBuilder } from './builders/table-functions.js';
export type { OrderByColumn, SelectTableFunctionStmt, StageTableFunctionName, TableFunctionArgument } from './ast/stage.js';
export {
  describeConnection,
  DescribeBuilder,
  describeStage,
  describeStream,
  describeTask,
  ShowBuilder,
  showConnections,
  showFileFormats,
  showStages,
  ShowStagesBuilder,
  showStreams,
  ShowStreamsBuilder,
  showTasks,
  ShowTasksBuilder,
} from './builders/show.js';
export type { ConnectionRow, FileFormatRow, FilteredShowBuilder, StageRow } from './builders/show.js';
export type { DescribableObject, DescribeStmt, ShowableObject, ShowFilter, ShowStmt } from './ast/show.js';
export type { MappingSource } from './builders/projection.js';

// Loading and unloading
export { copyInto, CopyIntoTableBuilder, MAX_FILES_LIMIT } from './builders/copy-into-table.js';
export type { CopyIntoStart, CopyPlan, OnErrorInput } from './builders/copy-into-table.js';
export type { ColumnMapping, ColumnName } from './builders/projection.js';
export { insertInto, InsertBuilder, InsertFromStageBuilder, InsertQueryBuilder, InsertSelectBuilder, InsertValuesBuilder } from './builders/insert.js';
export type { InsertFromStagePlan, InsertPlan, InsertSelectPlan, InsertStart } from './builders/insert.js';
export { copyIntoStage, CopyIntoStageBuilder } from './builders/copy-into-location.js';
export type { UnloadSource } from './builders/copy-into-location.js';
// URL locations: 's3://...', 'https://...', 'fs:///...' read by COPY and stage SELECTs and written by an unload.
export { location, LOCATION_SCHEMES } from './builders/location.js';
export type { Location, LocationConnection, LocationInput, LocationOptions, LocationScheme, UrlScheme, WritableScheme } from './builders/location.js';
export { selectFromLocation } from './builders/select-stage.js';
export { copyIntoLocation } from './builders/copy-into-location.js';
export type { UnloadFileFormatInput } from './builders/copy-into-location.js';
export type { SchemaEvolutionInput } from './builders/copy-into-table.js';
export type { ParameterStorage } from './builders/create-connection.js';
export type { FileLocation, UriLocation } from './ast/stage.js';
export type { SchemaEvolution } from './ast/copy.js';
export { presign, PresignBuilder } from './builders/presign.js';
export type { PresignRow } from './builders/presign.js';
export { PRESIGN_ACTIONS } from './ast/stage.js';
export type { PresignAction, PresignStmt } from './ast/stage.js';

// Streams, tasks, drops
export { createStream, CreateStreamBuilder } from './builders/create-stream.js';
export type { StreamStart } from './builders/create-stream.js';
export { selectFromStream, SelectFromStreamBuilder } from './builders/select-stream.js';
export { createTask, streamStatus, CreateTaskBuilder } from './builders/create-task.js';
export { alterTask, AlterTaskBuilder } from './builders/alter-task.js';
export { executeTask, ExecuteTaskBuilder } from './builders/execute-task.js';
export type { TaskDraft } from './builders/create-task.js';
export type { AlterTaskStart } from './builders/alter-task.js';
export type { TaskBody, TaskOptionsInput, TaskSettings } from './builders/task-options.js';
export type { TaskScheduleInput } from './builders/task-schedule.js';
export { dropTable, dropStream, dropTask, dropStage, dropConnection, dropFileFormat, DropBuilder } from './builders/drop.js';
export type { StreamRef, TableRef } from './builders/refs.js';
export type { NameRef } from './builders/statement-builder.js';

// Pipelines
export { pipeline, renderPlan, STEP_REQUIREMENTS } from './pipeline/pipeline.js';
export type { Pipeline, PipelineStep, StepRequirement } from './pipeline/pipeline.js';
export { REFUSAL_CODES, runPipeline } from './pipeline/run.js';
export type { RunPipelineOptions, StepOutcome, StepResult } from './pipeline/run.js';

// Schema evolution: the live tables read back, compared with the declared ones, and changed to match
export { introspectTable } from './migrate/introspect.js';
export type { IntrospectOptions, LiveColumn, LiveIndex, LiveTable } from './migrate/introspect.js';
export { diffTable } from './migrate/diff.js';
export type { SchemaChange, SchemaChangeKind } from './migrate/diff.js';
export { diff, push } from './migrate/push.js';
export type { PushOptions } from './migrate/push.js';
export { generate, migrate, MIGRATION_JOURNAL, MIGRATION_LOCK, readMigrations, splitMigration } from './migrate/migrations.js';
export type { AppliedMigration, GeneratedMigration, GenerateOptions, MigrateOptions, MigrateResult, MigrationFile } from './migrate/migrations.js';
export { generateDeclarations, pull, PULL_LAYOUTS } from './migrate/pull.js';
export type { GenerateDeclarationsOptions, GeneratedFile, PullLayout, PullOptions } from './migrate/pull.js';
export { infer, INFER_FORMATS } from './migrate/infer.js';
export type { InferFormat, InferOptions, InferredTable } from './migrate/infer.js';
export { diffObjects, introspectObjects, pushObjects } from './migrate/objects.js';
export type {
  DeclaredObject,
  DiffObjectsOptions,
  LiveConnection,
  LiveFileFormat,
  LiveObject,
  LiveStage,
  ObjectChange,
  PushObjectsOptions,
} from './migrate/objects.js';

// Client (databend-driver is loaded only when a client first connects)
export { createClient, DatabendClient } from './client/client.js';
export type { ClientOptions, ExecuteResult, Executable, QueryOptions, RowSchema, StatementEvent, TableQueryOptions, TypedCompilable } from './client/types.js';
export type { CopyFileResult, StageFile } from './client/results.js';
export type { DriverClient, DriverConnection, DriverField, DriverModule, DriverRow, DriverRowIterator } from './client/driver-types.js';
export { maskDsn } from './client/dsn.js';

// Errors
export {
  DatabendEtlError,
  ValidationError,
  VALIDATION_REASONS,
  ServerError,
  TransportError,
  DriverMissingError,
  RowValidationError,
  InexactReadError,
  SchemaChangeRefusedError,
  SchemaDriftError,
  MigrationError,
} from './errors.js';
export type { DriftedColumn, ErrorCode, MigrationProblem, ValidationReason } from './errors.js';

// DML, table maintenance, scripts and SQL statements (task bodies and pipeline steps take any of them)
export { JOIN_KINDS } from './ast/copy.js';
export type { JoinClause, JoinKind } from './ast/copy.js';
export type {
  Assignment,
  DeleteStmt,
  MergeClause,
  MergeIntoStmt,
  MergeSource,
  OptimizeTableAction,
  OptimizeTableStmt,
  TravelPoint,
  TruncateTableStmt,
  TypedValue,
  UpdateStmt,
} from './ast/dml.js';
export type { CompiledSql, ExecuteImmediateStmt, ScriptStmt, SqlStmt, TransactionAction, TransactionStmt } from './ast/script.js';
export { TRANSACTION_ACTIONS } from './ast/script.js';
export { update, UpdateBuilder, deleteFrom, DeleteBuilder } from './builders/update.js';
export type { UpdateStart } from './builders/update.js';
export type { ColumnValues } from './builders/assignments.js';
export { mergeInto, MergeIntoBuilder } from './builders/merge-into.js';
export type { MergeDraft, MergeSourceInput } from './builders/merge-into.js';
export { truncateTable, TruncateTableBuilder, optimizeTable, OptimizeTableBuilder } from './builders/table-maintenance.js';
export type { OptimizeStart, PurgeBefore } from './builders/table-maintenance.js';
export {
  statement,
  SqlStatementBuilder,
  script,
  ScriptBuilder,
  executeImmediate,
  ExecuteImmediateBuilder,
  begin,
  commit,
  rollback,
  TransactionBuilder,
} from './builders/script.js';
export type { StatementInput } from './builders/statement-input.js';
export type { PipelineStepInput } from './pipeline/pipeline.js';
