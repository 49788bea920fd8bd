/**
 * Diagnostics captures of a gateway (classic or V2): Start records the capture's duration and where its data
 * goes (the customer's storage account and container — never the account key), the state is StartInProgress
 * while it captures; Stop moves it to StopInProgress and, when the operation completes, to Ready with the URL of
 * the captured data (a SAS-like blob URL). The recorded answers show StopInProgress with an empty URL.
 */
import { randomBytes } from 'node:crypto';
import type { GatewayPublicDiagnosticsStatus, StartGatewayPublicDiagnostics } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import type { GatewayDiagnosticsRecord } from '../records.js';

export function diagnosticsView(record: GatewayDiagnosticsRecord): GatewayPublicDiagnosticsStatus {
  return { PublicDiagnosticsUrl: record.PublicDiagnosticsUrl ?? '', State: record.State };
}

/** Checks a start request and returns the capture to begin when the operation completes. */
export function checkStart(record: GatewayDiagnosticsRecord, body: StartGatewayPublicDiagnostics): () => void {
  if (record.State !== 'Ready') throw errors.badRequest(`A diagnostics capture is already ${record.State === 'StartInProgress' ? 'running' : 'stopping'} on this gateway.`);
  const duration = body.CaptureDurationInSeconds;
  if (!Number.isInteger(duration) || duration < 1 || duration > 300) {
    throw errors.badRequest(`The CaptureDurationInSeconds ${duration} is not valid; it must be between 1 and 300.`);
  }
  if (!/^[a-z0-9]{3,24}$/.test(body.CustomerStorageName)) throw errors.badRequest(`The CustomerStorageName ${body.CustomerStorageName} is not a valid storage account name.`);
  if (!/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/.test(body.ContainerName)) throw errors.badRequest(`The ContainerName ${body.ContainerName} is not a valid blob container name.`);
  return () => {
    Object.assign(record, { State: 'StartInProgress', captureDurationInSeconds: duration, storageAccount: body.CustomerStorageName, container: body.ContainerName });
    delete record.PublicDiagnosticsUrl;
  };
}

/** Checks a stop request; the returned work leaves the capture Ready with its data's URL. */
export function checkStop(record: GatewayDiagnosticsRecord, gatewayId: string): () => void {
  if (record.State !== 'StartInProgress') throw errors.badRequest('No diagnostics capture is running on this gateway.');
  record.State = 'StopInProgress';
  return () => {
    const expiry = new Date(Date.now() + 24 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const signature = encodeURIComponent(randomBytes(32).toString('base64'));
    record.PublicDiagnosticsUrl = `https://${record.storageAccount}.blob.core.windows.net/${record.container}/${gatewayId}/diagnostics.zip?sv=2014-02-14&sr=b&sp=r&se=${expiry}&sig=${signature}`;
    record.State = 'Ready';
  };
}
