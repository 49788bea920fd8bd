/**
 * The subscription's operation log, as ListSubscriptionOperations answers it: every mutating request the emulator
 * carried out on a subscription (failed ones too, as the service logged them), with its parameters, its caller
 * and its status, kept up to date when an asynchronous operation finishes. Entries are plain records in the
 * subscription's `operationLog` Map, so the store persists them.
 *
 * Secrets never reach the log: members the spec marks `secret`, plus the names always treated as secret (the
 * client's logging.ts keeps the same list, which the emulator may not import), are written as REDACTED, and PEM
 * private keys inside any text are replaced.
 */
import { addSecretMembers } from '../core/secret-members.js';
import type { OperationDescriptor } from '../core/shapes.js';
import { guidForm, normalizeId, type PersistedOperation } from './async-operations.js';
import { recordRebootEvent } from './deployment-events.js';
import type { SubscriptionOperationRecord } from './records.js';
import type { SubscriptionState } from './state.js';

export type { SubscriptionOperationRecord } from './records.js';


/** Entries kept per subscription; the oldest go first. */
const KEEP_ENTRIES = 10_000;

const REDACTED = 'REDACTED';
const ALWAYS_SECRET = ['AdminPassword', 'UserPassword', 'Password', 'PrivateConfiguration', 'CertificatePassword', 'PrivateKey', 'Primary', 'Secondary', 'Data', 'SharedKey', 'Key'];

const secretsByOperation = new WeakMap<OperationDescriptor, ReadonlySet<string>>();

function secretNames(op: OperationDescriptor): ReadonlySet<string> {
  let names = secretsByOperation.get(op);
  if (names !== undefined) return names;
  const found = new Set(ALWAYS_SECRET);
  addSecretMembers(op.request, found);
  names = found;
  secretsByOperation.set(op, names);
  return names;
}

const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;

function textOf(value: unknown, secrets: ReadonlySet<string>): string {
  const text = typeof value === 'string' ? value
    : JSON.stringify(value, (key, member: unknown) => (secrets.has(key) && member !== undefined ? REDACTED : member));
  return text.replace(PRIVATE_KEY, REDACTED);
}

/** Path, query and header parameters, then each member of the body, as Name/Value pairs. */
export function operationParameters(op: OperationDescriptor, params: Readonly<Record<string, unknown>>, body: unknown): { Name: string; Value: string }[] {
  const secrets = secretNames(op);
  const out: { Name: string; Value: string }[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== false) out.push({ Name: name, Value: secrets.has(name) ? REDACTED : textOf(value instanceof Date ? value.toISOString() : String(value), secrets) });
  }
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    for (const [name, value] of Object.entries(body)) if (value !== undefined) out.push({ Name: name, Value: secrets.has(name) ? REDACTED : textOf(value, secrets) });
  } else if (body !== undefined) {
    out.push({ Name: 'input', Value: textOf(body, secrets) });
  }
  return out;
}

/** Names a created resource carries in its body: the object a POST to a collection acted on. */
const CREATED_NAME_MEMBERS = ['ServiceName', 'Name', 'RoleName'];

/**
 * The URL path a GET of the object would use, which is what the service logged and what ObjectIdFilter takes:
 * the request's path, plus the new resource's name for a creation posted to its collection.
 */
export function objectIdOf(method: string, path: string, body: unknown): string {
  const trimmed = path.replace(/\/+$/, '');
  if (method !== 'POST' || body === null || typeof body !== 'object') return trimmed;
  const record = body as Record<string, unknown>;
  const name = CREATED_NAME_MEMBERS.map((m) => record[m]).find((v): v is string => typeof v === 'string');
  const last = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return name === undefined || decodeURIComponent(last).toLowerCase() === name.toLowerCase() ? trimmed : `${trimmed}/${encodeURIComponent(name)}`;
}

export interface LoggedRequest {
  requestId: string;
  op: OperationDescriptor;
  method: string;
  path: string;
  params: Readonly<Record<string, unknown>>;
  body: unknown;
  thumbprint?: string;
  clientIp?: string;
  status: number;
  accepted: boolean;
  error?: { code: string; message: string };
}

export function logOperation(subscription: SubscriptionState, request: LoggedRequest, now: string): void {
  const failed = request.status >= 400;
  const status: SubscriptionOperationRecord['OperationStatus'] = request.accepted
    ? { ID: guidForm(request.requestId), Status: 'InProgress' }
    : {
      ID: guidForm(request.requestId), Status: failed ? 'Failed' : 'Succeeded', HttpStatusCode: request.status,
      ...(failed && request.error !== undefined ? { Error: { Code: request.error.code, Message: request.error.message } } : {}),
    };
  const log = subscription.operationLog;
  const entry: SubscriptionOperationRecord = {
    OperationId: guidForm(request.requestId),
    OperationObjectId: objectIdOf(request.method, request.path, request.body),
    OperationName: request.op.name,
    OperationParameters: operationParameters(request.op, request.params, request.body),
    OperationCaller: {
      UsedServiceManagementApi: true,
      ...(request.thumbprint === undefined ? {} : { SubscriptionCertificateThumbprint: request.thumbprint }),
      ...(request.clientIp === undefined ? {} : { ClientIP: request.clientIp }),
    },
    OperationStatus: status,
    OperationStartedTime: now,
    ...(request.accepted ? {} : { OperationCompletedTime: now }),
  };
  log.set(normalizeId(request.requestId), entry);
  recordRebootEvent(subscription, entry);
  while (log.size > KEEP_ENTRIES) log.delete(log.keys().next().value!);
}

/** An asynchronous operation finished: its entry takes the final status and completion time. */
export function completeLoggedOperation(subscription: SubscriptionState, op: PersistedOperation, now: string): void {
  const entry = subscription.operationLog.get(normalizeId(op.id));
  if (entry === undefined || entry.OperationStatus.Status !== 'InProgress') return;
  entry.OperationStatus = {
    ID: guidForm(op.id), Status: op.status,
    ...(op.httpStatusCode === undefined ? {} : { HttpStatusCode: op.httpStatusCode }),
    ...(op.error === undefined ? {} : { Error: { Code: op.error.code, Message: op.error.message } }),
  };
  entry.OperationCompletedTime = now;
  recordRebootEvent(subscription, entry);
}
