/**
 * Data disks of a VM, by LUN (0-63, one disk per LUN, at most the role size's MaxDataDiskCount): attach an
 * existing disk, a blob, or a new empty disk (a Disk entry appears, attached to the VM); read one; change its
 * caching, label or LUN; detach it (the disk stays in ListDisks) or delete it with its blob (comp=media).
 */
import type { DataVirtualHardDisk } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { touch } from '../compute/deployments.js';
import { releaseDisk } from '../compute/disks.js';
import { envOf } from '../compute/env.js';
import { applyDisks, MAX_LUN, planAddedDataDisk } from '../compute/provisioning.js';
import { roleView } from '../compute/views.js';
import type { DeploymentRecord, RoleRecord } from '../records.js';
import { keyOf } from '../state.js';
import { findDeployment, findRole } from './lookup.js';
import { done, flagParam, stringParam, type HandlerContext, type HandlerTable } from './types.js';
import { completeOn, vmDeployment } from './vm-operations.js';

function entryAt(role: RoleRecord, lun: number): DataVirtualHardDisk {
  const entry = role.DataVirtualHardDisks.find((d) => (d.Lun ?? 0) === lun);
  if (entry === undefined) throw errors.notFound(`No data disk is attached to role ${role.RoleName} at LUN ${lun}.`);
  return entry;
}

function lunParam(ctx: HandlerContext): number {
  return ctx.params['Lun'] as number;
}

function addDataDisk(ctx: HandlerContext<'AddDataDisk'>) {
  const { service, deployment, resource } = vmDeployment(ctx);
  const roleName = stringParam(ctx, 'RoleName');
  const body = ctx.body;
  const env = envOf(ctx);
  planAddedDataDisk(env, service, deployment.Name, findRole(deployment, roleName), body);
  return completeOn(ctx, service, deployment, resource, (d, s) => {
    const role = findRole(d, roleName);
    const plan = planAddedDataDisk(env, s, d.Name, role, body);
    applyDisks(env, s, d.Name, { ...plan, role });
    role.DataVirtualHardDisks.push(plan.entry);
  });
}

function getDataDisk(ctx: HandlerContext) {
  const deployment = findDeployment(ctx);
  const role = findRole(deployment, stringParam(ctx, 'RoleName'));
  const index = role.DataVirtualHardDisks.indexOf(entryAt(role, lunParam(ctx)));
  return done(200, roleView(ctx.subscription, role).DataVirtualHardDisks![index]);
}

/** Checks an update of the disk at `lun` and returns the entry as it will be. */
function updatedEntry(deployment: DeploymentRecord, roleName: string, lun: number, body: DataVirtualHardDisk): DataVirtualHardDisk {
  const role = findRole(deployment, roleName);
  const entry = entryAt(role, lun);
  if (body.MediaLink !== undefined && keyOf(body.MediaLink) !== keyOf(entry.MediaLink ?? '')) {
    throw errors.badRequest('The MediaLink of an attached data disk cannot be changed; detach the disk and attach the other blob.');
  }
  const newLun = body.Lun ?? lun;
  if (!Number.isInteger(newLun) || newLun < 0 || newLun > MAX_LUN) throw errors.badRequest(`The LUN ${newLun} is not valid: it must be from 0 to ${MAX_LUN}.`);
  if (newLun !== lun && role.DataVirtualHardDisks.some((d) => d.Lun === newLun)) throw errors.conflict(`A data disk is already attached to role ${role.RoleName} at LUN ${newLun}.`);
  return { ...entry, HostCaching: body.HostCaching ?? entry.HostCaching, DiskLabel: body.DiskLabel ?? entry.DiskLabel, Lun: newLun };
}

/**
 * Applied at once and answered 200, not 202: Microsoft's azure-asm-compute (updateDataDisk) accepts only 200 and
 * no recording shows this operation. The deployment must still be free of other operations.
 */
function updateDataDisk(ctx: HandlerContext<'UpdateDataDisk'>) {
  const { deployment } = vmDeployment(ctx);
  const roleName = stringParam(ctx, 'RoleName');
  const lun = lunParam(ctx);
  const body = ctx.body;
  const next = updatedEntry(deployment, roleName, lun, body);
  const role = findRole(deployment, roleName);
  role.DataVirtualHardDisks = role.DataVirtualHardDisks.map((e) => ((e.Lun ?? 0) === lun ? next : e));
  const disk = ctx.subscription.disks.get(keyOf(next.DiskName ?? ''));
  if (disk !== undefined && body.DiskLabel !== undefined) disk.Label = body.DiskLabel;
  touch(deployment);
  return done(200);
}

function deleteDataDisk(ctx: HandlerContext) {
  const { service, deployment, resource } = vmDeployment(ctx);
  const roleName = stringParam(ctx, 'RoleName');
  const lun = lunParam(ctx);
  const deleteMedia = flagParam(ctx, 'DeleteMedia');
  const env = envOf(ctx);
  entryAt(findRole(deployment, roleName), lun);
  return completeOn(ctx, service, deployment, resource, (d) => {
    const role = findRole(d, roleName);
    const entry = entryAt(role, lun);
    role.DataVirtualHardDisks = role.DataVirtualHardDisks.filter((e) => e !== entry);
    releaseDisk(env.subscription, entry.DiskName, deleteMedia);
  });
}

export const dataDiskHandlers: HandlerTable = {
  AddDataDisk: addDataDisk,
  GetDataDisk: getDataDisk,
  UpdateDataDisk: updateDataDisk,
  DeleteDataDisk: deleteDataDisk,
};
