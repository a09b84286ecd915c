#!/usr/bin/env node
// databend-etl: the command line of the SDK. `databend-etl --help` and `databend-etl <command> --help` say the rest.
// This file only dispatches: each command lives in a file of its own beside it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DatabendEtlError } from '../errors.js';
import { applyCommand } from './apply.js';
import { type CliIo, type Command, errorJson, type ExternalCommand, printJson, UsageError, type Values } from './command.js';
import { diffCommand } from './diff.js';
import { generateCommand } from './generate.js';
import { runInfer } from './infer.js';
import { localCommand } from './local.js';
import { migrateCommand } from './migrate.js';
import { planCommand } from './plan.js';
import { messageOnly } from './progress.js';
import { runPull } from './pull.js';
import { pushCommand } from './push.js';
import type { CommandIo } from './codegen-io.js';

const COMMANDS: Record<string, Command | ExternalCommand> = {
  local: localCommand,
  plan: planCommand,
  apply: applyCommand,
  diff: diffCommand,
  push: pushCommand,
  generate: generateCommand,
  migrate: migrateCommand,
  pull: { summary: 'write table() declarations from a live database', runArgv: (argv, io) => runPull(argv, lines(io)) },
  infer: { summary: 'write table() code and its copyInto() from staged files', runArgv: (argv, io) => runInfer(argv, lines(io)) },
};

/** pull and infer write whole lines; the other commands write text with its own line ends. */
function lines(io: CliIo): CommandIo {
  return { out: (text) => io.stdout(`${text}\n`), err: (text) => io.stderr(`${text}\n`) };
}

const WIDTH = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;

const USAGE = `usage: databend-etl <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(WIDTH)}${command.summary}`)
  .join('\n')}

options:
  -h, --help      print this help (or a command's: databend-etl apply --help)
  -v, --version   print the version`;

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

/** The version in the package's package.json: two folders up from src/cli/main.ts, one from dist/cli.js. */
function version(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)), i = 0; i < 3; dir = dirname(dir), i++) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (parsed.name === 'databend-etl' && parsed.version !== undefined) return parsed.version;
  }
  return 'unknown';
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && rest[0] !== undefined && Object.hasOwn(COMMANDS, rest[0]) ? COMMANDS[rest[0]] : undefined;
    if (topic !== undefined && 'runArgv' in topic) process.exitCode = (await topic.runArgv(['--help'], io)) ?? 0;
    else console.log(topic !== undefined ? topic.usage : USAGE);
    return;
  }
  if (name === '--version' || name === '-v') {
    console.log(version());
    return;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command !== undefined && 'runArgv' in command) {
    process.exitCode = (await command.runArgv(rest, io)) ?? 0;
    return;
  }
  let json = false;
  try {
    if (command === undefined) {
      throw new UsageError(name.startsWith('-') ? `unknown option '${name}' (before a command)` : `unknown command '${name}'`, USAGE);
    }
    let parsed: { values: Values; positionals: string[] };
    try {
      parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { ...command.options, help: { type: 'boolean', short: 'h' } } });
    } catch (error) {
      throw new UsageError(`${name}: ${(error as Error).message}`, command.usage);
    }
    if (parsed.values.help === true) {
      console.log(command.usage);
      return;
    }
    json = parsed.values.json === true;
    await command.run(parsed.values, parsed.positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.usage === USAGE ? `\n\n${USAGE}` : `\n(databend-etl ${name} --help lists the options)`;
      console.error(`databend-etl: ${error.message}${help}`);
      process.exitCode = 2;
    } else if (error instanceof DatabendEtlError) {
      // apply prints its own JSON report; the other commands' errors are one JSON object with --json.
      if (json && name !== 'apply') printJson({ ok: false, error: errorJson(error) });
      else console.error(`databend-etl: ${messageOnly(error.message)}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}

await main(process.argv.slice(2));
