/**
 * The service configuration (.cscfg) of a package deployment: the roles and how many instances each runs. The
 * service read the instance counts from it (CreateDeployment, ChangeDeploymentConfiguration) and generated one
 * for VM deployments.
 */
import { XmlSyntaxError } from '../../core/xml-document.js';
import { parseXmlTree, rootOf } from '../../core/xml-tree.js';
import { errors } from '../api-error.js';

export interface ConfiguredRole {
  name: string;
  instances: number;
  osFamily?: string;
}

const CSCFG_NAMESPACE = 'http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration';

function invalid(detail: string): Error {
  return errors.badRequest(`The specified configuration is not valid: ${detail}`);
}

function attribute(node: unknown, name: string): string | undefined {
  const value = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[`@_${name}`] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function roleOf(node: unknown, osFamily: string | undefined): ConfiguredRole {
  const name = attribute(node, 'name');
  const instances = ((node as Record<string, unknown[]>)['Instances'] ?? [])[0];
  const count = Number(attribute(instances, 'count'));
  if (name === undefined) throw invalid('a Role has no name attribute.');
  if (!Number.isInteger(count) || count < 1) throw invalid(`role ${name} needs <Instances count="n"/> with n of 1 or more.`);
  return { name, instances: count, ...(osFamily === undefined ? {} : { osFamily }) };
}

/** The roles of a .cscfg document, in document order. */
export function parseServiceConfiguration(xml: string): ConfiguredRole[] {
  let root: { name: string; node: unknown } | undefined;
  try {
    root = rootOf(parseXmlTree(xml));
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw invalid(`it is not well-formed XML (${err.message}).`);
    throw err;
  }
  if (root?.name !== 'ServiceConfiguration') throw invalid('its root element must be ServiceConfiguration.');
  const roles = ((root.node as Record<string, unknown[]> | undefined)?.['Role'] ?? []).map((r) => roleOf(r, attribute(root!.node, 'osFamily')));
  if (roles.length === 0) throw invalid('it configures no role.');
  return roles;
}

/** The configuration the service generated for a VM deployment: one instance per role. */
export function vmServiceConfiguration(roleNames: readonly string[]): string {
  const roles = roleNames.map((name) => `<Role name="${name}"><Instances count="1" /></Role>`).join('');
  return `<ServiceConfiguration xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="${CSCFG_NAMESPACE}">${roles}</ServiceConfiguration>`;
}
