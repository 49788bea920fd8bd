/**
 * Reading a body is CPU work nothing can interleave with: the XML reader is synchronous, about half a second for
 * 3 MiB of small elements. When several large answers arrive together their reads would run back to back, and the
 * process would run no timer and serve no socket for their sum (the fuzz suite once saw 28 s with 16 calls in flight).
 * So large bodies are read one at a time, each after a timer turn of the event loop: the longest pause is one
 * body's read, not the sum of all. Small bodies, nearly every answer, are read at once.
 */

/** Bodies at least this long (in UTF-16 units) are read in turn: at about 1 ms per 3 KiB of dense markup, 80 ms. */
export const LARGE_BODY_CHARS = 256 * 1024;

let previous: Promise<unknown> = Promise.resolve();

const timerTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs `read` of a body of `length` characters: now when small, else after the large reads before it. */
export function readInTurn<T>(length: number, read: () => T): T | Promise<T> {
  if (length < LARGE_BODY_CHARS) return read();
  const turn = previous.then(timerTurn).then(read);
  previous = turn.catch(() => undefined);
  return turn;
}
