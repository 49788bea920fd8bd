/**
 * The shapes of the old service management documents: the auth and options objects, the data objects a program
 * passes in, and the response object every callback receives. Data objects also take the current wire names
 * (OSVirtualHardDisk, HostCaching, ...), which pass through unchanged.
 */
import type {
  Deployment, HostedService, OSImage, Operation, Role, StorageAccountKeys,
} from '../../generated/models/index.js';
import type MethodNames from './method-names.cjs';

/** The management certificate: PEM text (`*value`) or a path (`*file`); a value wins over a file. */
export interface Auth {
  keyfile?: string;
  certfile?: string;
  keyvalue?: string | Buffer;
  certvalue?: string | Buffer;
}

export interface HostOptions {
  /** Host name, host:port or an https:// URL; default management.core.windows.net. */
  host?: string;
  /** Port, when `host` names none (azure@0.7.x passed it separately). */
  port?: number | string;
  /** The x-ms-version header. */
  apiversion?: string;
  /** 'XML' (default) or 'JSON'. */
  serializetype?: string;
  /** Extra CA certificate(s) to trust, PEM. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Location for CreateHostedService when its options name neither Location nor AffinityGroup. */
  location?: string;
}

/** setProxy's argument: where the proxy listens, and `user:password` when it asks for them. */
export interface ProxyAddress {
  host: string;
  port?: number | string;
  proxyAuth?: string;
}

/** What the request was, in the terms of Node's https.request options (no key, certificate or body). */
export interface RequestSummary {
  protocol: 'https:';
  method: string;
  host: string;
  port: number;
  path: string;
  headers: Record<string, string>;
}

/** The single argument of every callback, and the value of every promise. */
export interface ResponseObject<T = unknown> {
  isSuccessful: boolean;
  /** HTTP status; absent when no response arrived (network failure, invalid input). */
  statusCode?: number;
  /** The parsed response on success: an object, an array for lists, `{}` when the service sent no body. */
  response?: T;
  /** On failure. */
  error?: { Code: string; Message: string };
  /** The response body text, when known. */
  body?: string;
  /** Response headers, lower-case names (x-ms-request-id among them). */
  headers: Record<string, string>;
  reqopts?: RequestSummary;
}

export type Callback<T = unknown> = (rsp: ResponseObject<T>) => void;

/** A documented method: callback last as in the documents, or no callback for a promise of the same object. */
export interface LegacyCall<A extends unknown[], T> {
  (...args: [...A, Callback<T>]): void;
  (...args: A): Promise<ResponseObject<T>>;
}

export type Lun = number | string;
type Open = Record<string, unknown>;

export interface OSDisk extends Open {
  SourceImageName?: string;
  DisableWriteCache?: boolean;
  DiskName?: string;
  MediaLink?: string;
}

export interface DataDisk extends Open {
  DisableReadCache?: boolean;
  EnableWriteCache?: boolean;
  DiskName?: string;
  MediaLink?: string;
  LUN?: Lun;
  LogicalDiskSizeInGB?: number | string;
  SourceMediaLink?: string;
}

export interface ProvisioningConfiguration extends Open {
  /** 'ProvisioningConfiguration' (or the wire's 'WindowsProvisioningConfiguration' / 'LinuxProvisioningConfiguration'). */
  ConfigurationSetType: string;
  AdminPassword?: string;
  MachineName?: string;
  ResetPasswordOnFirstLogon?: boolean;
}

export interface ExternalEndpoint extends Open {
  LocalPort?: number | string;
  Name?: string;
  Port?: number | string;
  Protocol?: string;
}

export interface NetworkConfiguration extends Open {
  /** 'NetworkConfiguration'. */
  ConfigurationSetType: string;
  InputEndpoints?: ExternalEndpoint[];
}

export type ConfigurationSetInput = ProvisioningConfiguration | NetworkConfiguration;

