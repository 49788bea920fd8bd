/**
 * Gateway operations as GetGatewayOperationStatus shows them. The service answered a gateway verb with a
 * GatewayOperationAsyncResponse and reported, beside the status, the operation's name (CreateGateway,
 * ResetSharedKey...), when it started and completed, and result data (the VPN client package URL) — recorded in
 * xplat-cli/cli.network.gateway-test. The status itself is the emulator's async-operations.ts; this file keeps
 * the rest, as plain records by operation id, and completes the work through the usual async timing.
 */
import { guidForm, normalizeId } from '../async-operations.js';
import type { GatewayOperation } from '../../../generated/models/index.js';
import type { GatewayOperationRecord } from '../records.js';
import type { SubscriptionState } from '../state.js';
import { accepted, done, type HandlerContext, type HandlerResult } from '../handlers/types.js';

/** Operation records kept per subscription; the oldest are forgotten first (as async-operations.ts does). */
const KEEP = 10_000;

/** The service's time format here: ISO 8601 in UTC without a zone designator (recorded). */
function serviceTime(): string {
  return new Date().toISOString().replace(/Z$/, '');
}

function remember(subscription: SubscriptionState, id: string, record: GatewayOperationRecord): void {
  subscription.gatewayOperations.set(normalizeId(id), record);
  if (subscription.gatewayOperations.size <= KEEP) return;
  const oldest = subscription.gatewayOperations.keys().next().value;
  if (oldest !== undefined) subscription.gatewayOperations.delete(oldest);
}

/**
 * An asynchronous gateway verb: answers its GatewayOperationAsyncResponse (the request's id in GUID form) and
 * runs `complete` when the operation completes; what `complete` returns is the operation's Data. The service
 * named VPN gateway operations (CreateGateway...) but not application gateway ones (both recorded): those pass
 * no name.
 */
export function gatewayOperation(
  ctx: HandlerContext, operationName: string | undefined, resource: string, complete: () => string | void, status?: 201 | 202,
): HandlerResult {
  const record: GatewayOperationRecord = { ...(operationName === undefined ? {} : { OperationName: operationName }), OperationStartedTime: serviceTime() };
  remember(ctx.subscription, ctx.requestId, record);
  return accepted({
    resource,
    complete: () => {
      try {
        const data = complete();
        if (typeof data === 'string') record.Data = data;
      } finally {
        record.OperationCompletedTime = serviceTime();
      }
    },
  }, { ID: guidForm(ctx.requestId) }, status);
}

/** A gateway verb the service finished at once (200 with the id, e.g. DeleteClientRootCertificate). */
export function gatewayOperationDone(ctx: HandlerContext, operationName: string): HandlerResult {
  const now = serviceTime();
  remember(ctx.subscription, ctx.requestId, { OperationName: operationName, OperationStartedTime: now, OperationCompletedTime: now });
  return done(200, { ID: guidForm(ctx.requestId) });
}

/** The name, times and data of a gateway operation (empty Data and HealthStatus, as the service wrote them). */
export function gatewayOperationDetails(subscription: SubscriptionState, id: string): Partial<GatewayOperation> {
  const record = subscription.gatewayOperations.get(normalizeId(id));
  if (record === undefined) return {};
  return { Data: record.Data ?? '', HealthStatus: '', ...record };
}
