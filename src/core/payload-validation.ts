/**
 * Validation as an answer instead of an exception: a typed input (what the client checks before sending, by
 * validation.ts) or a wire document (what the emulator checks on receipt, by body-reading.ts), each issue
 * `{ path, rule, message }`. The generated `validate()` and `validateDocument()` resolve operation names and call
 * these; nothing here has rules of its own.
 */
import { readBody, type WireFormat } from './body-reading.js';
import type { ValidationIssue } from './errors.js';
import { requirementOf, ruleNameOf, splitRule } from './rule-wording.js';
import type { BodyShape, OperationDescriptor } from './shapes.js';
import { inputViolations } from './validation.js';

export interface PayloadIssue {
  /** Input member (`RoleList[0].RoleName`) or, in a document, element path from the root (`Deployment.RoleList.Role[0].RoleName`). */
  readonly path: string;
  /** The rule's name: `required`, `enum`, `maximum`, `order`, `readOnly`, `exactlyOne`, `unknown element`... */
  readonly rule: string;
  /** What the rule asks: `must be one of tcp, udp`. */
  readonly message: string;
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly issues: readonly PayloadIssue[];
  /** Not refusals: in a response, elements the spec does not know (the service added members over the years). */
  readonly warnings: readonly PayloadIssue[];
}

export interface DocumentOptions {
  /** A request body (every input rule) or a response body (response-only members allowed); default request. */
  readonly as?: 'request' | 'response';
  /** Default xml. */
  readonly format?: WireFormat;
  /** For a response: the status whose body it is; default the first success response with a body. */
  readonly status?: number;
}

function unique(issues: PayloadIssue[]): PayloadIssue[] {
  return [...new Map(issues.map((i) => [`${i.path}\u0000${i.rule}\u0000${i.message}`, i])).values()];
}

function result(issues: PayloadIssue[], warnings: PayloadIssue[] = []): ValidationResult {
  const refusals = unique(issues);
  return { valid: refusals.length === 0, issues: refusals, warnings: unique(warnings) };
}

/** The rules a typed input breaks, exactly those the client refuses before sending. */
export function checkInput(op: OperationDescriptor, input: unknown): ValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return result([{ path: '(input)', rule: 'type', message: 'expected an object' }]);
  }
  return result(inputViolations(op, input).map((v) => ({ path: v.path || '(input)', rule: ruleNameOf(v), message: requirementOf(v) })));
}

function bodyOf(op: OperationDescriptor, options: DocumentOptions): BodyShape | string {
  if ((options.as ?? 'request') === 'request') return op.request ?? `${op.name} sends no request body`;
  const responses = op.responses.filter((r) => options.status === undefined || r.status === options.status);
  if (responses.length === 0) return `${op.name} has no ${options.status} response; it answers ${op.responses.map((r) => r.status).join(', ')}`;
  return responses.find((r) => r.body !== undefined)?.body ?? `${op.name} answers no body`;
}

const UNREADABLE: Readonly<Record<string, { rule: string; message: (detail: string, element: string) => string }>> = {
  syntax: { rule: 'well-formed', message: (detail) => `is not a well-formed document: ${detail}` },
  roots: { rule: 'root element', message: (detail, element) => `must have exactly one root element <${element}>; it has ${detail}` },
  root: { rule: 'root element', message: (detail, element) => `has the root element <${detail}>; the spec requires <${element}>` },
  empty: { rule: 'required', message: (_detail, element) => `is empty; the spec requires <${element}>` },
};

/**
 * The rules a wire document breaks, exactly those the emulator refuses on receipt; warnings: for a response, what
 * the spec does not know; for a request, elements out of the contract's order, which the service skipped (read
 * as absent: lost, though the request succeeds — a required one skipped is refused as missing).
 */
export function checkDocument(op: OperationDescriptor, text: string, namespace: string, options: DocumentOptions = {}): ValidationResult {
  const body = bodyOf(op, options);
  if (typeof body === 'string') return result([{ path: '(document)', rule: 'body', message: body }]);
  const as = options.as ?? 'request';
  const reading = readBody(body, text, { format: options.format ?? 'xml', as, namespace, ...(as === 'request' ? { outOfOrder: 'skip' as const } : {}) });
  if (reading.kind === 'unreadable') {
    const { rule, message } = UNREADABLE[reading.reason]!;
    return result([{ path: '(document)', rule, message: message(reading.detail, body.element) }]);
  }
  const split = (i: ValidationIssue): PayloadIssue => ({ path: i.path, ...splitRule(i.rule) });
  const skipped = reading.issues.length === 0 ? (reading.skipped ?? []) : [];
  return result(reading.issues.map(split), [...reading.warnings, ...skipped].map(split));
}
