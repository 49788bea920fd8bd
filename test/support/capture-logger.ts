/** A logger that keeps every entry, for tests that check what was (and was not) logged. */
import type { LogEntry, Logger } from '../../src/client/logging.js';

export interface CapturedLog {
  logger: Logger;
  entries: LogEntry[];
  /** Every entry as one JSON line each: what a log sink would store. */
  text(): string;
}

export function captureLogger(): CapturedLog {
  const entries: LogEntry[] = [];
  return {
    logger: (entry) => { entries.push(entry); },
    entries,
    text: () => entries.map((entry) => JSON.stringify(entry)).join('\n'),
  };
}
