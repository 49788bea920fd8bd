/** Small spec folders for the generator tests, written to temporary folders and removed afterwards. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GroupSpec, OperationSpec, ServiceSpec } from '../../src/core/spec-load.js';
import { writeSpecDir } from './support/scenarios.js';
import { metaSchema, specDir } from './repo-root.js';

export const service: ServiceSpec = {
  formatVersion: 1, name: 'TestClient', doc: 'A test client.', host: 'management.example.test', apiVersion: '2014-10-01',
  namespace: 'http://schemas.microsoft.com/windowsazure', errorModel: 'ErrorDetails', operationStatus: 'GetOperationStatus',
};

export const getOperationStatus = (): OperationSpec => ({
  name: 'GetOperationStatus', doc: 'Status of a request.', method: 'GET', path: '/{subscriptionId}/operations/{RequestId}',
  params: [{ name: 'RequestId', in: 'path', type: 'string', required: true, doc: 'Request id.' }],
  responses: [{ status: 200, body: { element: 'Operation', model: 'Operation' } }],
});

/** A valid group: a status operation, a widget to get and create, and the error model. */
export function baseGroup(): GroupSpec {
  return {
    group: 'widgets',
    doc: 'Widgets.',
    operations: [
      getOperationStatus(),
      {
        name: 'GetWidget', doc: 'Gets a widget.', method: 'GET', path: '/{subscriptionId}/widgets/{WidgetName}',
        params: [{ name: 'WidgetName', in: 'path', type: 'string', required: true, doc: 'Name.' }],
        responses: [{ status: 200, body: { element: 'Widget', model: 'Widget' } }],
      },
      {
        name: 'CreateWidget', doc: 'Creates a widget.', method: 'POST', path: '/{subscriptionId}/widgets',
        request: { element: 'CreateWidget', model: 'CreateWidget' },
        responses: [{ status: 201 }],
      },
    ],
    models: {
      Operation: { doc: 'Status.', properties: [{ name: 'ID', type: 'string' }, { name: 'Status', type: 'string' }] },
      ErrorDetails: { doc: 'Error.', properties: [{ name: 'Code', type: 'string' }, { name: 'Message', type: 'string' }] },
      Widget: { doc: 'A widget.', properties: [{ name: 'Name', type: 'string', doc: 'Name.' }, { name: 'Size', type: 'int', doc: 'Size.' }] },
      CreateWidget: { doc: 'Body of CreateWidget.', properties: [{ name: 'Name', type: 'string', required: true, doc: 'Name.' }] },
    },
  };
}

/** Runs `body` with a spec folder holding the given groups; removes the folder afterwards. */
export function withSpecDir<T>(groups: GroupSpec[], body: (dir: string) => T, serviceSpec: ServiceSpec = service): T {
  const dir = writeSpecDir(metaSchema, groups, serviceSpec);
  try {
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A temporary copy of the repository's spec/, to edit freely. */
export function copyOfSpec(): string {
  const dir = mkdtempSync(join(tmpdir(), 'asm-spec-copy-'));
  cpSync(specDir, dir, { recursive: true });
  return dir;
}

export function readGroup(dir: string, file: string): GroupSpec {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as GroupSpec;
}

export function writeGroup(dir: string, file: string, group: GroupSpec): void {
  writeFileSync(join(dir, file), JSON.stringify(group, null, 2));
}
