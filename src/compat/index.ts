/**
 * Compatibility facade for programs written against the service management API of the old `azure` npm package:
 *
 *   import azure from 'asm-sdk/compat';                       // or: const azure = require('asm-sdk/compat');
 *   const iaasClient = azure.createServiceManagementService(subscriptionId, auth, options);
 *   iaasClient.GetOSImage(name, (rsp) => { if (rsp.isSuccessful) console.log(rsp.response); });
 *
 * Every method maps onto one operation of the generated typed client; docs/migration.md shows each side by side.
 */
import { IaasClient } from './iaas-client.js';
import type { Auth, HostOptions } from './types.js';

/** As `new IaasClient(subscriptionId, auth, options)`. */
export function createServiceManagementService(subscriptionId: string, auth?: Auth | null, options?: HostOptions | null): IaasClient {
  return new IaasClient(subscriptionId, auth, options);
}

export { IaasClient, IaasClient as ServiceManagementService };
export type * from './types.js';

/** The module as one object, like the old package's `require('azure')`. */
const azure = { createServiceManagementService, IaasClient, ServiceManagementService: IaasClient };
export default azure;
