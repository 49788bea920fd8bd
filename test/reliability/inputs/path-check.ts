/**
 * Did a request reach exactly the place its input names? The received path, split on `/` and each segment
 * decoded, must equal the operation's template filled with the input's values, and the query must hold exactly
 * the fixed pairs and the input's query parameters: no value may add a segment, climb out with `..`, start a
 * query or a fragment.
 */
import { formatScalar } from '../../../src/core/codec.js';
import type { OperationDescriptor, ParamShape } from '../../../src/core/shapes.js';

function text(param: ParamShape, value: unknown): string {
  return formatScalar({ kind: param.type === 'int' ? 'int' : param.type }, value);
}

function expectedSegments(op: OperationDescriptor, subscriptionId: string, input: Record<string, unknown>): string[] {
  return op.path.split('/').slice(1).map((segment) => segment.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === 'subscriptionId') return subscriptionId;
    return text(op.params.find((p) => p.name === name)!, input[name]);
  }));
}

function expectedQuery(op: OperationDescriptor, input: Record<string, unknown>): string[] {
  const pairs = Object.entries(op.fixedQuery ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const p of op.params) {
    const value = input[p.name];
    if (p.in !== 'query' || value === undefined || value === null) continue;
    if (p.value !== undefined) { if (value === true) pairs.push(`${p.wireName ?? p.name}=${p.value}`); continue; }
    pairs.push(`${p.wireName ?? p.name}=${text(p, value)}`);
  }
  return pairs.sort();
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Why the received path and query differ from the intended ones, or undefined when they match. */
export function pathMismatch(op: OperationDescriptor, subscriptionId: string, input: Record<string, unknown>, received: string): string | undefined {
  if (received.includes('#')) return `a fragment reached the wire: ${received}`;
  const [path = '', query] = received.split(/\?(.*)/s);
  const got = path.split('/').slice(1).map(decode);
  const want = expectedSegments(op, subscriptionId, input);
  if (got.length !== want.length || got.some((s, i) => s !== want[i])) return `path ${path.slice(0, 200)} is not ${want.join('/').slice(0, 200)}`;
  const gotQuery = query === undefined ? [] : [...new URLSearchParams(query)].map(([k, v]) => `${k}=${v}`).sort();
  const wantQuery = expectedQuery(op, input);
  if (gotQuery.join('&') !== wantQuery.join('&')) return `query ${query?.slice(0, 200)} is not ${wantQuery.join('&').slice(0, 200)}`;
  return undefined;
}
