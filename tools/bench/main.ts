/** `npm run bench`: prints each figure with its baseline measured in the same run. */
import { benchCall } from './call.js';
import { benchGenerate } from './generate.js';
import { benchParse } from './parse.js';
import { benchPersistence } from './persistence.js';
import { benchStartup } from './startup.js';
import { benchTypecheck } from './typecheck.js';

const only = process.argv.slice(2);
const suites: Array<[string, () => Promise<string[]>]> = [
  ['call', benchCall], ['generate', benchGenerate], ['parse', benchParse], ['persistence', benchPersistence], ['startup', benchStartup], ['typecheck', benchTypecheck],
];
for (const [name, run] of suites) {
  if (only.length > 0 && !only.includes(name)) continue;
  for (const line of await run()) console.log(line);
}
