/**
 * npm run check:package — the package as a consumer gets it.
 *
 * Packs the repository with `npm pack` (its prepack/postpack lifecycle included), lints the tarball with publint
 * and @arethetypeswrong/cli, installs it into a fresh app with nothing else, offline, and there: checks the
 * installed manifest and files, prints the install size, checks that every source map resolves inside the
 * package, type-checks a strict ESM app and a strict CommonJS app (compat entry) with the current TypeScript and
 * with TypeScript 5.x, and runs both against the emulator the package ships. Exits 1 naming each failure.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installSize, megabytes } from './install-size.js';
import { checkSourceMaps } from './source-maps.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const here = join(root, 'tools', 'package');
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

/** The goal of issue #15: a consumer's node_modules with only this package, apparent size. */
export const installBudgetBytes = 12_000_000;
/** Packages only the generator needs: none may reach a consumer. */
const generatorOnly = ['ts-morph', '@ts-morph', 'handlebars', 'uglify-js', 'typescript', 'prettier'];
const installScripts = ['preinstall', 'install', 'postinstall', 'prepare'];

const failures: string[] = [];
const fail = (message: string): void => {
  failures.push(message);
  process.stdout.write(`  FAIL ${message}\n`);
};
const ok = (message: string): void => {
  process.stdout.write(`  ok   ${message}\n`);
};

interface Run {
  status: number;
  output: string;
}

