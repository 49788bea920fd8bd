/**
 * The crosscheck's static comparison explains each element-order difference with the justification our spec's
 * doc of that model gives (its "Order" part) and the recordings that doc cites; a difference whose model's doc
 * has no such part is printed as not justified. The recordings the spec's order justifications cite exist in the
 * wire corpus, with the exchange they name.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { loadSpec } from '../../src/core/spec-load.js';
import { shapesFromSpec } from '../../src/core/shapes-from-spec.js';
import type { CapturedBody } from '../../tools/crosscheck/capture.js';
import { compare } from '../../tools/crosscheck/compare.js';
import { orderEvidence } from '../../tools/crosscheck/order-evidence.js';
import { printComparison } from '../../tools/crosscheck/report.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const corpus = join(root, '..', 'shared', 'wire-corpus');
const spec = loadSpec();
const operations = shapesFromSpec(spec).operations;

/** An UpdateHostedService body in the order Microsoft's azure-asm-compute serializer writes it. */
const theirUpdate: CapturedBody = {
  name: 'compute.hostedServices.update',
  method: { family: 'compute', group: 'hostedServices', method: 'update', params: [], source: '', docParams: [] },
  verb: 'PUT',
  url: 'https://management.core.windows.net/00000000-0000-0000-0000-000000000000/services/hostedservices/xcsvc1',
  body: '<UpdateHostedService xmlns="http://schemas.microsoft.com/windowsazure"><Label>bA==</Label><Description>d</Description>'
    + '<ReverseDnsFqdn>r.example.</ReverseDnsFqdn><ExtendedProperties><ExtendedProperty><Name>n</Name><Value>v</Value></ExtendedProperty></ExtendedProperties></UpdateHostedService>',
};

function report(docOf: (model: string) => string | undefined): string[] {
  const lines: string[] = [];
  printComparison(compare([theirUpdate], operations, [], docOf), (line) => lines.push(line));
  return lines;
}

test('an order difference is printed with the justification and the recording its model\'s doc in the spec gives', () => {
  const lines = report((model) => spec.models.get(model)?.doc);
  const at = lines.findIndex((l) => l.startsWith('  UpdateHostedService /UpdateHostedService'));
  assert.ok(at >= 0, lines.join('\n'));
  assert.equal(lines[at + 1], '      theirs: Label, Description, ReverseDnsFqdn, ExtendedProperties');
  assert.equal(lines[at + 2], '      ours:   Label, Description, ExtendedProperties, ReverseDnsFqdn');
  assert.match(lines[at + 3]!, /^ {6}why: {4}UpdateHostedService: Order: Label, Description, ExtendedProperties, ReverseDnsFqdn, as the service's documentation/);
  assert.equal(lines[at + 4], '      cited:  python/test_legacy_mgmt_misc.test_create_update_delete_hosted_service.json exchange 3');
  assert.ok(lines.includes('-- order (common elements): 1 (1 justified by their model\'s doc in our spec)'), lines.join('\n'));
});

test('an order difference whose model\'s doc has no Order part is printed as not justified', () => {
  const lines = report(() => 'Body of UpdateHostedService.');
  const at = lines.findIndex((l) => l.startsWith('  UpdateHostedService /UpdateHostedService'));
  assert.equal(lines[at + 3], '      why:    (not justified: the doc of UpdateHostedService in our spec has no "Order" part)');
  assert.ok(lines.includes('-- order (common elements): 1 (0 justified by their model\'s doc in our spec)'));
});

test('the Order part starts at the doc\'s first sentence that begins with Order; lower-case order does not count', () => {
  const evidence = orderEvidence('VMImage', 'A VM image (the service order). Order of its members: A, B, as python/x.json exchange 3 and xplat-cli/f/g.json sent them.');
  assert.equal(evidence.text, 'Order of its members: A, B, as python/x.json exchange 3 and xplat-cli/f/g.json sent them.');
  assert.deepEqual(evidence.recordings, ['python/x.json exchange 3', 'xplat-cli/f/g.json']);
  assert.equal(orderEvidence('M', 'Nothing about the order of members.').text, '');
});

test('every recording an order justification of the spec cites is in the wire corpus, with the exchange it names', () => {
  let cited = 0;
  for (const [name, model] of spec.models) {
    for (const recording of orderEvidence(name, model.doc).recordings) {
      const [file, exchange] = recording.split(' exchange ');
      const path = join(corpus, file!);
      assert.ok(existsSync(path), `${name} cites ${file}, which is not in the wire corpus`);
      const interactions = (JSON.parse(readFileSync(path, 'utf8')) as { interactions: unknown[] }).interactions;
      if (exchange !== undefined) assert.ok(Number(exchange) < interactions.length, `${name} cites exchange ${exchange} of ${file}, which has ${interactions.length}`);
      cited += 1;
    }
  }
  assert.ok(cited >= 3, `only ${cited} recordings cited`);
});
