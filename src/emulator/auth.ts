/**
 * Who is calling: the thumbprint of the TLS client certificate (ASM's management certificates), or a bearer
 * token. A certificate is good for the subscriptions it is registered with, while it is valid; a known token for
 * all of them.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { EmulatorState } from './state.js';

export interface Caller {
  /** Uppercase SHA-1 hex of the presented client certificate. */
  thumbprint?: string;
  bearerToken?: string;
}

/**
 * Whether a certificate is valid now. The service refused an expired or not yet valid management certificate with
 * 403 even when it was registered (issue #16); TLS does not check it, since a self-signed client certificate is
 * accepted without a chain (rejectUnauthorized false).
 */
function validNow(peer: PeerCertificate, now = Date.now()): boolean {
  const from = Date.parse(peer.valid_from);
  const to = Date.parse(peer.valid_to);
  return Number.isFinite(from) && Number.isFinite(to) && from <= now && now <= to;
}

export function callerOf(req: IncomingMessage): Caller {
  const caller: Caller = {};
  const socket = req.socket as TLSSocket;
  const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : undefined;
  if (peer?.raw !== undefined && validNow(peer)) caller.thumbprint = createHash('sha1').update(peer.raw).digest('hex').toUpperCase();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (match !== null) caller.bearerToken = match[1]!;
  return caller;
}

/**
 * Whether the caller may act on `subscriptionId` (undefined: a path outside any subscription, such as
 * /subscriptions, which any authenticated caller may use).
 */
export function isAuthorized(state: EmulatorState, bearerTokens: ReadonlySet<string>, caller: Caller, subscriptionId: string | undefined): boolean {
  if (caller.bearerToken !== undefined && bearerTokens.has(caller.bearerToken)) {
    return subscriptionId === undefined || state.subscription(subscriptionId) !== undefined;
  }
  const thumbprint = caller.thumbprint;
  if (thumbprint === undefined) return false;
  if (subscriptionId === undefined) return [...state.subscriptions.values()].some((s) => s.managementCertificates.has(thumbprint));
  return state.subscription(subscriptionId)?.managementCertificates.has(thumbprint) ?? false;
}
