/**
 * The network settings of one deployment, each change asynchronous (202, as Microsoft's clients accept) and
 * holding the deployment while it runs: DNS servers (AddDnsServer/UpdateDnsServer/DeleteDnsServer, shown in
 * GetDeployment's Dns), additional virtual IPs (AddVirtualIP/RemoveVirtualIP, shown in VirtualIPs after the
 * deployment's own), internal load balancers (CreateLoadBalancer/UpdateLoadBalancer/DeleteLoadBalancer, one
 * per deployment as the service said: "LoadBalancer already exists: testload. Only one internal load
 * balancer allowed per deployment.", recorded in cli.vm.loadbalancer-tests), and the load-balanced endpoint
 * sets of its VMs (UpdateLoadBalancedEndpointSet).
 */
import type { DnsServer, InputEndpoint, LoadBalancer } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { networkSetOf } from '../compute/configuration-sets.js';
import { checkFrontend } from '../network/addressing.js';
import { parseIp } from '../network/cidr.js';
import type { DeploymentRecord } from '../records.js';
import { keyOf } from '../state.js';
import { deploymentToChange } from './lookup.js';
import type { HandlerContext, HandlerResult, HandlerTable } from './types.js';
import { completeOn, vmDeployment } from './vm-operations.js';

/** Checks `check` now and again when the operation completes, then applies `change` to the deployment. */
function changeDeployment(ctx: HandlerContext, check: (d: DeploymentRecord) => void, change: (d: DeploymentRecord) => void, vmOnly = false): HandlerResult {
  const found = vmOnly ? vmDeployment(ctx) : deploymentToChange(ctx);
  check(found.deployment);
  return completeOn(ctx, found.service, found.deployment, found.resource, (d) => {
    check(d);
    change(d);
  });
}

// DNS servers

function dnsServersOf(deployment: DeploymentRecord): DnsServer[] {
  return deployment.Dns?.DnsServers ?? [];
}

function findDnsServer(deployment: DeploymentRecord, name: string): DnsServer {
  const server = dnsServersOf(deployment).find((s) => s.Name !== undefined && keyOf(s.Name) === keyOf(name));
  if (server === undefined) throw errors.notFound(`The DNS server ${name} does not exist in deployment ${deployment.Name}.`);
  return server;
}

function checkDnsAddress(server: DnsServer): void {
  if (server.Address === undefined || parseIp(server.Address) === undefined) {
    throw errors.badRequest(`The Address ${server.Address ?? '(none)'} of DNS server ${server.Name ?? ''} is not a valid IPv4 address.`);
  }
}

function addDnsServer(ctx: HandlerContext<'AddDnsServer'>) {
  const server = ctx.body;
  return changeDeployment(ctx, (d) => {
    if (server.Name === undefined) throw errors.badRequest('The DNS server must have a Name.');
    checkDnsAddress(server);
    if (dnsServersOf(d).some((s) => s.Name !== undefined && keyOf(s.Name) === keyOf(server.Name!))) {
      throw errors.conflict(`A DNS server named ${server.Name} already exists in deployment ${d.Name}.`);
    }
  }, (d) => {
    d.Dns = { DnsServers: [...dnsServersOf(d), { Name: server.Name, Address: server.Address }] };
  });
}

function updateDnsServer(ctx: HandlerContext<'UpdateDnsServer'>) {
  const name = ctx.params.DnsServerName;
  const server = ctx.body;
  return changeDeployment(ctx, (d) => {
    findDnsServer(d, name);
    if (server.Name !== undefined && keyOf(server.Name) !== keyOf(name)) throw errors.badRequest(`The DNS server name ${server.Name} in the body does not match ${name} of the request URL.`);
    checkDnsAddress(server);
  }, (d) => {
    findDnsServer(d, name).Address = server.Address;
  });
}

function deleteDnsServer(ctx: HandlerContext<'DeleteDnsServer'>) {
  const name = ctx.params.DnsServerName;
  return changeDeployment(ctx, (d) => void findDnsServer(d, name), (d) => {
    const rest = dnsServersOf(d).filter((s) => s !== findDnsServer(d, name));
    if (rest.length === 0) delete d.Dns;
    else d.Dns = { DnsServers: rest };
  });
}

// Virtual IPs

function vipNamed(deployment: DeploymentRecord, name: string) {
  return [deployment.vip, ...(deployment.extraVips ?? [])].find((v) => keyOf(v.Name) === keyOf(name));
}

function addVirtualIp(ctx: HandlerContext<'AddVirtualIP'>) {
  const name = ctx.params.VirtualIPName;
  return changeDeployment(ctx, (d) => {
    if (vipNamed(d, name) !== undefined) throw errors.conflict(`A virtual IP named ${name} already exists in deployment ${d.Name}.`);
  }, (d) => {
    d.extraVips = [...(d.extraVips ?? []), { Name: name, Address: ctx.state.publicAddresses.take() }];
  });
}

function endpointsOf(deployment: DeploymentRecord): InputEndpoint[] {
  return [...deployment.roles.values()].flatMap((r) => networkSetOf(r.ConfigurationSets)?.InputEndpoints ?? []);
}

