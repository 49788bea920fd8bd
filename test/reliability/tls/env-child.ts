/**
 * Child process of the TLS suite: runs the probes it is given (RELIABILITY_TLS_CHILD, JSON) under whatever
 * environment the parent chose — NODE_TLS_REJECT_UNAUTHORIZED=0, NODE_EXTRA_CA_CERTS — and prints the results.
 */
import { probe, type ProbeInput } from './probe.js';

const input = process.env['RELIABILITY_TLS_CHILD'];
if (input !== undefined) {
  const results = [];
  for (const p of JSON.parse(input) as ProbeInput[]) results.push(await probe(p));
  process.stdout.write(`${JSON.stringify(results)}\n`);
}
