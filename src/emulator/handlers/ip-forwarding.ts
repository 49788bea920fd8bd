/**
 * IP forwarding of a VM role and of its network interfaces (Enabled or Disabled, Disabled unless set), held in
 * the role's network configuration set so that GetRole shows it. Only a VM in a virtual network forwards: the
 * setting is refused for one outside any. Setting it is asynchronous (202, polled with GetOperationStatus, as
 * Microsoft's azure-asm-network accepts it).
 */
import { errors } from '../api-error.js';
import { networkSetOf } from '../compute/configuration-sets.js';
import { findNetworkInterface, findVmRole, networkSetFor } from '../network/role-network.js';
import { deploymentResource } from './lookup.js';
import { accepted, assertNotBusy, done, type HandlerContext, type HandlerResult, type HandlerTable } from './types.js';

interface Holder {
  IPForwarding?: string;
}

function holderOf(ctx: HandlerContext, forChange: boolean): Holder {
  const { role } = findVmRole(ctx);
  const nicName = ctx.params['NetworkInterfaceName'];
  if (typeof nicName === 'string') return findNetworkInterface(role, nicName);
  return forChange ? networkSetFor(role) : networkSetOf(role.ConfigurationSets) ?? {};
}

function getForwarding(ctx: HandlerContext): HandlerResult {
  return done(200, { State: holderOf(ctx, false).IPForwarding ?? 'Disabled' });
}

function setForwarding(ctx: HandlerContext<'SetIPForwardingOnRole' | 'SetIPForwardingOnNetworkInterface'>): HandlerResult {
  const { serviceName, deployment, role } = findVmRole(ctx);
  if (deployment.VirtualNetworkName === undefined) {
    throw errors.badRequest(`IP forwarding applies to virtual machines in a virtual network; deployment ${deployment.Name} of role ${role.RoleName} is in none.`);
  }
  const holder = holderOf(ctx, true);
  const resource = deploymentResource(serviceName, deployment.Name);
  assertNotBusy(ctx, resource, 'deployment');
  const state = ctx.body.State;
  return accepted({ resource, complete: () => void (holder.IPForwarding = state) });
}

export const ipForwardingHandlers: HandlerTable = {
  GetIPForwardingForRole: getForwarding,
  SetIPForwardingOnRole: setForwarding,
  GetIPForwardingForNetworkInterface: getForwarding,
  SetIPForwardingOnNetworkInterface: setForwarding,
};
