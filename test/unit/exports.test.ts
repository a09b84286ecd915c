import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import * as kysely from '../../src/kysely/index.js';
import * as local from '../../src/local/index.js';

// The public runtime API of the root entry. A change here is a change of the package's contract: update the docs
// (docs/api.md) with it.
const EXPECTED = [
  'AlterTaskBuilder',
  'CLUSTER_TYPES',
  'COLUMN_MATCH_MODES',
  'COMPRESSIONS',
  'Column',
  'CopyIntoStageBuilder',
  'CopyIntoTableBuilder',
  'CreateConnectionBuilder',
  'CreateFileFormatBuilder',
  'CreateStageBuilder',
  'CreateStreamBuilder',
  'CreateTableBuilder',
  'CreateTaskBuilder',
  'DATA_TYPE_NAMES',
  'DECIMAL_MAX_PRECISION',
  'DROPPABLE_OBJECTS',
  'DatabendClient',
  'DatabendEtlError',
  'DriverMissingError',
  'DropBuilder',
  'ExecuteTaskBuilder',
  'FILE_FORMAT_OPTIONS',
  'FILE_FORMAT_TYPES',
  'INT64_MODES',
  'INTEGER_TYPE_NAMES',
  'INTERVAL_UNITS',
  'InexactReadError',
  'InsertBuilder',
  'InsertFromStageBuilder',
  'InsertSelectBuilder',
  'ListStageBuilder',
  'MAX_FILES_LIMIT',
  'ON_ERROR_MODES',
  'RemoveStageBuilder',
  'RowValidationError',
  'STEP_REQUIREMENTS',
  'STORAGE_PARAMETERS',
  'STORAGE_TYPES',
  'Secret',
  'SelectFromStreamBuilder',
  'SelectStageBuilder',
  'ServerError',
  'Table',
  'TransportError',
  'VALIDATION_REASONS',
  'VECTOR_MAX_DIMENSION',
  'ValidationError',
  'alterTask',
  'array',
  'bigint',
  'bigintUnsigned',
  'binary',
  'bitmap',
  'boolean',
  'copyInto',
  'copyIntoStage',
  'createClient',
  'createConnection',
  'createFileFormat',
  'createStage',
  'createStream',
  'createTable',
  'createTask',
  'date',
  'decimal',
  'double',
  'dropConnection',
  'dropFileFormat',
  'dropStage',
  'dropStream',
  'dropTable',
  'dropTask',
  'executeTask',
  'float',
  'geography',
  'geometry',
  'insertInto',
  'insertSchema',
  'int',
  'intUnsigned',
  'interval',
  'listStage',
  'map',
  'maskDsn',
  'pipeline',
  'removeFromStage',
  'render',
  'renderPlan',
  'secret',
  'selectFromStage',
  'selectFromStream',
  'selectSchema',
  'smallint',
  'smallintUnsigned',
  'sql',
  'stage',
  'streamStatus',
  'string',
  'table',
  'timestamp',
  'timestampTz',
  'tinyint',
  'tinyintUnsigned',
  'tuple',
  'variant',
  'vector',
];

