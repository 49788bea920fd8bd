/**
 * A module import made once and kept. A client method imports its operation's module on first use (so that a
 * client costs nothing per operation at start-up); a dynamic import() of a module already loaded still goes
 * through Node's module resolution on every call, tens of microseconds a call, which this avoids.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load().catch((err: unknown) => {
    // A failed import (a file missing from a broken install) is tried again by the next call, not cached.
    loaded = undefined;
    throw err;
  }));
}
