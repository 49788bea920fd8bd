/**
 * npm run scenarios:update [file…] — regenerates the expected output blocks of every scenario under
 * test/codegen/scenarios/ (or of the files named). Run it when a generator change is meant, then read the diff:
 * it is what the change does to generated code.
 */
import { defaultRoot } from '../../src/codegen/run.js';
import { updateScenarioFiles } from './support/scenarios.js';

const changed = await updateScenarioFiles(defaultRoot, process.argv.slice(2));
process.stdout.write(changed.length === 0 ? 'scenarios: all up to date\n' : `scenarios: updated\n${changed.map((f) => `  ${f}`).join('\n')}\n`);
