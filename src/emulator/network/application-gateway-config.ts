/**
 * The configuration document of an application gateway, checked as a whole before it replaces the previous one:
 * names are unique within each list, ports lie in 1-65535, a private front-end IP has a static address inside
 * one of the gateway's subnets, and every reference resolves — a listener's front-end IP, front-end port and
 * (for Https) SSL certificate, an HTTP setting's probe, a rule's listener, back-end HTTP settings and back-end
 * pool. The wording is the emulator's; the service's own was not recorded.
 */
import type { ApplicationGatewayConfiguration } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import type { ApplicationGatewayRecord, VirtualNetworkSiteRecord } from '../records.js';
import { keyOf } from '../state.js';
import { cidrContains, isIpv4, parseCidr } from './rule-addresses.js';

interface Named {
  Name?: string;
}

function namesOf(items: readonly Named[] | undefined, list: string): Set<string> {
  const names = new Set<string>();
  for (const item of items ?? []) {
    if (item.Name === undefined || item.Name === '') throw errors.badRequest(`Every entry of ${list} needs a Name.`);
    if (names.has(keyOf(item.Name))) throw errors.badRequest(`The name ${item.Name} is used twice in ${list}.`);
    names.add(keyOf(item.Name));
  }
  return names;
}

function checkReference(names: ReadonlySet<string>, value: string | undefined, where: string, list: string): void {
  if (value === undefined || !names.has(keyOf(value))) throw errors.badRequest(`${where} refers to ${String(value)}, which is not in ${list}.`);
}

function checkPort(port: number | undefined, where: string): void {
  if (port === undefined || !Number.isInteger(port) || port < 1 || port > 65535) throw errors.badRequest(`The Port ${String(port)} of ${where} is not valid: a port is from 1 to 65535.`);
}

function checkProtocol(protocol: string | undefined, where: string): void {
  if (protocol === undefined || !['http', 'https'].includes(protocol.toLowerCase())) throw errors.badRequest(`The Protocol ${String(protocol)} of ${where} is not valid: it is Http or Https.`);
}

function checkFrontendIps(config: ApplicationGatewayConfiguration, gateway: ApplicationGatewayRecord, site: VirtualNetworkSiteRecord): void {
  const prefixes = (site.Subnets ?? []).filter((s) => gateway.Subnets.some((g) => keyOf(g) === keyOf(s.name))).map((s) => parseCidr(s.AddressPrefix ?? ''));
  for (const ip of config.FrontendIPConfigurations ?? []) {
    const where = `front-end IP configuration ${ip.Name}`;
    if (ip.Type === undefined || !['private', 'public'].includes(ip.Type.toLowerCase())) throw errors.badRequest(`The Type ${String(ip.Type)} of ${where} is not valid: it is Private or Public.`);
    if (ip.Type.toLowerCase() === 'public') continue;
    const address = ip.StaticIPAddress;
    if (address === undefined || !isIpv4(address) || !prefixes.some((p) => p !== undefined && cidrContains(p, address))) {
      throw errors.badRequest(`The StaticIPAddress ${String(address)} of private ${where} is not an address of the gateway's subnets ${gateway.Subnets.join(', ')}.`);
    }
  }
}

/** Checks a document against the gateway (its subnets, its uploaded certificates). */
export function checkGatewayConfiguration(config: ApplicationGatewayConfiguration, gateway: ApplicationGatewayRecord, site: VirtualNetworkSiteRecord): void {
  const frontendIps = namesOf(config.FrontendIPConfigurations, 'FrontendIPConfigurations');
  const frontendPorts = namesOf(config.FrontendPorts, 'FrontendPorts');
  const probes = namesOf(config.Probes, 'Probes');
  const pools = namesOf(config.BackendAddressPools, 'BackendAddressPools');
  const settings = namesOf(config.BackendHttpSettingsList, 'BackendHttpSettingsList');
  const listeners = namesOf(config.HttpListeners, 'HttpListeners');
  namesOf(config.HttpLoadBalancingRules, 'HttpLoadBalancingRules');
  checkFrontendIps(config, gateway, site);
  for (const port of config.FrontendPorts ?? []) checkPort(port.Port, `front-end port ${port.Name}`);
  for (const pool of config.BackendAddressPools ?? []) {
    const bad = (pool.IPAddresses ?? []).find((a) => !isIpv4(a));
    if (bad !== undefined) throw errors.badRequest(`The address ${bad} of back-end address pool ${pool.Name} is not an IPv4 address.`);
  }
  for (const s of config.BackendHttpSettingsList ?? []) {
    checkPort(s.Port, `back-end HTTP settings ${s.Name}`);
    checkProtocol(s.Protocol, `back-end HTTP settings ${s.Name}`);
    if (s.Probe !== undefined) checkReference(probes, s.Probe, `The Probe of back-end HTTP settings ${s.Name}`, 'Probes');
  }
  for (const l of config.HttpListeners ?? []) checkListener(l, frontendIps, frontendPorts, gateway);
  for (const r of config.HttpLoadBalancingRules ?? []) {
    checkReference(listeners, r.Listener, `The Listener of rule ${r.Name}`, 'HttpListeners');
    checkReference(settings, r.BackendHttpSettings, `The BackendHttpSettings of rule ${r.Name}`, 'BackendHttpSettingsList');
    checkReference(pools, r.BackendAddressPool, `The BackendAddressPool of rule ${r.Name}`, 'BackendAddressPools');
  }
}

type Listener = NonNullable<ApplicationGatewayConfiguration['HttpListeners']>[number];

function checkListener(l: Listener, frontendIps: ReadonlySet<string>, frontendPorts: ReadonlySet<string>, gateway: ApplicationGatewayRecord): void {
  const where = `listener ${l.Name}`;
  checkReference(frontendIps, l.FrontendIP, `The FrontendIP of ${where}`, 'FrontendIPConfigurations');
  checkReference(frontendPorts, l.FrontendPort, `The FrontendPort of ${where}`, 'FrontendPorts');
  checkProtocol(l.Protocol, where);
  const https = l.Protocol!.toLowerCase() === 'https';
  if (https && (l.SslCert === undefined || gateway.certificates[keyOf(l.SslCert)] === undefined)) {
    throw errors.badRequest(`The Https ${where} needs the SslCert of a certificate uploaded to gateway ${gateway.Name} (given: ${String(l.SslCert)}).`);
  }
  if (!https && l.SslCert !== undefined) throw errors.badRequest(`The Http ${where} takes no SslCert; only an Https listener does.`);
}

/** The certificates the configuration's listeners use. */
export function certificatesInUse(config: ApplicationGatewayConfiguration | undefined): Set<string> {
  return new Set((config?.HttpListeners ?? []).flatMap((l) => (l.SslCert === undefined ? [] : [keyOf(l.SslCert)])));
}
