/** `asm-sdk operations [filter]`: every operation with its verb, path and whether it is asynchronous. */
import { parseArgs } from 'node:util';
import { allOperations } from '../../generated/operations/index.js';
import type { Io } from './io.js';
import { OPERATIONS_HELP, UsageError } from './usage.js';

export function operationsCommand(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (values.help === true) return io.out(OPERATIONS_HELP), 0;
  if (positionals.length > 1) throw new UsageError(`operations takes at most one filter, got ${positionals.length}`, OPERATIONS_HELP);
  const filter = positionals[0]?.toLowerCase();
  const rows = allOperations
    .filter((op) => filter === undefined || op.name.toLowerCase().includes(filter) || op.path.toLowerCase().includes(filter))
    .map((op) => ({ name: op.name, method: op.method, path: op.path, async: op.async !== undefined }));
  if (values.json === true) {
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const width = Math.max(0, ...rows.map((r) => r.name.length));
  for (const r of rows) io.out(`${r.name.padEnd(width)}  ${r.method.padEnd(6)} ${r.path}  ${r.async ? 'async' : 'sync'}`);
  if (rows.length === 0) io.err(`no operation matches "${positionals[0]}"`);
  return 0;
}
