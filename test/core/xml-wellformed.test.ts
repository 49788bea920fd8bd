import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wellFormednessProblem } from '../../src/core/xml-wellformed.js';
import { XmlSyntaxError, readXmlBody } from '../../src/core/xml.js';
import { LocationShape } from '../../generated/models/Location.js';

test('documents cut short or broken are refused, naming the problem', () => {
  const cases: Array<[string, RegExp]> = [
    ['<A><B>1</B><C>2</C', /tag is not closed/],
    ['<A><B>1</B><C>2', /<C> is not closed/],
    ['<A><B>1</B>', /<A> is not closed/],
    ['<A><B>1</C></A>', /<B> closed by <\/C>/],
    ['<A/><B/>', /more than one root/],
    ['hello', /text outside the root/],
    ['<A/>junk', /text outside the root/],
    ['', /no root element/],
    ['<A>1 < 2</A>', /starts no tag/],
    ['<A x="1><B/></A>', /tag is not closed/],
    ['<!DOCTYPE A><A/>', /declarations/],
    ['<A><!-- open</A>', /unterminated comment/],
  ];
  for (const [xml, problem] of cases) assert.match(wellFormednessProblem(xml) ?? 'accepted', problem, JSON.stringify(xml));
});

test('well-formed documents pass: declaration, comments, CDATA, ">" inside attribute values, self-closed roots', () => {
  for (const xml of ['<?xml version="1.0"?><A x="a>b"><!-- c --><![CDATA[<x>]]><B/></A>\n', '<A/>', '<A><B/></A ><!-- trailing -->', "<A y='q\"'/>"]) {
    assert.equal(wellFormednessProblem(xml), undefined, xml);
  }
});

test('a truncated response never reads as a shorter valid one', () => {
  const body = { element: 'Locations', list: { element: 'Location', type: { kind: 'model', model: () => LocationShape } } } as const;
  const full = '<Locations xmlns="http://schemas.microsoft.com/windowsazure"><Location><Name>West US</Name></Location><Location><Name>East US</Name></Location></Locations>';
  assert.equal((readXmlBody(body, full) as unknown[]).length, 2);
  for (let cut = 1; cut < full.length; cut++) {
    assert.throws(() => readXmlBody(body, full.slice(0, cut)), XmlSyntaxError, `cut at ${cut}`);
  }
});
