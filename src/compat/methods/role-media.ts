/** Completing a new role before it is sent: the OS disk's blob, when the documents' OSDisk named none. */
import type { Role } from '../../../generated/models/index.js';
import { needsOsMediaLink, withOsMediaLink } from '../data-objects/role.js';
import type { MethodContext } from './method.js';

export async function withDefaultMediaLink<R extends Role>(role: R, serviceName: string, context: MethodContext): Promise<R> {
  if (!needsOsMediaLink(role)) return role;
  const link = await context.osDiskMediaLink(serviceName, role.RoleName);
  return link === undefined ? role : (withOsMediaLink(role, link) as R);
}
