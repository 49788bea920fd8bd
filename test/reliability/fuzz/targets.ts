/**
 * The calls the response fuzzer answers: one per kind of response the runtime reads — a model, a list, opaque
 * text, a bodiless 201, a large polymorphic model, and an asynchronous request that is then polled. Each call
 * embeds the case id in its path, so that the server can tell concurrent cases apart.
 */
import type { ServiceClient } from '../../../src/client/client.js';
import { invoke, invokeAsync } from '../../../src/client/invoke.js';
import type { BodyShape, OperationDescriptor } from '../../../src/core/shapes.js';
import { CreateHostedServiceOperation } from '../../../generated/operations/CreateHostedService.js';
import { DeleteHostedServiceOperation } from '../../../generated/operations/DeleteHostedService.js';
import { DownloadRdpFileOperation } from '../../../generated/operations/DownloadRdpFile.js';
import { GetDeploymentOperation } from '../../../generated/operations/GetDeployment.js';
import { GetHostedServiceOperation } from '../../../generated/operations/GetHostedService.js';
import { GetOperationStatusOperation } from '../../../generated/operations/GetOperationStatus.js';
import { ListHostedServiceExtensionsOperation } from '../../../generated/operations/ListHostedServiceExtensions.js';

export interface FuzzTarget {
  readonly name: string;
  readonly op: OperationDescriptor;
  /** The body of a successful answer, when there is one. */
  readonly body?: BodyShape;
  readonly successStatus: number;
  /** True when the call is accepted with 202 and then polled with GetOperationStatus. */
  readonly polled: boolean;
  /** `waitMs` bounds a polled call's whole wait. */
  call(client: ServiceClient, id: string, waitMs: number): Promise<unknown>;
}

/** Polls briefly: the fuzzer's status answers come at once. */
function fastWait(timeoutMs: number) {
  return { minDelayMs: 1, maxDelayMs: 5, timeoutMs };
}

function bodyOf(op: OperationDescriptor, status: number): BodyShape | undefined {
  return op.responses.find((r) => r.status === status)?.body;
}

function reader(name: string, op: OperationDescriptor, input: (id: string) => Record<string, unknown>): FuzzTarget {
  return { name, op, body: bodyOf(op, 200), successStatus: 200, polled: false, call: (client, id) => invoke(client, op, input(id)) };
}

export const TARGETS: readonly FuzzTarget[] = [
  reader('GetHostedService', GetHostedServiceOperation, (id) => ({ ServiceName: id })),
  reader('ListHostedServiceExtensions', ListHostedServiceExtensionsOperation, (id) => ({ ServiceName: id })),
  reader('GetDeployment', GetDeploymentOperation, (id) => ({ ServiceName: id, DeploymentName: 'production' })),
  reader('DownloadRdpFile', DownloadRdpFileOperation, (id) => ({ ServiceName: id, DeploymentName: 'd', RoleInstanceName: 'r' })),
  {
    name: 'CreateHostedService', op: CreateHostedServiceOperation, successStatus: 201, polled: false,
    call: (client, id) => invoke(client, CreateHostedServiceOperation, { ServiceName: id, Label: 'label', Location: 'West US' }),
  },
  {
    name: 'DeleteHostedService+wait', op: DeleteHostedServiceOperation, successStatus: 202, polled: true,
    call: (client, id, waitMs) => invokeAsync(client, DeleteHostedServiceOperation, { ServiceName: id, DeleteAllMedia: true }, { wait: fastWait(waitMs) }),
  },
];

/** The body of a status answer, for the polled target. */
export const STATUS_BODY = bodyOf(GetOperationStatusOperation, 200)!;
