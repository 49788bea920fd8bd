/** The API reference under docs/api/: the index and the models page (group pages are shown in every scenario). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSpec, type GroupSpec } from '../../src/core/spec-load.js';
import { generate } from '../../src/codegen/generate.js';
import { templateDir } from './repo-root.js';
import { baseGroup, withSpecDir } from './spec-fixtures.js';

const gadgets: GroupSpec = {
  group: 'gadgets',
  doc: 'Gadgets | with a pipe.',
  operations: [{ name: 'ListGadgets', doc: 'Lists gadgets.', method: 'GET', path: '/{subscriptionId}/gadgets', responses: [{ status: 200 }] }],
};

const files = await generate(withSpecDir([baseGroup(), gadgets], (dir) => loadSpec(dir)), { templateDir });

test('generate() returns one page per group, an index and a models page', () => {
  assert.deepEqual([...files.keys()].filter((p) => p.startsWith('docs/')).sort(), ['docs/api/README.md', 'docs/api/gadgets.md', 'docs/api/models.md', 'docs/api/widgets.md']);
});

test('the index lists the groups with their operation counts', () => {
  const index = files.get('docs/api/README.md')!;
  assert.match(index, /4 operations in 2 groups, 4 \[models\]\(models\.md\)/);
  assert.match(index, /\| \[gadgets\]\(gadgets\.md\) \| 1 \| Gadgets \\\| with a pipe\. \|/);
  assert.match(index, /\| \[widgets\]\(widgets\.md\) \| 3 \| Widgets\. \|/);
  assert.match(index, /\| `ThrottledError` \|/);
});

test('a group page shows signature, HTTP request, input with rules, output, errors and an example', () => {
  const page = files.get('docs/api/widgets.md')!;
  assert.match(page, /## createWidget\n\nCreates a widget\.\n\n```ts\ncreateWidget\(input: CreateWidgetInput, options\?: RequestOptions\): Promise<ResponseMetadata>;\n```/);
  assert.match(page, /- \*\*HTTP:\*\* `POST \/\{subscriptionId\}\/widgets`/);
  assert.match(page, /\| `Name` \| `string` \| yes \| body \|  \| Name\. \|/);
  assert.match(page, /- `ResourceNotFoundError`: 404: `WidgetName` names nothing that exists/);
  assert.match(page, /```ts\nconst widget = await client\.getWidget\(\{ WidgetName: 'widget-name' \}\);\n```/);
});

test('the models page documents every model with its members', () => {
  const models = files.get('docs/api/models.md')!;
  assert.deepEqual([...models.matchAll(/^## (\w+)$/gm)].map((m) => m[1]), ['CreateWidget', 'ErrorDetails', 'Operation', 'Widget']);
  assert.match(models, /## Widget\n\nA widget\.\n\nDefined in `spec\/groups\/widgets\.json`\./);
  assert.match(models, /\| `Size` \| `number` \|  \|  \| Size\. \|/);
});
