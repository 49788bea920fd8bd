/**
 * ListSubscriptionOperations: the subscription's operation log (operation-log.ts) in a time window, filtered by
 * object and result, one page at a time. The window is on OperationStartedTime and, as the documentation says,
 * may not start more than 90 days back; ObjectIdFilter is the URL of the object (its path, or the whole URL),
 * and matches the operations on that object. Pages hold PAGE_SIZE entries; the continuation token names the
 * first entry of the next page, so entries logged meanwhile do not shift the pages.
 */
import type { SubscriptionOperation } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import type { SubscriptionOperationRecord } from '../operation-log.js';
import { done, type HandlerContext, type HandlerTable } from './types.js';

/** Entries per page (the service did not document its page size). */
export const PAGE_SIZE = 100;
const MAX_AGE_MS = 90 * 24 * 3600 * 1000;

function objectPath(filter: string): string {
  const path = /^https?:\/\//i.test(filter) ? new URL(filter).pathname : filter;
  return path.replace(/\/+$/, '').toLowerCase();
}

function view(entry: SubscriptionOperationRecord): SubscriptionOperation {
  const { OperationStartedTime, OperationCompletedTime, ...rest } = entry;
  return {
    ...rest,
    OperationStartedTime: new Date(OperationStartedTime),
    ...(OperationCompletedTime === undefined ? {} : { OperationCompletedTime: new Date(OperationCompletedTime) }),
  };
}

function listOperations(ctx: HandlerContext<'ListSubscriptionOperations'>) {
  const { StartTime, EndTime, ObjectIdFilter, OperationResultFilter, ContinuationToken } = ctx.params;
  if (StartTime.getTime() > EndTime.getTime()) throw errors.badRequest('The StartTime parameter must not be later than the EndTime parameter.');
  if (Date.now() - StartTime.getTime() > MAX_AGE_MS) throw errors.badRequest('The StartTime parameter cannot indicate a start date of more than 90 days in the past.');
  const object = ObjectIdFilter === undefined ? undefined : objectPath(ObjectIdFilter);
  const matching = [...ctx.subscription.operationLog.entries()].filter(([, entry]) => {
    const started = Date.parse(entry.OperationStartedTime);
    return started >= StartTime.getTime() && started <= EndTime.getTime()
      && (object === undefined || entry.OperationObjectId.toLowerCase() === object)
      && (OperationResultFilter === undefined || entry.OperationStatus.Status === OperationResultFilter);
  });
  let from = 0;
  if (ContinuationToken !== undefined) {
    from = matching.findIndex(([key]) => key === ContinuationToken);
    if (from < 0) throw errors.badRequest('The continuation token is not valid for this request.');
  }
  const page = matching.slice(from, from + PAGE_SIZE);
  const next = matching[from + PAGE_SIZE];
  return done(200, { SubscriptionOperations: page.map(([, entry]) => view(entry)), ...(next === undefined ? {} : { ContinuationToken: next[0] }) });
}

export const subscriptionOperationHandlers: HandlerTable = {
  ListSubscriptionOperations: listOperations,
};