function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Run {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function step(name: string, run: Run): boolean {
  if (run.status === 0) ok(name);
  else fail(`${name} (exit ${run.status}):\n${run.output.trim().split('\n').slice(-40).join('\n')}`);
  return run.status === 0;
}

function pack(work: string): string {
  const run = sh('npm', ['pack', '--pack-destination', work, '--silent'], root);
  if (!step('npm pack', run)) throw new Error('npm pack failed');
  const tarball = readdirSync(work).find((n) => n.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball into ${work}`);
  return join(work, tarball);
}

function lint(tarball: string): void {
  step('publint --strict on the tarball', sh(bin('publint'), ['run', tarball, '--strict'], root));
  // Profile node16: node10 resolution cannot read "exports" (the package has only subpath exports, on purpose);
  // "cjs-resolves-to-esm" is ignored because the package is ESM except ./compat, whose require condition stays
  // checked from CommonJS — the esm-only profile would skip node16-from-CJS altogether, compat included.
  // Wildcard subpaths are not discovered, so one of each is named.
  step('attw (node16 profile, ESM-only apart from ./compat)', sh(bin('attw'), [
    tarball, '--no-definitely-typed', '--profile', 'node16', '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'table-flipped', '--no-color',
    '--include-entrypoints', './operations/ListHostedServices', './models/HostedService',
  ], root));
}

/** npm install from the cache filled by the repository's `npm ci`; the registry only for what it lacks. */
function install(app: string, tarball: string): Run {
  const args = ['install', tarball, '--no-audit', '--no-fund', '--loglevel', 'warn'];
  const offline = sh('npm', [...args, '--offline'], app);
  if (offline.status === 0) {
    ok('npm install --offline');
    return offline;
  }
  if (!offline.output.includes('ENOTCACHED')) return offline;
  // npm ci caches tarballs but not every package document a fresh resolution asks for.
  const preferOffline = sh('npm', [...args, '--prefer-offline'], app);
  if (preferOffline.status === 0) ok('npm install --prefer-offline (the cache lacked a package document)');
  return preferOffline;
}

function checkManifest(installed: string): void {
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
  const scripts = Object.keys((manifest['scripts'] as object | undefined) ?? {});
  const present = installScripts.filter((s) => scripts.includes(s));
  if (present.length > 0) fail(`the published manifest has install-time scripts: ${present.join(', ')}`);
  else ok('no install-time script in the published manifest');
  if (manifest['private'] !== undefined) fail('the published manifest is private');
  const deps = Object.keys((manifest['dependencies'] as object | undefined) ?? {});
  const leaked = deps.filter((d) => generatorOnly.includes(d));
  if (leaked.length > 0) fail(`generator packages are runtime dependencies: ${leaked.join(', ')}`);
  else ok(`runtime dependencies: ${deps.join(', ')}`);
  const unshipped = ['dist/src/codegen', 'dist/test', 'dist/tools', 'src/codegen'].filter((p) => existsSync(join(installed, p)));
  if (unshipped.length > 0) fail(`the package ships repository-only folders: ${unshipped.join(', ')}`);
}

function checkInstall(app: string): void {
  const nodeModules = join(app, 'node_modules');
  const size = installSize(nodeModules);
  const line = `consumer install: ${megabytes(size.apparentBytes)} apparent (du -s --apparent-size), ${size.packages} packages; goal <= ${megabytes(installBudgetBytes)}`;
  if (size.apparentBytes > installBudgetBytes) fail(line);
  else ok(line);
  const present = generatorOnly.filter((p) => existsSync(join(nodeModules, p)));
  if (present.length > 0) fail(`a consumer install holds generator-only packages: ${present.join(', ')}`);
  const maps = checkSourceMaps(join(nodeModules, 'asm-sdk'));
  if (maps.missing.length > 0) fail(`${maps.missing.length} source map sources do not resolve, e.g. ${maps.missing.slice(0, 3).join(', ')}`);
  else ok(`${maps.maps} source maps, all ${maps.sources} sources inside the package`);
}

function writeApp(app: string): void {
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'consumer-app', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  mkdirSync(join(app, 'src'));
  copyFileSync(join(here, 'consumer', 'esm-app.ts.txt'), join(app, 'src', 'esm-app.ts'));
  copyFileSync(join(here, 'consumer', 'cjs-app.cts.txt'), join(app, 'src', 'cjs-app.cts'));
}

/** A strict tsconfig, the package's declarations checked too; Node's types come from the repository, so that the app's node_modules holds only the package. */
function writeTsconfig(app: string, outDir: string): string {
  const file = join(app, `tsconfig.${outDir}.json`);
  writeFileSync(file, JSON.stringify({
    compilerOptions: {
      strict: true, target: 'es2022', lib: ['es2023'], module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false,
      noUncheckedIndexedAccess: true, verbatimModuleSyntax: false, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')],
      rootDir: 'src', outDir,
    },
    include: ['src'],
  }, null, 2));
  return file;
}

function typecheckAndRun(app: string): void {
  for (const [label, tsc] of [['current TypeScript', 'typescript'], ['TypeScript 5.x', 'typescript5']] as const) {
    const version = (JSON.parse(readFileSync(join(root, 'node_modules', tsc, 'package.json'), 'utf8')) as { version: string }).version;
    const outDir = `build-${tsc}`;
    step(`strict app type-checks and compiles with ${label} ${version}`, sh(process.execPath, [join(root, 'node_modules', tsc, 'bin', 'tsc'), '-p', writeTsconfig(app, outDir)], app));
  }
  for (const [label, file, expected] of [
    ['ESM app', 'esm-app.js', /"label":"Consumer app","listed":\["consumer-app"\],"rule":"[^"]*ServiceName[^"]*"/],
    ['CommonJS app (compat)', 'cjs-app.cjs', /"created":true,"got":true,"statusCode":200/],
  ] as const) {
    const run = sh(process.execPath, [join('build-typescript', file)], app);
    if (run.status === 0 && expected.test(run.output)) ok(`${label} runs against the emulator: ${run.output.trim()}`);
    else fail(`${label} (exit ${run.status}) printed: ${run.output.trim()}`);
  }
  const trace = sh(process.execPath, ['--enable-source-maps', '--input-type=module', '-e',
    "import { certificateFromPem } from 'asm-sdk'; try { certificateFromPem({ keyFile: 'missing.pem', certFile: 'missing.pem' }); } catch (e) { console.log(e.stack); }"], app);
  const frame = /\((\/[^():]+\.ts):\d+:\d+\)/.exec(trace.output)?.[1];
  if (frame !== undefined && existsSync(frame) && frame.includes(join('node_modules', 'asm-sdk'))) ok(`a stack trace leads to a shipped source: ${frame.slice(app.length + 1)}`);
  else fail(`a stack trace under --enable-source-maps names no shipped .ts file:\n${trace.output.trim()}`);
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'asm-sdk-package-'));
  try {
    process.stdout.write('check:package\n');
    const tarball = pack(work);
    lint(tarball);
    const app = join(work, 'app');
    mkdirSync(app);
    writeApp(app);
    const installed = install(app, tarball);
    if (!step('install the tarball into a fresh app', installed)) return;
    if (/install-scripts|prepare/.test(installed.output) && installed.output.includes('asm-sdk')) fail(`npm warned about an install script:\n${installed.output}`);
    checkManifest(join(app, 'node_modules', 'asm-sdk'));
    checkInstall(app);
    typecheckAndRun(app);
  } finally {
    if (process.env['KEEP_PACKAGE_CHECK'] === undefined) rmSync(work, { recursive: true, force: true });
    else process.stdout.write(`kept ${work}\n`);
  }
  if (failures.length > 0) {
    process.stdout.write(`check:package: ${failures.length} failure${failures.length === 1 ? '' : 's'}\n`);
    process.exitCode = 1;
  } else process.stdout.write('check:package: all good\n');
}

await main();
