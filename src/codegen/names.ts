/** Naming rules shared by the emitters. */

/** Operation name → method name: CreateHostedService → createHostedService, ListOSImages → listOSImages. */
export function methodName(operation: string): string {
  return operation.charAt(0).toLowerCase() + operation.slice(1);
}

export const shapeName = (model: string): string => `${model}Shape`;
export const operationConst = (operation: string): string => `${operation}Operation`;
export const inputTypeName = (operation: string): string => `${operation}Input`;

/** A string literal in single quotes, escaped for TypeScript source. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** A member name usable unquoted in an interface or object literal. */
export function memberKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : quote(name);
}

/** Locale-independent order (UTF-16 code units), so that output is the same on every machine. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
