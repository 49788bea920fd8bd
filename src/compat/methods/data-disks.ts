/** Data disks of a role: add, modify (UpdateDataDisk), remove (DeleteDataDisk, keeping the VHD blob). */
import { AddDataDiskOperation, DeleteDataDiskOperation, UpdateDataDiskOperation } from '../../../generated/operations/index.js';
import { lun, obj, str } from '../arguments.js';
import { dataVirtualHardDisk } from '../data-objects/disks.js';
import type { DataDisk } from '../types.js';
import { method } from './method.js';

export const dataDiskMethods = {
  AddDataDisk: method({
    args: [str('serviceName'), str('deploymentName'), str('roleName'), obj('datadisk')],
    operation: AddDataDiskOperation,
    input: ([serviceName, deploymentName, roleName, disk]) => ({
      ...dataVirtualHardDisk('AddDataDisk', disk as DataDisk),
      ServiceName: serviceName as string,
      DeploymentName: deploymentName as string,
      RoleName: roleName as string,
    }),
    send: (client, input, options) => client.addDataDisk(input, options),
  }),
  ModifyDataDisk: method({
    args: [str('serviceName'), str('deploymentName'), str('roleName'), lun('LUN'), obj('datadisk')],
    operation: UpdateDataDiskOperation,
    input: ([serviceName, deploymentName, roleName, lunNumber, disk]) => ({
      ServiceName: serviceName as string,
      DeploymentName: deploymentName as string,
      RoleName: roleName as string,
      Lun: lunNumber as number,
      DataVirtualHardDisk: dataVirtualHardDisk('UpdateDataDisk', disk as DataDisk, lunNumber as number),
    }),
    send: (client, input, options) => client.updateDataDisk(input, options),
  }),
  RemoveDataDisk: method({
    args: [str('serviceName'), str('deploymentName'), str('roleName'), lun('LUN')],
    operation: DeleteDataDiskOperation,
    input: ([serviceName, deploymentName, roleName, lunNumber]) => ({
      ServiceName: serviceName as string, DeploymentName: deploymentName as string, RoleName: roleName as string, Lun: lunNumber as number,
    }),
    send: (client, input, options) => client.deleteDataDisk(input, options),
  }),
};
