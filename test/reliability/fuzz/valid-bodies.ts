/**
 * Valid answers for each fuzz target, generated from the spec's shapes: the XML and JSON a real service could send
 * and the exact value the client must return for them. The hostile cases start from these.
 */
import fc from 'fast-check';
import { writeJsonBody } from '../../../src/core/json.js';
import { writeXmlBody } from '../../../src/core/xml.js';
import { ValueArbitraries } from '../shape-values.js';
import type { ValidBody } from './case-types.js';
import { STATUS_BODY, type FuzzTarget } from './targets.js';

export const NS = 'http://schemas.microsoft.com/windowsazure';
const responses = new ValueArbitraries('response', 2);

/** The final status answer of a polled request: Succeeded resolves, Failed raises OperationFailedError. */
const statusBody: fc.Arbitrary<ValidBody> = fc.record({
  Status: fc.constantFrom('Succeeded', 'Failed'),
  HttpStatusCode: fc.constantFrom(200, 201, 400, 409, 500),
  Code: fc.string({ maxLength: 12 }),
}).map(({ Status, HttpStatusCode, Code }) => {
  const value = { ID: 'op', Status, HttpStatusCode, ...(Status === 'Failed' ? { Error: { Code: Code || 'Failed', Message: 'failed' } } : {}) };
  return {
    xml: writeXmlBody(STATUS_BODY, value, NS),
    json: writeJsonBody(STATUS_BODY, value),
    // The requestId is the case's, known only when the case is built: see cases.ts.
    expected: Status === 'Succeeded' ? { value: { operation: 'DeleteHostedService', status: 'Succeeded', httpStatusCode: HttpStatusCode } } : { error: 'OperationFailedError' },
  };
});

function fromValue(target: FuzzTarget, value: unknown): ValidBody {
  const body = target.body!;
  return { xml: writeXmlBody(body, value, NS), json: writeJsonBody(body, value), expected: { value } };
}

export function validBody(target: FuzzTarget): fc.Arbitrary<ValidBody> {
  if (target.polled) return statusBody;
  const body = target.body;
  if (body === undefined) {
    // A bodiless answer: whatever body comes is ignored, and the call resolves with the status.
    return fc.constant({ xml: '', json: '', expected: { value: { statusCode: target.successStatus } } });
  }
  if ('text' in body) {
    return fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }).filter((t) => t.trim() !== '')
      .map((t) => ({ xml: t, json: t, expected: { value: t } }));
  }
  if ('list' in body) return fc.array(responses.item(body.list, 0), { maxLength: 3 }).map((items) => fromValue(target, items));
  return responses.model(body.model()).map((value) => fromValue(target, value));
}

/** The root element a valid XML answer of the target starts with. */
export function rootOf(target: FuzzTarget): string {
  if (target.polled) return STATUS_BODY.element;
  return target.body?.element ?? 'HostedService';
}
