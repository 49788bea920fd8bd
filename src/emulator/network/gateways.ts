/**
 * Gateways of virtual network sites: the classic per-vnet VPN gateway and the virtual network gateways of the V2
 * API share the rules of the service — a gateway sits in a subnet named GatewaySubnet, one per virtual network —
 * and other families ask here whether a vnet has one (`gatewayOf`: SetNetworkConfiguration refuses to remove a
 * site that has a gateway).
 */
import { randomBytes } from 'node:crypto';
import type { IPsecParameters } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import type { GatewayEventRecord, GatewayRecord, VirtualNetworkGatewayRecord, VirtualNetworkSiteRecord } from '../records.js';
import { keyOf, nowIso, type SubscriptionState } from '../state.js';

/** The subnet name the service required for a gateway (documented; the xplat CLI's issue #230 shows the rule). */
export const GATEWAY_SUBNET = 'GatewaySubnet';

/** Sizes of the classic gateway SKUs (Default is Basic). */
export const GATEWAY_SIZES = ['Default', 'Standard', 'HighPerformance'] as const;

/** The gateway of a virtual network site, classic or V2, or undefined: a site with one cannot be removed. */
export function gatewayOf(subscription: SubscriptionState, vnetName: string): GatewayRecord | VirtualNetworkGatewayRecord | undefined {
  const classic = subscription.gateways.get(keyOf(vnetName));
  if (classic !== undefined) return classic;
  return [...subscription.virtualNetworkGateways.values()].find((g) => keyOf(g.networkName) === keyOf(vnetName));
}

/** A site may take a new gateway: it has a GatewaySubnet and no gateway yet. */
export function checkGatewayPlacement(subscription: SubscriptionState, site: VirtualNetworkSiteRecord): void {
  if (!(site.Subnets ?? []).some((s) => keyOf(s.name) === keyOf(GATEWAY_SUBNET))) {
    throw errors.badRequest(`The virtual network ${site.name} has no subnet named ${GATEWAY_SUBNET}; a gateway needs one.`);
  }
  if (gatewayOf(subscription, site.name) !== undefined) {
    throw errors.conflict(`The virtual network ${site.name} already has a gateway.`);
  }
}

export function checkGatewaySize(size: string): string {
  const known = GATEWAY_SIZES.find((s) => keyOf(s) === keyOf(size));
  if (known === undefined) throw errors.badRequest(`The GatewaySize ${size} is not valid; use one of ${GATEWAY_SIZES.join(', ')}.`);
  return known;
}

/** The classic gateway of a site, or the service's 404 (its wording for an absent gateway, recorded). */
export function findGateway(subscription: SubscriptionState, networkName: string): GatewayRecord {
  const gateway = subscription.gateways.get(keyOf(networkName));
  if (gateway === undefined) throw errors.notFound('The gateway does not exist.');
  return gateway;
}

export function findVirtualNetworkGateway(subscription: SubscriptionState, id: string): VirtualNetworkGatewayRecord {
  const gateway = subscription.virtualNetworkGateways.get(keyOf(id));
  if (gateway === undefined) throw errors.notFound('The gateway does not exist.');
  return gateway;
}

/** Verbs other than create and delete need a provisioned gateway. */
export function requireProvisioned(gateway: { State: string }): void {
  if (gateway.State !== 'Provisioned') {
    throw errors.badRequest(`The gateway is not provisioned (its state is ${gateway.State}); try again when it is Provisioned.`);
  }
}

export function gatewayEvent(id: string, message: string): GatewayEventRecord {
  return { Id: id, Message: message, Timestamp: nowIso() };
}

const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A new IPsec pre-shared key of letters and digits, as the service generated them. */
export function newSharedKey(length = 32): string {
  if (!Number.isInteger(length) || length < 1 || length > 128) throw errors.badRequest(`The KeyLength ${length} is not valid; it must be between 1 and 128.`);
  return [...randomBytes(length)].map((b) => KEY_ALPHABET[b % KEY_ALPHABET.length]).join('');
}

export function checkSharedKey(value: string): void {
  if (value.length < 1 || value.length > 128 || !/^[\x21-\x7e]+$/.test(value)) {
    throw errors.badRequest('The shared key Value must be 1 to 128 printable ASCII characters without spaces.');
  }
}

/** The IPsec parameters a connection has until they are set (the service's defaults). */
export const DEFAULT_IPSEC: Required<IPsecParameters> = {
  EncryptionType: 'RequireEncryption', PfsGroup: 'None', SADataSizeKilobytes: 102400000, SALifeTimeSeconds: 3600, HashAlgorithm: 'SHA1',
};

const ENCRYPTION = ['RequireEncryption', 'NoEncryption', 'AES256', 'AES128', 'DES3'];
const PFS = ['None', 'PFS1', 'PFS2', 'PFS2048', 'ECP256', 'ECP384', 'PFS24'];
const HASH = ['SHA1', 'SHA256', 'MD5'];

function oneOf(field: string, value: string | undefined, allowed: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  const known = allowed.find((a) => keyOf(a) === keyOf(value));
  if (known === undefined) throw errors.badRequest(`The ${field} ${value} is not valid; use one of ${allowed.join(', ')}.`);
  return known;
}

function inRange(field: string, value: number | undefined, min: number, max: number): number | undefined {
  if (value !== undefined && (value < min || value > max)) throw errors.badRequest(`The ${field} ${value} is not valid; it must be between ${min} and ${max}.`);
  return value;
}

/** IPsec parameters merged over the current ones, each checked against the values the service took. */
export function checkedIPsec(current: IPsecParameters, next: IPsecParameters): IPsecParameters {
  const merged: IPsecParameters = { ...DEFAULT_IPSEC, ...current };
  const encryption = oneOf('EncryptionType', next.EncryptionType, ENCRYPTION);
  const pfs = oneOf('PfsGroup', next.PfsGroup, PFS);
  const hash = oneOf('HashAlgorithm', next.HashAlgorithm, HASH);
  const size = inRange('SADataSizeKilobytes', next.SADataSizeKilobytes, 1024, 2147483647);
  const life = inRange('SALifeTimeSeconds', next.SALifeTimeSeconds, 300, 172799);
  return {
    ...merged,
    ...(encryption === undefined ? {} : { EncryptionType: encryption }),
    ...(pfs === undefined ? {} : { PfsGroup: pfs }),
    ...(size === undefined ? {} : { SADataSizeKilobytes: size }),
    ...(life === undefined ? {} : { SALifeTimeSeconds: life }),
    ...(hash === undefined ? {} : { HashAlgorithm: hash }),
  };
}
