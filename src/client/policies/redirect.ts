/**
 * Follows 307 and 308 for every verb, sending the same body again, up to a cap; past the cap the last redirect is
 * answered as it is (the caller turns it into "too many redirects"). Only https targets are followed, since the
 * body can hold passwords; a hop to another origin travels without any Authorization header (the authentication
 * policy below adds the bearer token for the endpoint's own origin only, and the transport presents the client
 * certificate there only), without any user:password@ the Location named, and never with a body that carries a
 * secret (an AdminPassword, a certificate's data, a private key): such a hop is refused with a ServiceError
 * `UnsafeRedirect`, since the service itself never sends the client to another origin.
 */
import { serviceErrorFor } from '../../core/errors.js';
import { redactBody } from '../logging.js';
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '../pipeline.js';
import { isOwnOrigin } from '../transport.js';
import { requestIdOf } from '../request-id.js';

export function redirectPolicy(maxRedirects: number, ownOrigin: string): PipelinePolicy {
  return async (request, next) => {
    let current = request;
    for (let redirects = 0; ; redirects++) {
      const response = await next(current);
      const location = response.headers['location'];
      if ((response.statusCode !== 307 && response.statusCode !== 308) || !location || redirects >= maxRedirects) return response;
      current = hop(current, target(current, response, location), ownOrigin);
    }
  };
}

/** The URL to follow, or a typed error saying why it cannot be followed. */
function target(request: PipelineRequest, response: PipelineResponse, location: string): URL {
  const refuse = (code: string, message: string) => serviceErrorFor({
    code, message, statusCode: response.statusCode, requestId: requestIdOf(response.headers), operation: request.operation.name,
  });
  if (!URL.canParse(location, request.url)) throw refuse('InvalidRedirect', 'the redirect names no valid URL in its Location header');
  const next = new URL(location, request.url);
  if (next.protocol !== 'https:') throw refuse('InsecureRedirect', `refused to follow a redirect to a ${next.protocol} URL (https only)`);
  // Credentials a Location names are not the client's to send anywhere.
  next.username = '';
  next.password = '';
  if (request.body !== undefined && !isOwnOrigin(next.toString(), new URL(request.url).origin) && carriesSecret(request)) {
    throw refuse('UnsafeRedirect', `refused to follow a redirect to another origin (${next.host}): the request body carries secret members, which go to the endpoint's own origin only`);
  }
  return next;
}

/** Whether the body holds a secret member (or a private key, or a value the client knows is secret). */
function carriesSecret(request: PipelineRequest): boolean {
  const body = request.body!;
  return redactBody(request.operation, body) !== body || (request.secrets ?? []).some((s) => body.includes(s));
}

function hop(request: PipelineRequest, next: URL, ownOrigin: string): PipelineRequest {
  const url = next.toString();
  if (isOwnOrigin(url, ownOrigin) || request.headers['authorization'] === undefined) return { ...request, url };
  const { authorization: _dropped, ...headers } = request.headers;
  return { ...request, url, headers };
}
