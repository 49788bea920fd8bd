/**
 * Adds the bearer token of a token credential to requests for the endpoint's own origin, and to nothing else. A
 * certificate credential needs no header: the transport presents the certificate on the own origin's
 * connections only. The wait for the token ends with the attempt's signal (the timeout policy sits above this
 * one), so a token callback that never settles cannot hold a call past its timeout or its caller's abort.
 */
import type { Credential } from '../credentials.js';
import type { PipelinePolicy } from '../pipeline.js';
import { untilAborted } from '../sleep.js';
import { isOwnOrigin } from '../transport.js';

export function bearerTokenPolicy(credential: Credential, ownOrigin: string): PipelinePolicy | undefined {
  if (credential.kind !== 'token') return undefined;
  return async (request, next) => {
    if (!isOwnOrigin(request.url, ownOrigin)) return next(request);
    const token = await untilAborted(credential.token(), request.signal);
    return next({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } });
  };
}
