import { RESERVED_WORDS } from './reserved-words.js';

/**
 * Every keyword of Databend's SQL parser, lower-cased: the words the engine lists in `information_schema.keywords`
 * (the pinned engine's; test/engine/keywords.test.ts checks this list against the running engine's own).
 *
 * Reserved words (reserved-words.ts) are only some of them. The others are accepted as bare names in most places
 * but not all, and where they are not the parser does not always fail: `SELECT current_date::INT FROM @stage/f`
 * reads today's date, not the file's column; `CREATE TABLE if (...)`, `FROM table`, `SELECT div::INT` and `top`,
 * `xor`, `rlike`, `regexp` as columns are syntax errors. An identifier that is any keyword is therefore quoted.
 */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'abort', 'access', 'account', 'add', 'address', 'after', 'aggregating', 'all', 'allow_quoted_nulls',
  'allowed_ip_list', 'allowed_values', 'alter', 'always', 'analyze', 'and', 'anti', 'any', 'append_only', 'apply',
  'args', 'array', 'as', 'asc', 'asof', 'assign', 'ast', 'async', 'at', 'attach', 'authorization_header', 'auto',
  'auto_ingest', 'autoincrement', 'avro', 'before', 'begin', 'between', 'bigint', 'binary', 'binary_format', 'bitmap',
  'blob', 'block', 'blocked_ip_list', 'bool', 'boolean', 'both', 'branch', 'break', 'brotli', 'by', 'bz2', 'cache',
  'call', 'case', 'case_sensitive', 'cast', 'catalog', 'catalogs', 'century', 'changes', 'char', 'character', 'check',
  'close', 'cluster', 'coalesce', 'column', 'column_match_mode', 'columns', 'comment', 'comments', 'commit',
  'compact', 'compression', 'conflict', 'connection', 'connections', 'constraint', 'consume', 'content_type',
  'continue', 'copy', 'copy_options', 'count', 'create', 'credential', 'cron', 'cross', 'csv', 'cube', 'current',
  'current_date', 'current_time', 'current_timestamp', 'cursor', 'data', 'database', 'databases', 'date', 'date_add',
  'date_between', 'date_diff', 'date_part', 'date_sub', 'date_trunc', 'dateadd', 'datebetween', 'datediff',
  'datepart', 'datesub', 'datetime', 'day', 'days', 'decade', 'decimal', 'declare', 'decorrelated', 'default',
  'default_role', 'default_warehouse', 'deflate', 'delete', 'delta', 'desc', 'describe', 'detailed_output',
  'dictionaries', 'dictionary', 'disable', 'disable_variant_check', 'disabled', 'distinct', 'div', 'do', 'double',
  'double_sha1_password', 'dow', 'download', 'downstream', 'doy', 'drop', 'dry', 'dynamic', 'else', 'elseif',
  'empty_field_as', 'enable', 'enable_virtual_host_style', 'enabled', 'encoding', 'encoding_error_mode', 'end',
  'endpoint', 'engine', 'engines', 'epoch', 'error_integration', 'error_on_column_count_mismatch', 'escape', 'except',
  'exception_backtrace', 'exclude', 'execute', 'exists', 'expire', 'explain', 'extract', 'false', 'fetch',
  'field_delimiter', 'fields', 'file', 'file_format', 'files', 'final', 'first', 'flashback', 'float', 'float32',
  'float64', 'flush', 'following', 'for', 'force', 'format', 'format_name', 'formats', 'fragments', 'friday', 'from',
  'full', 'function', 'functions', 'fuse', 'generated', 'geography', 'geometry', 'get', 'global', 'grant', 'grants',
  'graph', 'graphical', 'group', 'grouping', 'groups', 'gzip', 'handler', 'having', 'headers', 'high', 'hilbert',
  'history', 'hive', 'hour', 'hours', 'iceberg', 'identified', 'identifier', 'identity', 'if', 'ifnull', 'ignore',
  'ignore_result', 'immediate', 'immutable', 'imports', 'in', 'include_query_id', 'increment', 'incremental', 'index',
  'indexes', 'information', 'initialize', 'inner', 'insert', 'inspect', 'int', 'int16', 'int32', 'int64', 'int8',
  'integer', 'integration', 'intersect', 'interval', 'into', 'inverted', 'is', 'isodow', 'isoweek', 'isoyear',
  'issue', 'join', 'json', 'julian', 'jwt', 'key', 'kill', 'l1distance', 'l2distance', 'lance', 'language', 'last',
  'last_day', 'lateral', 'leading', 'left', 'let', 'like', 'limit', 'linear', 'list', 'location_prefix', 'locks',
  'logical', 'longblob', 'longtext', 'loop', 'low', 'lzo', 'map', 'masking', 'master_key', 'matched', 'materialized',
  'max_file_size', 'max_files', 'medium', 'mediumblob', 'mediumtext', 'memo', 'memory', 'merge', 'method', 'metrics',
  'microsecond', 'microseconds', 'millennium', 'millisecond', 'milliseconds', 'minute', 'missing_field_as',
  'modified_after', 'modify', 'monday', 'month', 'must_change_password', 'nan_display', 'natural', 'ndjson',
  'network', 'next_day', 'ngram', 'no_password', 'nodes', 'non_display', 'none', 'noorder', 'noscan', 'not',
  'notenantsetting', 'notification', 'null', 'null_display', 'null_field_as', 'null_if', 'nullable', 'nullif',
  'nulls', 'numeric', 'object', 'of', 'offset', 'on', 'on_create', 'on_error', 'on_schedule', 'online', 'open',
  'optimize', 'optimized', 'options', 'or', 'orc', 'order', 'outer', 'output_header', 'over', 'overwrite',
  'ownership', 'packages', 'parquet', 'partial', 'partition', 'password', 'password_history',
  'password_lockout_time_mins', 'password_max_age_days', 'password_max_length', 'password_max_retries',
  'password_min_age_days', 'password_min_length', 'password_min_lower_case_chars', 'password_min_numeric_chars',
  'password_min_special_chars', 'password_min_upper_case_chars', 'pattern', 'perf', 'pipe', 'pipe_execution_paused',
  'pipeline', 'pivot', 'plaintext_password', 'policies', 'policy', 'position', 'preceding', 'precision', 'prefix',
  'presign', 'previous_day', 'primary', 'priority', 'privileges', 'procedure', 'procedures', 'processlist',
  'properties', 'purge', 'put', 'qualify', 'quarter', 'query', 'quote', 'quoted_empty_field_as', 'quoted_identifiers',
  'random', 'range', 'raw', 'rawdeflate', 'read', 'read_only', 'real', 'recluster', 'record_delimiter', 'recursive',
  'reference_usage', 'refresh', 'refresh_mode', 'regexp', 'remove', 'rename', 'repeat', 'replace', 'report',
  'respect', 'resultset', 'resume', 'retain', 'return', 'return_failed_only', 'returns', 'reverse', 'revoke', 'right',
  'rlike', 'role', 'roles', 'rollback', 'rollup', 'row', 'row_tag', 'rows', 'run', 'sample', 'saturday', 'schedule',
  'schema', 'schemas', 'second', 'secondary', 'seconds', 'segment', 'select', 'semi', 'sequence', 'sequences',
  'session', 'set', 'set_var', 'sets', 'settings', 'sha256_password', 'share', 'shares', 'show', 'signed', 'since',
  'single', 'size_limit', 'skip_header', 'smallint', 'snappy', 'snapshot', 'some', 'sounds', 'source', 'spatial',
  'split_size', 'sql', 'stage', 'stage_location', 'stages', 'start', 'state', 'statistic', 'statistics', 'status',
  'storage_type', 'stored', 'stream', 'streams', 'string', 'substr', 'substring', 'summary', 'sunday', 'super',
  'suspend', 'suspend_task_after_num_failures', 'swap', 'sync', 'syntax', 'system', 'table', 'table_functions',
  'tables', 'tag', 'tags', 'target_lag', 'task', 'tasks', 'temp', 'temporary', 'tenant', 'tenants', 'tenantsetting',
  'text', 'then', 'throw', 'thursday', 'time', 'time_slice', 'timestamp', 'timestamp_tz', 'timezone', 'timezone_hour',
  'timezone_minute', 'tinyblob', 'tinyint', 'tinytext', 'to', 'token', 'top', 'trailing', 'transaction', 'transient',
  'trim', 'trim_space', 'true', 'trunc', 'truncate', 'try_cast', 'tsv', 'tuesday', 'tuple', 'type', 'udf', 'uint16',
  'uint32', 'uint64', 'uint8', 'unassign', 'unbounded', 'undrop', 'union', 'unmatched', 'unpivot', 'unset',
  'unsigned', 'until', 'update', 'upload', 'url', 'usage', 'use', 'use_logic_type', 'use_raw_path', 'user', 'users',
  'using', 'vacuum', 'values', 'varbinary', 'varchar', 'variable', 'variables', 'variant', 'vector', 'verbose',
  'view', 'views', 'virtual', 'volatile', 'warehouse', 'warehouses', 'webhook', 'wednesday', 'week', 'when', 'where',
  'while', 'window', 'with', 'within', 'worker', 'workers', 'workload', 'write', 'xml', 'xor', 'xz', 'year',
  'yearweek', 'zip', 'zone', 'zstd',
]);

/**
 * Lower-case names that, bare in an expression, are not a column: reserved words (1005, or a constant such as
 * `true`), the functions called without parentheses (`current_date` is today) and the operators `div`, `xor`,
 * `regexp` and `rlike` (1005). It matters where the engine itself writes a name back bare: it stores CLUSTER BY
 * keys unquoted and parses them again on every write, so a table clustered by a column called `div` refuses every
 * INSERT (1001) and one clustered by `current_date` (or `true`) is clustered by the date (or a constant).
 */
export const NOT_A_BARE_COLUMN: ReadonlySet<string> = new Set([
  // All reserved words but `row`, which reads as the column there.
  ...[...RESERVED_WORDS].filter((word) => word !== 'row'),
  'current_date',
  'current_time',
  'div',
  'regexp',
  'rlike',
  'xor',
]);
