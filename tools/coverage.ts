/**
 * Coverage of the catalog: every core operation of an asm-catalog.json has a generated method with the same
 * verb and path. `npm run coverage -- <catalog.json>`; .ci/run calls it when ../shared/reference is there.
 */
import { readFileSync } from 'node:fs';
import { allOperations } from '../generated/operations/index.js';
import { ServiceManagementClient } from '../generated/client.js';

interface CatalogEntry {
  name: string;
  service: string;
  method: string;
  path: string;
}

/** Verb and path with placeholders blanked and case folded: the key two descriptions of one operation share. */
function routeKey(method: string, path: string): string {
  const [bare] = path.split('?');
  const segments = bare!.split('/').filter((s) => s !== '').map((s) => (s.startsWith('{') ? '{}' : s.toLowerCase()));
  return `${method.toUpperCase()} /${segments.join('/')}`;
}

function checkCoverage(catalog: CatalogEntry[]): { missing: string[]; mismatched: string[]; covered: number } {
  const byName = new Map(allOperations.map((op) => [op.name, op]));
  const missing: string[] = [];
  const mismatched: string[] = [];
  let covered = 0;
  for (const entry of catalog.filter((e) => e.service === 'core')) {
    const op = byName.get(entry.name);
    const method = entry.name.charAt(0).toLowerCase() + entry.name.slice(1);
    if (!op || typeof (ServiceManagementClient.prototype as unknown as Record<string, unknown>)[method] !== 'function') {
      missing.push(`${entry.name} (${entry.method} ${entry.path})`);
    } else if (routeKey(op.method, op.path) !== routeKey(entry.method, entry.path)) {
      mismatched.push(`${entry.name}: catalog ${routeKey(entry.method, entry.path)}, generated ${routeKey(op.method, op.path)}`);
    } else {
      covered++;
    }
  }
  return { missing, mismatched, covered };
}

function main(argv: string[]): number {
  const file = argv[0];
  if (!file) {
    process.stderr.write('usage: npm run coverage -- <asm-catalog.json>\n');
    return 2;
  }
  const catalog = JSON.parse(readFileSync(file, 'utf8')) as CatalogEntry[];
  const { missing, mismatched, covered } = checkCoverage(catalog);
  for (const line of missing) process.stdout.write(`missing:    ${line}\n`);
  for (const line of mismatched) process.stdout.write(`mismatched: ${line}\n`);
  const total = catalog.filter((e) => e.service === 'core').length;
  process.stdout.write(`coverage: ${covered} of ${total} core operations generated with the catalog's verb and path\n`);
  return missing.length + mismatched.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
