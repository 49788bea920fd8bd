/**
 * `reqopts` of the response object: the request as Node https.request options would have described it (method,
 * host, port, path, headers). The client key and certificate are deliberately absent, and so is the body.
 */
import type { Endpoint } from '../client/endpoint.js';
import { buildPathAndQuery, protocolHeaders, type SerializeType } from '../client/request.js';
import type { OperationDescriptor } from '../core/shapes.js';
import type { RequestSummary } from './types.js';

export interface SummaryContext {
  endpoint: Endpoint;
  subscriptionId: string;
  apiVersion: string;
  serializeType: SerializeType;
}

/** The summary, or undefined when the input cannot even name a path (the call then failed validation). */
export function requestSummary(op: OperationDescriptor, input: object | undefined, context: SummaryContext): RequestSummary | undefined {
  if (input === undefined) return undefined;
  let path: string;
  try {
    path = buildPathAndQuery(op, context.subscriptionId, input as Record<string, unknown>);
  } catch {
    return undefined;
  }
  const headers = protocolHeaders(op, context.serializeType, context.apiVersion);
  return { protocol: 'https:', method: op.method, host: context.endpoint.host, port: context.endpoint.port, path, headers };
}
