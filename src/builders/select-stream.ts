import { cloneSelectTable, JOIN_KINDS, type JoinClause, type JoinKind, type SelectTableStmt } from '../ast/copy.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { check, checkInteger, checkList, checkPlainObject, checkRecord, flag } from '../checks.js';
import { checkIdentifier } from '../schema/identifier.js';
import { streamRef, tableRef, type StreamRef, type TableRef } from './refs.js';
import { sql } from './sql.js';
import { StatementBuilder, made } from './statement-builder.js';

/**
 * SELECT from a stream. A plain SELECT shows the captured changes without consuming them; `.consume()` adds
 * WITH CONSUME, which advances the stream's offset when the statement commits. (Databend has no CONSUME STREAM
 * statement; any DML that reads the stream, such as `insertInto(t).fromStream(s)`, consumes it too.)
 *
 * @example
 * selectFromStream('frame_events_stream').consume()
 * // SELECT * FROM frame_events_stream WITH CONSUME
 */
export class SelectFromStreamBuilder extends StatementBuilder<SelectTableStmt> {
  private get call(): string {
    return `selectFromStream('${(this.node.with?.query ?? this.node).from.name}')`;
  }

  /** WITH CONSUME: reading advances the stream, even past rows a WHERE filters out. */
  consume(...args: [value?: boolean]): SelectFromStreamBuilder {
    const value = flag(args, () => `${this.call}.consume()`);
    // The outer SELECT of asCte() reads the CTE, not the stream.
    check(this.node.with === undefined, 'conflict', () => `${this.call}.consume()`, 'consume() goes before asCte(): the outer SELECT reads the CTE');
    return new SelectFromStreamBuilder(made(cloneSelectTable(this.node, { consume: value })));
  }

  /** The columns to read instead of `*`; `change$action`, `change$is_update` and `change$row_id` are among them. */
  columns(names: readonly string[]): SelectFromStreamBuilder {
    const call = `${this.call}.columns()`;
    checkList(names, call, 'columns');
    check(names.length > 0, 'too_small', call, 'columns() needs at least one column');
    names.forEach((name) => checkIdentifier(name, call, 'column name'));
    return new SelectFromStreamBuilder(
      made(cloneSelectTable(this.node, { projection: names.map((name) => ({ expression: { kind: 'ColumnRef', name }, alias: undefined })) })),
    );
  }

  /** WHERE condition. */
  where(condition: SqlFragment): SelectFromStreamBuilder {
    check(isSqlFragment(condition), 'invalid_type', `${this.call}.where()`, 'WHERE takes an sql`` expression');
    return new SelectFromStreamBuilder(made(cloneSelectTable(this.node, { where: condition })));
  }

  /** SELECT expression AS alias, ...: named expressions (aggregates for a GROUP BY) instead of `*`. */
  select(items: Readonly<Record<string, string | SqlFragment>>): SelectFromStreamBuilder {
    const call = `${this.call}.select()`;
    check(typeof items === 'object' && items !== null, 'invalid_type', call, 'select() takes an object of { alias: column name or sql`` }', 'items');
    checkPlainObject(items, call, 'items');
    const entries = Object.entries(items);
    check(entries.length > 0, 'too_small', call, 'select() needs at least one item');
    const projection = entries.map(([alias, source]) => {
      checkIdentifier(alias, call, 'alias');
      if (typeof source === 'string') return { expression: sql.id(source), alias: source === alias ? undefined : alias };
      check(isSqlFragment(source), 'invalid_type', call, () => `'${alias}' must be a column name or an sql\`\` expression`, alias);
      return { expression: source, alias };
    });
    return new SelectFromStreamBuilder(made(cloneSelectTable(this.node, { projection })));
  }

  /** AS alias: the name the stream's columns are read by (in a join, say). */
  as(alias: string): SelectFromStreamBuilder {
    checkIdentifier(alias, `${this.call}.as()`, 'alias');
    return new SelectFromStreamBuilder(made(cloneSelectTable(this.node, { alias })));
  }

  /**
   * [INNER | LEFT | RIGHT | FULL] JOIN table [AS alias] ON condition, added after the joins so far.
   *
   * @example
   * selectFromStream('readings_stream').consume().as('s').join('devices', sql`s.device = d.id`, { alias: 'd' })
   * // SELECT * FROM readings_stream WITH CONSUME AS s INNER JOIN devices AS d ON s.device = d.id
   */
  join(table: TableRef, on: SqlFragment, options: { readonly kind?: JoinKind; readonly alias?: string } = {}): SelectFromStreamBuilder {
    const call = `${this.call}.join()`;
    const ref = tableRef(table, call);
    check(isSqlFragment(on), 'invalid_type', call, 'ON takes an sql`` expression', 'on');
    checkRecord(options, call, 'options', ['kind', 'alias']);
    const kind = options.kind === undefined ? 'INNER' : options.kind;
    check((JOIN_KINDS as readonly unknown[]).includes(kind), 'invalid_value', call, `kind must be one of ${JOIN_KINDS.join(', ')}`, 'kind');
    if (options.alias !== undefined) checkIdentifier(options.alias, call, 'alias');
    const join: JoinClause = { kind, table: ref, alias: options.alias, on };
    return new SelectFromStreamBuilder(made(cloneSelectTable(this.node, { joins: [...(this.node.joins ?? []), join] })));
  }

