/**
 * IPv4 addresses and CIDR prefixes as the virtual network rules need them: parse, contain, overlap, and walk
 * the usable addresses of a subnet. Azure kept the first four addresses of every subnet (network address,
 * gateway, two for DNS) and the last (broadcast), so a VM's first address was .4.
 */
export interface Cidr {
  /** The network address as an unsigned 32-bit number. */
  base: number;
  bits: number;
}

/** Addresses Azure kept at the start of each subnet. */
export const RESERVED_AT_START = 4;

export function parseIp(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function formatIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/**
 * A prefix `a.b.c.d/n`, or undefined. Host bits are masked off rather than refused: the service kept
 * `10.4.2.0/19` as given and placed a VM at 10.4.0.4 in it (xplat-cli cli.vm.create_staticvm-tests).
 */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  if (match === null) return undefined;
  const address = parseIp(match[1]!);
  const bits = Number(match[2]);
  if (address === undefined || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  return { base: address - (address % size), bits };
}

export function sizeOf(cidr: Cidr): number {
  return 2 ** (32 - cidr.bits);
}

export function containsAddress(cidr: Cidr, address: number): boolean {
  return address >= cidr.base && address < cidr.base + sizeOf(cidr);
}

export function containsPrefix(outer: Cidr, inner: Cidr): boolean {
  return inner.bits >= outer.bits && containsAddress(outer, inner.base);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return containsAddress(a, b.base) || containsAddress(b, a.base);
}

/** Whether a VM may have this address of the subnet: not one of the four first, nor the broadcast address. */
export function usableIn(cidr: Cidr, address: number): boolean {
  return address >= cidr.base + RESERVED_AT_START && address < cidr.base + sizeOf(cidr) - 1;
}

/** Usable addresses of the subnet from `from` on (in order), skipping those taken, at most `count`. */
export function freeAddresses(cidr: Cidr, taken: ReadonlySet<string>, count: number, from = cidr.base): string[] {
  const found: string[] = [];
  for (let address = Math.max(from, cidr.base + RESERVED_AT_START); address < cidr.base + sizeOf(cidr) - 1 && found.length < count; address++) {
    const text = formatIp(address);
    if (!taken.has(text)) found.push(text);
  }
  return found;
}
