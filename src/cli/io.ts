/** What the commands share: their output streams, reading a file or stdin, and an operation by name. */
import { readFileSync } from 'node:fs';
import { allOperations } from '../../generated/operations/index.js';
import type { OperationDescriptor } from '../core/shapes.js';
import { UsageError } from './usage.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export function processIo(): Io {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** The text of a file, or of stdin for `-`; an unreadable file is a usage error naming it. */
export async function readText(file: string, io: Io, usage: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, usage);
  }
}

/** The operation of that name (exactly, or in another case); otherwise a usage error suggesting close names. */
export function operationNamed(name: string, usage: string): OperationDescriptor {
  const found = allOperations.find((op) => op.name === name) ?? allOperations.find((op) => op.name.toLowerCase() === name.toLowerCase());
  if (found !== undefined) return found;
  const near = allOperations.filter((op) => op.name.toLowerCase().includes(name.toLowerCase())).slice(0, 5).map((op) => op.name);
  const hint = near.length > 0 ? `; did you mean ${near.join(', ')}?` : '; `asm-sdk operations` lists them';
  throw new UsageError(`<Operation>: ${name} is not an operation of the spec${hint}`, usage);
}
