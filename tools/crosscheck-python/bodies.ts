/**
 * Reads the committed evidence file (python-legacy-bodies.json: what azure-servicemanagement-legacy's serializers
 * write, in their order, with every optional argument given) and turns each call into the request it sends, in the
 * form the Node crosscheck's comparison walks (tools/crosscheck/compare.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CapturedBody } from '../crosscheck/capture.js';

/** An element: `{ Name: children }`; a child is an element, `"Name"`, `"Name=text"` or `"@fragment"`. */
export type Skeleton = { readonly [name: string]: readonly Node[] };
export type Node = string | Skeleton;

export interface PythonCall {
  readonly python: string;
  readonly variant?: string;
  readonly serializer: string;
  readonly verb: string;
  /** After the host; `{sub}` stands for the subscription id. */
  readonly path: string;
  /** `as_async=True`: the call returns the x-ms-request-id header and the caller polls Get Operation Status. */
  readonly async: boolean;
  /** Set where the call overrides the package's X_MS_VERSION. */
  readonly xMsVersion?: string;
  readonly body: Skeleton | null;
}

/** A difference the comparison may report because a named source decided it. */
export interface Justification {
  readonly python: string;
  readonly path: string;
  readonly kind: 'order' | 'theirs-only' | 'ours-only' | 'root';
  /** The `theirs` text of the difference (for ours-only, the `ours` text). */
  readonly elements: string;
  readonly source: string;
}

export interface PythonEvidence {
  readonly source: { readonly xMsVersion: string; readonly [key: string]: unknown };
  readonly fragments: Readonly<Record<string, readonly Node[]>>;
  readonly calls: readonly PythonCall[];
  readonly justified: readonly Justification[];
}

export const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
export const PACKAGE_VERSION = '2014-10-01';
const here = dirname(fileURLToPath(import.meta.url));
/** The JSON is not compiled: from dist/tools/crosscheck-python the source folder is three levels up. */
export const EVIDENCE_FILE = join(here, '..', '..', '..', 'tools', 'crosscheck-python', 'python-legacy-bodies.json');

export function loadEvidence(file = EVIDENCE_FILE): PythonEvidence {
  return JSON.parse(readFileSync(file, 'utf8')) as PythonEvidence;
}

export function callName(call: PythonCall): string {
  return call.variant === undefined ? call.python : `${call.python} (${call.variant})`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function expand(nodes: readonly Node[], fragments: PythonEvidence['fragments']): Node[] {
  return nodes.flatMap((node) => {
    if (typeof node !== 'string' || !node.startsWith('@')) return [node];
    const fragment = fragments[node.slice(1)];
    if (fragment === undefined) throw new Error(`python-legacy-bodies.json: no fragment "${node.slice(1)}"`);
    return expand(fragment, fragments);
  });
}

function write(node: Node, fragments: PythonEvidence['fragments']): string {
  if (typeof node === 'string') {
    const [name, ...text] = node.split('=');
    return `<${name}>${escapeText(text.length > 0 ? text.join('=') : 'x')}</${name}>`;
  }
  const entries = Object.entries(node);
  if (entries.length !== 1) throw new Error(`python-legacy-bodies.json: an element has one name, got ${entries.map(([n]) => n).join(', ')}`);
  const [name, children] = entries[0]!;
  return `<${name}>${expand(children, fragments).map((c) => write(c, fragments)).join('')}</${name}>`;
}

/** The body as their doc_from_xml writes it: root with the i and default namespaces, no declaration, no spaces. */
export function bodyXml(body: Skeleton, fragments: PythonEvidence['fragments']): string {
  const xml = write(body, fragments);
  const close = xml.indexOf('>');
  return `${xml.slice(0, close)} xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/windowsazure"${xml.slice(close)}`;
}

export function requestPath(call: PythonCall): string {
  return call.path.replace('{sub}', SUBSCRIPTION);
}

/** The calls as the Node comparison takes them; the method stands in for a Node client's (no source to read). */
export function capturedBodies(evidence: PythonEvidence): CapturedBody[] {
  return evidence.calls.map((call) => ({
    name: callName(call),
    method: { family: 'python', group: '', method: call.python, params: [], source: '', docParams: [] },
    verb: call.verb,
    url: `https://management.core.windows.net${requestPath(call)}`,
    body: call.body === null ? '' : bodyXml(call.body, evidence.fragments),
  }));
}
