/** Cost of importing the package and constructing a client, over a bare `node -e 0` start, in fresh processes. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt, median, verdict } from './measure.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const IMPORT_AND_CONSTRUCT = `
const { ServiceManagementClient, tokenCredential } = await import('asm-sdk');
new ServiceManagementClient({ subscriptionId: '00000000-0000-0000-0000-000000000000', credential: tokenCredential(async () => 't') });
`;

function spawnTime(args: string[]): number {
  const start = performance.now();
  execFileSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  return performance.now() - start;
}

export async function benchStartup(): Promise<string[]> {
  const bare: number[] = [];
  const sdk: number[] = [];
  for (let i = 0; i < 15; i++) {
    bare.push(spawnTime(['-e', '0']));
    sdk.push(spawnTime(['--input-type=module', '-e', IMPORT_AND_CONSTRUCT]));
  }
  const extra = median(sdk) - median(bare);
  return [`startup: import + construct a client ${fmt(median(sdk))} vs node -e 0 ${fmt(median(bare))} -> +${fmt(extra)} (target <= 50 ms: ${verdict(extra <= 50)})`];
}
