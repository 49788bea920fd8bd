/**
 * Responses of older x-ms-versions: the geo-replication elements they carried map onto the model (no unmapped
 * element), and an empty element where a date is expected (`<LastGeoFailoverTime/>`: the account never failed
 * over) reads as absent rather than failing the whole response — in XML and in JSON. A date that is there but
 * malformed still fails, naming the member.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StorageServiceShape } from '../../generated/models/StorageService.js';
import { readJsonBody } from '../../src/core/json.js';
import type { ValidationIssue } from '../../src/core/errors.js';
import { readXmlBody, ShapeError } from '../../src/core/xml.js';

const body = { element: 'StorageService', model: () => StorageServiceShape } as const;
const NS = 'xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"';

/** A 2013-03-01 style answer: GeoReplicationEnabled, no AccountType, an empty failover time. */
const olderAnswer = (failover: string) => `<StorageService ${NS}><Url>https://management.core.windows.net/sub/services/storageservices/old</Url>`
  + '<ServiceName>old</ServiceName><StorageServiceProperties><Description/><Location>West US</Location><Label>b2xk</Label>'
  + '<Status>Created</Status><Endpoints><Endpoint>https://old.blob.core.windows.net/</Endpoint></Endpoints>'
  + `<GeoReplicationEnabled>true</GeoReplicationEnabled><GeoPrimaryRegion>West US</GeoPrimaryRegion><StatusOfPrimary>Available</StatusOfPrimary>${failover}`
  + '<GeoSecondaryRegion>East US</GeoSecondaryRegion><StatusOfSecondary>Available</StatusOfSecondary>'
  + '<SecondaryReadEnabled>false</SecondaryReadEnabled></StorageServiceProperties><ExtendedProperties/></StorageService>';

test('an older version\'s storage account reads with every element mapped, and <LastGeoFailoverTime/> as absent', () => {
  for (const failover of ['<LastGeoFailoverTime/>', '<LastGeoFailoverTime></LastGeoFailoverTime>', '<LastGeoFailoverTime> </LastGeoFailoverTime>']) {
    const unmapped: string[] = [];
    const account = readXmlBody(body, olderAnswer(failover), { unmapped }) as { StorageServiceProperties: Record<string, unknown> };
    assert.deepEqual(unmapped, [], failover);
    const properties = account.StorageServiceProperties;
    assert.equal('LastGeoFailoverTime' in properties, false, `${failover} reads as absent`);
    assert.equal(properties['GeoReplicationEnabled'], true);
    assert.equal(properties['SecondaryReadEnabled'], false);
    assert.equal(properties['GeoSecondaryRegion'], 'East US');
  }
});

test('a failover time that is there reads as a Date; a malformed one fails naming the member', () => {
  const read = readXmlBody(body, olderAnswer('<LastGeoFailoverTime>2013-05-01T10:00:00Z</LastGeoFailoverTime>')) as { StorageServiceProperties: { LastGeoFailoverTime?: Date } };
  assert.deepEqual(read.StorageServiceProperties.LastGeoFailoverTime, new Date('2013-05-01T10:00:00Z'));
  assert.throws(() => readXmlBody(body, olderAnswer('<LastGeoFailoverTime>yesterday</LastGeoFailoverTime>')), (err: unknown) => {
    assert.ok(err instanceof ShapeError);
    assert.match(err.message, /StorageServiceProperties\.LastGeoFailoverTime/);
    return true;
  });
});

test('in JSON, an empty date string reads as absent too; a malformed one is an issue naming the member', () => {
  const issues: ValidationIssue[] = [];
  const value = readJsonBody(body, { ServiceName: 'old', StorageServiceProperties: { LastGeoFailoverTime: '', CreationTime: '2013-05-01T10:00:00Z' } }, issues) as { StorageServiceProperties: Record<string, unknown> };
  assert.deepEqual(issues, []);
  assert.equal('LastGeoFailoverTime' in value.StorageServiceProperties, false);
  assert.deepEqual(value.StorageServiceProperties['CreationTime'], new Date('2013-05-01T10:00:00Z'));
  const malformed: ValidationIssue[] = [];
  readJsonBody(body, { StorageServiceProperties: { LastGeoFailoverTime: 'soon' } }, malformed);
  assert.equal(malformed.length, 1);
  assert.match(malformed[0]!.path, /StorageServiceProperties\.LastGeoFailoverTime/);
});
