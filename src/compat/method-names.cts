/**
 * The names the facade answers to. A CommonJS module (compiled to method-names.cjs) so that the CommonJS entry can
 * list the methods without loading the ES modules, and the ES side is checked against the same list.
 */
namespace MethodNames {
  /** The methods of the service management documents, in the documents' order. */
  export const DOCUMENTED = [
    'GetOperationStatus', 'GetOSImage', 'ListOSImages', 'CreateOSImage', 'ListHostedServices', 'GetHostedService',
    'CreateHostedService', 'GetStorageAccountKeys', 'GetDeployment', 'GetDeploymentBySlot', 'CreateDeployment', 'GetRole',
    'AddRole', 'ModifyRole', 'DeleteRole', 'AddDataDisk', 'ModifyDataDisk', 'RemoveDataDisk', 'ShutdownRoleInstance',
    'RestartRoleInstance', 'CaptureRoleInstance',
  ] as const;

  /**
   * The camelCase names of the old `azure` package (the early ServiceManagementService and azure@0.7.x), each the
   * same call as the documented method it names.
   */
  export const ALIASES = {
    getOperationStatus: 'GetOperationStatus',
    getOSImage: 'GetOSImage',
    listOSImage: 'ListOSImages',
    listOSImages: 'ListOSImages',
    createOSImage: 'CreateOSImage',
    listHostedServices: 'ListHostedServices',
    getHostedService: 'GetHostedService',
    getHostedServiceProperties: 'GetHostedService',
    createHostedService: 'CreateHostedService',
    getStorageAccountKeys: 'GetStorageAccountKeys',
    getDeployment: 'GetDeployment',
    getDeploymentBySlot: 'GetDeploymentBySlot',
    createDeployment: 'CreateDeployment',
    getRole: 'GetRole',
    addRole: 'AddRole',
    modifyRole: 'ModifyRole',
    deleteRole: 'DeleteRole',
    addDataDisk: 'AddDataDisk',
    modifyDataDisk: 'ModifyDataDisk',
    removeDataDisk: 'RemoveDataDisk',
    shutdownRoleInstance: 'ShutdownRoleInstance',
    shutdownRole: 'ShutdownRoleInstance',
    restartRoleInstance: 'RestartRoleInstance',
    restartRole: 'RestartRoleInstance',
    captureRoleInstance: 'CaptureRoleInstance',
    captureRole: 'CaptureRoleInstance',
  } as const;

  /** Proxy configuration, in the spellings of both documents. */
  export const PROXY_SETTERS = ['SetProxyUrl', 'setProxyUrl', 'setProxy'] as const;

  export type Documented = (typeof DOCUMENTED)[number];
  export type Alias = keyof typeof ALIASES;
  export type ProxySetter = (typeof PROXY_SETTERS)[number];

  /** Every method a facade client has: documented, aliases and proxy setters. */
  export function all(): string[] {
    return [...DOCUMENTED, ...Object.keys(ALIASES), ...PROXY_SETTERS];
  }
}

export = MethodNames;
