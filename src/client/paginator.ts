/**
 * Continuation tokens as an async iterator, for every paged operation: the descriptor's `pagination` names the
 * input member that carries the token, the page member that holds the next one, and the list member whose
 * items a page yields. Generated `paginateX` functions are this, applied to their descriptor.
 */
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
 * the walk. `options` go with every page, so aborting its signal stops the walk at the next request.
 */
export async function* paginate<Input extends object, Page>(
  client: ServiceClient, operation: OperationDescriptor<Input, Page>, input: NoInfer<Input>, options?: RequestOptions,
): AsyncGenerator<PageItem<Page>, void, undefined> {
  const pagination = operation.pagination;
  if (pagination === undefined) throw new TypeError(`${operation.name} is not paged: its descriptor has no pagination`);
  let token = (input as Record<string, unknown>)[pagination.inputToken];
  do {
    const page = await invoke(client, operation, { ...input, [pagination.inputToken]: token }, options) as Record<string, unknown>;
    yield* (page[pagination.items] as Array<PageItem<Page>> | undefined) ?? [];
    token = page[pagination.outputToken] || undefined;
  } while (token !== undefined);
}
