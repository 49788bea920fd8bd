/**
 * Fakes for testing one policy at a time: requests as the pipeline builds them, answers, transport failures, and
 * a `next` that scripts what the rest of the pipeline returns while recording every request it was given.
 */
import { NetworkError } from '../../src/core/errors.js';
import type { OperationDescriptor } from '../../src/core/shapes.js';
import type { PipelineRequest, PipelineResponse, SendRequest } from '../../src/client/pipeline.js';
import { CreateHostedServiceOperation } from '../../generated/operations/CreateHostedService.js';
import { GetHostedServiceOperation } from '../../generated/operations/GetHostedService.js';

export const OWN_ORIGIN = 'https://management.example.test';

export function fakeRequest(overrides: Partial<PipelineRequest> & { operation?: OperationDescriptor } = {}): PipelineRequest {
  const operation = overrides.operation ?? (overrides.method === 'POST' ? CreateHostedServiceOperation : GetHostedServiceOperation);
  return {
    operation, method: operation.method, url: `${OWN_ORIGIN}/sub/services/hostedservices/svc`,
    headers: { 'x-ms-version': '2014-10-01' }, attempt: 1, ...overrides,
  };
}

export function answer(statusCode: number, headers: Record<string, string> = {}, body = ''): PipelineResponse {
  return { statusCode, headers, body };
}

/** What the transport throws for a request that got no response, with the undici error code as its cause. */
export function connectionFailure(code: string): NetworkError {
  return new NetworkError('GetHostedService', `GET /sub failed: (${code})`, code, { cause: Object.assign(new Error(code), { code }) });
}

export type Step = PipelineResponse | Error | ((request: PipelineRequest) => Promise<PipelineResponse>);

export interface ScriptedNext {
  next: SendRequest;
  /** Every request passed on, in order. */
  seen: PipelineRequest[];
}

/** A `next` that plays `steps` in order (the last one again once they run out). */
export function scriptedNext(...steps: Step[]): ScriptedNext {
  const seen: PipelineRequest[] = [];
  const next: SendRequest = async (request) => {
    seen.push(request);
    const step = steps[Math.min(seen.length - 1, steps.length - 1)]!;
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(request);
    return step;
  };
  return { next, seen };
}
