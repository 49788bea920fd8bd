/** Over-long comment lines of generated code are wrapped as a hand-written comment would be. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wrapComments } from '../../src/codegen/wrap-comments.js';

const width = 40;

test('a doc comment line is wrapped at spaces within the width, keeping its indentation and star', () => {
  const text = '  /**\n   * Deletes a cloud service and every deployment it holds, at once.\n   */\n';
  const wrapped = wrapComments(text, width);
  assert.equal(wrapped, '  /**\n   * Deletes a cloud service and every\n   * deployment it holds, at once.\n   */\n');
  assert.ok(wrapped.split('\n').every((l) => l.length <= width));
});

test('a one-line doc comment that is too long becomes a block', () => {
  assert.equal(
    wrapComments('/** Every SubscriptionOperation of the list, page after page. */\nexport const a = 1;', width),
    '/**\n * Every SubscriptionOperation of the\n * list, page after page.\n */\nexport const a = 1;',
  );
});

test('code spans and inline tags are never split, even past the width', () => {
  const wrapped = wrapComments('// See {@link paginateListSubscriptionOperations} and `npm run generate -- --check` too.', width);
  assert.equal(wrapped, '// See\n// {@link paginateListSubscriptionOperations}\n// and `npm run generate -- --check`\n// too.');
});

test('code, short comments and fenced examples are left as they are, and wrapping twice changes nothing', () => {
  const code = `export const path = '${'x'.repeat(60)}';`;
  const fenced = ` * \`\`\`ts\n * ${'const veryLongName = '.repeat(4)}1;\n * \`\`\``;
  const text = `${code}\n// short\n/**\n${fenced}\n * Then a line of prose that is long enough to wrap here.\n */`;
  const wrapped = wrapComments(text, width);
  assert.ok(wrapped.startsWith(`${code}\n// short\n/**\n${fenced}\n * Then a line of prose that is long\n * enough to wrap here.\n */`), wrapped);
  assert.equal(wrapComments(wrapped, width), wrapped);
});
