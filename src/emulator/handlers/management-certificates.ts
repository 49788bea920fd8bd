/**
 * Management certificates of the subscription: the client certificates allowed to call the API for it. Adding
 * one lets its holder in at once; deleting one locks its holder out (even the caller, as the service did).
 */
import { X509Certificate } from 'node:crypto';
import type { SubscriptionCertificate } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkDocumentedLimit } from '../quotas.js';
import type { ManagementCertificateRecord } from '../records.js';
import { done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

function pemOf(base64Der: string): string {
  return `-----BEGIN CERTIFICATE-----\n${base64Der.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

function certificateView(record: ManagementCertificateRecord): SubscriptionCertificate {
  const cert = new X509Certificate(record.certificate);
  const key = cert.publicKey.asymmetricKeyType === 'rsa' ? cert.publicKey.export({ type: 'pkcs1', format: 'der' }) : cert.publicKey.export({ type: 'spki', format: 'der' });
  return {
    SubscriptionCertificatePublicKey: key.toString('base64'), SubscriptionCertificateThumbprint: record.thumbprint,
    SubscriptionCertificateData: cert.raw.toString('base64'), Created: new Date(record.created),
  };
}

function findCertificate(ctx: HandlerContext): ManagementCertificateRecord {
  const record = ctx.subscription.managementCertificates.get(stringParam(ctx, 'Thumbprint').toUpperCase());
  if (record === undefined) throw errors.notFound('The certificate was not found.');
  return record;
}

function addCertificate(ctx: HandlerContext<'AddManagementCertificate'>) {
  const body = ctx.body;
  let pem: string;
  try {
    pem = new X509Certificate(pemOf(body.SubscriptionCertificateData)).toString();
  } catch {
    throw errors.badRequest('The certificate data is not a valid X.509 certificate.');
  }
  const thumbprint = new X509Certificate(pem).fingerprint.replace(/:/g, '');
  if (thumbprint !== body.SubscriptionCertificateThumbprint.toUpperCase()) {
    throw errors.badRequest(`The thumbprint ${body.SubscriptionCertificateThumbprint} does not match the certificate, whose thumbprint is ${thumbprint}.`);
  }
  if (ctx.subscription.managementCertificates.has(thumbprint)) throw errors.conflict('A certificate with the specified thumbprint already exists in the subscription.');
  checkDocumentedLimit('managementCertificates', 'ManagementCertificates', ctx.subscription.managementCertificates.size);
  ctx.state.registerManagementCertificate(ctx.subscription.id, pem);
  return done(201);
}

function deleteCertificate(ctx: HandlerContext) {
  const record = findCertificate(ctx);
  ctx.subscription.managementCertificates.delete(record.thumbprint);
  return done(200);
}

export const managementCertificateHandlers: HandlerTable = {
  ListManagementCertificates: (ctx) => done(200, [...ctx.subscription.managementCertificates.values()].map(certificateView)),
  GetManagementCertificate: (ctx) => done(200, certificateView(findCertificate(ctx))),
  AddManagementCertificate: addCertificate,
  DeleteManagementCertificate: deleteCertificate,
};
