#!/usr/bin/env node
// Extracts the SQL examples of the Databend documentation that the SDK's statement families cover into
// test/corpus/databend-docs.json, for test/engine/docs-corpus.test.ts (issue 13's corpus test).
//
// Usage: node scripts/extract-docs-corpus.mjs <bare git dir of databendlabs/databend-docs> [out.json]
// (for example a bare clone made with `git clone --bare https://github.com/databendlabs/databend-docs`). Reads HEAD of that git dir only,
// no network. The same commit always gives the same file: pages in path order, statements in page order.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const gitDir = process.argv[2];
const out = process.argv[3] ?? 'test/corpus/databend-docs.json';
if (!gitDir) {
  console.error('usage: node scripts/extract-docs-corpus.mjs <bare git dir of databendlabs/databend-docs> [out.json]');
  process.exit(2);
}
const git = (...args) => execFileSync('git', ['-C', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const commit = git('rev-parse', 'HEAD').trim();

// The pages that document the families, and the loading/unloading guides and tutorials. Other pages (functions,
// administration) use CREATE TABLE and INSERT to set up their own examples, which are not what issue 13 measures.
const PAGE_PREFIXES = [
  'docs/en/sql-reference/10-sql-commands/00-ddl/01-table/',
  'docs/en/sql-reference/10-sql-commands/00-ddl/03-stage/',
  'docs/en/sql-reference/10-sql-commands/00-ddl/04-stream/',
  'docs/en/sql-reference/10-sql-commands/00-ddl/04-task/',
  'docs/en/sql-reference/10-sql-commands/00-ddl/07-inverted-index/',
  'docs/en/sql-reference/10-sql-commands/00-ddl/07-ngram-index/',
  'docs/en/sql-reference/10-sql-commands/00-ddl/07-vector-index/',
  'docs/en/sql-reference/10-sql-commands/00-ddl/13-connection/',
  'docs/en/sql-reference/10-sql-commands/00-ddl/13-file-format/',
  'docs/en/sql-reference/10-sql-commands/10-dml/dml-copy-into-',
  'docs/en/sql-reference/20-sql-functions/17-table-functions/01-infer-schema',
  'docs/en/sql-reference/20-sql-functions/17-table-functions/03-list-stage',
  'docs/en/sql-reference/00-sql-reference/50-file-format-options',
  'docs/en/guides/40-load-data/',
  'docs/en/guides/50-unload-data/',
  'docs/en/guides/55-performance/03-fulltext-index',
  'docs/en/guides/55-performance/ngram-index',
  'docs/en/tutorials/',
];
const pages = git('ls-tree', '-r', '--name-only', 'HEAD', 'docs/en')
  .split('\n')
  .filter((p) => /\.mdx?$/.test(p) && PAGE_PREFIXES.some((prefix) => p.startsWith(prefix)))
  .sort();

// The first words a statement line starts with (after a client prompt).
const STATEMENT_START =
  /^(CREATE|COPY|SELECT|LIST|REMOVE|ALTER|DROP|DESC|DESCRIBE|SHOW|INSERT|WITH|USE|EXECUTE|PRESIGN|SET|UNSET|TRUNCATE|DELETE|UPDATE|MERGE|REFRESH|OPTIMIZE|BEGIN|CALL|VACUUM|UNDROP|REPLACE|PUT|GET|FROM)(?=\s|;|$)/i;
const PROMPT = /^\s*(?:[\w.-]+@[\w.:/()-]*>\s?|>>>?\s|[\w]+>\s)/;
// Result tables and other output printed after a statement inside the same code block.
const OUTPUT_LINE = /^\s*(?:[+|┌│├└╭╰╞╘╒║╔╚═─]|-{3,}|-\[ RECORD|[A-Za-z][A-Za-z_ ]*:\s|\d+ rows? |Query OK|\(\d+ rows?\))/;

/** A scanner over statement text: strings, quoted names, $$ bodies, comments, parentheses and BEGIN/CASE ... END. */
function newScanner() {
  return { text: '', quote: null, dollar: false, blockComment: false, parens: 0, blocks: 0 };
}
function clean(s) {
  return s.quote === null && !s.dollar && !s.blockComment && s.parens <= 0 && s.blocks <= 0;
}
/** Feeds `line` (with its newline) into the scanner; returns the rest of the line after a terminating `;`, or null. */
function feed(s, line) {
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const next = line[i + 1];
    if (s.blockComment) {
      s.text += c;
      if (c === '*' && next === '/') {
        s.text += next;
        i++;
        s.blockComment = false;
      }
      continue;
    }
    if (s.dollar) {
      s.text += c;
      if (c === '$' && next === '$') {
        s.text += next;
        i++;
        s.dollar = false;
      }
      continue;
    }
    if (s.quote !== null) {
      s.text += c;
      if (c === '\\' && s.quote === "'") {
        if (next !== undefined) {
          s.text += next;
          i++;
        }
      } else if (c === s.quote) {
        if (next === s.quote) {
          s.text += next;
          i++;
        } else s.quote = null;
      }
      continue;
    }
    if (c === '-' && next === '-') {
      // A line comment: dropped with the rest of the line.
      s.text += '\n';
      return null;
    }
    if (c === '/' && next === '*') {
      s.text += '/*';
      i++;
      s.blockComment = true;
      continue;
    }
    if (c === '$' && next === '$') {
      s.text += '$$';
      i++;
      s.dollar = true;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      s.quote = c;
      s.text += c;
      continue;
    }
    if (c === '(') s.parens++;
    if (c === ')') s.parens--;
    if (/[A-Za-z_]/.test(c) && !/[A-Za-z0-9_$]/.test(line[i - 1] ?? ' ')) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(line.slice(i))[0];
      const after = line.slice(i + word.length);
      const upper = word.toUpperCase();
      if (upper === 'BEGIN' && !/^\s*(;|TRANSACTION\b|$)/i.test(after)) s.blocks++;
      else if (upper === 'BEGIN' && /^\s*$/.test(after)) s.blocks++;
      else if (upper === 'CASE') s.blocks++;
      else if (upper === 'END' && !/^\s*(IF|FOR|WHILE|LOOP|REPEAT)\b/i.test(after)) s.blocks--;
      s.text += word;
      i += word.length - 1;
      continue;
    }
    if (c === ';' && clean(s)) return line.slice(i + 1);
    s.text += c;
  }
  return null;
}

function isPlaceholderSyntax(sql) {
  // Syntax summaries: <placeholders> outside strings, [ optional ] | alternatives, "..." ellipses.
  const outside = sql.replace(/'(?:[^'\\]|\\.|'')*'/g, "''").replace(/\$\$[\s\S]*?\$\$/g, '$$$$');
  return (
    /<[a-zA-Z_][\w\s-]*>/.test(outside) ||
    /\.\.\./.test(outside) ||
    /\[\s*[A-Z_]+\s*(=|\|)/.test(outside) ||
    /\{\s*[A-Z_]+\s*\|/.test(outside) ||
    /\[\s*(IF NOT EXISTS|IF EXISTS|OR REPLACE)\s*\]/i.test(outside) ||
    /\[\w+\.\]/.test(outside)
  );
}

// Statements of other systems shown beside Databend's: MySQL tables of the migration tutorials, Flink SQL, the
// Snowflake side of the Snowflake migration.
const FOREIGN = [
  { page: /./, sql: /\bAUTO_INCREMENT\b|\bPRIMARY KEY\b|WITH\s*\(\s*'connector'/i },
  { page: /migrating-from-snowflake/, sql: /\bSTORAGE_INTEGRATION\b|\bHEADER\s*=/i },
];
const isForeign = (page, sql) => FOREIGN.some((f) => f.page.test(page) && f.sql.test(sql));

/** The SQL code blocks of a page, with the heading each falls under. */
function codeBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  let heading = '';
  let current = null;
  for (const line of lines) {
    if (current === null) {
      const h = /^#{1,6}\s+(.*)$/.exec(line);
      if (h) heading = h[1];
      const open = /^\s*```+\s*(\w*)/.exec(line);
      if (open) current = { lang: open[1].toLowerCase(), lines: [], heading };
    } else if (/^\s*```+\s*$/.test(line)) {
      if (current.lang === 'sql') blocks.push(current);
      current = null;
    } else current.lines.push(line);
  }
  return blocks;
}

/** Splits a code block into statements; output lines and client prompts are dropped. */
function statements(block) {
  const found = [];
  let s = null;
  let previousBlank = true;
  const finish = () => {
    if (s !== null) {
      const text = s.text.trim();
      if (text !== '') found.push(text);
    }
    s = null;
  };
  const queue = [...block.lines];
  while (queue.length > 0) {
    let line = queue.shift();
    if (s === null || clean(s)) line = line.replace(PROMPT, '');
    if (s !== null && clean(s) && (OUTPUT_LINE.test(line) || (previousBlank && STATEMENT_START.test(line.trim()) && s.text.trim() !== ''))) {
      finish();
    }
    if (s === null) {
      const t = line.trim();
      if (t === '' || t.startsWith('--') || OUTPUT_LINE.test(t) || !STATEMENT_START.test(t)) {
        previousBlank = t === '';
        continue;
      }
      s = newScanner();
      line = line.trimStart();
    }
    const rest = feed(s, `${line}\n`);
    previousBlank = line.trim() === '';
    if (rest !== null) {
      finish();
      if (rest.trim() !== '') queue.unshift(rest);
    }
  }
  finish();
  return found;
}

const upperOutside = (sql) =>
  sql
    .replace(/'(?:[^'\\]|\\.|'')*'/g, (m) => (/^'[a-z0-9+]+:\/\//i.test(m) ? m.toUpperCase() : "''"))
    .replace(/\$\$[\s\S]*?\$\$/g, (m) => m.toUpperCase())
    .replace(/\s+/g, ' ')
    .toUpperCase()
    .trim();

/** The statement's family, `setup` for the statements examples need first, or null (left out). */
function family(sql) {
  const u = upperOutside(sql);
  if (/^(CREATE (OR REPLACE )?CONNECTION|DROP CONNECTION|SHOW CONNECTIONS|DESC(RIBE)? CONNECTION)\b/.test(u)) return 'connection';
  if (/^(CREATE (OR REPLACE )?STAGE|DROP STAGE|DESC(RIBE)? STAGE|SHOW STAGES|ALTER STAGE)\b/.test(u)) return 'stage';
  if (/^(CREATE (OR REPLACE )?FILE FORMAT|DROP FILE FORMAT|SHOW FILE FORMATS)\b/.test(u)) return 'file-format';
  if (/^(LIST|REMOVE) /.test(u) || /^(LIST|REMOVE)$/.test(u)) return 'list-remove';
  if (/^PRESIGN\b/.test(u)) return 'presign';
  if (/^(CREATE (OR REPLACE )?STREAM|DROP STREAM|DESC(RIBE)? STREAM|SHOW STREAMS)\b/.test(u) || /\bWITH CONSUME\b/.test(u)) return 'stream';
  if (/^(CREATE (OR REPLACE )?TASK|ALTER TASK|DROP TASK|EXECUTE TASK|SHOW TASKS|DESC(RIBE)? TASK)\b/.test(u)) return 'task';
  if (/^COPY INTO\s*(@|')/.test(u)) return 'copy-into-location';
  if (/^COPY INTO\b/.test(u)) return 'copy-into-table';
  if (/\bINFER_SCHEMA\s*\(/.test(u)) return 'infer-schema';
  if (/\bLIST_STAGE\s*\(/.test(u)) return 'list-stage';
  if (/^(CREATE|DROP|REFRESH) (OR REPLACE )?(VECTOR |INVERTED |NGRAM )INDEX\b/.test(u)) return 'index';
  if (/^(CREATE (OR REPLACE )?(TRANSIENT )?TABLE)\b/.test(u)) return 'create-table';
  if (/^ALTER TABLE\b/.test(u)) return 'alter-table';
  const readsFiles = /\bFROM\s*\(?\s*(@|'[A-Z0-9+]+:\/\/)/.test(u) || /\$\d|METADATA\$/.test(u);
  if (/^INSERT\b/.test(u) && readsFiles) return 'insert-from-stage';
  if (/^(SELECT|WITH)\b/.test(u) && readsFiles) return 'stage-query';
  if (/^(INSERT|CREATE DATABASE|CREATE (OR REPLACE )?DATABASE|USE)\b/.test(u)) return 'setup';
  return null;
}

const result = { repo: 'databendlabs/databend-docs', commit, statements: [] };
const counters = new Map();
for (const page of pages) {
  const markdown = git('show', `HEAD:${page}`);
  for (const block of codeBlocks(markdown)) {
    if (/^syntax\b/i.test(block.heading.trim())) continue;
    for (const sql of statements(block)) {
      if (isPlaceholderSyntax(sql) || isForeign(page, sql)) continue;
      const f = family(sql);
      if (f === null) continue;
      const n = (counters.get(f) ?? 0) + 1;
      counters.set(f, n);
      result.statements.push({ id: `${f}-${String(n).padStart(3, '0')}`, family: f, page, sql });
    }
  }
}
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
const summary = [...counters].map(([f, n]) => `${f} ${n}`).join(', ');
console.log(`${result.statements.length} statements from ${pages.length} pages at ${commit}: ${summary}`);
