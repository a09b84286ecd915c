import {
  AliasNode,
  FromNode,
  JoinNode,
  type BinaryOperationNode,
  ColumnNode,
  DataTypeNode,
  DefaultQueryCompiler,
  OperatorNode,
  PrimitiveValueListNode,
  RawNode,
  ReferenceNode,
  TableNode,
  ValueListNode,
  ValueNode,
  type AggregateFunctionNode,
  type CollateNode,
  type ColumnDefinitionNode,
  type ColumnUpdateNode,
  type CompiledQuery,
  type CreateIndexNode,
  type DefaultValueNode,
  type DeleteQueryNode,
  type ExplainNode,
  type FetchNode,
  type ForeignKeyConstraintNode,
  type IdentifierNode,
  type InsertQueryNode,
  type JSONPathNode,
  type MatchedNode,
  type MergeQueryNode,
  type OnConflictNode,
  type OnDuplicateKeyNode,
  type OperationNode,
  type OutputNode,
  type PrimaryKeyConstraintNode,
  type QueryId,
  type ReferencesNode,
  type ReturningNode,
  type RootOperationNode,
  type SelectModifierNode,
  type SelectQueryNode,
  type SetOperationNode,
  type TopNode,
  type UniqueConstraintNode,
  type UpdateQueryNode,
  type ValuesNode,
  type WhenNode,
} from 'kysely';
import { markCompiledByDialect } from '../ast/script.js';
import { renderDefault } from '../render/literal.js';
import { quoteIdentifier } from '../render/quote.js';
import type { DataType } from '../ast/data-types.js';
import { checkIdentifier } from '../schema/identifier.js';
import { UnsupportedByDatabendError } from './errors.js';
import { checkRecord } from '../checks.js';
import { checkTables } from './checks.js';
import { columnTypes, renderValue, type ColumnTypes, type DatabendTables } from './values.js';
import { isUnwrittenAlias } from './table-functions.js';

/**
 * Kysely operators Databend's parser refuses (1005), or reads with another meaning: `<=>` is MySQL's NULL-safe
 * equality but Databend's cosine distance, and `a ^@ b` parses as a power. Each was tried on the pinned engine.
 */
const REFUSED_OPERATORS: Readonly<Record<string, string>> = {
  '==': "use '='",
  match: 'use a regexp or a full-text function through sql``',
  '^@': "Databend reads it as a power; use 'like'",
  '&&': "use 'and', or array_overlap() for arrays",
  ilike: "use 'like' on lower() values",
  'not ilike': "use 'not like' on lower() values",
  '~': "use 'regexp'",
  '~*': "use 'regexp' on lower() values",
  '!~': "use 'not regexp'",
  '!~*': "use 'not regexp' on lower() values",
  '@@@': 'it has no meaning in Databend',
  '!!': 'it has no meaning in Databend',
  '<=>': "in Databend it is cosine distance, not NULL-safe equality: use 'is not distinct from', or cosineDistance()",
  'between symmetric': "use 'between' with the bounds in order",
};

const SELECT_MODIFIERS: Readonly<Record<string, string>> = {
  ForUpdate: 'forUpdate()',
  ForNoKeyUpdate: 'forNoKeyUpdate()',
  ForShare: 'forShare()',
  ForKeyShare: 'forKeyShare()',
  NoWait: 'noWait()',
  SkipLocked: 'skipLocked()',
};

/** The target of the INSERT, UPDATE or MERGE being compiled: its columns' declared types, when the dialect has them. */
interface WriteTarget {
  readonly types: ReadonlyMap<string, DataType> | undefined;
}

function refuse(construct: string, rule: string): never {
  throw new UnsupportedByDatabendError(construct, rule);
}

/** FLOAT, DOUBLE or VECTOR(n) from a Kysely column type ('real', 'float8', sql`DOUBLE`, sql`vector(4)`), else undefined. */
function floatColumnType(node: OperationNode): DataType | undefined {
  const name = DataTypeNode.is(node) ? node.dataType : RawNode.is(node) ? node.sqlFragments.join('').trim().toLowerCase() : '';
  if (name === 'real' || name === 'float4' || name === 'float' || name === 'float32') return { kind: 'FLOAT' };
  if (name === 'double precision' || name === 'float8' || name === 'double' || name === 'float64') return { kind: 'DOUBLE' };
  const vector = /^vector\((\d+)\)$/.exec(name);
  return vector === null ? undefined : { kind: 'VECTOR', dimension: Number(vector[1]) };
}

