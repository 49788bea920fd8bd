/**
 * How a broken rule reads, in one place: `what it asks (rule: name)`, the form the emulator answers in its error
 * bodies and validate()/validateDocument() split into `{ rule, message }`. The rules themselves are checked by
 * validation.ts.
 */
import type { ValidationIssue as Issue } from './errors.js';
import type { BodyShape } from './shapes.js';
import type { Violation } from './validation.js';

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

/** The rule's name as issues give it: JSON Schema's keyword, except where the SDK names it otherwise. */
export function ruleNameOf(v: Violation): string {
  return RULE_NAMES[v.keyword] ?? v.keyword;
}

const RULE_NAMES: Readonly<Record<string, string>> = { additionalProperties: 'unknown member', 'x-finite': 'type', 'x-date': 'type' };

/** An issue of a body; `serviceMessage`: the service's own wording of a rule between members, when the spec has it. */
export interface BodyIssue extends Issue {
  readonly serviceMessage?: string;
}

/** A body's issues, paths starting with its root element (and, in a list body, the item element). */
export function bodyIssues(body: BodyShape, violations: readonly Violation[]): BodyIssue[] {
  const root = 'list' in body ? `${body.element}.${body.list.element}` : body.element;
  return violations.map((v) => {
    const serviceMessage = v.params['serviceMessage'];
    return {
      path: v.path === '' ? root : v.path.startsWith('[') ? `${root}${v.path}` : `${root}.${v.path}`,
      rule: `${requirementOf(v)} (rule: ${ruleNameOf(v)})`,
      ...(typeof serviceMessage === 'string' ? { serviceMessage } : {}),
    };
  });
}

/** `is required (rule: required)` as `{ rule: 'required', message: 'is required' }`; a rule's first word names it. */
export function splitRule(worded: string): { rule: string; message: string } {
  const match = /^(.*) \(rule: ([^)]*)\)$/s.exec(worded);
  if (match === null) return { rule: 'invalid', message: worded };
  const name = match[2]!;
  // `element order A, B, C`, `namespace; found none` and `type model` name the rule by their first words; the
  // rest is detail.
  if (name.startsWith('element order ')) return { rule: 'order', message: `${match[1]!} (order: ${name.slice('element order '.length)})` };
  const [rule, detail] = name.split('; ', 2) as [string, string | undefined];
  if (rule.startsWith('type ')) return { rule: 'type', message: match[1]! };
  return { rule, message: detail === undefined ? match[1]! : `${match[1]!} (${detail})` };
}
