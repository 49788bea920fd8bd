/**
 * The handler registry: every family's handlers by spec operation name. A new family adds one file and one
 * line here. Operations of the spec without a handler answer 501 naming the operation.
 */
import { affinityGroupHandlers } from './affinity-groups.js';
import { captureHandlers } from './captures.js';
import { catalogHandlers } from './catalog.js';
import { dataDiskHandlers } from './data-disks.js';
import { deploymentChangeHandlers } from './deployment-changes.js';
import { deploymentHandlers } from './deployments.js';
import { deploymentNetworkHandlers } from './deployment-network.js';
import { diskHandlers } from './disks.js';
import { hostedServiceHandlers } from './hosted-services.js';
import { imageReplicationHandlers } from './image-replication.js';
import { locationHandlers } from './locations.js';
import { managementCertificateHandlers } from './management-certificates.js';
import { migrationHandlers } from './migration.js';
import { networkConfigurationHandlers } from './network-configuration.js';
import { networkGatewayHandlers } from './network-gateways.js';
import { operationHandlers } from './operations.js';
import { osImageHandlers } from './os-images.js';
import { reservedIpHandlers } from './reserved-ips.js';
import { roleInstanceHandlers } from './role-instances.js';
import { roleHandlers } from './roles.js';
import { serviceCertificateHandlers } from './service-certificates.js';
import { storageAccountHandlers } from './storage-accounts.js';
import { subscriptionHandlers } from './subscriptions.js';
import type { HandlerTable } from './types.js';
import { virtualNetworkHandlers } from './virtual-networks.js';
import { vmImageHandlers } from './vm-images.js';

export const defaultHandlers: HandlerTable = {
  ...operationHandlers,
  ...subscriptionHandlers,
  ...locationHandlers,
  ...catalogHandlers,
  ...affinityGroupHandlers,
  ...managementCertificateHandlers,
  ...hostedServiceHandlers,
  ...serviceCertificateHandlers,
  ...deploymentHandlers,
  ...deploymentChangeHandlers,
  ...roleHandlers,
  ...roleInstanceHandlers,
  ...dataDiskHandlers,
  ...diskHandlers,
  ...osImageHandlers,
  ...vmImageHandlers,
  ...captureHandlers,
  ...imageReplicationHandlers,
  ...storageAccountHandlers,
  ...reservedIpHandlers,
  ...migrationHandlers,
  ...networkConfigurationHandlers,
  ...networkGatewayHandlers,
  ...virtualNetworkHandlers,
  ...deploymentNetworkHandlers,
};

export type { Handler, HandlerContext, HandlerResult, HandlerTable } from './types.js';