/** `name` or `schema.name` of a TableNode, possibly aliased. */
function tableKey(node: OperationNode | undefined): string | undefined {
  const table = node !== undefined && AliasNode.is(node) ? node.node : node;
  if (table === undefined || !TableNode.is(table)) return undefined;
  const { schema, identifier } = table.table;
  return schema === undefined ? identifier.name : `${schema.name}.${identifier.name}`;
}

/** The column an UPDATE sets: `v`, or `t.v` as a reference. */
function columnName(node: OperationNode): string | undefined {
  const column = ReferenceNode.is(node) ? node.column : node;
  return ColumnNode.is(column) ? column.column.name : undefined;
}

/**
 * Compiles Kysely's query tree to Databend SQL.
 *
 * - Values are inlined as literals with the SDK's own escaping (`renderLiteral`): compiled queries have no
 *   parameters, so databend-driver, whose client-side binding does not escape, never binds anything. Given the SDK's
 *   tables, values written to a column follow its declared type (a JSON string into a VARIANT goes through PARSE_JSON).
 * - Identifiers are quoted by the SDK's rule: bare when plain lower-case and not a keyword, double-quoted otherwise.
 * - What Databend has no SQL for fails with an UnsupportedByDatabendError while compiling.
 *
 * @example
 * db.selectFrom('frame_events').select('frame_id').where('event_type', '=', "it's").limit(5)
 * // select frame_id from frame_events where event_type = 'it\'s' limit 5
 */
export class DatabendQueryCompiler extends DefaultQueryCompiler {
  readonly #tables: ColumnTypes;
  #targets: WriteTarget[] = [];

  constructor(options: { readonly tables?: DatabendTables } = {}) {
    super();
    const call = 'new DatabendQueryCompiler()';
    checkRecord(options, call, 'options', ['tables']);
    this.#tables = columnTypes(options.tables === undefined ? undefined : checkTables(options.tables, call));
  }

  override compileQuery(node: RootOperationNode, queryId: QueryId): CompiledQuery {
    this.#targets = [];
    const compiled = super.compileQuery(node, queryId);
    // Known by identity as the dialect's, values inlined: a task body or a pipeline step takes it as SQL.
    markCompiledByDialect(compiled);
    return compiled;
  }

  // ---- Values and identifiers ----------------------------------------------------------------------------------

  protected override appendValue(value: unknown): void {
    this.append(renderValue(value));
  }

  protected override appendImmediateValue(value: unknown): void {
    this.append(renderValue(value));
  }

  protected override appendStringLiteral(value: string): void {
    this.append(renderValue(value));
  }

  protected override getCurrentParameterPlaceholder(): string {
    throw new Error('DatabendQueryCompiler inlines every value; a parameter placeholder was requested');
  }

  protected override visitIdentifier(node: IdentifierNode): void {
    // Names Databend cannot read back (a backslash inside quotes starts an escape) are refused here.
    checkIdentifier(node.name, 'DatabendDialect', 'identifier');
    this.append(quoteIdentifier(node.name));
  }

  /** A table function under its own name in a FROM or JOIN is written without `AS name` (`from numbers(10)`). */
  protected override visitAlias(node: AliasNode): void {
    const parent = this.parentNode;
    if (isUnwrittenAlias(node) && parent !== undefined && (FromNode.is(parent) || JoinNode.is(parent))) {
      this.visitNode(node.node);
      return;
    }
    super.visitAlias(node);
  }

  // ---- SELECT --------------------------------------------------------------------------------------------------

  protected override visitSelectQuery(node: SelectQueryNode): void {
    if (node.distinctOn !== undefined)
      refuse('distinctOn()', 'Databend has no DISTINCT ON: use a window function (row_number() over (partition by ...)) and keep rank 1');
    this.#refuseExplainOptions(node.explain);
    super.visitSelectQuery(node);
  }

