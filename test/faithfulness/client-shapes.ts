/**
 * Reading an answer the way the typed client does: with the generated operation's response shape (or the
 * service's error shape for 4xx/5xx), noting elements the shapes do not map.
 */
import { allOperations } from '../../generated/operations/index.js';
import { serviceShape } from '../../generated/service.js';
import type { BodyShape, OperationDescriptor } from '../../src/core/shapes.js';
import { readXmlBody } from '../../src/core/xml.js';

const byName = new Map<string, OperationDescriptor>(allOperations.map((op) => [op.name, op]));

export interface ClientRead {
  ok: boolean;
  /** Element paths of the body the shapes do not know. */
  unmapped: string[];
  error?: string;
}

function bodyShapeFor(operation: string, status: number): BodyShape | undefined {
  if (status >= 400) return { element: 'Error', model: serviceShape.error };
  return byName.get(operation)?.responses.find((r) => r.status === status)?.body;
}

/** Parses `text` as the typed client would; an empty body is fine where the operation answers none. */
export function readAsClient(operation: string, status: number, text: string): ClientRead {
  const shape = bodyShapeFor(operation, status);
  if (shape === undefined) return text === '' ? { ok: true, unmapped: [] } : { ok: false, unmapped: [], error: `no body expected for ${operation} ${status}` };
  const unmapped: string[] = [];
  try {
    readXmlBody(shape, text, { unmapped });
    return { ok: unmapped.length === 0, unmapped };
  } catch (err) {
    return { ok: false, unmapped, error: (err as Error).message };
  }
}
