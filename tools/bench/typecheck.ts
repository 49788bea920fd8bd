/**
 * Type-checking cost for a user: an app that imports the whole client and calls a few methods, against the same
 * app without the SDK, with the native compiler (tsc 7) and with the JavaScript compiler API (TypeScript 6, the
 * one most editors and build tools still embed).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ts } from '@ts-morph/common';
import { fmt, median } from './measure.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

const APP_WITH_SDK = `import { ServiceManagementClient, certificateFromPem } from 'asm-sdk';
const client = new ServiceManagementClient({ subscriptionId: 's', credential: certificateFromPem({ keyFile: 'k', certFile: 'c' }) });
const services = await client.listHostedServices();
const deployment = await client.getDeployment({ ServiceName: services[0]!.ServiceName!, DeploymentName: 'd' });
const role = deployment.RoleList?.[0];
console.log(role?.RoleName, deployment.Label);
await client.deleteHostedService({ ServiceName: 'x', DeleteAllMedia: true }, { wait: true });
`;
const APP_WITHOUT_SDK = `const services: Array<{ ServiceName?: string }> = await Promise.resolve([]);\nconsole.log(services[0]?.ServiceName);\nexport {};\n`;

function tsconfig(skipLibCheck: boolean): string {
  return JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, types: ['node'], skipLibCheck }, files: ['app.ts'] });
}

function makeApp(source: string, skipLibCheck: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'asm-typecheck-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'asm-sdk'));
  symlinkSync(join(root, 'node_modules', '@types'), join(dir, 'node_modules', '@types'));
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
  writeFileSync(join(dir, 'tsconfig.json'), tsconfig(skipLibCheck));
  writeFileSync(join(dir, 'app.ts'), source);
  return dir;
}

function nativeTsc(dir: string): number {
  const start = performance.now();
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', dir], { stdio: 'pipe' });
  return performance.now() - start;
}

interface TsMorphCommon {
  ts: typeof ts;
  getLibFiles(): Array<{ fileName: string; text: string }>;
}

/** TypeScript 6's compiler API, as bundled with ts-morph: a fresh program each time, as a cold build would be. */
function jsCompiler(dir: string): number {
  const { ts, getLibFiles } = require('@ts-morph/common') as TsMorphCommon;

  // ts-morph keeps the lib .d.ts files in memory; a plain compiler host needs them on disk.
  const libDir = join(dir, 'ts-lib');
  mkdirSync(libDir, { recursive: true });
  for (const lib of getLibFiles()) writeFileSync(join(libDir, lib.fileName), lib.text);
  const start = performance.now();
  const config = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const host = ts.createCompilerHost(config.options);
  host.getDefaultLibLocation = () => libDir;
  host.getDefaultLibFileName = (options) => join(libDir, ts.getDefaultLibFileName(options));
  const program = ts.createProgram(config.fileNames, config.options, host);
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(errors[0]!.messageText, '\n'));
  return performance.now() - start;
}

export async function benchTypecheck(): Promise<string[]> {
  const lines: string[] = [];
  for (const skipLibCheck of [false, true]) {
    const withSdk = makeApp(APP_WITH_SDK, skipLibCheck);
    const without = makeApp(APP_WITHOUT_SDK, skipLibCheck);
    try {
      const runs = (fn: (dir: string) => number, dir: string, n: number) => median(Array.from({ length: n }, () => fn(dir)));
      const label = `skipLibCheck ${skipLibCheck}`;
      const nativeWith = runs(nativeTsc, withSdk, 5);
      const nativeWithout = runs(nativeTsc, without, 5);
      lines.push(`typecheck (tsc 7 native, ${label}): app importing the whole client ${fmt(nativeWith)} vs the same app without it ${fmt(nativeWithout)} -> +${fmt(nativeWith - nativeWithout)}`);
      const jsWith = runs(jsCompiler, withSdk, 3);
      const jsWithout = runs(jsCompiler, without, 3);
      lines.push(`typecheck (TypeScript 6 compiler API, ${label}): ${fmt(jsWith)} vs ${fmt(jsWithout)} -> +${fmt(jsWith - jsWithout)}`);
    } finally {
      rmSync(withSdk, { recursive: true, force: true });
      rmSync(without, { recursive: true, force: true });
    }
  }
  return lines;
}
