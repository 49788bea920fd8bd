/**
 * Adds the bearer token of a token credential to requests for the endpoint's own origin, and to nothing else. A
 * certificate credential needs no header: the transport presents the certificate on the own origin's
 * connections only.
 */
import type { Credential } from '../credentials.js';
import type { PipelinePolicy } from '../pipeline.js';
import { isOwnOrigin } from '../transport.js';

export function bearerTokenPolicy(credential: Credential, ownOrigin: string): PipelinePolicy | undefined {
  if (credential.kind !== 'token') return undefined;
  return async (request, next) => {
    if (!isOwnOrigin(request.url, ownOrigin)) return next(request);
    return next({ ...request, headers: { ...request.headers, authorization: `Bearer ${await credential.token()}` } });
  };
}
