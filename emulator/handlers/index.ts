/**
 * The handler registry: every family's handlers by spec operation name. A new family adds one file and one
 * line here. Operations of the spec without a handler answer 501 naming the operation.
 */
import { hostedServiceHandlers } from './hosted-services.js';
import { locationHandlers } from './locations.js';
import { operationHandlers } from './operations.js';
import type { HandlerTable } from './types.js';

export const defaultHandlers: HandlerTable = {
  ...operationHandlers,
  ...locationHandlers,
  ...hostedServiceHandlers,
};

export type { Handler, HandlerContext, HandlerResult, HandlerTable } from './types.js';
