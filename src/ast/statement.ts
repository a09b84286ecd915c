import type { CopyIntoLocationStmt, CopyIntoTableStmt, InsertStmt, SelectTableStmt } from './copy.js';
import type { AlterTableStmt } from './alter-table.js';
import type { CreateTableStmt, DropStmt } from './ddl.js';
import type {
  CreateConnectionStmt,
  CreateFileFormatStmt,
  CreateStageStmt,
  ListStageStmt,
  RemoveStageStmt,
  SelectStageStmt,
  SelectTableFunctionStmt,
} from './stage.js';
import type { CreateTableIndexStmt, DropTableIndexStmt, RefreshTableIndexStmt } from './table-index.js';
import type { DeleteStmt, MergeIntoStmt, OptimizeTableStmt, TruncateTableStmt, UpdateStmt } from './dml.js';
import type { ExecuteImmediateStmt, ScriptStmt, SqlStmt, TransactionStmt } from './script.js';
import type { PresignStmt } from './stage.js';
import type { DescribeStmt, ShowStmt } from './show.js';
import type { CreateStreamStmt } from './stream.js';
import type { AlterTaskStmt, CreateTaskStmt, ExecuteTaskStmt } from './task.js';

/** Every statement the SDK builds. The renderer switches over `kind` exhaustively. */
export type Statement =
  | CreateTableStmt
  | DropStmt
  | CreateConnectionStmt
  | CreateStageStmt
  | CreateFileFormatStmt
  | ListStageStmt
  | RemoveStageStmt
  | SelectStageStmt
  | CopyIntoTableStmt
  | CopyIntoLocationStmt
  | SelectTableStmt
  | InsertStmt
  | CreateStreamStmt
  | CreateTaskStmt
  | AlterTaskStmt
  | ExecuteTaskStmt
  | SelectTableFunctionStmt
  | AlterTableStmt
  | CreateTableIndexStmt
  | DropTableIndexStmt
  | RefreshTableIndexStmt
  | UpdateStmt
  | DeleteStmt
  | MergeIntoStmt
  | TruncateTableStmt
  | OptimizeTableStmt
  | SqlStmt
  | ScriptStmt
  | ExecuteImmediateStmt
  | TransactionStmt
  | PresignStmt
  | ShowStmt
  | DescribeStmt;

export type StatementKind = Statement['kind'];
