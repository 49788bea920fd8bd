/**
 * Routing and body reading against a test-only spec group: shared URLs told apart by root element and by const
 * members, fixedQuery actions, literal segments over placeholders, typed values of every scalar kind, and the 501
 * of an operation without a handler. The group sits beside the real spec's files in a temporary folder.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultHandlers } from '../../src/emulator/handlers/index.js';
import { done, type HandlerContext } from '../../src/emulator/handlers/types.js';
import type { Emulator } from '../../src/emulator/server.js';
import { loadSpec } from '../../src/core/spec-load.js';
import { NS, clientFor, errorOf, specDir, startTestEmulator, type TestClient } from './helpers.js';

const pathParam = { name: 'WidgetName', in: 'path', type: 'string', required: true, doc: 'Widget.' };
const ok = [{ status: 200 }];
const widgets = {
  group: 'widgets',
  doc: 'Test-only operations.',
  operations: [
    { name: 'GetWidget', doc: 'd', method: 'GET', path: '/{subscriptionId}/widgets/{WidgetName}', params: [pathParam], responses: ok },
    { name: 'GetWidgetConfig', doc: 'd', method: 'GET', path: '/{subscriptionId}/widgets/{WidgetName}', fixedQuery: { comp: 'config' }, params: [pathParam], responses: ok },
    { name: 'GetSpecialWidget', doc: 'd', method: 'GET', path: '/{subscriptionId}/widgets/special', responses: ok },
    { name: 'SetWidget', doc: 'd', method: 'PUT', path: '/{subscriptionId}/widgets/{WidgetName}', params: [pathParam], request: { element: 'Widget', model: 'Widget' }, responses: ok },
    { name: 'StartWidget', doc: 'd', method: 'POST', path: '/{subscriptionId}/widgets/{WidgetName}/Operations', params: [pathParam], request: { element: 'StartWidgetOperation', model: 'StartWidgetOperationBody' }, responses: ok },
    { name: 'StopWidget', doc: 'd', method: 'POST', path: '/{subscriptionId}/widgets/{WidgetName}/Operations', params: [pathParam], request: { element: 'StopWidgetOperation', model: 'StopWidgetOperationBody' }, responses: ok },
    { name: 'ResizeWidget', doc: 'd', method: 'POST', path: '/{subscriptionId}/widgets/{WidgetName}/gateway', params: [pathParam], request: { element: 'UpdateWidget', model: 'ResizeWidgetBody' }, responses: ok },
    { name: 'ResetWidget', doc: 'd', method: 'POST', path: '/{subscriptionId}/widgets/{WidgetName}/gateway', params: [pathParam], request: { element: 'UpdateWidget', model: 'ResetWidgetBody' }, responses: ok },
    { name: 'ListWidgets', doc: 'd', method: 'GET', path: '/{subscriptionId}/widgets', params: [{ name: 'Top', in: 'query', wireName: 'top', type: 'int', minimum: 1, maximum: 10, doc: 'd' }], responses: ok },
    { name: 'DescribeWidgets', doc: 'd', method: 'GET', path: '/{subscriptionId}/widgetdescriptions', responses: ok },
  ],
  models: {
    StartWidgetOperationBody: { doc: 'd', properties: [{ name: 'OperationType', type: 'string', const: 'StartWidgetOperation' }] },
    StopWidgetOperationBody: { doc: 'd', properties: [{ name: 'OperationType', type: 'string', const: 'StopWidgetOperation' }, { name: 'Force', type: 'boolean' }] },
    ResizeWidgetBody: { doc: 'd', properties: [{ name: 'Operation', type: 'string', const: 'Resize' }, { name: 'Size', type: 'string' }] },
    ResetWidgetBody: { doc: 'd', properties: [{ name: 'Operation', type: 'string', const: 'Reset' }] },
    Widget: {
      doc: 'd',
      properties: [
        { name: 'Color', type: 'string', enum: ['Red', 'Blue'], required: true },
        { name: 'Count', type: 'int', minimum: 0, maximum: 5 },
        { name: 'Enabled', type: 'boolean' },
        { name: 'Since', type: 'dateTime' },
        { name: 'Shape', type: 'model', model: 'Shape' },
      ],
    },
    Shape: { doc: 'd', discriminator: 'Kind', variants: ['Circle', 'Square'] },
    Circle: { doc: 'd', discriminatorValue: 'Circle', properties: [{ name: 'Kind', type: 'string', const: 'Circle' }, { name: 'Radius', type: 'double' }] },
    Square: { doc: 'd', discriminatorValue: 'Square', properties: [{ name: 'Kind', type: 'string', const: 'Square' }, { name: 'Side', type: 'double' }] },
  },
};

interface Seen {
  operation: string;
  params: Readonly<Record<string, unknown>>;
  body: unknown;
}

let dir: string;
let emulator: Emulator;
let client: TestClient;
let seen: Seen[] = [];

function record(ctx: HandlerContext) {
  seen.push({ operation: ctx.operation.name, params: ctx.params, body: ctx.body });
  return done(200);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'asm-spec-'));
  mkdirSync(join(dir, 'groups'));
  for (const file of ['meta-schema.json', 'service.json', 'groups/operations.json']) copyFileSync(join(specDir, file), join(dir, file));
  writeFileSync(join(dir, 'groups', 'widgets.json'), JSON.stringify(widgets));
  const handled = widgets.operations.map((o) => o.name).filter((n) => n !== 'DescribeWidgets');
  emulator = await startTestEmulator({ specDir: dir, handlers: Object.fromEntries(handled.map((n) => [n, record])) });
  client = clientFor(emulator);
});
after(async () => {
  await client.close();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function routed(method: string, path: string, body?: string): Promise<Seen> {
  seen = [];
  const answer = await client.call(method, path, body === undefined ? {} : { body, headers: { 'content-type': 'application/xml' } });
  assert.equal(answer.status, 200, `${method} ${path}: ${answer.text}`);
  assert.equal(seen.length, 1);
  return seen[0]!;
}

test('every built-in handler is named after an operation of the real spec', () => {
  const names = new Set(loadSpec(specDir).operations.map((o) => o.name));
  for (const name of Object.keys(defaultHandlers)) assert.ok(names.has(name), `${name} is not in the spec`);
});

test('placeholders capture URL-decoded values; literal segments match in any case', async () => {
  assert.deepEqual(await routed('GET', '/widgets/w1'), { operation: 'GetWidget', params: { WidgetName: 'w1' }, body: undefined });
  assert.deepEqual((await routed('GET', '/WIDGETS/My%20Widget')).params, { WidgetName: 'My Widget' });
});

test('fixedQuery pairs select their operation, with or without a / before ?, keys and values in any case', async () => {
  assert.equal((await routed('GET', '/widgets/w1?comp=config')).operation, 'GetWidgetConfig');
  assert.equal((await routed('GET', '/widgets/w1/?comp=config')).operation, 'GetWidgetConfig');
  assert.equal((await routed('GET', '/widgets/w1?COMP=Config')).operation, 'GetWidgetConfig');
  const unknown = await client.call('GET', '/widgets/w1?comp=bogus');
  assert.equal(unknown.status, 400);
  assert.equal(errorOf(unknown.text).code, 'MissingOrInvalidRequiredQueryParameter');
});

test('a literal segment wins over a placeholder, for its own verb only', async () => {
  assert.equal((await routed('GET', '/widgets/special')).operation, 'GetSpecialWidget');
  const put = await routed('PUT', '/widgets/special', `<Widget xmlns="${NS}"><Color>Red</Color></Widget>`);
  assert.equal(put.operation, 'SetWidget');
  assert.deepEqual(put.params, { WidgetName: 'special' });
});

test('operations sharing a URL are told apart by the root element, in any path case', async () => {
  const start = await routed('POST', '/widgets/w1/Operations', `<StartWidgetOperation xmlns="${NS}"><OperationType>StartWidgetOperation</OperationType></StartWidgetOperation>`);
  assert.equal(start.operation, 'StartWidget');
  const stop = await routed('POST', '/widgets/w1/operations', `<StopWidgetOperation xmlns="${NS}"><OperationType>StopWidgetOperation</OperationType><Force>true</Force></StopWidgetOperation>`);
  assert.deepEqual(stop, { operation: 'StopWidget', params: { WidgetName: 'w1' }, body: { OperationType: 'StopWidgetOperation', Force: true } });
  const neither = await client.call('POST', '/widgets/w1/Operations', { body: `<RestartWidgetOperation xmlns="${NS}"/>` });
  assert.equal(neither.status, 400);
  assert.match(errorOf(neither.text).message ?? '', /<StartWidgetOperation>, <StopWidgetOperation>/);
});

test('operations sharing a URL and a root are told apart by const members', async () => {
  assert.equal((await routed('POST', '/widgets/w1/gateway', `<UpdateWidget xmlns="${NS}"><Operation>Reset</Operation></UpdateWidget>`)).operation, 'ResetWidget');
  const resize = await routed('POST', '/widgets/w1/gateway', `<UpdateWidget xmlns="${NS}"><Operation>Resize</Operation><Size>Large</Size></UpdateWidget>`);
  assert.deepEqual(resize.body, { Operation: 'Resize', Size: 'Large' });
  const missingConst = await client.call('POST', '/widgets/w1/Operations', { body: `<StartWidgetOperation xmlns="${NS}"/>` });
  assert.equal(missingConst.status, 400);
  assert.match(errorOf(missingConst.text).message ?? '', /StartWidgetOperation\.OperationType: must be StartWidgetOperation \(rule: const\)/);
});

test('scalar values are typed: numbers, booleans, dates and polymorphic variants', async () => {
  const widget = await routed('PUT', '/widgets/w1', `<Widget xmlns="${NS}"><Color>Blue</Color><Count>3</Count><Enabled>false</Enabled><Since>2015-07-02T16:45:20Z</Since><Shape><Kind>Circle</Kind><Radius>2.5</Radius></Shape></Widget>`);
  assert.deepEqual(widget.body, { Color: 'Blue', Count: 3, Enabled: false, Since: new Date('2015-07-02T16:45:20Z'), Shape: { Kind: 'Circle', Radius: 2.5 } });
});

test('bad values answer 400 naming the element and the rule', async () => {
  const cases: [string, RegExp][] = [
    ['<Color>Green</Color>', /Widget\.Color: must be one of Red, Blue \(rule: enum\)/],
    ['<Color>Red</Color><Count>three</Count>', /Widget\.Count: expected an integer/],
    ['<Color>Red</Color><Count>7</Count>', /Widget\.Count: must be <= 5 \(rule: maximum\)/],
    ['<Color>Red</Color><Count>1.5</Count>', /Widget\.Count: expected an integer, got "1.5"/],
    ['<Color>Red</Color><Enabled>yes</Enabled>', /Widget\.Enabled: expected true or false/],
    ['<Color>Red</Color><Since>yesterday</Since>', /Widget\.Since: expected an ISO 8601 date/],
    ['<Color>Red</Color><Shape><Kind>Triangle</Kind></Shape>', /Widget\.Shape\.Kind: must be one of Circle, Square/],
    ['<Count>1</Count>', /Widget\.Color: is required/],
  ];
  for (const [inner, expected] of cases) {
    const answer = await client.call('PUT', '/widgets/w1', { body: `<Widget xmlns="${NS}">${inner}</Widget>` });
    assert.equal(answer.status, 400, inner);
    assert.equal(errorOf(answer.text).code, 'BadRequest');
    assert.match(errorOf(answer.text).message ?? '', expected, inner);
  }
});

test('query parameters are typed and checked', async () => {
  assert.deepEqual((await routed('GET', '/widgets?top=3')).params, { Top: 3 });
  for (const top of ['abc', '0', '11']) {
    const answer = await client.call('GET', `/widgets?top=${top}`);
    assert.equal(answer.status, 400, `top=${top}`);
    assert.equal(errorOf(answer.text).code, 'MissingOrInvalidRequiredQueryParameter');
  }
});

test('an operation of the spec without a handler answers 501 naming it', async () => {
  const answer = await client.call('GET', '/widgetdescriptions');
  assert.equal(answer.status, 501);
  assert.deepEqual(errorOf(answer.text), { code: 'NotImplemented', message: 'The emulator does not implement the operation DescribeWidgets yet.' });
});

test('enum values in any case read as the spec spells them, in XML and JSON bodies, as the service matched them', async () => {
  assert.deepEqual((await routed('PUT', '/widgets/w1', `<Widget xmlns="${NS}"><Color>bLUE</Color></Widget>`)).body, { Color: 'Blue' });
  seen = [];
  const json = await client.call('PUT', '/widgets/w1', { body: JSON.stringify({ Color: 'red' }), headers: { 'content-type': 'application/json' } });
  assert.equal(json.status, 200, json.text);
  assert.deepEqual(seen[0]?.body, { Color: 'Red' });
  const unknown = await client.call('PUT', '/widgets/w1', { body: JSON.stringify({ Color: 'green' }), headers: { 'content-type': 'application/json' } });
  assert.match(errorOf(unknown.text).message ?? '', /Widget\.Color: must be one of Red, Blue \(rule: enum\)/);
});

test('a range broken in a query parameter is named with the rule', async () => {
  const answer = await client.call('GET', '/widgets?top=11');
  assert.match(errorOf(answer.text).message ?? '', /The value "11" of query parameter top is not valid: must be <= 10\./);
});