// The root's type-only exports: the types users annotate with, and every interface and class a user's emitted
// declarations may have to name (statement nodes, builder states, data type nodes): a type the package's
// declarations use but no entry exports breaks `declaration: true` in a consumer with TS2742 / TS2883.
// test/consumer/declaration-emit.test.ts checks the built package for any such type.
const EXPECTED_TYPES = [
  'AlterTaskAction',
  'AlterTaskStart',
  'AlterTaskStmt',
  'AnyColumn',
  'AnyTable',
  'ArrayType',
  'Cast',
  'ClientOptions',
  'ClusterType',
  'ColumnDefault',
  'ColumnDefinition',
  'ColumnMapping',
  'ColumnMatchMode',
  'ColumnName',
  'ColumnRef',
  'ColumnSpec',
  'Columns',
  'Compilable',
  'Compression',
  'ConnectionSpec',
  'ConnectionStart',
  'CopyFileResult',
  'CopyIntoLocationOptions',
  'CopyIntoLocationStmt',
  'CopyIntoStart',
  'CopyIntoTableOptions',
  'CopyIntoTableStmt',
  'CopyPlan',
  'CopySource',
  'CreateConnectionStmt',
  'CreateFileFormatStmt',
  'CreateOption',
  'CreateStageStmt',
  'CreateStreamStmt',
  'CreateTableStmt',
  'CreateTaskStmt',
  'DataType',
  'DataTypeName',
  'DecimalType',
  'DefaultValue',
  'DriverClient',
  'DriverConnection',
  'DriverField',
  'DriverModule',
  'DriverRow',
  'DriverRowIterator',
  'DropStmt',
  'DroppableObject',
  'ErrorCode',
  'Executable',
  'ExecuteResult',
  'ExecuteTaskStmt',
  'Expression',
  'ExternalLocation',
  'FileFormat',
  'FileFormatInput',
  'FileFormatOptions',
  'FileFormatSpec',
  'FileFormatType',
  'InferInsert',
  'InferSelect',
  'InsertFromStagePlan',
  'InsertMap',
  'InsertPlan',
  'InsertSelectPlan',
  'InsertStart',
  'InsertStmt',
  'InsertValue',
  'Int64Mode',
  'Int64Options',
  'Int64Type',
  'Int64TypeName',
  'Int64Value',
  'IntegerTypeName',
  'IntervalUnit',
  'JsonValue',
  'ListStageStmt',
  'MapType',
  'NameRef',
  'NamedFileFormat',
  'NamedTupleType',
  'NewRow',
  'ObjectName',
  'OnErrorInput',
  'OnErrorMode',
  'OnErrorModeName',
  'OptionEntry',
  'OptionValue',
  'Pipeline',
  'PipelineStep',
  'QueryOptions',
  'RemoveStageStmt',
  'RenderOptions',
  'Row',
  'RowSchema',
  'SelectItem',
  'SelectMap',
  'SelectStagePlan',
  'SelectStageStmt',
  'SelectTableStmt',
  'SelectValue',
  'SimpleType',
  'SimpleTypeName',
  'SqlFragment',
  'StageFile',
  'StageFilesBuilder',
  'StageLocation',
  'StageRef',
  'StageSourceOptions',
  'StageStorage',
  'Statement',
  'StatementBuilder',
  'StatementEvent',
  'StatementKind',
  'StepRequirement',
  'StorageParameters',
  'StorageType',
  'StreamPoint',
  'StreamRef',
  'StreamStart',
  'TableEngineOptions',
  'TableOptions',
  'TableQueryOptions',
  'TableRef',
  'TaskBody',
  'TaskDraft',
  'TaskOptions',
  'TaskOptionsInput',
  'TaskSchedule',
  'TaskScheduleInput',
  'TaskSettings',
  'TupleType',
  'TypedCompilable',
  'UnloadSource',
  'ValidationReason',
  'VectorType',
];

// The subpath entries, runtime and type-only. Each also re-exports, as types, the root types its declarations name, so
// that a module importing only the subpath can emit declarations.
const SUBPATHS = {
  kysely: {
    module: kysely as Record<string, unknown>,
    file: 'src/kysely/index.ts',
    runtime: ['DatabendAdapter', 'DatabendDialect', 'DatabendIntrospector', 'DatabendKyselyDriver', 'DatabendQueryCompiler', 'UnsupportedByDatabendError', 'cosineDistance', 'fromStage', 'getPath', 'innerProduct', 'l2Distance', 'variantNumber', 'variantPath', 'variantString'],
    types: ['AnyTable', 'ClientOptions', 'Columns', 'ConnectionSource', 'DatabendClient', 'DatabendDialectConfig', 'DatabendTables', 'DialectTables', 'InferInsert', 'InferSelect', 'JsonValue', 'KyselyDatabase', 'KyselyTable', 'NameRef', 'QueryVector', 'SelectStageBuilder', 'Table', 'ValidationError', 'ValidationReason', 'VariantColumn', 'VariantPath', 'VectorColumn'],
  },
  local: {
    module: local as Record<string, unknown>,
    file: 'src/local/index.ts',
    runtime: ['DataDirInUseError', 'EngineSetupError', 'EngineStartError', 'LocalEngineError', 'PythonMissingError', 'engineHome', 'ensureLocalEngine', 'startLocalDatabend'],
    types: ['DatabendEtlError', 'ErrorCode', 'LocalDatabend', 'LocalEngineErrorCode', 'LocalEngineOptions', 'StartLocalDatabendOptions'],
  },
};

/** Every name an entry exports, read from its source: entries are lists of named exports, nothing else. */
function exportedNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), ts.ScriptTarget.Latest);
  return source.statements.flatMap((statement) => {
    if (ts.isImportDeclaration(statement)) return [];
    if (!ts.isExportDeclaration(statement) || statement.exportClause === undefined || !ts.isNamedExports(statement.exportClause)) {
      throw new Error(`${file}: only named exports (export { ... } from '...'), found: ${statement.getText(source)}`);
    }
    return statement.exportClause.elements.map((element) => element.name.text);
  });
}

function typeOnly(file: string, module: Record<string, unknown>): string[] {
  return exportedNames(file)
    .filter((name) => !(name in module))
    .sort();
}

describe('public exports', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(api as Record<string, unknown>).sort()).toEqual(EXPECTED);
  });

  it('exports no undefined bindings', () => {
    const missing = Object.entries(api as Record<string, unknown>).filter(([, value]) => value === undefined).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('exports exactly these types from the root', () => {
    expect(typeOnly('src/index.ts', api as Record<string, unknown>)).toEqual(EXPECTED_TYPES);
  });

  it.each(Object.entries(SUBPATHS))('databend-etl/%s exports exactly these values and types', (_name, entry) => {
    expect(Object.keys(entry.module).sort()).toEqual(entry.runtime);
    expect(typeOnly(entry.file, entry.module)).toEqual(entry.types);
  });
});
