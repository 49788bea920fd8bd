/** What a single call takes besides its input, and what it can report back. */
import type { WaitOptions } from './poller.js';

export interface ResponseInfo {
  operation: string;
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  requestId?: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Per-attempt timeout for this call. */
  timeoutMs?: number;
  /** Called with the raw response of a successful call (status, headers, body). */
  onResponse?: (response: ResponseInfo) => void;
}

/** Options of an asynchronous operation that waits for completion in the same call. */
export interface WaitingRequestOptions extends RequestOptions {
  wait: true | WaitOptions;
}

/** What a call without a response body resolves to. */
export interface ResponseMetadata {
  statusCode: number;
  requestId?: string;
}
