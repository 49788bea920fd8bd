/** What a fuzz case is: the answers a server gives one call, and what a correct client makes of them. */
import type { Reply, SeenRequest } from '../../support/scripted-server.js';
import type { Expectation } from '../outcome.js';
import type { FuzzTarget } from './targets.js';

export type { Expectation };

export interface BuiltCase {
  /** The answer to the n-th request (0-based) the case receives. */
  answer(n: number, request: SeenRequest): Reply;
  expected?: Expectation;
}

/** Where the case's server lives, for answers that point at it (redirects). */
export interface Origins {
  /** https://127.0.0.1:<port> (the client's endpoint). */
  own: string;
  /** https://localhost:<port>: the same server as another origin. */
  other: string;
}

export interface CaseSpec {
  readonly kind: string;
  readonly target: FuzzTarget;
  build(id: string, origins: Origins): BuiltCase;
}

/** A valid answer body for a target, as XML and JSON, and the value a client reads from it. */
export interface ValidBody {
  xml: string;
  json: string;
  /** The client's result for it, or the class of error it must raise. */
  expected: Expectation;
}
