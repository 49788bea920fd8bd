/**
 * IPv4 addresses and CIDR prefixes as the security rules, routes and application gateways of this family read
 * them: dotted quads, and prefixes `a.b.c.d/n` with n from 0 to 32.
 */
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

/** The address as a 32-bit unsigned number. */
function toNumber(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

export interface Cidr {
  base: number;
  bits: number;
}

/** The prefix read, or undefined when it is not `a.b.c.d/n`. */
export function parseCidr(prefix: string): Cidr | undefined {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(prefix);
  if (match === null || !isIpv4(match[1]!) || Number(match[2]) > 32) return undefined;
  return { base: toNumber(match[1]!), bits: Number(match[2]) };
}

function mask(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/** Whether an address lies inside a prefix. */
export function cidrContains(prefix: Cidr, address: string): boolean {
  return ((toNumber(address) & mask(prefix.bits)) >>> 0) === ((prefix.base & mask(prefix.bits)) >>> 0);
}
