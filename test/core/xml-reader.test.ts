/**
 * The hand-written XML reader: what XML requires of a document (and the lenient parser before it let through),
 * how text is taken, and — against fast-xml-parser, the parser it replaced, as a third-party reference — the same
 * tree for every XML body the live service and its clients exchanged in the recorded corpus.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { XmlSyntaxError, namespaceOf, parseXmlDocument, type OrderedNode } from '../../src/core/xml-document.js';
import { corpusDir, missingCorpusReason, recordings } from '../faithfulness/corpus.js';

/** The tree's data, without the namespace kept beside each element. */
const read = (xml: string): unknown => JSON.parse(JSON.stringify(parseXmlDocument(xml)));

const refused = (xml: string, problem: RegExp) => assert.throws(() => parseXmlDocument(xml), (err: unknown) => err instanceof XmlSyntaxError && problem.test(err.message), xml);

test('what XML forbids in a tag is refused, naming the element and the attribute', () => {
  refused('<a b/>', /<a>: the attribute b has no value/);
  refused('<a b=1/>', /<a>: the value of b is not quoted/);
  refused('<a b="1" b="2"/>', /<a>: the attribute b is given twice/);
  refused('<a b="x<y"/>', /<a>: the value of b holds "<"/);
  refused('<a b="1"c="2"/>', /<a>: white space must come before an attribute/);
  refused('<a/ >', /<a>: "\/" must be followed by ">"/);
  refused('<a:>x</a:>', /white space must come before/);
});

test('characters XML forbids are refused where they are written, with their line', () => {
  assert.throws(() => parseXmlDocument('<a>\n<b>x\u0001</b></a>'), (err: unknown) => err instanceof XmlSyntaxError && /U\+0001/.test(err.message) && err.line === 2);
  refused('<a b="\u000b"/>', /U\+000B/);
  refused('<a><![CDATA[\uffff]]></a>', /U\+FFFF/);
  refused('<a>&#xB;</a>', /character reference &#xB; names a character XML does not allow/);
});

test('text: XML white space trimmed (other spaces kept), one text across comments, CDATA as written, line ends as LF', () => {
  assert.deepEqual(read('<a> \u00a0x\u00a0\n</a>'), [{ a: [{ '#text': '\u00a0x\u00a0' }] }]);
  assert.deepEqual(read('<a>x<!-- c -->y<?pi z?>z</a>'), [{ a: [{ '#text': 'xyz' }] }]);
  assert.deepEqual(read('<a><![CDATA[ &amp; <b> ]]></a>'), [{ a: [{ '#text': ' &amp; <b> ' }] }]);
  assert.deepEqual(read('<a>x\r\ny\rz<![CDATA[\r\n]]></a>'), [{ a: [{ '#text': 'x\ny\nz' }, { '#text': '\n' }] }]);
  assert.deepEqual(read('<a>x&#xD;&lt;&#65;&unknown;</a>'), [{ a: [{ '#text': 'x\r<A&unknown;' }] }]);
});

test('namespaces: local names, the namespace beside each element, a default namespace undeclared again', () => {
  const [root] = parseXmlDocument('<s:a xmlns:s="urn:s" xmlns="urn:d"><b/><c xmlns=""><d/></c><s:e/></s:a>') as [OrderedNode];
  const [b, c, e] = root['a'] as OrderedNode[];
  assert.deepEqual([namespaceOf(root), namespaceOf(b!), namespaceOf(c!), namespaceOf((c!['c'] as OrderedNode[])[0]!), namespaceOf(e!)], ['urn:s', 'urn:d', '', '', 'urn:s']);
});

test('a tag of a hundred thousand attributes is read in linear time (no quadratic duplicate check)', () => {
  const attributes = Array.from({ length: 100_000 }, (_, i) => `a${i}="${i}"`).join(' ');
  const [root] = parseXmlDocument(`<a ${attributes}/>`) as [OrderedNode];
  assert.equal(Object.keys(root[':@'] as object).length, 100_000);
});

/** The tree as both readers see it: local names, attributes without namespace declarations, text joined. */
function projection(nodes: unknown[]): string {
  let out = '';
  let text = '';
  for (const node of nodes as Array<Record<string, unknown>>) {
    if ('#text' in node) { text += String(node['#text']); continue; }
    const name = Object.keys(node).find((k) => k !== ':@');
    if (name === undefined || name === '?xml') continue;
    if (text !== '') out += JSON.stringify(text);
    text = '';
    const attributes = Object.entries((node[':@'] ?? {}) as Record<string, string>)
      .filter(([k]) => k !== '@_xmlns' && !k.startsWith('@_xmlns:')).map(([k, v]) => `${k.replace(/^@_(\w+:)?/, '')}=${JSON.stringify(v)}`).sort();
    out += `<${name} ${attributes.join(' ')}>${projection(node[name] as unknown[])}</>`;
  }
  return text === '' ? out : out + JSON.stringify(text);
}

const corpus = corpusDir();
test('every recorded XML body reads as fast-xml-parser reads it', { skip: corpus === undefined ? missingCorpusReason() : false }, () => {
  const reference = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, parseTagValue: false, trimValues: true, processEntities: true, htmlEntities: true, ignoreDeclaration: true });
  let compared = 0;
  for (const client of ['python', 'xplat-cli']) {
    for (const recording of recordings(corpus!, client)) {
      for (const [i, exchange] of recording.interactions.entries()) {
        for (const body of [exchange.requestBody, exchange.responseBody]) {
          const text = body?.replace(/^\ufeff/, '').trim() ?? '';
          if (!text.startsWith('<')) continue;
          assert.equal(projection(parseXmlDocument(text)), projection(reference.parse(text) as unknown[]), `${recording.name} exchange ${i}`);
          compared++;
        }
      }
    }
  }
  // 759 XML bodies in the corpus as recorded: a shortfall means the walk missed some, not that they agreed.
  assert.ok(compared >= 750, `only ${compared} XML bodies compared`);
});

test('namespace declarations nest and are undone when their element closes, in linear time however deep', () => {
  const [root] = parseXmlDocument('<a xmlns:p="urn:1"><p:b xmlns:p="urn:2"/><p:c/></a>') as [OrderedNode];
  assert.deepEqual((root['a'] as OrderedNode[]).map((n) => namespaceOf(n)), ['urn:2', 'urn:1']);
  // Each declaring element used to copy the whole scope: 20,000 children of an element in scope of 20,000
  // prefixes, each declaring one more, made 400 million copies.
  const many = 20_000;
  const outer = Array.from({ length: many }, (_, i) => `xmlns:q${i}="urn:q${i}"`).join(' ');
  const children = Array.from({ length: many }, (_, i) => `<q${i}:c xmlns:r${i}="urn:r${i}"/>`).join('');
  const [big] = parseXmlDocument(`<a ${outer}>${children}</a>`) as [OrderedNode];
  const read = big['a'] as OrderedNode[];
  assert.equal(read.length, many);
  assert.equal(namespaceOf(read[many - 1]!), `urn:q${many - 1}`);
});

test('elements nested past 64 levels are refused (the recorded traffic nests 11; the service\'s reader allowed 32)', () => {
  const nested = (depth: number) => `${'<e>'.repeat(depth)}${'</e>'.repeat(depth)}`;
  assert.doesNotThrow(() => parseXmlDocument(nested(64)));
  refused(nested(65), /elements nest deeper than 64 levels/);
});
