/**
 * Keywords Databend's parser refuses as bare identifiers (`TokenKind::is_reserved_ident` in
 * databendlabs/databend src/query/ast/src/parser/token.rs). Both the always-reserved words and those reserved
 * except right after AS are listed: an identifier from this set is always quoted.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'all', 'analyze', 'and', 'any', 'function', 'procedure', 'sequence', 'asc', 'anti', 'both', 'block', 'case', 'cast',
  'connection', 'cross', 'current_timestamp', 'desc', 'distinct', 'do', 'else', 'end', 'false', 'for', 'full', 'in',
  'identifier', 'inner', 'is', 'join', 'lateral', 'leading', 'left', 'like', 'natural', 'not', 'null', 'or', 'right',
  'select', 'pivot', 'unpivot', 'some', 'semi', 'set', 'sample', 'then', 'trailing', 'true', 'using', 'when',
  'array', 'as', 'asof', 'between', 'create', 'attach', 'except', 'fetch', 'from', 'grant', 'group', 'having',
  'intersect', 'into', 'limit', 'format', 'offset', 'on', 'of', 'order', 'over', 'partition', 'qualify', 'rows',
  'properties', 'range', 'stage', 'udf', 'share', 'shares', 'to', 'union', 'where', 'window', 'with', 'ignore_result',
  'masking', 'row', 'policy', 'task', 'pipe', 'stream', 'notification',
]);
