/**
 * What a gateway hands to the other end: point-to-site client root certificates (public .cer content, base64 DER
 * or PEM, read with node:crypto and named by SHA-1 thumbprint), the VPN client package (a dynamic-routing gateway
 * with a client address pool; its URL is the finished operation's Data), and site-to-site device configuration
 * scripts for the devices ListSupportedVpnDevices lists (recorded), filled with the gateway's VIP.
 */
import { X509Certificate, randomBytes } from 'node:crypto';
import { errors } from '../api-error.js';
import { scriptFamilyOf, supportedVpnDevices } from '../catalog-data/vpn-devices.js';
import { deviceScript } from '../network/device-scripts.js';
import { gatewayOperation, gatewayOperationDone } from '../network/gateway-operations.js';
import { findGateway, requireProvisioned } from '../network/gateways.js';
import { findVirtualNetworkSite } from '../network/sites.js';
import type { ClientRootCertificateRecord, GatewayRecord } from '../records.js';
import { keyOf } from '../state.js';
import { gatewayResource } from './gateways.js';
import { assertNotBusy, done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

/** The certificate's DER from base64 .cer content or PEM text, or a 400 saying which. */
function certificateOf(text: string): X509Certificate {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('-----BEGIN')) return new X509Certificate(trimmed);
    if (!/^[A-Za-z0-9+/=\s]+$/.test(trimmed)) throw new Error('not base64');
    return new X509Certificate(Buffer.from(trimmed, 'base64'));
  } catch {
    throw errors.badRequest('The Certificate is not a valid X.509 certificate: send the base64 content of a .cer file (DER) or PEM text.');
  }
}

function certificateRecord(certificate: X509Certificate): ClientRootCertificateRecord {
  return {
    Thumbprint: certificate.fingerprint.replace(/:/g, '').toUpperCase(),
    Subject: certificate.subject.split('\n').reverse().join(', '),
    ExpirationTime: new Date(certificate.validTo).toISOString(),
    certificate: certificate.raw.toString('base64'),
  };
}

function findCertificate(gateway: GatewayRecord, thumbprint: string): ClientRootCertificateRecord {
  const record = gateway.clientRootCertificates[thumbprint.toUpperCase()];
  if (record === undefined) throw errors.notFound(`The client root certificate ${thumbprint} does not exist on the gateway of virtual network ${gateway.networkName}.`);
  return record;
}

function addCertificate(ctx: HandlerContext<'AddClientRootCertificate'>) {
  const gateway = findGateway(ctx.subscription, ctx.params.NetworkName);
  assertNotBusy(ctx, gatewayResource(gateway.networkName), 'gateway');
  const record = certificateRecord(certificateOf(ctx.body));
  if (gateway.clientRootCertificates[record.Thumbprint] !== undefined) {
    throw errors.conflict(`The client root certificate ${record.Thumbprint} is already on the gateway of virtual network ${gateway.networkName}.`);
  }
  return gatewayOperation(ctx, 'AddClientRootCertificate', gatewayResource(gateway.networkName), () => {
    gateway.clientRootCertificates[record.Thumbprint] = record;
  });
}

function deleteCertificate(ctx: HandlerContext<'DeleteClientRootCertificate'>) {
  const gateway = findGateway(ctx.subscription, ctx.params.NetworkName);
  assertNotBusy(ctx, gatewayResource(gateway.networkName), 'gateway');
  const record = findCertificate(gateway, ctx.params.CertificateThumbprint);
  delete gateway.clientRootCertificates[record.Thumbprint];
  return gatewayOperationDone(ctx, 'DeleteClientRootCertificate');
}

function generatePackage(ctx: HandlerContext<'GenerateVpnClientPackage'>) {
  const gateway = findGateway(ctx.subscription, ctx.params.NetworkName);
  requireProvisioned(gateway);
  const site = findVirtualNetworkSite(ctx.subscription, gateway.networkName);
  if (gateway.GatewayType !== 'DynamicRouting') throw errors.badRequest('Point-to-site VPN needs a DynamicRouting gateway.');
  if ((site.Gateway?.VPNClientAddressPool ?? []).length === 0) {
    throw errors.badRequest(`The virtual network ${site.name} has no VPNClientAddressPool; point-to-site VPN needs one.`);
  }
  if (Object.keys(gateway.clientRootCertificates).length === 0) throw errors.badRequest('The gateway has no client root certificate; upload one first.');
  const architecture = ctx.body.ProcessorArchitecture.toLowerCase();
  return gatewayOperation(ctx, 'GenerateVpnClientPackage', gatewayResource(gateway.networkName), () => {
    const expiry = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const signature = encodeURIComponent(randomBytes(32).toString('base64'));
    return `https://vpnclientpackages.blob.core.windows.net/cmakexe/${gateway.GatewayId}/${architecture}/${gateway.GatewayId}.exe?sv=2014-02-14&sr=b&sp=r&se=${expiry}&sig=${signature}`;
  });
}

function deviceConfigurationScript(ctx: HandlerContext<'GetGatewayDeviceConfigurationScript'>) {
  const gateway = findGateway(ctx.subscription, ctx.params.NetworkName);
  requireProvisioned(gateway);
  const { Vendor = '', Platform = '', OSFamily = '' } = ctx.params;
  const family = scriptFamilyOf(Vendor, Platform, OSFamily);
  if (family === undefined) {
    throw errors.badRequest(`There is no configuration script for vendor '${Vendor}', platform '${Platform}', OS family '${OSFamily}'; see ListSupportedVpnDevices.`);
  }
  const site = findVirtualNetworkSite(ctx.subscription, gateway.networkName);
  const local = (site.Gateway?.ConnectionsToLocalNetwork ?? [])
    .flatMap((r) => ctx.subscription.localNetworkSites.get(keyOf(r.name))?.AddressSpace ?? []);
  return done(200, deviceScript(family, {
    vendor: Vendor, platform: Platform, osFamily: OSFamily, gatewayAddress: gateway.VIPAddress ?? '', vnetPrefixes: site.AddressSpace ?? [], onPremisesPrefixes: local,
  }));
}

export const gatewayClientHandlers: HandlerTable = {
  ListClientRootCertificates: (ctx) => done(200, Object.values(findGateway(ctx.subscription, stringParam(ctx, 'NetworkName')).clientRootCertificates)
    .map(({ certificate: _der, ...view }) => view)),
  GetClientRootCertificate: (ctx) => done(200, findCertificate(findGateway(ctx.subscription, stringParam(ctx, 'NetworkName')), stringParam(ctx, 'CertificateThumbprint')).certificate),
  AddClientRootCertificate: addCertificate,
  DeleteClientRootCertificate: deleteCertificate,
  GenerateVpnClientPackage: generatePackage,
  GetGatewayDeviceConfigurationScript: deviceConfigurationScript,
  ListSupportedVpnDevices: () => done(200, supportedVpnDevices()),
};
