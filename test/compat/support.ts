/**
 * Plumbing for the facade's tests: a facade client for an emulator, the requests the emulator recorded, and, for
 * tests that load the facade the way a program does, a scratch folder where `asm-sdk` is "installed" (its
 * package.json "exports" entry for ./compat and the built dist/), plus child processes to run programs there.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServiceManagementService, type IaasClient } from '../../src/compat/index.js';
import type { HostOptions } from '../../src/compat/types.js';
import type { RecordedRequest } from '../../src/emulator/pipeline.js';
import type { Emulator } from '../../src/emulator/server.js';

/** The build folder these tests were compiled into (dist/ for the package build): dist/test/compat/ -> dist/. */
export const distRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The "exports" entry the package needs for the facade (also in docs/migration.md and the report). */
export const COMPAT_EXPORT = {
  import: { types: './dist/src/compat/index.d.ts', default: './dist/src/compat/index.js' },
  require: { types: './dist/src/compat/index.d.cts', default: './dist/src/compat/index.cjs' },
};

/** A facade client of the emulator, with its management certificate as PEM text and its CA trusted. */
export function facadeFor(emulator: Emulator, options: HostOptions = {}): IaasClient {
  return createServiceManagementService(
    emulator.subscriptionId,
    { keyvalue: emulator.clientCert.key, certvalue: emulator.clientCert.cert },
    { host: emulator.host, ca: emulator.caCert, ...options },
  );
}

/** The latest request the emulator matched to `operation`. */
export function lastRequest(emulator: Emulator, operation: string): RecordedRequest {
  const found = [...emulator.requests].reverse().find((r) => r.operation === operation);
  if (found === undefined) throw new Error(`the emulator saw no ${operation} request`);
  return found;
}

/** The path of a recorded request after /{subscriptionId}. */
export function pathOf(emulator: Emulator, request: RecordedRequest): string {
  return request.url.slice(`/${emulator.subscriptionId}`.length);
}

/** The compat entry of the repository's package.json when it has one, else the entry this work asks for. */
function compatExport(): unknown {
  const pkg = JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8')) as { exports?: Record<string, unknown> };
  return pkg.exports?.['./compat'] ?? COMPAT_EXPORT;
}

/** A scratch folder with node_modules/asm-sdk pointing at this build; returns the folder. */
export function scratchInstall(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const pkgDir = join(dir, 'node_modules', 'asm-sdk');
  mkdirSync(pkgDir, { recursive: true });
  writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ name: 'asm-sdk', type: 'module', exports: { './compat': compatExport() } }));
  symlinkSync(distRoot, join(pkgDir, 'dist'), 'dir');
  return dir;
}

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs node with `args` in `cwd`, without the machine's proxy variables, and collects its output. */
export function runNode(args: string[], options: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): Promise<ChildResult> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(https?_proxy|no_proxy|node_extra_ca_certs)$/i.test(name)) env[name] = value;
  }
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: { ...env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}
