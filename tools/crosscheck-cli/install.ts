/**
 * Installs azure-cli@0.10.20 into .cache/crosscheck-cli when it is not there yet. The overrides are needed on
 * modern npm: without psl 1.8.0 and azure-common 0.9.20 the CLI's streamline transform crashes at start, and
 * without underscore 1.12.1 under azure-storage (1.13 ships an .cjs file streamline cannot read) every storage
 * command fails with "invalid usage of '_'".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CLI_VERSION = '0.10.20';

export function cliScript(cacheDir: string): string {
  return join(cacheDir, 'node_modules', 'azure-cli', 'bin', 'azure');
}

export function ensureCli(cacheDir: string): string {
  const script = cliScript(cacheDir);
  if (existsSync(script)) return script;
  mkdirSync(cacheDir, { recursive: true });
  const manifest = { private: true, dependencies: { 'azure-cli': CLI_VERSION }, overrides: { psl: '1.8.0', 'azure-common': '0.9.20', 'azure-storage': { underscore: '1.12.1' } } };
  writeFileSync(join(cacheDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(`installing azure-cli@${CLI_VERSION} into ${cacheDir} (about 166 MB, once)\n`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: cacheDir, stdio: 'inherit' });
  if (!existsSync(script)) throw new Error(`npm install finished but ${script} is missing`);
  return script;
}
