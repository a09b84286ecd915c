import { DefaultQueryCompiler, type IdentifierNode, type OnConflictNode, type OnDuplicateKeyNode, type ReturningNode } from 'kysely';
import { ValidationError } from '../errors.js';
import { renderLiteral } from '../render/literal.js';
import { quoteIdentifier } from '../render/quote.js';
import { checkIdentifier } from '../schema/identifier.js';

const CALL = 'DatabendDialect';

/**
 * Compiles Kysely's query tree to Databend SQL. Values are inlined with the SDK's own escaping (renderLiteral), so
 * nothing is ever bound by databend-driver, whose client-side binding does not escape. Identifiers render bare when
 * they are plain lower-case names that are not reserved, quoted otherwise, like every statement of the SDK.
 */
export class DatabendQueryCompiler extends DefaultQueryCompiler {
  protected override appendValue(value: unknown): void {
    this.append(renderLiteral(value));
  }

  protected override getCurrentParameterPlaceholder(): string {
    throw new ValidationError(CALL, 'values are inlined as escaped literals; no parameter placeholder exists');
  }

  protected override visitIdentifier(node: IdentifierNode): void {
    // `*` and names Databend cannot quote (a backslash inside quotes never closes) are refused here.
    checkIdentifier(node.name, CALL, 'identifier');
    this.append(quoteIdentifier(node.name));
  }

  protected override visitReturning(_node: ReturningNode): void {
    throw new ValidationError(CALL, 'Databend has no RETURNING clause: select the rows after the insert or update', 'returning');
  }

  protected override visitOnConflict(_node: OnConflictNode): void {
    throw new ValidationError(CALL, 'Databend has no ON CONFLICT clause: use MERGE or REPLACE INTO through sql``', 'onConflict');
  }

  protected override visitOnDuplicateKey(_node: OnDuplicateKeyNode): void {
    throw new ValidationError(CALL, 'Databend has no ON DUPLICATE KEY UPDATE clause', 'onDuplicateKeyUpdate');
  }
}
