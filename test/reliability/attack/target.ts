/**
 * The emulator process under attack, seen from the suite: started with fork (IPC), asked for its figures, stopped.
 * Its death (out of memory, an abort) is noticed and reported rather than ending the suite.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EmulatorOptions } from '../../../src/emulator/server.js';

export interface ChildReady {
  type: 'ready';
  url: string;
  port: number;
  ca: string;
  key: string;
  cert: string;
  subscriptionId: string;
  /** A subscription the suite's certificate is not registered with. */
  foreignSubscriptionId: string;
  bearer: string;
}

export interface ChildFigures {
  type: 'figures';
  peakRssMiB: number;
  rssMiB: number;
  uncaught: string[];
  requestsLogged: number;
  services: number;
}

export interface Target extends ChildReady {
  /** Peak rss since the last call, rss now (collected), exceptions nobody handled; undefined once it died. */
  figures(): Promise<ChildFigures | undefined>;
  /** Registers a PEM certificate as a management certificate of the default subscription. */
  register(pem: string): Promise<void>;
  serviceNames(): Promise<string[]>;
  /** How it ended, when it ended on its own (a crash). */
  readonly death: string | undefined;
  stop(): Promise<void>;
}

/** The emulator's heap limit: where the issue saw it die. */
export const HEAP_LIMIT_MIB = 384;

export async function startTarget(options: EmulatorOptions = {}): Promise<Target> {
  const script = fileURLToPath(new URL('./emulator-child.js', import.meta.url));
  const child: ChildProcess = fork(script, [], {
    execArgv: ['--expose-gc', `--max-old-space-size=${HEAP_LIMIT_MIB}`],
    env: { ...process.env, ATTACK_EMULATOR_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
  let death: string | undefined;
  let stopping = false;
  child.on('exit', (code, signal) => { if (!stopping) death = `exited (code ${code}, signal ${signal}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`; });
  const ask = <T>(message: object, type: string): Promise<T | undefined> => new Promise((resolve) => {
    if (death !== undefined || !child.connected) return resolve(undefined);
    const onMessage = (m: { type: string }) => { if (m.type === type) { cleanup(); resolve(m as T); } };
    const onExit = () => { cleanup(); resolve(undefined); };
    const cleanup = () => { child.off('message', onMessage); child.off('exit', onExit); };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message);
  });
  const ready = await new Promise<ChildReady>((resolve, reject) => {
    child.once('message', (m: ChildReady) => resolve(m));
    child.once('exit', () => reject(new Error(`the emulator did not start: ${stderr}`)));
  });
  return {
    ...ready,
    figures: () => ask<ChildFigures>({ type: 'figures' }, 'figures'),
    register: async (pem) => { await ask({ type: 'register', pem }, 'registered'); },
    serviceNames: async () => (await ask<{ names: string[] }>({ type: 'services' }, 'services'))?.names ?? [],
    get death() { return death; },
    stop: async () => {
      stopping = true;
      if (death !== undefined || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
