/** The local HTTPS emulator of the Service Management API, and the test PKI it runs on. */
export { startEmulator } from './server.js';
export { DEFAULT_ASYNC_DELAY_MS } from './async-operations.js';
export type { Emulator, EmulatorOptions } from './server.js';
export {
  createCertificateAuthority, createPkcs12, createSelfSignedClientCertificate, issueServerCertificate, thumbprintOf,
} from './certs.js';
export type { CertificateAuthority, KeyAndCertificate } from './certs.js';
export { ApiError } from './api-error.js';
export type { Fault, FaultRule } from './faults.js';
export { parseFaultSpec } from './fault-spec.js';
export type { RecordedRequest } from './pipeline.js';
export { EmulatorState } from './state.js';
export type {
  StateSnapshot, SubscriptionSnapshot, HostedServiceSnapshot, StorageAccountSnapshot, ReservedIpSnapshot,
} from './state-snapshot.js';
export { accepted, done } from './handlers/types.js';
export type { Handler, HandlerContext, HandlerResult, HandlerTable } from './handlers/types.js';
