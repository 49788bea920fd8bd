/** GetOperationStatus: the status of a request the service answered with 202 Accepted. */
import { GetOperationStatusOperation } from '../../../generated/operations/index.js';
import { str } from '../arguments.js';
import { method } from './method.js';

export const operationMethods = {
  GetOperationStatus: method({
    args: [str('requestId')],
    operation: GetOperationStatusOperation,
    input: ([requestId]) => ({ RequestId: requestId as string }),
    send: (client, input, options) => client.getOperationStatus(input, options),
  }),
};
