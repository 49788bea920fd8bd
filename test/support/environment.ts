/**
 * Process environment for tests. node --test runs each file in its own process, so a file may change
 * process.env; these helpers keep the changes scoped and make proxy variables from the machine irrelevant.
 */

export const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

/** Removes every proxy variable, so that tests connect directly unless they say otherwise. */
export function clearProxyEnvironment(): void {
  for (const name of PROXY_VARIABLES) delete process.env[name];
}

/** Runs `fn` with the given variables set (undefined: removed), then restores the previous values. */
export async function withEnvironment<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = new Map(Object.keys(vars).map((name) => [name, process.env[name]]));
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    return await fn();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
