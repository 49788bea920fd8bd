/**
 * Visible progress, as the seed's sample printed it: an asynchronous request is polled until it finishes (one
 * line per status read), and a new or restarted VM is read back until its role instance is ReadyRole (one line
 * per status it shows).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AcceptedOperation, ServiceManagementClient } from '../../generated/index.js';

export type Print = (line: string) => void;

/** Waits for an accepted request, printing each status read, e.g. "InProgress, InProgress, Succeeded". */
export async function waitVisibly(what: string, started: Promise<AcceptedOperation>, print: Print): Promise<void> {
  const accepted = await started;
  const seen: string[] = [];
  const done = await accepted.wait({ onProgress: (s) => seen.push(s.status) });
  print(`${what}: request ${accepted.requestId.slice(0, 8)}… ${seen.join(' → ')} (HTTP ${done.httpStatusCode ?? accepted.statusCode})`);
}

/** Reads the deployment until the role's instance shows `target`, printing the statuses it passes through. */
export async function watchInstance(
  client: ServiceManagementClient, service: string, deployment: string, role: string, target: string, print: Print, pollMs = 20,
): Promise<void> {
  const seen: string[] = [];
  for (let read = 0; read < 50; read++) {
    const current = await client.getDeployment({ ServiceName: service, DeploymentName: deployment });
    const status = current.RoleInstanceList?.find((i) => i.RoleName === role)?.InstanceStatus ?? 'missing';
    if (seen.at(-1) !== status) seen.push(status);
    if (status === target) {
      print(`  instance ${role}: ${seen.join(' → ')}`);
      return;
    }
    await sleep(pollMs);
  }
  throw new Error(`role ${role} did not reach ${target}; it showed ${seen.join(', ')}`);
}
