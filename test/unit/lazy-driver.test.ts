import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MARK = '<<databend-driver resolved>>';

// A module hook that reports every resolution of databend-driver on stderr.
const hook = `data:text/javascript,${encodeURIComponent(
  `export async function resolve(specifier, context, next) {
     if (specifier === 'databend-driver') process.stderr.write(${JSON.stringify(MARK)});
     return next(specifier, context);
   }`,
)}`;
const registerHook = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hook)});`)}`;

/** Runs `script` (ESM, importing the sources through tsx) in a fresh Node process with the hook. */
function run(script: string): { stdout: string; driverResolved: boolean } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--import', registerHook, '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`child exited ${child.status}: ${child.stderr}`);
  return { stdout: child.stdout.trim(), driverResolved: child.stderr.includes(MARK) };
}

describe('the root entry and the native driver', () => {
  it('builds statements and creates a client without loading databend-driver', () => {
    const { stdout, driverResolved } = run(
      `import { table, string, createTable, createClient } from './src/index.ts';
       createClient({ dsn: 'databend://root:@127.0.0.1:9/default' });
       console.log(createTable(table('t', { a: string() })).compile().split('\\n')[0]);`,
    );
    expect(stdout).toBe('CREATE TABLE t (');
    expect(driverResolved).toBe(false);
  }, 30_000);

  it('loads databend-driver when a statement is first executed (the probe sees it)', () => {
    const { stdout, driverResolved } = run(
      `import { createClient } from './src/index.ts';
       const client = createClient({ dsn: 'databend://root:@127.0.0.1:9/default?retry_count=0&connect_timeout=1' });
       try { await client.execute('SELECT 1'); } catch (error) { console.log(error.name); }`,
    );
    // The driver may print its own warnings first; the script's answer is the last line.
    expect(stdout.split('\n').at(-1)).toBe('TransportError');
    expect(driverResolved).toBe(true);
  }, 30_000);
});
