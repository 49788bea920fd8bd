/** Status of requests, asynchronous or not, as GetOperationStatus reports them. */
import { errors } from '../api-error.js';
import { guidForm } from '../async-operations.js';
import { done, stringParam, type HandlerTable } from './types.js';

export const operationHandlers: HandlerTable = {
  GetOperationStatus: (ctx) => {
    const view = ctx.operations.poll(stringParam(ctx, 'RequestId'), ctx.subscription.id);
    if (view === undefined) throw errors.notFound('The operation request ID was not found.');
    return done(200, {
      ID: guidForm(view.id),
      Status: view.status,
      HttpStatusCode: view.httpStatusCode,
      Error: view.error === undefined ? undefined : { Code: view.error.code, Message: view.error.message },
    });
  },
};
