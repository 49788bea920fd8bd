/**
 * Continuation tokens as an async iterator, for every paged operation: the descriptor's `pagination` names the
 * input member that carries the token, the page member that holds the next one, and the list member whose
 * items a page yields. Generated `paginateX` functions are this, applied to their descriptor.
 */
import { createHash } from 'node:crypto';
import { ResponseParseError } from '../core/errors.js';
import type { OperationDescriptor } from '../core/shapes.js';
import type { RequestOptions, ServiceClient } from './client.js';
import { invoke } from './invoke.js';

/**
 * The item of a page: the element type of the page's list members. Generated paginators declare the item type
 * they yield, so a page model with a second list would fail to compile there rather than widen it silently.
 */
export type PageItem<Page> = {
  [K in keyof Page]-?: NonNullable<Page[K]> extends ReadonlyArray<infer Item> ? Item : never;
}[keyof Page];

/**
 * Sends the operation page after page and yields every item, starting from the input's own token (to resume
 * where an earlier walk stopped). A page without the list yields nothing; a missing or empty next token ends
 * the walk. `options` go with every page, so aborting its signal stops the walk at the next request. A token
 * that comes back a second time would walk the same pages forever: that is a ResponseParseError.
 */
export async function* paginate<Input extends object, Page>(
  client: ServiceClient, operation: OperationDescriptor<Input, Page>, input: NoInfer<Input>, options?: RequestOptions,
): AsyncGenerator<PageItem<Page>, void, undefined> {
  const pagination = operation.pagination;
  if (pagination === undefined) throw new TypeError(`${operation.name} is not paged: its descriptor has no pagination`);
  let token = (input as Record<string, unknown>)[pagination.inputToken];
  // Digests, not the tokens: a long walk of long tokens would otherwise keep all of them.
  const seen = new Set<string>();
  do {
    if (token !== undefined) {
      const digest = createHash('sha256').update(String(token)).digest('base64');
      if (seen.has(digest)) throw new ResponseParseError(operation.name, 200, `the continuation token of page ${seen.size + 1} was given before: the walk would repeat pages forever`, '');
      seen.add(digest);
    }
    const page = await invoke(client, operation, { ...input, [pagination.inputToken]: token }, options) as Record<string, unknown>;
    yield* (page[pagination.items] as Array<PageItem<Page>> | undefined) ?? [];
    token = page[pagination.outputToken] || undefined;
  } while (token !== undefined);
}
