/** How a member's x-ms-version span reads in its generated doc comment and docs page. */
import type { VersionSpan } from '../core/spec-types.js';

export function versionNote(versions: VersionSpan | undefined): string {
  if (versions === undefined) return '';
  const { since, until } = versions;
  if (since !== undefined && until !== undefined) return `Only with x-ms-version ${since} up to (not including) ${until}.`;
  if (since !== undefined) return `Only with x-ms-version ${since} or later.`;
  return `Only with x-ms-version before ${until}: later versions dropped it.`;
}

/** A member's doc followed by its version note, if any. */
export function withVersionNote(doc: string | undefined, versions: VersionSpan | undefined): string {
  const note = versionNote(versions);
  if (note === '') return doc ?? '';
  return doc === undefined || doc === '' ? note : `${doc} ${note}`;
}
