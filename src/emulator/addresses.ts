/**
 * Public IP addresses for virtual IPs and reserved IPs, from the documentation ranges (TEST-NET-1..3, then the
 * 198.18.0.0/15 benchmarking range) so that nothing the emulator hands out is someone's real address.
 */
const TEST_NETS = ['192.0.2', '198.51.100', '203.0.113'];

/** The n-th address of the sequence (n from 0). */
export function publicAddress(n: number): string {
  if (n < TEST_NETS.length * 254) return `${TEST_NETS[Math.floor(n / 254)]}.${(n % 254) + 1}`;
  const rest = n - TEST_NETS.length * 254;
  return `198.${18 + Math.floor(rest / 65025) % 2}.${Math.floor(rest / 255) % 255}.${(rest % 255) + 1}`;
}

/** Hands out addresses in turn. */
export class AddressPool {
  /** The next address's index; a plain field so that the store (persistence.ts) keeps it across restarts. */
  next = 0;

  take(): string {
    return publicAddress(this.next++);
  }
}
