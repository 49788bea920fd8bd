/**
 * The emulator's state on disk (the CLI's --data <dir>, startEmulator's `dataDir`): one snapshot file,
 * rewritten after every mutation. Snapshot-after-each-mutation rather than a journal: handlers change records in
 * place and asynchronous work runs closures at completion, so a journal of requests could only be replayed by
 * re-running them (with new ids, addresses and times), while a snapshot is the state itself. Its cost grows with
 * the state (tools/bench/persistence.ts measures it), which for an emulator's few hundred records is small.
 *
 * Serialization is generic: every own field of EmulatorState and of each SubscriptionState is written, Maps as
 * { "$map": [[key, value]...] } and Dates as { "$date": iso } at any depth, so a family that adds a Map of plain
 * records to SubscriptionState (or to a record) is persisted without code here. Class instances other than Map
 * and Date are not allowed in records: their public fields would be written but their class lost.
 *
 * Writes are atomic: the snapshot goes to a temporary file, is fsynced, renamed over the store and the folder
 * fsynced, so a process killed at any moment leaves either the previous snapshot or the new one, never a mix.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PersistedOperation } from './async-operations.js';
import { EmulatorState, type SubscriptionState } from './state.js';

export const STORE_FILE = 'state.json';
const FORMAT = 1;

/** What the store file holds. */
export interface StoreDocument {
  format: number;
  savedAt: string;
  state: Record<string, unknown>;
  operations: PersistedOperation[];
}

/** JSON.stringify replacer: `this[key]` is the raw value (a Date's toJSON has already run on `value`). */
function encodeValue(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Date) return { $date: raw.toISOString() };
  if (value instanceof Map) return { $map: [...value.entries()] };
  return value;
}

function reviveValue(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length !== 1) return value;
  if (keys[0] === '$map' && Array.isArray(record['$map'])) return new Map(record['$map'] as [unknown, unknown][]);
  if (keys[0] === '$date' && typeof record['$date'] === 'string') return new Date(record['$date']);
  return value;
}

export function encodeStore(state: EmulatorState, operations: PersistedOperation[]): string {
  const document: StoreDocument = { format: FORMAT, savedAt: new Date().toISOString(), state: { ...state }, operations };
  return JSON.stringify(document, encodeValue);
}

export function decodeStore(text: string, file: string): StoreDocument {
  let document: StoreDocument;
  try {
    document = JSON.parse(text, reviveValue) as StoreDocument;
  } catch (err) {
    throw new Error(`the emulator's store ${file} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (document.format !== FORMAT || typeof document.state !== 'object' || !Array.isArray(document.operations)) {
    throw new Error(`the emulator's store ${file} is not a format ${FORMAT} store`);
  }
  return document;
}

/**
 * Puts saved fields into a fresh state. Subscriptions start from addSubscription's defaults and take the saved
 * fields over them, so a Map a newer emulator added to SubscriptionState is there (empty) for an older store.
 * Top-level Maps are refilled, objects of a class (the address pool) take the saved fields, the rest is replaced.
 */
export function restoreState(state: EmulatorState, saved: Record<string, unknown>): void {
  const target = state as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(saved)) {
    const current = target[name];
    if (name === 'subscriptions' && value instanceof Map) {
      for (const subscription of (value as Map<string, SubscriptionState>).values()) {
        Object.assign(state.addSubscription(subscription.id), subscription);
      }
    } else if (current instanceof Map && value instanceof Map) {
      current.clear();
      for (const [key, entry] of value) current.set(key, entry);
    } else if (current !== null && typeof current === 'object' && !Array.isArray(current) && typeof value === 'object' && value !== null) {
      Object.assign(current, value);
    } else {
      target[name] = value;
    }
  }
}

/** Writes `text` to `file` so that a crash leaves the old file or the new one whole. */
export function writeAtomically(file: string, dir: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  // The rename itself is durable only once the folder's entry is on disk.
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/** The emulator's store in a folder: load once at start, save after each mutation. */
export class Store {
  readonly file: string;
  /** Snapshots written since start, and the time they took (tools/bench reads these). */
  writes = 0;
  writeMs = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, STORE_FILE);
    // A temporary file left by a process killed mid-write is an unfinished snapshot: the store file is whole.
    for (const name of readdirSync(dir)) if (name.startsWith(`${STORE_FILE}.`) && name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
  }

  load(): StoreDocument | undefined {
    if (!existsSync(this.file)) return undefined;
    return decodeStore(readFileSync(this.file, 'utf8'), this.file);
  }

  save(state: EmulatorState, operations: PersistedOperation[]): void {
    const started = performance.now();
    writeAtomically(this.file, this.dir, encodeStore(state, operations));
    this.writes++;
    this.writeMs += performance.now() - started;
  }
}
