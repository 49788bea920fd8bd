/**
 * An authenticated client going about its business during an attack: one GET at a time with the management
 * certificate, its latencies kept, until stopped. What the attack must not take away from it is measured here.
 */
import { Agent, request } from 'undici';
import type { ChildReady } from './target.js';

export interface ProbeFigures {
  calls: number;
  failures: string[];
  latenciesMs: number[];
}

export interface Prober {
  stop(): Promise<ProbeFigures>;
}

/** Starts once its connection is up: the first call's TLS handshake is not the attack's doing. */
export async function startProber(target: ChildReady, intervalMs = 5): Promise<Prober> {
  const agent = new Agent({ connect: { ca: target.ca, cert: target.cert, key: target.key }, connections: 1 });
  const figures: ProbeFigures = { calls: 0, failures: [], latenciesMs: [] };
  let running = true;
  const call = async () => {
    const answer = await request(`${target.url}/${target.subscriptionId}/services/hostedservices`, {
      headers: { 'x-ms-version': '2014-10-01' }, dispatcher: agent, headersTimeout: 30_000, bodyTimeout: 30_000,
    });
    await answer.body.text();
    return answer.statusCode;
  };
  await call();
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const status = await call();
        if (status !== 200) figures.failures.push(`status ${status}`);
      } catch (err) {
        figures.failures.push(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
      }
      figures.calls++;
      figures.latenciesMs.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await agent.close();
      return figures;
    },
  };
}
