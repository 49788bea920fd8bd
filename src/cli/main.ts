#!/usr/bin/env node
/**
 * `asm-sdk`, the package's command line: validate a payload, list the operations, call one, run the emulator.
 * Exit status: 0 success (a valid payload), 1 an invalid payload or a failed call, 2 a usage error or unreadable
 * input (the message names the argument and the rule, with the command's usage).
 */
import { runEmulatorCli } from '../emulator/cli.js';
import { CredentialError, SdkError } from '../core/errors.js';
import { callCommand } from './call-command.js';
import { processIo, type Io } from './io.js';
import { operationsCommand } from './operations-command.js';
import { MAIN_HELP, UsageError } from './usage.js';
import { validateCommand } from './validate-command.js';

async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate': return validateCommand(rest, io);
    case 'operations': return operationsCommand(rest, io);
    case 'call': return callCommand(rest, io);
    case 'emulator': return runEmulatorCli(rest).then(() => 0);
    case undefined:
    case '--help':
    case '-h':
    case 'help': return io.out(MAIN_HELP), command === undefined ? 2 : 0;
    default: throw new UsageError(`<command>: ${command} is not a command (validate, operations, call, emulator)`, MAIN_HELP);
  }
}

/** parseArgs's own errors (an unknown option, a missing value) are usage errors too. */
function isArgumentError(err: unknown): boolean {
  return typeof (err as { code?: unknown })?.code === 'string' && String((err as { code: string }).code).startsWith('ERR_PARSE_ARGS');
}

async function main(): Promise<void> {
  // A reader that stops early (asm-sdk operations | head) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const io = processIo();
  try {
    const code = await run(process.argv.slice(2), io);
    if (code !== 0 || process.argv[2] !== 'emulator') process.exitCode = code;
  } catch (err) {
    if (err instanceof UsageError || isArgumentError(err) || err instanceof CredentialError) {
      io.err(`asm-sdk: ${(err as Error).message}`);
      if (err instanceof UsageError) io.err(`${err.usage.split('\n')[0]!}\n(--help shows every argument)`);
      process.exitCode = 2;
      return;
    }
    io.err(`asm-sdk: ${err instanceof SdkError ? err.message : String((err as Error)?.message ?? err)}`);
    process.exitCode = 1;
  }
}

void main();
