/**
 * What a suite watches while it runs: peak memory (rss and heap, sampled), the longest event-loop stall, and any
 * exception or rejection nobody handled — each of which would crash or hang a real program.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface MonitorFigures {
  peakRssMiB: number;
  peakHeapMiB: number;
  /** The longest time the event loop was blocked. */
  maxStallMs: number;
  uncaught: string[];
}

export interface Monitor {
  stop(): MonitorFigures;
}

const MiB = 1024 * 1024;

export function startMonitor(sampleMs = 20): Monitor {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, sampleMs);
  timer.unref();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const uncaught: string[] = [];
  const onError = (err: unknown) => { uncaught.push(err instanceof Error ? `${err.name}: ${err.message}` : String(err)); };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return {
    stop: () => {
      sample();
      clearInterval(timer);
      delay.disable();
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
      return { peakRssMiB: Math.round(peakRss / MiB), peakHeapMiB: Math.round(peakHeap / MiB), maxStallMs: Math.round(delay.max / 1e6), uncaught };
    },
  };
}

/** rss in MiB now, after a garbage collection when the process allows one (--expose-gc). */
export function settledRssMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / MiB);
}

export function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / MiB);
}
