/**
 * Everything a secret could leak through, as text: an error's message, stack, JSON form and util.inspect form
 * (cause included), a client's inspect and JSON forms, and the lines a logger received.
 */
import { inspect } from 'node:util';

export type Surfaces = Record<string, string>;

function safely(render: () => string | undefined): string {
  try {
    return render() ?? '';
  } catch (err) {
    return `(could not render: ${(err as Error).message})`;
  }
}

export function errorSurfaces(error: unknown): Surfaces {
  const err = error as Error;
  return {
    'error.message': String(err?.message ?? error),
    'error.stack': String(err?.stack ?? ''),
    'JSON.stringify(error)': safely(() => JSON.stringify(error)),
    'util.inspect(error)': inspect(error, { depth: 8 }),
  };
}

export function clientSurfaces(client: object): Surfaces {
  return {
    'util.inspect(client)': inspect(client, { depth: 8, showHidden: true }),
    'JSON.stringify(client)': safely(() => JSON.stringify(client)),
  };
}

/** The surfaces of whatever a call ended with: its error's, or the value's JSON. */
export async function callSurfaces(call: () => Promise<unknown>): Promise<Surfaces> {
  try {
    const value = await call();
    return { 'returned value': safely(() => JSON.stringify(value)) };
  } catch (error) {
    return errorSurfaces(error);
  }
}
