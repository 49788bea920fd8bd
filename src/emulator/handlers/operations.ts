/**
 * Status of requests, asynchronous or not, as GetOperationStatus reports them; gateway operations as
 * GetGatewayOperationStatus does (Successful and a status name such as OK, where the others say Succeeded and 200).
 */
import { STATUS_CODES } from 'node:http';
import { errors } from '../api-error.js';
import { guidForm } from '../async-operations.js';
import { gatewayOperationDetails } from '../network/gateway-operations.js';
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
  GetGatewayOperationStatus: (ctx) => {
    const view = ctx.operations.poll(stringParam(ctx, 'OperationId'), ctx.subscription.id);
    if (view === undefined) throw errors.notFound('The operation request ID was not found.');
    return done(200, {
      ...gatewayOperationDetails(ctx.subscription, view.id),
      ID: guidForm(view.id),
      Status: view.status === 'Succeeded' ? 'Successful' : view.status,
      HttpStatusCode: view.httpStatusCode === undefined ? undefined : (STATUS_CODES[view.httpStatusCode] ?? String(view.httpStatusCode)).replace(/ /g, ''),
      Error: view.error === undefined ? undefined : { Code: view.error.code, Message: view.error.message },
    });
  },
};
