/**
 * Starts the emulator for end-to-end tests. The spec folder is looked up explicitly, because the tests may run
 * from a build folder outside the repository (where the emulator's default, relative to its module, is wrong).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/server.js';

export function specDir(): string {
  const candidates = [
    process.env['ASM_SPEC_DIR'],
    // dist/test/support -> the repository's spec/
    fileURLToPath(new URL('../../../spec/', import.meta.url)),
    resolve(process.cwd(), 'spec'),
  ];
  const found = candidates.find((dir) => dir !== undefined && existsSync(resolve(dir, 'service.json')));
  if (!found) throw new Error(`spec folder not found (tried ${candidates.filter(Boolean).join(', ')}); set ASM_SPEC_DIR`);
  return found;
}

export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ specDir: specDir(), ...options });
}
