/** `asm-sdk validate`: a document or a typed input checked by validateDocument()/validate(), the rules the SDK applies. */
import { parseArgs } from 'node:util';
import { validate, validateDocument, type ValidationResult } from '../../generated/validate.js';
import type { OperationDescriptor } from '../core/shapes.js';
import { operationNamed, readText, type Io } from './io.js';
import { UsageError, VALIDATE_HELP } from './usage.js';

const AS = ['request', 'response', 'input'] as const;
const FORMATS = ['xml', 'json'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`, VALIDATE_HELP);
  return value as T;
}

function formatOf(file: string, text: string): 'xml' | 'json' {
  return file.toLowerCase().endsWith('.json') || /^\s*[[{]/.test(text) ? 'json' : 'xml';
}

function check(op: OperationDescriptor, text: string, as: (typeof AS)[number], format: 'xml' | 'json', status: number | undefined): ValidationResult {
  if (as !== 'input') return validateDocument(op, text, { as, format, ...(status === undefined ? {} : { status }) });
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    return { valid: false, issues: [{ path: '(input)', rule: 'well-formed', message: `is not valid JSON: ${(err as Error).message}` }], warnings: [] };
  }
  return validate(op, input);
}

export async function validateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { as: { type: 'string' }, format: { type: 'string' }, status: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help === true) return io.out(VALIDATE_HELP), 0;
  if (positionals.length !== 2) throw new UsageError(`validate takes an operation and a file (or -), got ${positionals.length} argument(s)`, VALIDATE_HELP);
  const [name, file] = positionals as [string, string];
  const op = operationNamed(name, VALIDATE_HELP);
  const as = oneOf(values.as, AS, 'as') ?? 'request';
  const status = values.status === undefined ? undefined : Number(values.status);
  if (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 299)) throw new UsageError(`--status must be a success status 200-299, got "${values.status}"`, VALIDATE_HELP);
  const text = await readText(file, io, VALIDATE_HELP);
  const format = oneOf(values.format, FORMATS, 'format') ?? formatOf(file, text);
  const result = check(op, text, as, format, status);
  if (values.json === true) {
    io.out(JSON.stringify({ operation: op.name, as, format, valid: result.valid, issues: result.issues, warnings: result.warnings }, null, 2));
  } else {
    for (const i of result.issues) io.out(`${i.path}: ${i.rule} (${i.message})`);
    for (const w of result.warnings) io.err(`warning: ${w.path}: ${w.rule} (${w.message})`);
    io.err(result.valid ? `${op.name} ${as}: valid` : `${op.name} ${as}: ${result.issues.length} issue(s)`);
  }
  return result.valid ? 0 : 1;
}
