import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/server.js';
import { NS, XSI, clientFor, createBody, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;

before(async () => {
  emulator = await startTestEmulator();
  client = clientFor(emulator);
});
after(async () => {
  await client.close();
  await emulator.close();
});

const label = Buffer.from('a label').toString('base64');

async function create(body: string): Promise<{ status: number; code?: string; message: string }> {
  const answer = await client.call('POST', '/services/hostedservices', { body, headers: { 'content-type': 'application/xml' } });
  const { code, message } = errorOf(answer.text);
  return { status: answer.status, ...(code === undefined ? {} : { code }), message: message ?? '' };
}

test('bodies as Python, azure@0.7.19 and azure-asm-compute sent them are accepted', async () => {
  const python = `<CreateHostedService xmlns:i="${XSI}" xmlns="${NS}"><ServiceName>py-svc</ServiceName><Label>${label}</Label><Description>d</Description><Location>West US</Location></CreateHostedService>`;
  const node07 = `<CreateHostedService xmlns="${NS}" xmlns:i="${XSI}"><ServiceName>node-svc</ServiceName><Label>${label}</Label><Description>d</Description><Location>West US</Location></CreateHostedService>`;
  const asmCompute = `<?xml version="1.0" encoding="utf-8" standalone="yes"?><CreateHostedService xmlns="${NS}"><ServiceName>gen-svc</ServiceName><Label>${label}</Label><Description>d</Description><Location>West US</Location></CreateHostedService>`;
  for (const body of [python, node07, asmCompute]) assert.equal((await create(body)).status, 201, body);
});

test('a required element out of spec order is skipped as the service skipped it, so the body answers 400 naming it and the order', async () => {
  const result = await create(`<CreateHostedService xmlns="${NS}"><ServiceName>svc-order</ServiceName><Location>West US</Location><Label>${label}</Label></CreateHostedService>`);
  assert.equal(result.status, 400);
  assert.equal(result.code, 'BadRequest');
  assert.match(result.message, /CreateHostedService\.Label: is out of order: it must come before Location/);
  assert.match(result.message, /rule: element order ServiceName, Label, Description, Location/);
});

test('a wrong root element answers 400 naming both roots', async () => {
  const result = await create(`<CreateStorageServiceInput xmlns="${NS}"><ServiceName>x</ServiceName></CreateStorageServiceInput>`);
  assert.equal(result.status, 400);
  assert.equal(result.code, 'BadRequest');
  assert.match(result.message, /<CreateStorageServiceInput>/);
  assert.match(result.message, /<CreateHostedService>/);
});

test('an unknown element answers 400 naming it', async () => {
  const result = await create(createBody('svc-unknown', '<Location>West US</Location><Color>blue</Color>'));
  assert.equal(result.status, 400);
  assert.match(result.message, /CreateHostedService\.Color: .*rule: unknown element/);
  const nested = await create(createBody('svc-unknown2', '<Location>West US</Location><ExtendedProperties><ExtendedProperty><Name>a</Name><Size>1</Size></ExtendedProperty></ExtendedProperties>'));
  assert.equal(nested.status, 400);
  assert.match(nested.message, /CreateHostedService\.ExtendedProperties\[0\]\.Size/);
});

test('a missing required member, a broken pattern or length, or a non-base64 label answers 400 naming the rule', async () => {
  const missing = await create(`<CreateHostedService xmlns="${NS}"><ServiceName>svc-nolabel</ServiceName><Location>West US</Location></CreateHostedService>`);
  assert.equal(missing.status, 400);
  assert.match(missing.message, /CreateHostedService\.Label: is required \(rule: required\)/);
  const pattern = await create(createBody('bad_name!'));
  assert.match(pattern.message, /CreateHostedService\.ServiceName: must match .*\(rule: pattern\)/);
  const long = await create(`<CreateHostedService xmlns="${NS}"><ServiceName>svc-long</ServiceName><Label>${Buffer.from('x'.repeat(101)).toString('base64')}</Label><Location>West US</Location></CreateHostedService>`);
  assert.match(long.message, /CreateHostedService\.Label: must have at most 100 characters \(rule: maxLength\)/);
  const plain = await create(`<CreateHostedService xmlns="${NS}"><ServiceName>svc-plain</ServiceName><Label>not base64!</Label><Location>West US</Location></CreateHostedService>`);
  assert.match(plain.message, /CreateHostedService\.Label: must be base64-encoded \(rule: base64\)/);
  const nested = await create(createBody('svc-extname', '<Location>West US</Location><ExtendedProperties><ExtendedProperty><Value>v</Value></ExtendedProperty></ExtendedProperties>'));
  assert.match(nested.message, /CreateHostedService\.ExtendedProperties\[0\]\.Name: is required/);
});

test('a member given twice, or a root outside the service namespace, answers 400', async () => {
  const twice = await create(`<CreateHostedService xmlns="${NS}"><ServiceName>a</ServiceName><ServiceName>b</ServiceName><Label>${label}</Label><Location>West US</Location></CreateHostedService>`);
  assert.equal(twice.status, 400);
  assert.match(twice.message, /CreateHostedService\.ServiceName: appears 2 times/);
  const noNamespace = await create(`<CreateHostedService><ServiceName>svc-nons</ServiceName><Label>${label}</Label><Location>West US</Location></CreateHostedService>`);
  assert.equal(noNamespace.status, 400);
  assert.match(noNamespace.message, /rule: namespace/);
});

test('malformed XML and an empty body answer 400 InvalidXmlRequest', async () => {
  const malformed = await create(`<CreateHostedService xmlns="${NS}"><ServiceName>x</CreateHostedService>`);
  assert.equal(malformed.status, 400);
  assert.equal(malformed.code, 'InvalidXmlRequest');
  const empty = await create('');
  assert.equal(empty.status, 400);
  assert.equal(empty.code, 'InvalidXmlRequest');
  const doctype = await create(`<!DOCTYPE x [<!ENTITY e "e">]><CreateHostedService xmlns="${NS}"/>`);
  assert.equal(doctype.code, 'InvalidXmlRequest');
});

test('JSON bodies follow the same rules: unknown members, types and base64 are checked', async () => {
  const send = (value: unknown) => client.call('POST', '/services/hostedservices', { body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });
  const unknown = await send({ ServiceName: 'svc-j1', Label: label, Location: 'West US', Colour: 'red' });
  assert.equal(unknown.status, 400);
  assert.match(errorOf(unknown.text).message ?? '', /CreateHostedService\.Colour: .*unknown member/);
  const wrongType = await send({ ServiceName: 42, Label: label, Location: 'West US' });
  assert.match(errorOf(wrongType.text).message ?? '', /CreateHostedService\.ServiceName: expected a string/);
  const plainLabel = await send({ ServiceName: 'svc-j2', Label: 'plain text!', Location: 'West US' });
  assert.match(errorOf(plainLabel.text).message ?? '', /CreateHostedService\.Label: expected a base64-encoded string/);
  const broken = await client.call('POST', '/services/hostedservices', { body: '{"ServiceName":', headers: { 'content-type': 'application/json' } });
  assert.equal(broken.status, 400);
});

test('a body sent to an operation that takes none is ignored, as the service did', async () => {
  const answer = await client.call('GET', '/locations', { body: undefined, headers: { 'content-type': 'application/xml' } });
  assert.equal(answer.status, 200);
});
