/**
 * Role instance operations, all a POST to .../roleinstances/{name}/Operations told apart by the body:
 * ShutdownRole, RestartRole and CaptureRole (an OS image capture) on the wire.
 */
import { CaptureRoleOperation, RestartRoleOperation, ShutdownRoleOperation } from '../../../generated/operations/index.js';
import { obj, str } from '../arguments.js';
import { captureOperation } from '../data-objects/capture.js';
import type { CaptureOptions } from '../types.js';
import { method } from './method.js';

function instance([serviceName, deploymentName, roleInstance]: unknown[]) {
  return { ServiceName: serviceName as string, DeploymentName: deploymentName as string, RoleInstanceName: roleInstance as string };
}

const instanceArgs = [str('serviceName'), str('deploymentName'), str('roleInstance')];

export const roleInstanceMethods = {
  ShutdownRoleInstance: method({
    args: instanceArgs,
    operation: ShutdownRoleOperation,
    input: (values) => ({ ...instance(values), OperationType: 'ShutdownRoleOperation' as const }),
    send: (client, input, options) => client.shutdownRole(input, options),
  }),
  RestartRoleInstance: method({
    args: instanceArgs,
    operation: RestartRoleOperation,
    input: (values) => ({ ...instance(values), OperationType: 'RestartRoleOperation' as const }),
    send: (client, input, options) => client.restartRole(input, options),
  }),
  CaptureRoleInstance: method({
    args: [...instanceArgs, obj('captOptions')],
    operation: CaptureRoleOperation,
    input: (values) => ({ ...captureOperation(values[3] as CaptureOptions), ...instance(values) }),
    send: (client, input, options) => client.captureRole(input, options),
  }),
};
