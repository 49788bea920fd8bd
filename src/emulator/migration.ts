/**
 * Migration of a classic resource to Azure Resource Manager, as a state machine per resource: validate answers
 * what stops the move (messages of Category Error) or nothing; prepare (refused while validation finds errors)
 * makes it Prepared; commit finishes the move, so the resource leaves the classic lists; abort takes a prepared
 * resource back. Commit and abort of a resource that is not prepared, and a second prepare, are refused with
 * 400 BadRequest: the wording is ours, the service's own was not recorded.
 */
import type { ValidationMessage } from '../../generated/models/index.js';
import { errors } from './api-error.js';

export type MigrationState = 'Prepared';

/** A classic resource that can move to Resource Manager. */
export interface MigrationSubject {
  /** e.g. "storage account", for messages. */
  readonly kind: string;
  /** The service's ResourceType in validation messages, e.g. StorageAccount. */
  readonly resourceType: string;
  readonly name: string;
  /** The record that keeps the migration state. */
  readonly record: { migrationState?: MigrationState };
  /** What stops the move now. */
  blockers(): string[];
  /** Takes the resource out of the classic world (commit). */
  remove(): void;
}

export function validationMessages(subject: MigrationSubject): ValidationMessage[] {
  return subject.blockers().map((message) => ({
    ResourceType: subject.resourceType, ResourceName: subject.name, Category: 'Error', Message: message,
  }));
}

export function checkPrepare(subject: MigrationSubject): void {
  if (subject.record.migrationState === 'Prepared') throw errors.badRequest(`The ${subject.kind} ${subject.name} is already prepared for migration; commit or abort it.`);
  const [first] = subject.blockers();
  if (first !== undefined) throw errors.badRequest(`The ${subject.kind} ${subject.name} cannot be prepared for migration: ${first}`);
}

export function checkPrepared(subject: MigrationSubject, step: 'commit' | 'abort'): void {
  if (subject.record.migrationState !== 'Prepared') {
    throw errors.badRequest(`The ${subject.kind} ${subject.name} is not prepared for migration; prepare it before the ${step}.`);
  }
}

/** Applies a step when its operation completes, checked again then. */
export function applyStep(subject: MigrationSubject, step: 'prepare' | 'commit' | 'abort'): void {
  if (step === 'prepare') {
    checkPrepare(subject);
    subject.record.migrationState = 'Prepared';
    return;
  }
  checkPrepared(subject, step);
  if (step === 'commit') subject.remove();
  else delete subject.record.migrationState;
}
