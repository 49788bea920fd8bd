/**
 * TypeScript view of the spec files (spec/service.json, spec/groups/*.json).
 * spec/meta-schema.json is the authority on their shape; these types mirror it.
 */

import type { ValueConstraints } from './shapes.js';

/** The spec's rules, as in shapes.ts, writable: spec files are plain data that tools may edit. */
type ConstraintSpec = { -readonly [K in keyof ValueConstraints]: ValueConstraints[K] };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
export type ScalarType = 'string' | 'int' | 'long' | 'double' | 'boolean' | 'dateTime' | 'base64';

export interface ServiceSpec {
  formatVersion: 1;
  name: string;
  doc: string;
  host: string;
  apiVersion: string;
  namespace: string;
  errorModel: string;
  operationStatus: string;
}

export interface GroupSpec {
  group: string;
  doc: string;
  operations?: OperationSpec[];
  models?: Record<string, ModelSpec>;
}

export interface OperationSpec {
  name: string;
  doc: string;
  method: HttpMethod;
  path: string;
  apiVersion?: string;
  fixedQuery?: Record<string, string>;
  params?: ParamSpec[];
  request?: BodySpec;
  responses: ResponseSpec[];
  async?: AsyncSpec;
  pagination?: PaginationSpec;
  deprecated?: string;
}

/** A parameter's rules are numeric ranges only (the meta-schema allows no lengths or patterns on parameters). */
export interface ParamSpec extends Pick<ConstraintSpec, 'minimum' | 'maximum'> {
  name: string;
  in: 'path' | 'query' | 'header';
  wireName?: string;
  type: 'string' | 'int' | 'boolean' | 'dateTime';
  value?: string;
  required?: boolean;
  enum?: string[];
  doc: string;
}

export interface BodySpec {
  element: string;
  model?: string;
  list?: ListItemsSpec;
  text?: true;
  member?: string;
  contentType?: string;
}

export interface ResponseSpec {
  status: number;
  body?: BodySpec;
  doc?: string;
}

export interface AsyncSpec {
  poll?: string;
  idFromBody?: string;
}

export interface PaginationSpec {
  inputToken: string;
  outputToken: string;
  items: string;
}

export interface ModelSpec {
  doc: string;
  namespace?: string;
  properties?: PropertySpec[];
  discriminator?: string;
  variants?: string[];
  /**
   * Polymorphic model whose variants the service read as ONE data contract: every element any variant has, in
   * the service's order. Each variant lists its members in this order; a reader accepts any of them in any variant.
   */
  wireOrder?: string[];
  discriminatorValue?: string;
  typeName?: string;
  /** Base model whose members come first. After loading, `properties` holds the base's members too. */
  extends?: string;
  /** Rules between members, checked on input only. */
  rules?: CrossFieldRuleSpec[];
}

/** A rule between members of one model (see meta-schema `crossFieldRule`). */
export interface CrossFieldRuleSpec {
  kind: 'exactlyOne' | 'atMostOne' | 'atLeastOne' | 'requiredIf';
  members: string[];
  when?: string;
  equals?: string[];
  message?: string;
  doc: string;
}

export interface PropertySpec extends ConstraintSpec {
  name: string;
  type: ScalarType | 'model' | 'list';
  model?: string;
  items?: ListItemsSpec;
  wrapped?: boolean;
  xml?: 'attribute' | 'text';
  required?: boolean;
  secret?: boolean;
  /** Response-only: refused on input. */
  readOnly?: true;
  const?: string;
  enum?: string[];
  /** The x-ms-versions that carry the member, when not all do (older versions' elements, newer versions' additions). */
  versions?: VersionSpan;
  doc?: string;
}

/** A span of x-ms-version values: `since` is the first that carries the member, `until` the first that no longer does. */
export interface VersionSpan {
  since?: string;
  until?: string;
}

export interface ListItemsSpec {
  element: string;
  type: ScalarType | 'model';
  model?: string;
  enum?: string[];
}

/** One operation with the group and file it came from. */
export interface LocatedOperation extends OperationSpec {
  group: string;
  file: string;
  /** JSON pointer of the operation in its file. */
  pointer: string;
}

export interface LocatedModel extends ModelSpec {
  name: string;
  group: string;
  file: string;
  pointer: string;
}

/** The whole spec, loaded and checked. */
export interface Spec {
  dir: string;
  service: ServiceSpec;
  groups: { name: string; doc: string; file: string }[];
  operations: LocatedOperation[];
  models: Map<string, LocatedModel>;
}