  /** GROUP BY expression. */
  groupBy(expression: SqlFragment): SelectFromStreamBuilder {
    check(isSqlFragment(expression), 'invalid_type', `${this.call}.groupBy()`, 'GROUP BY takes an sql`` expression', 'expression');
    return new SelectFromStreamBuilder(made(cloneSelectTable(this.node, { groupBy: expression })));
  }

  /** ORDER BY expression. */
  orderBy(expression: SqlFragment): SelectFromStreamBuilder {
    check(isSqlFragment(expression), 'invalid_type', `${this.call}.orderBy()`, 'ORDER BY takes an sql`` expression', 'expression');
    return new SelectFromStreamBuilder(made(cloneSelectTable(this.node, { orderBy: expression })));
  }

  /**
   * This read as a common table expression: WITH name AS (this SELECT) SELECT * FROM name, the later steps
   * (select, where, groupBy, orderBy, limit) applying to the outer SELECT. With `.consume()` before it, the CTE
   * consumes the stream.
   *
   * @example
   * selectFromStream('readings_stream').consume().asCte('fresh').select({ device: 'device', n: sql`count(*)` }).groupBy(sql`device`)
   * // WITH fresh AS (SELECT * FROM readings_stream WITH CONSUME) SELECT device, count(*) AS n FROM fresh GROUP BY device
   */
  asCte(name: string): SelectFromStreamBuilder {
    const call = `${this.call}.asCte()`;
    checkIdentifier(name, call, 'name');
    check(this.node.with === undefined, 'conflict', call, 'this read is already over a CTE', 'name');
    return new SelectFromStreamBuilder(
      made({
        kind: 'SelectTableStmt',
        projection: [],
        from: { name },
        consume: false,
        where: undefined,
        limit: undefined,
        with: { name, query: this.node },
      }),
    );
  }

  /**
   * After asCte(): another stream read as a CTE beside the first, joined to the outer SELECT: `WITH first AS (...),
   * name AS (read) SELECT ... FROM first ... JOIN name [AS alias] ON condition`. With `.consume()` on `read`, that CTE
   * consumes its stream too.
   *
   * @example
   * selectFromStream('orders_stream').consume().asCte('o_delta').as('o')
   *   .joinCte('c_delta', selectFromStream('customers_stream').consume(), sql`o.id = c.id`, { alias: 'c' })
   * // WITH o_delta AS (SELECT * FROM orders_stream WITH CONSUME), c_delta AS (SELECT * FROM customers_stream WITH CONSUME)
   * // SELECT * FROM o_delta AS o INNER JOIN c_delta AS c ON o.id = c.id
   */
  joinCte(
    name: string,
    read: SelectFromStreamBuilder,
    on: SqlFragment,
    options: { readonly kind?: JoinKind; readonly alias?: string } = {},
  ): SelectFromStreamBuilder {
    const call = `${this.call}.joinCte()`;
    checkIdentifier(name, call, 'name');
    check(read instanceof SelectFromStreamBuilder, 'invalid_type', call, 'the CTE must be a selectFromStream() read', 'read');
    const query = StatementBuilder.nodeOf(read);
    check(query.with === undefined, 'conflict', call, 'the CTE is a plain stream read, not one over a CTE of its own', 'read');
    const first = this.node.with;
    check(first !== undefined, 'conflict', call, 'joinCte() goes after asCte(): it adds a CTE beside the one the outer SELECT reads', 'name');
    const names = [first.name, ...(this.node.joinedCtes ?? []).map((cte) => cte.name)];
    check(!names.includes(name), 'conflict', call, () => `a CTE named '${name}' is already defined`, 'name');
    const joined = this.join(name, on, options);
    const node = StatementBuilder.nodeOf(joined);
    return new SelectFromStreamBuilder(made(cloneSelectTable(node, { joinedCtes: [...(this.node.joinedCtes ?? []), { name, query }] })));
  }

  /** LIMIT n. */
  limit(count: number): SelectFromStreamBuilder {
    checkInteger(count, 0, Number.MAX_SAFE_INTEGER, `${this.call}.limit()`, 'LIMIT must be a non-negative integer');
    return new SelectFromStreamBuilder(made(cloneSelectTable(this.node, { limit: count })));
  }
}

/** SELECT * FROM stream, the guide's read of new rows. */
export function selectFromStream(stream: StreamRef): SelectFromStreamBuilder {
  return new SelectFromStreamBuilder(
    made({
      kind: 'SelectTableStmt',
      projection: [],
      from: streamRef(stream, 'selectFromStream()'),
      consume: false,
      where: undefined,
      limit: undefined,
    }),
  );
}
