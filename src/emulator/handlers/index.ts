/**
 * The handler registry: every family's handlers by spec operation name. A new family adds one file and one
 * line here. Operations of the spec without a handler answer 501 naming the operation.
 */
import { affinityGroupHandlers } from './affinity-groups.js';
import { applicationGatewayHandlers } from './application-gateways.js';
import { captureHandlers } from './captures.js';
import { catalogHandlers } from './catalog.js';
import { dataDiskHandlers } from './data-disks.js';
import { deploymentChangeHandlers } from './deployment-changes.js';
import { deploymentHistoryHandlers } from './deployment-history.js';
import { deploymentHandlers } from './deployments.js';
import { deploymentNetworkHandlers } from './deployment-network.js';
import { diskHandlers } from './disks.js';
import { extensionImageHandlers } from './extension-images.js';
import { hostedServiceExtensionHandlers } from './hosted-service-extensions.js';
import { gatewayClientHandlers } from './gateway-clients.js';
import { gatewayHandlers } from './gateways.js';
import { hostedServiceHandlers } from './hosted-services.js';
import { imageReplicationHandlers } from './image-replication.js';
import { ipForwardingHandlers } from './ip-forwarding.js';
import { locationHandlers } from './locations.js';
import { managementCertificateHandlers } from './management-certificates.js';
import { migrationHandlers } from './migration.js';
import { networkConfigurationHandlers } from './network-configuration.js';
import { networkGatewayHandlers } from './network-gateways.js';
import { networkSecurityGroupHandlers } from './network-security-groups.js';
import { networkSecurityMigrationHandlers } from './network-security-migration.js';
import { operationHandlers } from './operations.js';
import { osImageHandlers } from './os-images.js';
import { reservedIpHandlers } from './reserved-ips.js';
import { resourceProviderHandlers } from './resource-providers.js';
import { roleInstanceHandlers } from './role-instances.js';
import { roleHandlers } from './roles.js';
import { routeTableHandlers } from './route-tables.js';
import { serviceCertificateHandlers } from './service-certificates.js';
import { storageAccountHandlers } from './storage-accounts.js';
import { subscriptionOperationHandlers } from './subscription-operations.js';
import { subscriptionHandlers } from './subscriptions.js';
import type { HandlerTable } from './types.js';
import { virtualNetworkGatewayHandlers } from './virtual-network-gateways.js';
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
  ...subscriptionOperationHandlers,
  ...resourceProviderHandlers,
  ...hostedServiceExtensionHandlers,
  ...extensionImageHandlers,
  ...deploymentHistoryHandlers,
  ...gatewayHandlers,
  ...gatewayClientHandlers,
  ...virtualNetworkGatewayHandlers,
  ...networkSecurityGroupHandlers,
  ...routeTableHandlers,
  ...ipForwardingHandlers,
  ...applicationGatewayHandlers,
  ...networkSecurityMigrationHandlers,
  ...virtualNetworkHandlers,
  ...deploymentNetworkHandlers,
};

export type { Handler, HandlerContext, HandlerResult, HandlerTable } from './types.js';