export interface VMRole extends Open {
  RoleName?: string;
  RoleSize?: string;
  RoleType?: string;
  OSDisk?: OSDisk;
  DataDisks?: DataDisk[];
  ConfigurationSets?: ConfigurationSetInput[];
}

export interface DeployOptions extends Open {
  DeploymentSlot?: string;
  Label?: string;
  UpgradeDomainCount?: number;
}

export interface ServiceOptions extends Open {
  Description?: string;
  Label?: string;
  Location?: string;
  AffinityGroup?: string;
}

export interface ImageOptions extends Open {
  Category?: string;
  Label?: string;
  Location?: string;
  RoleSize?: string;
  OS?: 'Linux' | 'Windows';
}

export interface CaptureOptions extends Open {
  PostCaptureActions?: string | string[];
  ProvisioningConfiguration?: ProvisioningConfiguration;
  SupportsStatelessDeployment?: boolean;
  TargetImageLabel?: string;
  TargetImageName?: string;
}

/** What a bodiless success (201, 202) answers in `response`. */
export type NoContent = Record<string, never>;

type Opt<T> = T | null | undefined;

/** The documented methods, with the argument orders of the documents. */
export interface LegacyMethods {
  GetOperationStatus: LegacyCall<[requestId: string], Operation>;
  GetOSImage: LegacyCall<[imageName: string], OSImage>;
  ListOSImages: LegacyCall<[], OSImage[]>;
  CreateOSImage: LegacyCall<[imageName: string, mediaLink: string], OSImage>
    & LegacyCall<[imageName: string, mediaLink: string, imageOptions: Opt<ImageOptions>], OSImage>;
  ListHostedServices: LegacyCall<[], HostedService[]>;
  GetHostedService: LegacyCall<[serviceName: string], HostedService>;
  CreateHostedService: LegacyCall<[serviceName: string], NoContent>
    & LegacyCall<[serviceName: string, serviceOptions: Opt<ServiceOptions>], NoContent>;
  GetStorageAccountKeys: LegacyCall<[serviceName: string], StorageAccountKeys>;
  GetDeployment: LegacyCall<[serviceName: string, deploymentName: string], Deployment>;
  GetDeploymentBySlot: LegacyCall<[serviceName: string, deploymentSlot: string], Deployment>;
  CreateDeployment: LegacyCall<[serviceName: string, deploymentName: string, VMRole: VMRole], NoContent>
    & LegacyCall<[serviceName: string, deploymentName: string, VMRole: VMRole, deployOptions: Opt<DeployOptions>], NoContent>;
  GetRole: LegacyCall<[serviceName: string, deploymentName: string, roleName: string], Role>;
  AddRole: LegacyCall<[serviceName: string, deploymentName: string, VMRole: VMRole], NoContent>;
  ModifyRole: LegacyCall<[serviceName: string, deploymentName: string, roleName: string, VMRole: VMRole], NoContent>;
  DeleteRole: LegacyCall<[serviceName: string, deploymentName: string, roleName: string], NoContent>;
  AddDataDisk: LegacyCall<[serviceName: string, deploymentName: string, roleName: string, datadisk: DataDisk], NoContent>;
  ModifyDataDisk: LegacyCall<[serviceName: string, deploymentName: string, roleName: string, LUN: Lun, datadisk: DataDisk], NoContent>;
  RemoveDataDisk: LegacyCall<[serviceName: string, deploymentName: string, roleName: string, LUN: Lun], NoContent>;
  ShutdownRoleInstance: LegacyCall<[serviceName: string, deploymentName: string, roleInstance: string], NoContent>;
  RestartRoleInstance: LegacyCall<[serviceName: string, deploymentName: string, roleInstance: string], NoContent>;
  CaptureRoleInstance: LegacyCall<[serviceName: string, deploymentName: string, roleInstance: string, captOptions: CaptureOptions], NoContent>;
}

/** The camelCase names of the old package, typed as the methods they stand for. */
export type AliasMethods = { [K in MethodNames.Alias]: LegacyMethods[(typeof MethodNames.ALIASES)[K]] };

