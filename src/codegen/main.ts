/**
 * npm run generate            — writes generated/ and docs/api/ from spec/, and reports the API changes
 * npm run generate -- --check — exits 1, naming the files, when they differ from what spec/ produces
 */
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2));
