/**
 * The emulator's own bounds on counts the service documents no limit for (disks, images, extensions, gateways).
 * Without them an authenticated caller could grow the emulator's memory without end; the defaults are far above
 * what a real subscription holds. Where the service documents a limit, quotas.ts enforces the service's instead.
 */
export interface EmulatorBounds {
  /** Disks per subscription (default 2,000). */
  disks: number;
  /** User OS images per subscription (default 1,000). */
  osImages: number;
  /** User VM images per subscription (default 1,000). */
  vmImages: number;
  /** Extension image versions a publisher subscription registers (default 1,000). */
  extensionImages: number;
  /** Extensions per cloud service (default 100). */
  extensionsPerService: number;
  /** Local network gateways, gateway connections, virtual network and application gateways per subscription, each (default 100). */
  networkGateways: number;
  /** Package blobs GetPackage copied to the subscription's containers (default 2,000: two per copy). */
  packageCopies: number;
  /** Asynchronous requests in progress per subscription (default 1,000): one never polled stays in progress. */
  operationsInProgress: number;
}

export const DEFAULT_BOUNDS: Readonly<EmulatorBounds> = {
  disks: 2_000, osImages: 1_000, vmImages: 1_000, extensionImages: 1_000, extensionsPerService: 100, networkGateways: 100, packageCopies: 2_000, operationsInProgress: 1_000,
};

