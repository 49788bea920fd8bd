/**
 * The x-ms-request-id of an answer, when it is usable. The service sends one token of 32 hex characters (every
 * recording); a repeated header reaches us joined ("a, b") by the transport, and a value with spaces, commas or
 * slashes would name an id the service never gave and, when polled, a status URL built from two ids. Such a value
 * is treated as absent.
 */
const REQUEST_ID = /^[A-Za-z0-9-]{1,128}$/;

export function isRequestId(value: string): boolean {
  return REQUEST_ID.test(value);
}

export function requestIdOf(headers: Readonly<Record<string, string>>): string | undefined {
  const value = headers['x-ms-request-id'];
  return value !== undefined && isRequestId(value) ? value : undefined;
}

/**
 * True when a status answer's <ID> names the polled request: the service writes it in GUID form
 * (4826b6ea-77c0-b72a-…) of the header's 32 hex characters (4826b6ea77c0b72a…), so dashes and case are ignored.
 */
export function sameRequestId(a: string, b: string): boolean {
  const canonical = (id: string): string => id.replace(/-/g, '').toLowerCase();
  return canonical(a) === canonical(b);
}
