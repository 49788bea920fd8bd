/** The documented methods, by name: each one generated operation. */
import type MethodNames from '../method-names.cjs';
import { dataDiskMethods } from './data-disks.js';
import { deploymentMethods } from './deployments.js';
import { hostedServiceMethods } from './hosted-services.js';
import { imageMethods } from './images.js';
import type { LegacyMethod } from './method.js';
import { operationMethods } from './operations.js';
import { roleInstanceMethods } from './role-instances.js';
import { roleMethods } from './roles.js';

export const legacyMethods: Readonly<Record<MethodNames.Documented, LegacyMethod>> = {
  ...operationMethods,
  ...imageMethods,
  ...hostedServiceMethods,
  ...deploymentMethods,
  ...roleMethods,
  ...dataDiskMethods,
  ...roleInstanceMethods,
};

export type { LegacyMethod, MethodContext } from './method.js';
