/**
 * How the emulator words the rules a request breaks, as the service's error bodies did: the element's path from
 * the body's root, what the rule asks and the rule's name. The rules are checked by core's one validator
 * (src/core/validation.ts), the same that checks the client's input before it is sent.
 */
import type { BodyShape } from '../core/shapes.js';
import type { Violation } from '../core/validation.js';

/** One broken rule; `path` names the element, e.g. `CreateHostedService.ExtendedProperties[0].Name`. */
export interface Issue {
  path: string;
  rule: string;
}

export function describeIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path}: ${i.rule}`).join('; ');
}

function listed(values: unknown): string {
  return (values as unknown[]).join(', ');
}

/** What a rule asks, without its name: `must be <= 5`. Shared by body and parameter messages. */
export function requirementOf(v: Violation): string {
  const limit = v.params['limit'];
  switch (v.keyword) {
    case 'required': return 'is required';
    case 'const': return `must be ${String(v.params['allowedValue'])}`;
    case 'enum':
    case 'discriminator': return `must be one of ${listed(v.params['allowedValues'])}`;
    case 'minLength': return `must have at least ${String(limit)} characters`;
    case 'maxLength': return `must have at most ${String(limit)} characters`;
    case 'pattern': return `must match ${String(v.params['pattern'])}`;
    case 'minimum': return `must be >= ${String(limit)}`;
    case 'maximum': return `must be <= ${String(limit)}`;
    case 'additionalProperties': return 'is not a member of the spec';
    case 'type': return v.params['type'] === 'integer' ? 'expected an integer' : `expected a ${String(v.params['type'])}`;
    case 'x-finite': return 'expected a finite number';
    case 'x-date': return 'expected an ISO 8601 date';
    default: return v.message;
  }
}

const RULE_NAMES: Readonly<Record<string, string>> = { additionalProperties: 'unknown member', 'x-finite': 'type', 'x-date': 'type' };

/** The body's issues, paths starting with its root element (and, in a list body, the item element). */
export function bodyIssues(body: BodyShape, violations: readonly Violation[]): Issue[] {
  const root = 'list' in body ? `${body.element}.${body.list.element}` : body.element;
  return violations.map((v) => ({
    path: v.path === '' ? root : v.path.startsWith('[') ? `${root}${v.path}` : `${root}.${v.path}`,
    rule: `${requirementOf(v)} (rule: ${RULE_NAMES[v.keyword] ?? v.keyword})`,
  }));
}
