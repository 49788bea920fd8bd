/**
 * After the pipeline: a success response read into the operation's typed result (or its metadata when it has no
 * body), an error response turned into the typed ServiceError its body (or status) calls for.
 */
import { ResponseParseError, serviceErrorFor, type ServiceError, type ValidationIssue } from '../core/errors.js';
import { readJsonBody } from '../core/json.js';
import type { BodyShape, OperationDescriptor, ServiceShape } from '../core/shapes.js';
import { readXmlBody, ShapeError, XmlSyntaxError } from '../core/xml.js';
import { redactedExcerpt, redactHeaders } from './logging.js';
import type { PipelineResponse } from './pipeline.js';
import type { ResponseMetadata } from './request-options.js';
import { isRequestId, requestIdOf } from './request-id.js';

function parseBody(body: BodyShape, response: PipelineResponse): unknown {
  if ('text' in body) return response.body;
  if (!/json/i.test(response.headers['content-type'] ?? '')) return readXmlBody(body, response.body);
  const issues: ValidationIssue[] = [];
  const value = readJsonBody(body, JSON.parse(response.body) as unknown, issues, { unknownMembers: 'ignore' });
  if (issues.length > 0) throw new ShapeError(issues[0]!.path, issues[0]!.rule);
  return value;
}

/**
 * What a parse failure says. V8 quotes the start of a malformed JSON text in its SyntaxError, which could be the
 * start of a secret: only the position is kept.
 */
function parseProblem(err: Error): string {
  if (!(err instanceof SyntaxError)) return err.message;
  const position = /position (\d+)/.exec(err.message)?.[1];
  return `malformed JSON${position === undefined ? '' : ` at position ${position}`}`;
}

export function readResponse(op: OperationDescriptor, response: PipelineResponse, secrets: readonly string[] = []): unknown {
  const spec = op.responses.find((r) => r.status === response.statusCode) ?? (op.responses.length === 1 ? op.responses[0] : undefined);
  const body = spec?.body;
  if (!body || response.body.trim() === '' && !('list' in body)) {
    return { statusCode: response.statusCode, requestId: requestIdOf(response.headers) } satisfies ResponseMetadata;
  }
  try {
    return parseBody(body, response);
  } catch (err) {
    if (err instanceof XmlSyntaxError || err instanceof ShapeError || err instanceof SyntaxError) {
      throw new ResponseParseError(op.name, response.statusCode, parseProblem(err), redactedExcerpt(op, response.body, secrets));
    }
    throw err;
  }
}

/** The error for a 3xx (a redirect not followed) or an error status, from the service's <Error> body when it has one. */
export function serviceError(op: OperationDescriptor, service: ServiceShape, response: PipelineResponse, secrets: readonly string[] = []): ServiceError {
  const requestId = requestIdOf(response.headers);
  let code = `Http${response.statusCode}`;
  let message = response.statusCode >= 300 && response.statusCode < 400 ? 'too many redirects' : 'the service answered with an error';
  let rawBody: string | undefined;
  try {
    const parsed = parseBody({ element: 'Error', model: service.error }, response) as { Code?: string; Message?: string };
    if (parsed.Code) code = parsed.Code;
    if (parsed.Message) message = parsed.Message;
  } catch {
    rawBody = redactedExcerpt(op, response.body, secrets);
  }
  return serviceErrorFor({ code, message, statusCode: response.statusCode, requestId, operation: op.name, rawBody, headers: redactHeaders(response.headers) });
}

/** The id to poll an asynchronous request by: from the body when the operation says so, else x-ms-request-id. */
export function asyncRequestId(op: OperationDescriptor, response: PipelineResponse, body: unknown, secrets: readonly string[] = []): string {
  const idField = op.async?.idFromBody;
  const fromBody = idField !== undefined && typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[idField] : undefined;
  const id = typeof fromBody === 'string' ? (isRequestId(fromBody) ? fromBody : undefined) : requestIdOf(response.headers);
  if (!id) {
    const named = typeof fromBody === 'string' ? `<${idField}>` : 'x-ms-request-id';
    const problem = typeof fromBody !== 'string' && response.headers['x-ms-request-id'] === undefined
      ? 'x-ms-request-id header missing'
      : `${named} is not one request id (repeated, or not a token of letters, digits and dashes)`;
    throw new ResponseParseError(op.name, response.statusCode, `no request id to follow (${problem})`, redactedExcerpt(op, response.body, secrets));
  }
  return id;
}
