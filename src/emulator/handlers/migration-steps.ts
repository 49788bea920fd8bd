/**
 * The four migration operations of one resource kind, from how to find its subject (see migration.ts for the
 * state machine): Validate answers at once; Prepare, Commit and Abort are asynchronous, hold the resource while they
 * run and apply the step when they complete.
 */
import { applyStep, checkPrepare, checkPrepared, validationMessages, type MigrationSubject } from '../migration.js';
import { accepted, assertNotBusy, done, type HandlerContext, type HandlerResult, type HandlerTable } from './types.js';

export type SubjectOf = (ctx: HandlerContext) => MigrationSubject & { resource: string };

function step(subjectOf: SubjectOf, name: 'prepare' | 'commit' | 'abort') {
  return (ctx: HandlerContext): HandlerResult => {
    const subject = subjectOf(ctx);
    assertNotBusy(ctx, subject.resource, subject.kind);
    if (name === 'prepare') checkPrepare(subject);
    else checkPrepared(subject, name);
    return accepted({ resource: subject.resource, complete: () => applyStep(subjectOf(ctx), name) });
  };
}

/** `Validate<kind>Migration`, `Prepare…`, `Commit…` and `Abort…` for a kind such as `StorageAccount`. */
export function migrationStepHandlers(kind: string, subjectOf: SubjectOf): HandlerTable {
  return {
    [`Validate${kind}Migration`]: (ctx: HandlerContext): HandlerResult => done(200, validationMessages(subjectOf(ctx))),
    [`Prepare${kind}Migration`]: step(subjectOf, 'prepare'),
    [`Commit${kind}Migration`]: step(subjectOf, 'commit'),
    [`Abort${kind}Migration`]: step(subjectOf, 'abort'),
  };
}
