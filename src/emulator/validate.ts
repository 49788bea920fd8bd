/**
 * Checks a typed body value (read from XML or JSON) against the spec's rules: required members, const values,
 * enums, lengths, patterns and numeric ranges. Shared by both wire formats, so that they refuse the same things.
 */
import { structureFor } from '../core/json.js';
import { isPolymorphic, type BodyShape, type MemberShape, type ModelShape, type ScalarShape, type StructureShape } from '../core/shapes.js';

/** One broken rule; `path` names the element, e.g. `CreateHostedService.ExtendedProperties[0].Name`. */
export interface Issue {
  path: string;
  rule: string;
}

export function describeIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path}: ${i.rule}`).join('; ');
}

type Constraints = Pick<MemberShape, 'minLength' | 'maxLength' | 'pattern' | 'minimum' | 'maximum'>;

const patterns = new Map<string, RegExp>();

/** Spec patterns are JavaScript regular expressions, compiled once each. */
function patternOf(source: string): RegExp {
  let regex = patterns.get(source);
  if (regex === undefined) {
    regex = new RegExp(source, 'u');
    patterns.set(source, regex);
  }
  return regex;
}

function checkScalar(type: ScalarShape, rules: Constraints, value: unknown, path: string, issues: Issue[]): void {
  if (typeof value === 'string') {
    if (type.enum !== undefined && !type.enum.includes(value)) issues.push({ path, rule: `must be one of ${type.enum.join(', ')} (rule: enum)` });
    const length = [...value].length;
    if (rules.minLength !== undefined && length < rules.minLength) issues.push({ path, rule: `must have at least ${rules.minLength} characters (rule: minLength)` });
    if (rules.maxLength !== undefined && length > rules.maxLength) issues.push({ path, rule: `must have at most ${rules.maxLength} characters (rule: maxLength)` });
    if (rules.pattern !== undefined && !patternOf(rules.pattern).test(value)) issues.push({ path, rule: `must match ${rules.pattern} (rule: pattern)` });
  } else if (typeof value === 'number') {
    // runtime/codec.ts reads any number for int and long; the service wanted an integer.
    if ((type.kind === 'int' || type.kind === 'long') && !Number.isInteger(value)) issues.push({ path, rule: `expected an integer (rule: type ${type.kind})` });
    if (rules.minimum !== undefined && value < rules.minimum) issues.push({ path, rule: `must be >= ${rules.minimum} (rule: minimum)` });
    if (rules.maximum !== undefined && value > rules.maximum) issues.push({ path, rule: `must be <= ${rules.maximum} (rule: maximum)` });
  }
}

/** The variant a value belongs to, or an issue when its discriminator names none. */
function checkModel(shape: ModelShape, value: unknown, path: string, issues: Issue[]): void {
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  const structure = structureFor(shape, isPolymorphic(shape) ? record[shape.discriminator] : undefined, path, issues);
  if (structure === undefined) return;
  for (const member of structure.members) {
    canonicalizeEnum(member, record);
    checkMember(member, record[member.name], `${path}.${member.name}`, issues);
  }
}

/**
 * The service matched enum values case-insensitively (Python's guide sends DeploymentSlot 'production'); a value
 * that differs from the spec's spelling only in case is rewritten to it, so that handlers see one spelling.
 */
function canonicalizeEnum(member: MemberShape, record: Record<string, unknown>): void {
  const value = record[member.name];
  const type = member.type;
  if (typeof value !== 'string' || type.kind === 'model' || type.kind === 'list' || type.enum === undefined) return;
  const known = type.enum.find((e) => e.toLowerCase() === value.toLowerCase());
  if (known !== undefined) record[member.name] = known;
}

function checkMember(member: MemberShape, value: unknown, path: string, issues: Issue[]): void {
  if (value === undefined || value === null) {
    if (member.const !== undefined) issues.push({ path, rule: `must be ${member.const} (rule: const)` });
    else if (member.required) issues.push({ path, rule: 'is required (rule: required)' });
    return;
  }
  if (member.const !== undefined && value !== member.const) issues.push({ path, rule: `must be ${member.const} (rule: const)` });
  const type = member.type;
  if (type.kind === 'model') return checkModel(type.model(), value, path, issues);
  if (type.kind !== 'list') return checkScalar(type, member, value, path, issues);
  if (!Array.isArray(value)) return;
  value.forEach((item, i) => {
    const itemPath = `${path}[${i}]`;
    if (type.item.type.kind === 'model') checkModel(type.item.type.model(), item, itemPath, issues);
    else checkScalar(type.item.type, {}, item, itemPath, issues);
  });
}

/** The rules one member value breaks, e.g. to tell whether a name would be accepted. */
export function memberIssues(member: MemberShape, value: unknown, path: string = member.name): Issue[] {
  const issues: Issue[] = [];
  checkMember(member, value, path, issues);
  return issues;
}

/** Every rule the value breaks; paths start with the body's root element. */
export function validateBody(body: BodyShape, value: unknown): Issue[] {
  const issues: Issue[] = [];
  if ('model' in body) checkModel(body.model(), value, body.element, issues);
  else if ('list' in body && Array.isArray(value)) {
    const item = body.list;
    value.forEach((v, i) => {
      const path = `${body.element}.${item.element}[${i}]`;
      if (item.type.kind === 'model') checkModel(item.type.model(), v, path, issues);
      else checkScalar(item.type, {}, v, path, issues);
    });
  }
  return issues;
}
