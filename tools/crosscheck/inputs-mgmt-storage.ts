/**
 * Inputs of azure-asm-mgmt (affinity groups, locations, role sizes, subscriptions, management certificates) and
 * azure-asm-storage (storage accounts): the first resources, that everything else is placed in.
 */
import { createSelfSignedClientCertificate, thumbprintOf } from '../../src/emulator/index.js';
import type { Steps } from './steps.js';

const extraCertificate = createSelfSignedClientCertificate();
const derOf = (pem: string): Buffer => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');

export const mgmtSteps: Steps = {
  'affinityGroups.create': { phase: 10, parameters: (c) => ({ name: c.affinityGroup, label: 'crosscheck group', description: 'made by crosscheck', location: c.location }) },
  'affinityGroups.get': { phase: 11 },
  'affinityGroups.list': { phase: 11 },
  'affinityGroups.update': { phase: 11, parameters: () => ({ label: 'crosscheck group 2', description: 'updated' }) },
  'affinityGroups.deleteMethod': { phase: 99 },
  'locations.list': { phase: 10 },
  'roleSizes.list': { phase: 10 },
  'subscriptions.get': { phase: 10 },
  'subscriptions.listOperations': { phase: 88, parameters: () => ({ startTime: new Date(Date.now() - 3600_000), endTime: new Date() }) },
  'managementCertificates.create': {
    phase: 10,
    parameters: () => ({ publicKey: derOf(extraCertificate.cert), thumbprint: thumbprintOf(extraCertificate.cert), data: derOf(extraCertificate.cert) }),
  },
  'managementCertificates.get': { phase: 11, args: () => [thumbprintOf(extraCertificate.cert)] },
  'managementCertificates.list': { phase: 11 },
  'managementCertificates.deleteMethod': { phase: 99, args: () => [thumbprintOf(extraCertificate.cert)] },
};

export const storageSteps: Steps = {
  'storageAccounts.checkNameAvailability': { phase: 19 },
  'storageAccounts.create': {
    phase: 20,
    parameters: (c) => ({ name: c.storageAccount, label: 'crosscheck storage', description: 'made by crosscheck', affinityGroup: c.affinityGroup, accountType: 'Standard_LRS' }),
  },
  'storageAccounts.beginCreating': {
    phase: 20,
    parameters: (c) => ({ name: `${c.storageAccount}b`, label: 'crosscheck storage b', location: c.location, accountType: 'Standard_GRS' }),
  },
  'storageAccounts.get': { phase: 21 },
  'storageAccounts.list': { phase: 21 },
  'storageAccounts.getKeys': { phase: 21 },
  'storageAccounts.update': { phase: 21, parameters: () => ({ label: 'crosscheck storage 2', description: 'updated', accountType: 'Standard_GRS' }) },
  'storageAccounts.regenerateKeys': { phase: 21, parameters: (c) => ({ name: c.storageAccount, keyType: 'Secondary' }) },
  'storageAccounts.deleteMethod': { phase: 98, args: (c) => [`${c.storageAccount}b`] },
  // The run's own account, once its disks and images are gone (95), so that its affinity group can go (99).
  'storageAccounts.deleteMethod#2': { phase: 98 },
};
