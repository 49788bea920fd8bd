/**
 * Typed parse of a ListOSImages response (2,000 entries, about 1.6 MB) against xml2js on the same text — the
 * parser the old Node client used — and the typed parse at 10× the size, to show it stays linear. Then the
 * hand-written reader (well-formedness, references, namespaces in one pass) against fast-xml-parser alone, the
 * parser it replaced (which needed two more passes for those), on a hostile 3 MiB body of 786,432 empty elements.
 */
import { XMLParser } from 'fast-xml-parser';
import { parseStringPromise } from 'xml2js';
import { ListOSImagesOperation } from '../../generated/operations/ListOSImages.js';
import { parseXmlDocument } from '../../src/core/xml-document.js';
import { readXmlBody } from '../../src/core/xml.js';
import { fmt, median, timeIt, verdict } from './measure.js';
import { osImageListXml } from './os-image-list.js';

const body = ListOSImagesOperation.responses[0]!.body!;

export async function benchParse(): Promise<string[]> {
  const small = osImageListXml(2000);
  const large = osImageListXml(20000);
  const parsed = readXmlBody(body, small) as unknown[];
  if (parsed.length !== 2000) throw new Error('the typed parse lost entries');
  // Alternate the two, so that a change in the machine's load affects both alike.
  const typedRuns: number[] = [];
  const xml2jsRuns: number[] = [];
  for (let round = 0; round < 15; round++) {
    typedRuns.push(await timeIt(() => readXmlBody(body, small), 1, round === 0 ? 2 : 0));
    xml2jsRuns.push(await timeIt(() => parseStringPromise(small), 1, round === 0 ? 2 : 0));
  }
  const typed = median(typedRuns);
  const xml2js = median(xml2jsRuns);
  const typedLarge = await timeIt(() => readXmlBody(body, large), 5, 1);
  const speedup = xml2js / typed;
  const growth = typedLarge / typed;
  return [
    ...readerOverhead(),
    `parse: 2,000 OS images (${(small.length / 1e6).toFixed(2)} MB): typed ${fmt(typed)}, xml2js ${fmt(xml2js)} -> ${speedup.toFixed(2)}x faster (target >= 2x: ${verdict(speedup >= 2)})`,
    `parse: 20,000 OS images (${(large.length / 1e6).toFixed(1)} MB): typed ${fmt(typedLarge)} -> ${growth.toFixed(2)}x the time for 10x the entries (target <= 11x: ${verdict(growth <= 11)})`,
  ];
}

/** The reader over fast-xml-parser with the options the reader used to give it, alternated, on many small elements. */
function readerOverhead(): string[] {
  const many = `<HostedService xmlns="http://schemas.microsoft.com/windowsazure"><ServiceName>a</ServiceName>${'<U/>'.repeat(786_432)}</HostedService>`;
  const bare = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: true, processEntities: false });
  const readerRuns: number[] = [];
  const bareRuns: number[] = [];
  for (let round = 0; round < 5; round++) {
    let start = performance.now();
    parseXmlDocument(many);
    readerRuns.push(performance.now() - start);
    start = performance.now();
    bare.parse(many);
    bareRuns.push(performance.now() - start);
  }
  const ratio = median(readerRuns) / median(bareRuns);
  return [`parse: 786,432 empty elements (3 MiB): reader ${fmt(median(readerRuns))}, fast-xml-parser alone ${fmt(median(bareRuns))} -> ${ratio.toFixed(2)}x its time (target <= 1x: ${verdict(ratio <= 1)})`];
}
