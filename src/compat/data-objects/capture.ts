/**
 * CaptureRoleInstance's options onto the service's CaptureRoleOperation: PostCaptureActions (the documents' name,
 * one action) -> PostCaptureAction, ProvisioningConfiguration translated like a role's. SupportsStatelessDeployment
 * has no element in the service's capture operation and is left out.
 */
import type { CaptureRoleOperationBody, ConfigurationSet } from '../../../generated/models/index.js';
import { ValidationError } from '../../core/errors.js';
import type { CaptureOptions } from '../types.js';
import { configurationSet } from './configuration-sets.js';
import { compact } from './values.js';

function postCaptureAction(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length !== 1) throw new ValidationError('CaptureRole', [{ path: 'PostCaptureActions', rule: 'exactly one action (Delete or Reprovision)' }]);
  return value[0];
}

export function captureOperation(capture: CaptureOptions): CaptureRoleOperationBody {
  const {
    PostCaptureActions, PostCaptureAction, ProvisioningConfiguration, SupportsStatelessDeployment: _noElement,
    WindowsProvisioningConfigurationSet, LinuxProvisioningConfigurationSet, ...wire
  } = capture;
  // azure@0.7.x named the provisioning set by its kind.
  const provisioning = ProvisioningConfiguration ?? WindowsProvisioningConfigurationSet ?? LinuxProvisioningConfigurationSet;
  return compact({
    ...wire,
    OperationType: 'CaptureRoleOperation',
    PostCaptureAction: postCaptureAction(PostCaptureAction ?? PostCaptureActions),
    ProvisioningConfiguration: typeof provisioning === 'object' && provisioning !== null
      ? configurationSet(provisioning as Record<string, unknown>) satisfies ConfigurationSet : provisioning,
  }) as unknown as CaptureRoleOperationBody;
}
