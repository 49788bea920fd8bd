/** Cloud services (hosted services) and the storage keys the documents list with them. */
import {
  CreateHostedServiceOperation, GetHostedServiceOperation, GetStorageAccountKeysOperation, ListHostedServicesOperation,
} from '../../../generated/operations/index.js';
import { optionalObj, str } from '../arguments.js';
import { hostedService, needsPlacement } from '../data-objects/hosted-service.js';
import type { ServiceOptions } from '../types.js';
import { method } from './method.js';

export const hostedServiceMethods = {
  ListHostedServices: method({
    args: [],
    operation: ListHostedServicesOperation,
    input: () => ({}),
    send: (client, _input, options) => client.listHostedServices({}, options),
  }),
  GetHostedService: method({
    args: [str('serviceName')],
    operation: GetHostedServiceOperation,
    input: ([serviceName]) => ({ ServiceName: serviceName as string }),
    send: (client, input, options) => client.getHostedService(input, options),
  }),
  CreateHostedService: method({
    args: [str('serviceName'), optionalObj('serviceOptions')],
    operation: CreateHostedServiceOperation,
    input: ([serviceName, serviceOptions]) => hostedService(serviceName as string, serviceOptions as ServiceOptions | undefined),
    complete: async (input, context) => {
      if (!needsPlacement(input)) return input;
      const location = await context.defaultLocation();
      return location === undefined ? input : { ...input, Location: location };
    },
    send: (client, input, options) => client.createHostedService(input, options),
  }),
  GetStorageAccountKeys: method({
    args: [str('serviceName')],
    operation: GetStorageAccountKeysOperation,
    input: ([serviceName]) => ({ ServiceName: serviceName as string }),
    send: (client, input, options) => client.getStorageAccountKeys(input, options),
  }),
};