  protected override visitSelectModifier(node: SelectModifierNode): void {
    if (node.modifier !== undefined && node.modifier !== 'Distinct') {
      refuse(SELECT_MODIFIERS[node.modifier] ?? node.modifier, 'Databend has no row locks (FOR UPDATE / FOR SHARE / NOWAIT / SKIP LOCKED)');
    }
    super.visitSelectModifier(node);
  }

  protected override visitTop(_node: TopNode): void {
    refuse('top()', "TOP is SQL Server's: use limit()");
  }

  protected override visitFetch(_node: FetchNode): void {
    refuse('fetch()', 'Databend has no FETCH NEXT ... ROWS: use limit()');
  }

  protected override visitSetOperation(node: SetOperationNode): void {
    if (node.all && (node.operator === 'intersect' || node.operator === 'except')) {
      refuse(
        `${node.operator}All()`,
        `Databend runs ${node.operator.toUpperCase()} DISTINCT only (1002 "only support intersect distinct and except distinct")`,
      );
    }
    super.visitSetOperation(node);
  }

  protected override visitJoin(node: JoinNode): void {
    if (node.joinType === 'OuterApply' || node.joinType === 'CrossApply') {
      refuse(node.joinType === 'OuterApply' ? 'outerApply()' : 'crossApply()', "APPLY is SQL Server's: use a lateral join");
    }
    super.visitJoin(node);
  }

  protected override visitAggregateFunction(node: AggregateFunctionNode): void {
    if (node.filter !== undefined)
      refuse('filterWhere()', 'Databend has no aggregate FILTER (WHERE ...): aggregate a CASE expression, or use count_if() / sum_if()');
    if (node.orderBy !== undefined)
      refuse(
        'orderBy() inside an aggregate',
        'Databend has no ORDER BY inside an aggregate call: use withinGroupOrderBy() where the function allows it (listagg)',
      );
    super.visitAggregateFunction(node);
  }

  protected override visitCollate(_node: CollateNode): void {
    refuse('collate()', 'Databend has no COLLATE clause in queries');
  }

  protected override visitJSONPath(_node: JSONPathNode): void {
    refuse(
      "the '->$' / '->>$' JSON path",
      "Databend's -> takes a key, not a JSON path ('$.a' would silently read a key named \"$.a\"): use ref(col, '->').key(...), or variantPath()",
    );
  }

  protected override visitBinaryOperation(node: BinaryOperationNode): void {
    const operator = OperatorNode.is(node.operator) ? node.operator.operator : undefined;
    if (operator !== undefined && operator in REFUSED_OPERATORS)
      refuse(`the '${operator}' operator`, `Databend has no '${operator}' operator: ${REFUSED_OPERATORS[operator]}`);
    const right = node.rightOperand;
    if ((operator === 'is' || operator === 'is not') && ValueNode.is(right) && typeof right.value === 'boolean') {
      this.#isBoolean(node.leftOperand, operator === 'is not', right.value);
      return;
    }
    super.visitBinaryOperation(node);
  }

