/**
 * One rule set: seeded generated inputs, valid and invalid, get the same verdict from the client's validate() and
 * from the emulator, which receives them with the client's validation off (so the invalid ones are sent) over
 * HTTPS. The emulator refuses a broken rule with 400 BadRequest; a valid input is never refused so.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { ServiceError, validate, type ServiceManagementClient } from '../../generated/index.js';
import type { Emulator } from '../../src/emulator/index.js';
import { startTestEmulator } from '../support/emulator.js';
import { typedClientFor } from '../support/typed-client.js';

let emulator: Emulator;
let client: ServiceManagementClient;
let serial = 0;

before(async () => {
  emulator = await startTestEmulator();
  client = typedClientFor(emulator, { validation: false, retry: { maxRetries: 0 } });
  await client.createAffinityGroup({ Name: 'ag1', Label: 'ag', Location: 'West US' });
});
after(() => emulator.close());

/** A unique valid name, or one the ServiceName pattern refuses. */
const serviceName = fc.oneof(
  fc.constant('ok'),
  fc.constantFrom('bad name', '-lead', 'trail-', 'under_score'),
).map((n) => (n === 'ok' ? `svc-${++serial}` : n));
const label = fc.oneof(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''), fc.constant('x'.repeat(101)));
const placement = fc.constantFrom<Record<string, string>>({ Location: 'West US' }, { AffinityGroup: 'ag1' }, {}, { Location: 'West US', AffinityGroup: 'ag1' });

async function emulatorRefuses(send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    return false;
  } catch (err) {
    if (err instanceof ServiceError && err.statusCode === 400) return true;
    throw err;
  }
}

test('CreateHostedService: the client and the emulator give every generated input the same verdict', async () => {
  await fc.assert(fc.asyncProperty(serviceName, label, placement, async (ServiceName, Label, where) => {
    const input = { ServiceName, Label, ...where };
    const verdict = validate('CreateHostedService', input);
    const refused = await emulatorRefuses(() => client.createHostedService(input));
    assert.equal(refused, !verdict.valid, `${JSON.stringify(input)}: client ${JSON.stringify(verdict.issues)}, emulator ${refused ? 'refused' : 'accepted'}`);
  }), { seed: 14, numRuns: 60 });
});

test('UpdateHostedService and AddDataDisk-like ranges: same verdicts for the rules between members and value sets', async () => {
  await client.createHostedService({ ServiceName: 'target', Label: 'l', Location: 'West US' });
  const update = fc.record({ Label: fc.option(label, { nil: undefined }), Description: fc.option(fc.string({ maxLength: 1030 }), { nil: undefined }) });
  await fc.assert(fc.asyncProperty(update, async (fields) => {
    const input = { ServiceName: 'target', ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
    const verdict = validate('UpdateHostedService', input);
    const refused = await emulatorRefuses(() => client.updateHostedService(input));
    assert.equal(refused, !verdict.valid, `${JSON.stringify(input).slice(0, 200)}: client ${JSON.stringify(verdict.issues)}`);
  }), { seed: 15, numRuns: 40 });
});

test('the emulator answers the service\'s own message for a rule between members', async () => {
  await assert.rejects(client.createHostedService({ ServiceName: `svc-${++serial}`, Label: 'l', Location: 'West US', AffinityGroup: 'ag1' }),
    (err: unknown) => err instanceof ServiceError && err.statusCode === 400 && err.detail === 'Either Location or AffinityGroup must be specified, but not both.');
  await assert.rejects(client.updateHostedService({ ServiceName: 'target' }),
    (err: unknown) => err instanceof ServiceError && err.detail === 'Either Label or Description must be specified.');
});
