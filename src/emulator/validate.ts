/**
 * How the emulator words the rules a request breaks, as the service's error bodies did: the element's path from
 * the body's root, what the rule asks and the rule's name. The rules are checked by core's one validator
 * (src/core/validation.ts), the same that checks the client's input before it is sent, and read the same way
 * (src/core/rule-wording.ts); where the service had its own wording, the emulator answers that.
 */
import type { ValidationIssue } from '../core/errors.js';
import type { BodyIssue } from '../core/rule-wording.js';
import { INVALID_STORAGE_NAME_MESSAGE } from './api-error.js';

/** One broken rule; `path` names the element, e.g. `CreateHostedService.ExtendedProperties[0].Name`. */
export type Issue = ValidationIssue;

export function describeIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path}: ${i.rule}`).join('; ');
}


/**
 * Where the service had its own wording for a member that breaks the spec's rules, the emulator answers it (the
 * generic description names the rule instead). Rules between members carry theirs in the spec.
 */
const SERVICE_MESSAGES: Readonly<Record<string, string>> = {
  'CreateStorageServiceInput.ServiceName': INVALID_STORAGE_NAME_MESSAGE,
};

/** The message of a 400 refusing a body: the service's own when every issue has it, else each issue named. */
export function refusalOf(element: string, issues: readonly BodyIssue[]): string {
  const unique = [...new Map(issues.map((i) => [`${i.path}\u0000${i.rule}`, i])).values()];
  const own = (i: BodyIssue) => i.serviceMessage ?? SERVICE_MESSAGES[i.path];
  const known = unique.every((i) => own(i) !== undefined) ? own(unique[0]!) : undefined;
  return known ?? `The request body does not match the spec of <${element}>: ${describeIssues(unique)}`;
}
