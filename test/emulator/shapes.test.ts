import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPolymorphic } from '../../src/core/shapes.js';
import { readXmlBody, writeXmlBody } from '../../src/core/xml.js';
import { shapesFromSpec } from '../../src/core/shapes-from-spec.js';
import { loadSpec } from '../../src/core/spec-load.js';
import { NS, specDir } from './helpers.js';

const spec = loadSpec(specDir);
const shapes = shapesFromSpec(spec);

test('every operation and model of the spec has a shape; shapes are memoized', () => {
  assert.equal(shapes.operations.length, spec.operations.length);
  for (const op of spec.operations) assert.equal(shapes.operation(op.name), shapes.operation(op.name));
  for (const name of spec.models.keys()) {
    const model = shapes.model(name);
    assert.equal(model, shapes.model(name));
    if (!isPolymorphic(model)) assert.equal(model.members.length, spec.models.get(name)!.properties?.length ?? 0);
  }
  assert.throws(() => shapes.model('NoSuchModel'), /no model NoSuchModel/);
});

test('operation shapes carry the spec: params, flags, responses, async polling through the status operation', () => {
  const del = shapes.operation('DeleteHostedService');
  assert.equal(del.method, 'DELETE');
  assert.deepEqual(del.params.find((p) => p.name === 'DeleteAllMedia'), {
    name: 'DeleteAllMedia', in: 'query', wireName: 'comp', type: 'boolean', value: 'media',
  });
  assert.deepEqual(del.responses.map((r) => r.status), [200, 202]);
  assert.equal(del.async?.poll?.().name, spec.service.operationStatus);
  assert.deepEqual(shapes.errorBody.element, 'Error');
});

test('bodies written and read with these shapes round-trip as the SDK writes them (spec order, base64, lists)', () => {
  const body = shapes.operation('CreateHostedService').request!;
  const value = {
    ExtendedProperties: [{ Name: 'a', Value: '1' }], Location: 'West US', Label: 'my label', ServiceName: 'svc',
  };
  const xml = writeXmlBody(body, value, NS);
  assert.equal(xml, `<CreateHostedService xmlns="${NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">`
    + `<ServiceName>svc</ServiceName><Label>${Buffer.from('my label').toString('base64')}</Label><Location>West US</Location>`
    + '<ExtendedProperties><ExtendedProperty><Name>a</Name><Value>1</Value></ExtendedProperty></ExtendedProperties></CreateHostedService>');
  assert.deepEqual(readXmlBody(body, xml), { ServiceName: 'svc', Label: 'my label', Location: 'West US', ExtendedProperties: [{ Name: 'a', Value: '1' }] });
});
