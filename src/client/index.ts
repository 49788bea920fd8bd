/** The hand-written runtime of the SDK. It knows nothing of any single operation. */
export { ServiceClient } from './client.js';
export type { ClientOptions, RequestOptions, WaitingRequestOptions, ResponseInfo, ResponseMetadata } from './client.js';
export { invoke, invokeAsync } from './invoke.js';
export type { CustomPolicy, PipelinePolicy, PipelineRequest, PipelineResponse, SendRequest } from './pipeline.js';
export type { AcceptedOperation, CompletedOperation, OperationStatus, WaitOptions } from './poller.js';
export type { AsyncRequestOptions, AsyncResult } from './async-result.js';
export { paginate } from './paginator.js';
export type { PageItem } from './paginator.js';
export {
  CertificateCredential, TokenCredential, certificateFromPem, certificateFromPfx, tokenCredential,
} from './credentials.js';
export type { AccessToken, Credential, PemSource, PfxSource } from './credentials.js';
export { certificateFromEnvironment } from './credential-environment.js';
export type { EnvironmentSource } from './credential-environment.js';
export { fromPublishSettings, listPublishSettingsSubscriptions } from './publish-settings.js';
export type { PublishSettings, PublishSettingsSource, PublishSettingsSubscription } from './publish-settings.js';
export * from '../core/errors.js';
export type { Logger, LogEntry, LogLevel } from './logging.js';
export type { ProxyOption, ProxySettings } from './proxy.js';
export type { RetryOptions } from './retry.js';
export type { SerializeType } from './request.js';
export { inputSchema, validateInput } from '../core/validation.js';
export type {
  ModelShape, StructureShape, PolymorphicShape, MemberShape, TypeShape, OperationDescriptor, ServiceShape,
} from '../core/shapes.js';
