/** Small shapes written for the tests: a polymorphic set, lists wrapped and not, attributes, every scalar kind. */
import type { OperationDescriptor, PolymorphicShape, StructureShape } from '../../src/core/shapes.js';

export const EndpointShape: StructureShape = {
  name: 'Endpoint',
  members: [
    { name: 'LocalPort', type: { kind: 'int' }, required: true, minimum: 1, maximum: 65535 },
    { name: 'Name', type: { kind: 'string' }, required: true },
    { name: 'Protocol', type: { kind: 'string', enum: ['tcp', 'udp'] } },
  ],
};

export const WindowsSetShape: StructureShape = {
  name: 'WindowsSet',
  discriminatorValue: 'WindowsProvisioningConfiguration',
  members: [
    { name: 'ConfigurationSetType', type: { kind: 'string' }, const: 'WindowsProvisioningConfiguration' },
    { name: 'ComputerName', type: { kind: 'string' }, required: true },
    { name: 'AdminPassword', type: { kind: 'string' }, secret: true },
    { name: 'ResetPasswordOnFirstLogon', type: { kind: 'boolean' } },
  ],
};

export const NetworkSetShape: StructureShape = {
  name: 'NetworkSet',
  discriminatorValue: 'NetworkConfiguration',
  typeName: 'NetworkConfigurationSet',
  members: [
    { name: 'ConfigurationSetType', type: { kind: 'string' }, const: 'NetworkConfiguration' },
    { name: 'InputEndpoints', type: { kind: 'list', wrapped: true, item: { element: 'InputEndpoint', type: { kind: 'model', model: () => EndpointShape } } } },
    { name: 'SubnetNames', type: { kind: 'list', wrapped: true, item: { element: 'SubnetName', type: { kind: 'string' } } } },
  ],
};

export const ConfigurationSetShape: PolymorphicShape = {
  name: 'ConfigurationSet',
  discriminator: 'ConfigurationSetType',
  variants: () => [WindowsSetShape, NetworkSetShape],
};

/** A variant listing its members out of the flat contract's order: the writer still follows wireOrder. */
const UnorderedWindowsSetShape: StructureShape = {
  name: 'UnorderedWindowsSet',
  discriminatorValue: 'WindowsProvisioningConfiguration',
  members: [
    { name: 'CustomData', type: { kind: 'base64' } },
    { name: 'ConfigurationSetType', type: { kind: 'string' }, const: 'WindowsProvisioningConfiguration' },
    { name: 'ComputerName', type: { kind: 'string' } },
  ],
};

export const FlatSetShape: PolymorphicShape = {
  name: 'FlatSet',
  discriminator: 'ConfigurationSetType',
  variants: () => [UnorderedWindowsSetShape, NetworkSetShape],
  wireOrder: ['ConfigurationSetType', 'InputEndpoints', 'SubnetNames', 'ComputerName', 'CustomData'],
};

export const RoleShape: StructureShape = {
  name: 'Role',
  members: [
    { name: 'RoleName', type: { kind: 'string' }, required: true },
    { name: 'ConfigurationSets', type: { kind: 'list', wrapped: true, item: { element: 'ConfigurationSet', type: { kind: 'model', model: () => ConfigurationSetShape } } } },
    { name: 'Lun', type: { kind: 'int' }, minimum: 0, maximum: 15 },
    { name: 'Label', type: { kind: 'base64' } },
    { name: 'Created', type: { kind: 'dateTime' } },
    { name: 'Size', type: { kind: 'long' } },
    { name: 'Tag', type: { kind: 'list', wrapped: false, item: { element: 'Tag', type: { kind: 'string' } } } },
  ],
};

export const SiteShape: StructureShape = {
  name: 'Site',
  members: [
    { name: 'name', type: { kind: 'string' }, xml: 'attribute', required: true },
    { name: 'AffinityGroup', type: { kind: 'string' }, xml: 'attribute' },
    { name: 'AddressPrefix', type: { kind: 'string' } },
  ],
};

export const AddRoleOperation: OperationDescriptor = {
  name: 'AddRole',
  method: 'POST',
  path: '/{subscriptionId}/services/hostedservices/{ServiceName}/deployments/{DeploymentName}/roles',
  params: [
    { name: 'ServiceName', in: 'path', type: 'string', required: true },
    { name: 'DeploymentName', in: 'path', type: 'string', required: true },
    { name: 'Verbose', in: 'query', wireName: 'verbose', type: 'boolean' },
    { name: 'Purge', in: 'query', wireName: 'comp', type: 'boolean', value: 'media' },
  ],
  request: { element: 'PersistentVMRole', model: () => RoleShape },
  responses: [{ status: 202 }],
  async: {},
};
