/**
 * The one reader of a body as it travels, XML or JSON, request or response: well-formedness, the root element,
 * the XML structure (namespace, element order, members given twice, base64; xml-structure.ts), the elements the
 * spec maps, then the spec's rules by the one validator. The emulator reads every request body through it and
 * validateDocument() every document, so both refuse exactly the same things.
 */
import type { ValidationIssue as Issue } from './errors.js';
import { readJsonBody } from './json.js';
import { bodyIssues, type BodyIssue } from './rule-wording.js';
import { isPolymorphic, type BodyShape } from './shapes.js';
import { bodyViolations } from './validation.js';
import { ShapeError, XmlSyntaxError, readXmlBody } from './xml.js';
import { checkXmlStructure, isUnderSkipped, rootNamespace, withoutSkipped } from './xml-structure.js';
import { parseXmlTree, rootOf } from './xml-tree.js';

export type WireFormat = 'xml' | 'json';

export interface BodyReadOptions {
  readonly format: WireFormat;
  /** A request is held to every input rule; a response may carry response-only members and skip input-required ones. */
  readonly as: 'request' | 'response';
  /** The service's default namespace, which request roots must carry. */
  readonly namespace: string;
  /**
   * An XML element out of its contract's order: `refuse` reports it (the default: what the service skips is lost,
   * which validateDocument must show); `skip` reads the body as the service did, without it (the emulator).
   */
  readonly outOfOrder?: 'refuse' | 'skip';
}

/**
 * What reading found. `unreadable`: the text is no document of the body (`syntax`: not well-formed XML or not
 * JSON; `roots`: not exactly one root element; `root`: another root element; `empty`: no text). Otherwise the value
 * read, the issues that refuse it, and warnings: in a response, elements the spec does not know (the service
 * added members over the years).
 */
export type BodyReading =
  | { readonly kind: 'unreadable'; readonly reason: 'syntax' | 'roots' | 'root' | 'empty'; readonly detail: string }
  | {
    readonly kind: 'read'; readonly value: unknown; readonly issues: readonly BodyIssue[]; readonly warnings: readonly Issue[];
    /** With `outOfOrder: 'skip'`: the elements left out, as the service's order-sensitive reader left them out. */
    readonly skipped?: readonly Issue[];
  };

function readXml(body: BodyShape, raw: string, options: BodyReadOptions): BodyReading {
  let tree: Record<string, unknown>;
  try {
    tree = parseXmlTree(raw);
  } catch (err) {
    if (err instanceof XmlSyntaxError) return { kind: 'unreadable', reason: 'syntax', detail: err.message };
    throw err;
  }
  const roots = Object.keys(tree).filter((k) => k !== '#text' && !k.startsWith('@_'));
  if (roots.length !== 1) return { kind: 'unreadable', reason: 'roots', detail: String(roots.length) };
  const root = rootOf(tree)!;
  if (root.name !== body.element) return { kind: 'unreadable', reason: 'root', detail: root.name };
  const shape = 'model' in body ? body.model() : undefined;
  const expectedNamespace = (shape !== undefined && !isPolymorphic(shape) && shape.namespace) || options.namespace;
  const found = checkXmlStructure(body, root.node, rootNamespace(raw), expectedNamespace);
  const skipping = options.outOfOrder === 'skip';
  const skipped = skipping ? found.skipped : [];
  const skippedPaths = skipped.map((s) => s.path);
  const issues: BodyIssue[] = skipping ? found.issues : [...found.issues, ...found.skipped];
  const unmapped: string[] = [];
  let value: unknown;
  try {
    value = withoutSkipped(readXmlBody(body, raw, { unmapped, enumsIgnoreCase: true }), skipped);
  } catch (err) {
    if (!(err instanceof ShapeError)) throw err;
    const path = `${body.element}.${err.path}`;
    if (!isUnderSkipped(path, skippedPaths)) issues.push({ path, rule: `${err.rule} (rule: value format)` });
    return { kind: 'read', value: undefined, issues: [...issues, ...skipped], warnings: [] };
  }
  const unknown = unmapped.map((path) => ({ path: `${body.element}.${path}`, rule: 'is not an element the spec defines here (rule: unknown element)' }))
    .filter((i) => !isUnderSkipped(i.path, skippedPaths));
  issues.push(...bodyIssues(body, bodyViolations(body, value, options.as)));
  // A body refused for another reason names what was skipped too: a required member out of order reads as missing.
  if (options.as === 'request' && skipping) {
    const refusing = [...issues, ...unknown];
    return { kind: 'read', value, issues: refusing.length > 0 ? [...refusing, ...skipped] : [], warnings: [], skipped };
  }
  if (options.as === 'request') return { kind: 'read', value, issues: [...issues, ...unknown], warnings: [] };
  // A response is read in any order and namespace, and the service's own varied (VMImage put Location before
  // AffinityGroup, VpnDeviceList had no namespace, in the recordings): warnings, like unknown elements.
  const lenient = (i: Issue) => /\(rule: (element order|namespace)\b/.test(i.rule);
  return { kind: 'read', value, issues: issues.filter((i) => !lenient(i)), warnings: [...issues.filter(lenient), ...unknown] };
}

function readJson(body: BodyShape, raw: string, options: BodyReadOptions): BodyReading {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return { kind: 'unreadable', reason: 'syntax', detail: (err as Error).message };
  }
  const issues: Issue[] = [];
  const value = readJsonBody(body, json, issues, { enumsIgnoreCase: true });
  // In a response, a member the spec does not know is a warning (the service added members), not a refusal.
  const unknown = options.as === 'response' ? issues.filter((i) => i.rule.endsWith('(rule: unknown member)')) : [];
  const refusing: BodyIssue[] = issues.filter((i) => !unknown.includes(i));
  if (refusing.length === 0) refusing.push(...bodyIssues(body, bodyViolations(body, value, options.as)));
  return { kind: 'read', value, issues: refusing, warnings: unknown };
}

/** Reads a body (a text body is taken as it is). */
export function readBody(body: BodyShape, raw: string, options: BodyReadOptions): BodyReading {
  if ('text' in body) return { kind: 'read', value: raw, issues: [], warnings: [] };
  if (raw.trim() === '') return { kind: 'unreadable', reason: 'empty', detail: '' };
  return options.format === 'json' ? readJson(body, raw, options) : readXml(body, raw, options);
}
