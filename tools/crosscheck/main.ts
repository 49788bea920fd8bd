/**
 * `npm run crosscheck [-- --json FILE] [--timeout MS] [--only PREFIX[,PREFIX…]]`: Microsoft's generated ASM clients
 * (azure-asm-compute, -storage, -network, -mgmt, -subscription) against our emulator (live, every method) and
 * against our spec (their serializers' element names and order, their accepted statuses). Loopback only; it only
 * measures, and exits 0 whatever it finds.
 */
import { writeFileSync } from 'node:fs';
import { shapesFromSpec } from '../../src/core/shapes-from-spec.js';
import { captureBodies } from './capture.js';
import { compare } from './compare.js';
import { newContext } from './context.js';
import { computeArguments, computeSteps } from './inputs-compute.js';
import { mgmtSteps, storageSteps } from './inputs-mgmt-storage.js';
import { networkArguments, networkSteps } from './inputs-network.js';
import { printCalls, printComparison, totals } from './report.js';
import { plan, runAll, type FamilyInputs } from './runner.js';
import { startSession } from './setup.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const inputs: Record<string, FamilyInputs> = {
  mgmt: { steps: mgmtSteps, groupArguments: {} },
  storage: { steps: storageSteps, groupArguments: {} },
  network: { steps: networkSteps, groupArguments: networkArguments },
  compute: { steps: computeSteps, groupArguments: computeArguments },
};

const timeoutMs = Number(option('--timeout') ?? 5000);
const only = option('--only');
const started = performance.now();
const session = await startSession();
const lines: string[] = [];
const print = (line: string): void => { lines.push(line); console.log(line); };
try {
  print(`Emulator on ${session.emulator.url}; clients: ${session.families.map((f) => `${f.family.pkg} (${f.methods.length} methods)`).join(', ')}`);
  const plans = plan(session, inputs).filter((p) => only === undefined || only.split(',').some((o) => p.name.startsWith(o)));
  const results = await runAll(session, plans, newContext(process.pid), inputs, { timeoutMs });
  printCalls(results, session.unloadable, print);

  const bodies = await captureBodies(session.families, session.credentials, Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.groupArguments])));
  const spec = session.emulator.spec;
  const comparison = compare(bodies, shapesFromSpec(spec).operations, session.families, (model) => spec.models.get(model)?.doc);
  printComparison(comparison, print);
  print('');
  print(`Done in ${Math.round((performance.now() - started) / 1000)} s (${session.exchanges.length} requests to the emulator).`);

  const json = option('--json');
  if (json !== undefined) {
    writeFileSync(json, `${JSON.stringify({ totals: totals(results), calls: results, unloadable: session.unloadable, comparison }, null, 2)}\n`);
    console.log(`Wrote ${json}`);
  }
} finally {
  await session.close();
}
// request@2 keeps sockets of the old clients open for a while; the run is over.
process.exit(0);
