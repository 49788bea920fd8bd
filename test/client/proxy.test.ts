import assert from 'node:assert/strict';
import { test } from 'node:test';
import { environmentProxy, isExcludedByNoProxy, resolveProxy } from '../../src/client/proxy.js';
import { proxyFromEnvironment } from '../../src/compat/proxy-settings.js';
import { parseEndpoint } from '../../src/client/endpoint.js';

test('HTTPS_PROXY wins over HTTP_PROXY, in either case', () => {
  assert.equal(resolveProxy(undefined, 'h', 443, { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://p:2' })?.url, 'http://s:1');
  assert.equal(resolveProxy(undefined, 'h', 443, { https_proxy: 'http://s:1', http_proxy: 'http://p:2' })?.url, 'http://s:1');
  assert.equal(resolveProxy(undefined, 'h', 443, { http_proxy: 'http://p:2' })?.url, 'http://p:2');
  assert.equal(resolveProxy(undefined, 'h', 443, {}), undefined);
});

test('NO_PROXY: host, .domain suffix, *.domain, *, host:port', () => {
  assert.equal(isExcludedByNoProxy('management.core.windows.net', 443, 'example.com, .windows.net'), true);
  assert.equal(isExcludedByNoProxy('windows.net', 443, '.windows.net'), true);
  assert.equal(isExcludedByNoProxy('a.example.com', 443, '*.example.com'), true);
  assert.equal(isExcludedByNoProxy('anything', 1, '*'), true);
  assert.equal(isExcludedByNoProxy('127.0.0.1', 8443, '127.0.0.1:8443'), true);
  assert.equal(isExcludedByNoProxy('127.0.0.1', 9443, '127.0.0.1:8443'), false);
  assert.equal(isExcludedByNoProxy('notexample.com', 443, 'example.com'), false);
  assert.equal(resolveProxy(undefined, 'x.internal', 443, { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.internal' }), undefined);
});

test('explicit settings override the environment; credentials leave the URL for a Proxy-Authorization header', () => {
  const resolved = resolveProxy('http://user:p%40ss@proxy:3128', 'h', 443, { HTTPS_PROXY: 'http://other:1' });
  assert.deepEqual(resolved, { url: 'http://proxy:3128', authorization: `Basic ${Buffer.from('user:p@ss').toString('base64')}` });
  assert.equal(resolveProxy({ url: 'proxy:8080', username: 'u', password: 'v' }, 'h', 443)?.url, 'http://proxy:8080');
  assert.equal(resolveProxy(false, 'h', 443, { HTTPS_PROXY: 'http://p:1' }), undefined);
});

test('a malformed proxy URL is named by where it came from, never quoted (it may hold a password)', () => {
  assert.throws(() => resolveProxy('http://user:secret@[bad', 'h', 443), (err: unknown) => err instanceof TypeError && err.message === 'proxy: not a valid proxy URL');
  assert.throws(() => resolveProxy(undefined, 'h', 443, { https_proxy: 'http://u:secret@[bad' }), /^TypeError: https_proxy: not a valid proxy URL$/);
  assert.throws(() => resolveProxy(undefined, 'h', 443, { HTTP_PROXY: 'ftp://u:secret@proxy:21' }), /HTTP_PROXY: the proxy URL must start with http:\/\/ or https:\/\//);
});

test('one environment lookup for the runtime and the compat facade: the variable it came from, NO_PROXY applied', () => {
  const environment = { https_proxy: ' http://s:1 ', HTTP_PROXY: 'http://p:2', NO_PROXY: '.internal' };
  assert.deepEqual(environmentProxy('h', 443, environment), { name: 'https_proxy', value: 'http://s:1' });
  assert.equal(environmentProxy('x.internal', 443, environment), undefined);
  assert.equal(proxyFromEnvironment(parseEndpoint('h'), environment), 'http://s:1');
  assert.equal(proxyFromEnvironment(parseEndpoint('x.internal'), environment), false);
  // The facade keeps the old package's leniency: a value that is no URL means no proxy, not an error.
  assert.equal(proxyFromEnvironment(parseEndpoint('h'), { HTTPS_PROXY: 'http://[bad' }), false);
});
