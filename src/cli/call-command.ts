/**
 * `asm-sdk call <Operation>`: sends any operation through the typed client with the credentials of a publish
 * settings file or the environment, and prints the typed result as JSON. The client validates the input first
 * (the same rules as `asm-sdk validate --as input`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createServiceClient } from '../../generated/service.js';
import { ValidationError } from '../core/errors.js';
import type { OperationDescriptor } from '../core/shapes.js';
import type { ClientOptions } from '../client/client.js';
import { certificateFromEnvironment } from '../client/credential-environment.js';
import { invoke, invokeAsync } from '../client/invoke.js';
import type { OperationStatus } from '../client/poller.js';
import { fromPublishSettings } from '../client/publish-settings.js';
import { operationNamed, readText, type Io } from './io.js';
import { CALL_HELP, UsageError } from './usage.js';

interface CallArguments {
  input?: string;
  wait?: boolean;
  'publish-settings'?: string;
  subscription?: string;
  endpoint?: string;
  ca?: string;
  'timeout-ms'?: string;
}

function clientOptions(values: CallArguments, io: Io): ClientOptions {
  const ca = values.ca === undefined ? {} : { ca: readCa(resolve(io.cwd, values.ca)) };
  const timeout = values['timeout-ms'] === undefined ? {} : { timeoutMs: positiveInteger(values['timeout-ms'], 'timeout-ms') };
  if (values['publish-settings'] !== undefined) {
    const settings = fromPublishSettings({ file: resolve(io.cwd, values['publish-settings']), ...(values.subscription === undefined ? {} : { subscription: values.subscription }) });
    return { ...settings, ...(values.endpoint === undefined ? {} : { endpoint: values.endpoint }), ...ca, ...timeout };
  }
  const subscriptionId = values.subscription ?? io.env['AZURE_SUBSCRIPTION_ID'];
  if (subscriptionId === undefined || subscriptionId.trim() === '') {
    throw new UsageError('--subscription: required without --publish-settings (or set AZURE_SUBSCRIPTION_ID)', CALL_HELP);
  }
  const endpoint = values.endpoint ?? io.env['AZURE_MANAGEMENT_ENDPOINT'];
  return {
    subscriptionId: subscriptionId.trim(), credential: certificateFromEnvironment({ cwd: io.cwd, env: io.env }),
    ...(endpoint === undefined || endpoint === '' ? {} : { endpoint }), ...ca, ...timeout,
  };
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--ca: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, CALL_HELP);
  }
}

function positiveInteger(text: string, name: string): number {
  if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`--${name} must be a positive integer, got "${text}"`, CALL_HELP);
  return Number(text);
}

async function inputOf(values: CallArguments, io: Io): Promise<object> {
  if (values.input === undefined) return {};
  const text = await readText(values.input === '-' ? '-' : resolve(io.cwd, values.input), io, CALL_HELP);
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--input: ${values.input} is not valid JSON: ${(err as Error).message}`, CALL_HELP);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new UsageError(`--input: ${values.input} must hold a JSON object`, CALL_HELP);
  return input;
}

function progress(io: Io, op: OperationDescriptor): (status: OperationStatus) => void {
  return (s) => io.err(`${op.name} ${s.requestId}: ${s.status}${s.httpStatusCode === undefined ? '' : ` (${s.httpStatusCode})`}`);
}

async function send(op: OperationDescriptor, input: object, values: CallArguments, io: Io): Promise<unknown> {
  const client = createServiceClient(clientOptions(values, io));
  if (op.async === undefined) {
    if (values.wait === true) io.err(`${op.name} is synchronous: --wait has nothing to wait for`);
    return invoke(client, op, input);
  }
  if (values.wait !== true) {
    const accepted = await invokeAsync(client, op, input);
    return { operation: accepted.operation, requestId: accepted.requestId, status: 'Accepted' };
  }
  io.err(`${op.name}: sent, waiting for completion`);
  return invokeAsync(client, op, input, { wait: { onProgress: progress(io, op) } });
}

export async function callCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      input: { type: 'string' }, wait: { type: 'boolean' }, 'publish-settings': { type: 'string' }, subscription: { type: 'string' },
      endpoint: { type: 'string' }, ca: { type: 'string' }, 'timeout-ms': { type: 'string' }, help: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help === true) return io.out(CALL_HELP), 0;
  if (positionals.length !== 1) throw new UsageError(`call takes one operation, got ${positionals.length} argument(s)`, CALL_HELP);
  const op = operationNamed(positionals[0]!, CALL_HELP);
  const input = await inputOf(values, io);
  try {
    const result = await send(op, input, values, io);
    io.out(JSON.stringify(result ?? null, null, 2));
    return 0;
  } catch (err) {
    // Input the client refused was never sent: like a usage error, the caller fixes the command.
    if (err instanceof ValidationError) {
      for (const i of err.issues) io.err(`${i.path}: ${i.rule}`);
      throw new UsageError(`--input: ${err.message}`, CALL_HELP);
    }
    throw err;
  }
}
