/**
 * OS images and VM images as a subscription sees them: its own (Category User) first, then the platform's.
 * An image is in use while a virtual machine made from it exists, and the service refused to delete it then.
 */
import { errors } from '../api-error.js';
import type { OSImageRecord, VMImageRecord } from '../records.js';
import { keyOf, type EmulatorState, type SubscriptionState } from '../state.js';

export function osImageOf(state: EmulatorState, subscription: SubscriptionState, name: string): OSImageRecord | undefined {
  return subscription.osImages.get(keyOf(name)) ?? state.osImages.find((i) => keyOf(i.Name) === keyOf(name));
}

export function vmImageOf(state: EmulatorState, subscription: SubscriptionState, name: string): VMImageRecord | undefined {
  return subscription.vmImages.get(keyOf(name)) ?? state.vmImages.find((i) => keyOf(i.Name) === keyOf(name));
}

export function findOsImage(state: EmulatorState, subscription: SubscriptionState, name: string): OSImageRecord {
  const image = osImageOf(state, subscription, name);
  if (image === undefined) throw errors.notFound('The image with the specified name does not exist.');
  return image;
}

export function findVmImage(state: EmulatorState, subscription: SubscriptionState, name: string): VMImageRecord {
  const image = vmImageOf(state, subscription, name);
  if (image === undefined) throw errors.notFound('The VM image with the specified name does not exist.');
  return image;
}

/** A virtual machine made from the image (OS disk image or VM image), if any: what keeps it in use. */
export function userOfImage(subscription: SubscriptionState, name: string): { service: string; deployment: string; role: string } | undefined {
  for (const service of subscription.hostedServices.values()) {
    for (const deployment of service.deployments.values()) {
      for (const role of deployment.roles.values()) {
        const source = role.VMImageName ?? role.OSVirtualHardDisk?.SourceImageName;
        if (source !== undefined && keyOf(source) === keyOf(name)) return { service: service.ServiceName, deployment: deployment.Name, role: role.RoleName };
      }
    }
  }
  return undefined;
}

export function assertImageUnused(subscription: SubscriptionState, name: string): void {
  const user = userOfImage(subscription, name);
  if (user === undefined) return;
  throw errors.badRequest(`The image ${name} is in use by virtual machine ${user.role} running within hosted service ${user.service}, `
    + `deployment ${user.deployment}; delete the virtual machine before deleting the image.`);
}