function removeVirtualIp(ctx: HandlerContext<'RemoveVirtualIP'>) {
  const name = ctx.params.VirtualIPName;
  return changeDeployment(ctx, (d) => {
    const vip = vipNamed(d, name);
    if (vip === undefined) throw errors.notFound(`The virtual IP ${name} does not exist in deployment ${d.Name}.`);
    if (vip === d.vip) throw errors.badRequest(`The virtual IP ${name} is the deployment's own and cannot be removed.`);
    const user = endpointsOf(d).find((e) => e.VirtualIPName !== undefined && keyOf(e.VirtualIPName) === keyOf(name));
    if (user !== undefined) throw errors.badRequest(`The virtual IP ${name} is in use by endpoint ${user.Name}; remove the endpoint first.`);
  }, (d) => {
    d.extraVips = (d.extraVips ?? []).filter((v) => keyOf(v.Name) !== keyOf(name));
  });
}

// Internal load balancers

function findLoadBalancer(deployment: DeploymentRecord, name: string): LoadBalancer {
  const balancer = deployment.loadBalancers?.find((b) => keyOf(b.Name) === keyOf(name));
  if (balancer === undefined) throw errors.notFound(`The load balancer ${name} does not exist in deployment ${deployment.Name}.`);
  return balancer;
}

function createLoadBalancer(ctx: HandlerContext<'CreateLoadBalancer'>) {
  const balancer = ctx.body;
  return changeDeployment(ctx, (d) => {
    const existing = d.loadBalancers?.[0];
    if (existing !== undefined) throw errors.badRequest(`LoadBalancer already exists: ${existing.Name}. Only one internal load balancer allowed per deployment.`);
    checkFrontend(ctx.subscription, d.VirtualNetworkName, balancer);
  }, (d) => {
    d.loadBalancers = [structuredClone(balancer)];
  }, true);
}

function updateLoadBalancer(ctx: HandlerContext<'UpdateLoadBalancer'>) {
  const name = ctx.params.LoadBalancerName;
  const balancer = ctx.body;
  return changeDeployment(ctx, (d) => {
    const current = findLoadBalancer(d, name);
    if (keyOf(balancer.Name) !== keyOf(name)) throw errors.badRequest(`The load balancer name ${balancer.Name} in the body does not match ${name} of the request URL.`);
    checkFrontend(ctx.subscription, d.VirtualNetworkName, balancer, current.FrontendIpConfiguration.StaticVirtualNetworkIPAddress);
  }, (d) => {
    d.loadBalancers = (d.loadBalancers ?? []).map((b) => (keyOf(b.Name) === keyOf(name) ? { ...structuredClone(balancer), Name: b.Name } : b));
  }, true);
}

function deleteLoadBalancer(ctx: HandlerContext<'DeleteLoadBalancer'>) {
  const name = ctx.params.LoadBalancerName;
  return changeDeployment(ctx, (d) => {
    findLoadBalancer(d, name);
    const user = endpointsOf(d).find((e) => e.LoadBalancerName !== undefined && keyOf(e.LoadBalancerName) === keyOf(name));
    if (user !== undefined) throw errors.badRequest(`The load balancer ${name} is in use by endpoint ${user.Name}; remove the endpoint first.`);
  }, (d) => {
    d.loadBalancers = (d.loadBalancers ?? []).filter((b) => keyOf(b.Name) !== keyOf(name));
  }, true);
}

// Load-balanced endpoint sets

function checkEndpointSets(deployment: DeploymentRecord, updates: readonly InputEndpoint[]): void {
  const endpoints = endpointsOf(deployment);
  for (const update of updates) {
    const set = update.LoadBalancedEndpointSetName;
    if (set === undefined) throw errors.badRequest('Every endpoint of the list must name its LoadBalancedEndpointSetName.');
    if (!endpoints.some((e) => e.LoadBalancedEndpointSetName !== undefined && keyOf(e.LoadBalancedEndpointSetName) === keyOf(set))) {
      throw errors.badRequest(`The load-balanced endpoint set ${set} does not exist in deployment ${deployment.Name}.`);
    }
    if (update.LoadBalancerName !== undefined) findLoadBalancer(deployment, update.LoadBalancerName);
  }
}

/** Every endpoint of each named set, on every VM, takes the values given (members not given stay). */
function updateLoadBalancedEndpointSet(ctx: HandlerContext<'UpdateLoadBalancedEndpointSet'>) {
  const updates = ctx.body.InputEndpoint ?? [];
  return changeDeployment(ctx, (d) => checkEndpointSets(d, updates), (d) => {
    for (const role of d.roles.values()) {
      const set = networkSetOf(role.ConfigurationSets);
      if (set?.InputEndpoints === undefined) continue;
      set.InputEndpoints = set.InputEndpoints.map((endpoint) => {
        const update = updates.find((u) => endpoint.LoadBalancedEndpointSetName !== undefined && keyOf(u.LoadBalancedEndpointSetName!) === keyOf(endpoint.LoadBalancedEndpointSetName));
        if (update === undefined) return endpoint;
        const { Name: _name, Vip: _vip, ...values } = update;
        return { ...endpoint, ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) };
      });
    }
  }, true);
}

export const deploymentNetworkHandlers: HandlerTable = {
  AddDnsServer: addDnsServer,
  UpdateDnsServer: updateDnsServer,
  DeleteDnsServer: deleteDnsServer,
  AddVirtualIP: addVirtualIp,
  RemoveVirtualIP: removeVirtualIp,
  CreateLoadBalancer: createLoadBalancer,
  UpdateLoadBalancer: updateLoadBalancer,
  DeleteLoadBalancer: deleteLoadBalancer,
  UpdateLoadBalancedEndpointSet: updateLoadBalancedEndpointSet,
};