  /** `x IS [NOT] TRUE|FALSE`, which Databend's parser lacks, as is_true(): NULL is neither true nor false. */
  #isBoolean(operand: OperationNode, negated: boolean, value: boolean): void {
    if (negated) this.append('NOT ');
    this.append(value ? 'is_true(' : 'is_true(NOT (');
    this.visitNode(operand);
    this.append(value ? ')' : '))');
  }

  // ---- INSERT, UPDATE, DELETE, MERGE -----------------------------------------------------------------------------

  protected override visitInsertQuery(node: InsertQueryNode): void {
    if (node.replace) refuse('replaceInto()', "Databend's REPLACE INTO needs ON (key columns): write it with sql``, or use mergeInto()");
    if (node.ignore || node.orAction !== undefined)
      refuse('ignore() / orIgnore() / orReplace()', 'Databend has no INSERT IGNORE or INSERT OR ...: use mergeInto()');
    if (node.defaultValues) refuse('defaultValues()', 'Databend has no INSERT ... DEFAULT VALUES: list a column');
    this.#refuseExplainOptions(node.explain);
    const key = tableKey(node.into);
    this.#targets.push(key === undefined ? this.#inheritedTarget() : { types: this.#tables.get(key) });
    try {
      super.visitInsertQuery(node);
    } finally {
      this.#targets.pop();
    }
  }

  protected override visitValues(node: ValuesNode): void {
    const parent = this.parentNode;
    const target = this.#targets.at(-1);
    const insert = parent?.kind === 'InsertQueryNode' ? (parent as InsertQueryNode) : undefined;
    if (insert === undefined || target?.types === undefined) {
      super.visitValues(node);
      return;
    }
    const types = (insert.columns ?? []).map((column) => target.types?.get(column.column.name));
    this.append('values ');
    node.values.forEach((row, r) => {
      if (r > 0) this.append(', ');
      this.#typedRow(row, types);
    });
  }

  #typedRow(row: OperationNode, types: readonly (DataType | undefined)[]): void {
    if (PrimitiveValueListNode.is(row)) {
      this.append(`(${row.values.map((value, i) => renderValue(value, types[i])).join(', ')})`);
      return;
    }
    if (!ValueListNode.is(row)) {
      this.visitNode(row);
      return;
    }
    this.append('(');
    row.values.forEach((value, i) => {
      if (i > 0) this.append(', ');
      if (ValueNode.is(value) && !value.immediate) this.append(renderValue(value.value, types[i]));
      else this.visitNode(value);
    });
    this.append(')');
  }

  protected override visitUpdateQuery(node: UpdateQueryNode): void {
    if (node.top !== undefined) this.visitTop(node.top);
    if (node.output !== undefined) this.visitOutput(node.output);
    if (node.returning !== undefined) this.visitReturning(node.returning);
    if (node.orderBy !== undefined) refuse('orderBy() in an update', 'Databend has no UPDATE ... ORDER BY');
    if (node.limit !== undefined) refuse('limit() in an update', 'Databend has no UPDATE ... LIMIT: narrow the WHERE clause');
    this.#refuseExplainOptions(node.explain);
    const key = tableKey(node.table);
    this.#targets.push(key === undefined ? this.#inheritedTarget() : { types: this.#tables.get(key) });
    try {
      super.visitUpdateQuery(node);
    } finally {
      this.#targets.pop();
    }
  }

  protected override visitColumnUpdate(node: ColumnUpdateNode): void {
    const name = columnName(node.column);
    const type = name === undefined ? undefined : this.#targets.at(-1)?.types?.get(name);
    if (type === undefined || !ValueNode.is(node.value) || node.value.immediate) {
      super.visitColumnUpdate(node);
      return;
    }
    this.visitNode(node.column);
    this.append(` = ${renderValue(node.value.value, type)}`);
  }

  protected override visitDeleteQuery(node: DeleteQueryNode): void {
    if (node.top !== undefined) this.visitTop(node.top);
    if (node.output !== undefined) this.visitOutput(node.output);
    if (node.returning !== undefined) this.visitReturning(node.returning);
    if (node.using !== undefined) refuse('using() in a delete', 'Databend has no DELETE ... USING: filter with where(... in (select ...)) or exists()');
    if (node.joins !== undefined) refuse('joins in a delete', 'Databend has no DELETE with joins: filter with where(... in (select ...)) or exists()');
    if (node.orderBy !== undefined) refuse('orderBy() in a delete', 'Databend has no DELETE ... ORDER BY');
    if (node.limit !== undefined) refuse('limit() in a delete', 'Databend has no DELETE ... LIMIT: narrow the WHERE clause');
    this.#refuseExplainOptions(node.explain);
    super.visitDeleteQuery(node);
  }

  protected override visitMergeQuery(node: MergeQueryNode): void {
    if (node.top !== undefined) this.visitTop(node.top);
    if (node.output !== undefined) this.visitOutput(node.output);
    if (node.returning !== undefined) this.visitReturning(node.returning);
    const key = tableKey(node.into);
    this.#targets.push({ types: key === undefined ? undefined : this.#tables.get(key) });
    try {
      super.visitMergeQuery(node);
    } finally {
      this.#targets.pop();
    }
  }

  protected override visitMatched(node: MatchedNode): void {
    if (node.bySource) refuse('whenNotMatchedBySource()', 'Databend has no WHEN NOT MATCHED BY SOURCE');
    super.visitMatched(node);
  }

  protected override visitWhen(node: WhenNode): void {
    const result = node.result;
    if (result !== undefined && RawNode.is(result) && result.sqlFragments.join('').trim() === 'do nothing') {
      refuse('thenDoNothing()', 'Databend has no THEN DO NOTHING: leave the case out of the MERGE');
    }
    super.visitWhen(node);
  }

  /** An INSERT or UPDATE inside a MERGE has no table of its own: it writes to the MERGE's target. */
  #inheritedTarget(): WriteTarget {
    return this.#targets.at(-1) ?? { types: undefined };
  }

  protected override visitReturning(_node: ReturningNode): void {
    refuse('returning()', 'Databend has no RETURNING clause: select the rows after the write');
  }

  protected override visitOutput(_node: OutputNode): void {
    refuse('output()', "OUTPUT is SQL Server's; Databend has no RETURNING either: select the rows after the write");
  }

  protected override visitOnConflict(_node: OnConflictNode): void {
    refuse('onConflict()', 'Databend has no ON CONFLICT clause: use mergeInto(), or REPLACE INTO ... ON (keys) through sql``');
  }

  protected override visitOnDuplicateKey(_node: OnDuplicateKeyNode): void {
    refuse('onDuplicateKeyUpdate()', 'Databend has no ON DUPLICATE KEY UPDATE clause: use mergeInto()');
  }

  #refuseExplainOptions(node: ExplainNode | undefined): void {
    if (node !== undefined && (node.format !== undefined || node.options !== undefined)) {
      refuse('explain(format, options)', 'Databend has no EXPLAIN (FORMAT ...) options: call explain() without arguments');
    }
  }

  // ---- Schema builder --------------------------------------------------------------------------------------------

  protected override visitColumnDefinition(node: ColumnDefinitionNode): void {
    if (node.primaryKey) refuse('primaryKey()', "Databend tables have no PRIMARY KEY (cluster keys are table options: use the SDK's createTable)");
    if (node.unique) refuse('unique()', 'Databend has no UNIQUE constraint');
    super.visitColumnDefinition(node);
  }

  /** A value DEFAULT of a FLOAT, DOUBLE or VECTOR column is spelled so that the engine stores it unchanged. */
  protected override visitDefaultValue(node: DefaultValueNode): void {
    const parent = this.parentNode;
    const type = parent?.kind === 'ColumnDefinitionNode' ? floatColumnType((parent as ColumnDefinitionNode).dataType) : undefined;
    if (type === undefined || !ValueNode.is(node.defaultValue)) {
      super.visitDefaultValue(node);
      return;
    }
    this.append(`default ${renderDefault(node.defaultValue.value, type)}`);
  }

  protected override getAutoIncrement(): string {
    return 'AUTOINCREMENT';
  }

  protected override visitPrimaryKeyConstraint(_node: PrimaryKeyConstraintNode): void {
    refuse('addPrimaryKeyConstraint()', 'Databend tables have no PRIMARY KEY');
  }

  protected override visitUniqueConstraint(_node: UniqueConstraintNode): void {
    refuse('addUniqueConstraint()', 'Databend has no UNIQUE constraint');
  }

  protected override visitForeignKeyConstraint(_node: ForeignKeyConstraintNode): void {
    refuse('addForeignKeyConstraint()', 'Databend has no FOREIGN KEY constraint');
  }

  protected override visitReferences(_node: ReferencesNode): void {
    refuse('references()', 'Databend has no FOREIGN KEY constraint');
  }

  protected override visitCreateIndex(_node: CreateIndexNode): void {
    refuse('createIndex()', "Databend's indexes (inverted, ngram, vector, aggregating) have their own CREATE statements: write them with sql``");
  }
}
