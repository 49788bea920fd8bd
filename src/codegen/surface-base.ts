/**
 * The baseline of the change report: the API surface as committed on the base the pull request targets, so that
 * the report describes the net change of the branch however often it was regenerated on the way (change a type,
 * change it back: no change).
 *
 * The base is `--base <ref>` (a branch, tag or commit), else ASM_API_BASE, else the first of origin/main and main
 * that git knows. Without git, or without any such ref, the snapshot on disk is the baseline, as it describes
 * the surface the checkout was committed with.
 */
import { spawnSync } from 'node:child_process';
import { readOrUndefined } from './drift.js';
import { surfacePath } from './surface-file.js';

export const defaultBases = ['origin/main', 'main'];

export interface BaseSurface {
  /** What the report is against, for the command's output: a git ref, or the file on disk. */
  label: string;
  /** The snapshot's text; undefined when the base has none (the first snapshot). */
  text: string | undefined;
}

export class BaseError extends Error {
  override name = 'BaseError';
}

function git(root: string, args: string[]): { ok: boolean; stdout: string } {
  const result = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, stdout: result.stdout ?? '' };
}

const knows = (root: string, ref: string): boolean => git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).ok;

/**
 * The snapshot committed where this branch left `ref` (their merge base, as a pull request's diff compares), or
 * undefined when that commit has none: a base that moved on since does not make the branch's report stale.
 */
function committedSurface(root: string, ref: string): string | undefined {
  const fork = git(root, ['merge-base', 'HEAD', ref]);
  const commit = fork.ok ? fork.stdout.trim() : ref;
  const shown = git(root, ['show', `${commit}:./${surfacePath}`]);
  return shown.ok ? shown.stdout : undefined;
}

/** Finds the baseline; an explicit base git does not know is an error, not a silent fallback. */
export function baseSurface(root: string, explicit: string | undefined): BaseSurface {
  if (explicit !== undefined) {
    if (!knows(root, explicit)) throw new BaseError(`the base "${explicit}" is not a commit git knows in ${root}; hint: fetch it, or name a branch, tag or commit`);
    return { label: explicit, text: committedSurface(root, explicit) };
  }
  const ref = defaultBases.find((candidate) => knows(root, candidate));
  if (ref !== undefined) return { label: ref, text: committedSurface(root, ref) };
  return { label: `${surfacePath} on disk, no git base found`, text: readOrUndefined(`${root}/${surfacePath}`) };
}

/** `--base <ref>` or `--base=<ref>` from the arguments, else ASM_API_BASE. */
export function baseArgument(argv: string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const i = argv.indexOf('--base');
  if (i >= 0) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith('--base='));
  if (inline !== undefined) return inline.slice('--base='.length);
  return env['ASM_API_BASE'] || undefined;
}
