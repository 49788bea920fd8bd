/**
 * Certificates of a cloud service (for its roles' SSL endpoints and remote access): uploaded as a PFX with its
 * password or as a public .cer, listed and read as the public certificate, deleted. Adding and deleting are
 * asynchronous. A certificate is named by its SHA-1 thumbprint ("sha1-<thumbprint>" in URLs).
 */
import { X509Certificate, createHash } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateFile, ServiceCertificate } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkDocumentedLimit } from '../quotas.js';
import type { HostedServiceRecord, ServiceCertificateRecord } from '../records.js';
import { findService, serviceResource } from './lookup.js';
import { accepted, assertNotBusy, done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

function invalidCertificate(detail: string): Error {
  return errors.badRequest(`The certificate data is not valid: ${detail}`);
}

/**
 * The certificate of "pfx" data that is PEM text. The classic CLI's `service cert create` sent a .pem file's
 * text (a certificate, usually with its private key) as format pfx, and the service took the certificate from it.
 */
function pemCertificate(bytes: Buffer): Buffer | undefined {
  const text = bytes.toString('latin1');
  const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text);
  if (block === null) return undefined;
  try {
    return new X509Certificate(block[0]).raw;
  } catch {
    throw invalidCertificate('the PEM text holds no readable X.509 certificate.');
  }
}

/** The DER certificate of a PFX (decrypted with its password), of PEM text sent as a PFX, or of a .cer file. */
export function certificateDer(file: CertificateFile): Buffer {
  const bytes = Buffer.from(file.Data, 'base64');
  if (file.CertificateFormat === 'cer') {
    try {
      return new X509Certificate(bytes).raw;
    } catch {
      throw invalidCertificate('the .cer data is not an X.509 certificate.');
    }
  }
  const pem = pemCertificate(bytes);
  if (pem !== undefined) return pem;
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), file.Password ?? '');
  } catch {
    throw invalidCertificate('the PFX cannot be read with the given password.');
  }
  const certBag = forge.pki.oids['certBag']!;
  const bag = pfx.getBags({ bagType: certBag })[certBag]?.[0];
  if (bag?.cert == null) throw invalidCertificate('the PFX holds no certificate.');
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert)).getBytes(), 'binary');
}

function recordOf(file: CertificateFile): ServiceCertificateRecord {
  const der = certificateDer(file);
  return { Thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(), ThumbprintAlgorithm: 'sha1', Data: der.toString('base64') };
}

function certificateView(ctx: HandlerContext, service: HostedServiceRecord, cert: ServiceCertificateRecord): ServiceCertificate {
  return {
    CertificateUrl: `${ctx.baseUrl}/${ctx.subscription.id}/services/hostedservices/${service.ServiceName}/certificates/sha1-${cert.Thumbprint}`,
    Thumbprint: cert.Thumbprint, ThumbprintAlgorithm: cert.ThumbprintAlgorithm, Data: cert.Data,
  };
}

function findCertificate(ctx: HandlerContext, service: HostedServiceRecord): ServiceCertificateRecord {
  const algorithm = stringParam(ctx, 'ThumbprintAlgorithm').toLowerCase();
  const cert = algorithm === 'sha1' ? service.certificates.get(stringParam(ctx, 'Thumbprint').toUpperCase()) : undefined;
  if (cert === undefined) throw errors.notFound('The certificate was not found.');
  return cert;
}

function addCertificate(ctx: HandlerContext<'AddServiceCertificate'>) {
  const service = findService(ctx);
  const resource = `${serviceResource(service.ServiceName)}/certificates`;
  assertNotBusy(ctx, resource, 'hosted service');
  const cert = recordOf(ctx.body);
  checkCertificateCount(service, cert.Thumbprint);
  return accepted({
    resource,
    complete: () => {
      const current = findService(ctx, service.ServiceName);
      checkCertificateCount(current, cert.Thumbprint);
      current.certificates.set(cert.Thumbprint, cert);
    },
  });
}

/** A certificate already there is replaced (the same thumbprint): only a new one counts. */
function checkCertificateCount(service: HostedServiceRecord, thumbprint: string): void {
  if (!service.certificates.has(thumbprint)) checkDocumentedLimit('serviceCertificates', 'Certificates', service.certificates.size);
}

function deleteCertificate(ctx: HandlerContext) {
  const service = findService(ctx);
  const cert = findCertificate(ctx, service);
  const resource = `${serviceResource(service.ServiceName)}/certificates`;
  assertNotBusy(ctx, resource, 'hosted service');
  return accepted({
    resource,
    complete: () => {
      if (!findService(ctx, service.ServiceName).certificates.delete(cert.Thumbprint)) throw errors.notFound('The certificate was not found.');
    },
  });
}

export const serviceCertificateHandlers: HandlerTable = {
  ListServiceCertificates: (ctx) => {
    const service = findService(ctx);
    return done(200, [...service.certificates.values()].map((c) => certificateView(ctx, service, c)));
  },
  GetServiceCertificate: (ctx) => {
    const service = findService(ctx);
    return done(200, certificateView(ctx, service, findCertificate(ctx, service)));
  },
  AddServiceCertificate: addCertificate,
  DeleteServiceCertificate: deleteCertificate,
};
