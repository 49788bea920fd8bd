/**
 * The layer rules (.dependency-cruiser.cjs) fail a wrong import. A scratch tree laid out like the repository holds
 * one import of each kind the rules forbid and a few they allow; dependency-cruiser, run with the repository's own
 * configuration, must name exactly the forbidden ones. The repository itself passing is `npm run check:layers`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from '../codegen/repo-root.js';

interface Violation { rule: { name: string }; from: string; to: string; cycle?: unknown[] }

const files: Record<string, string> = {
  'src/core/shapes.ts': "export interface Shape { name: string }\n",
  // core reaching up into the client: forbidden.
  'src/core/upward.ts': "import type { Client } from '../client/client.js';\nexport type C = Client;\n",
  'src/client/client.ts': "import type { Shape } from '../core/shapes.js';\nexport interface Client { shape?: Shape }\n",
  // The client loading a generator package: forbidden.
  'src/client/formats.ts': "import { Project } from 'ts-morph';\nexport const p = Project;\n",
  'generated/models/Foo.ts': "import type { Shape } from '../../src/core/shapes.js';\nexport interface Foo { s?: Shape }\n",
  'generated/operations/GetFoo.ts': "import type { Client } from '../../src/client/client.js';\nexport type G = Client;\n",
  // The emulator may take model types, not operations.
  'src/emulator/models-ok.ts': "import type { Foo } from '../../generated/models/Foo.js';\nexport type F = Foo;\n",
  'src/emulator/uses-operation.ts': "import type { G } from '../../generated/operations/GetFoo.js';\nexport type H = G;\n",
  // Product code importing a test helper: forbidden.
  'src/codegen/uses-test.ts': "import { helper } from '../../test/support/helper.js';\nexport const h = helper;\n",
  'test/support/helper.ts': "import type { Client } from '../../src/client/client.js';\nexport const helper = (c?: Client) => c;\n",
  // A cycle made only of type imports: forbidden.
  'src/compat/a.ts': "import type { B } from './b.js';\nexport interface A { b?: B }\n",
  'src/compat/b.ts': "import type { A } from './a.js';\nexport interface B { a?: A }\n",
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', allowJs: false }, include: ['src', 'generated', 'test'] }),
};

let scratch: string;
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'asm-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(scratch, 'node_modules'), 'dir');
});
after(() => rmSync(scratch, { recursive: true, force: true }));

function cruise(): Violation[] {
  const bin = join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  let out: string;
  try {
    out = execFileSync(process.execPath, [bin, 'src', 'generated', 'test', '--config', join(repoRoot, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd: scratch, encoding: 'utf8' });
  } catch (err) {
    // Violations make it exit non-zero; the report is on stdout all the same.
    out = (err as { stdout: string }).stdout;
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

test('every forbidden import is named, with its rule, and nothing allowed is', () => {
  // node_modules is a link into the repository; name packages the same wherever they resolved.
  const found = cruise().map((v) => `${v.rule.name}: ${v.from} -> ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`).sort();
  assert.deepEqual(found, [
    'codegen-depends-downward: src/codegen/uses-test.ts -> test/support/helper.ts',
    'core-depends-downward: src/core/upward.ts -> src/client/client.ts',
    'emulator-uses-generated-models-only: src/emulator/uses-operation.ts -> generated/operations/GetFoo.ts',
    'generator-packages-in-codegen-only: src/client/formats.ts -> node_modules/ts-morph/dist/ts-morph.js',
    'no-cycles: src/compat/a.ts -> src/compat/b.ts',
  ]);
});
