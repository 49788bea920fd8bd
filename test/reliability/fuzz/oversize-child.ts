/** Child process of the oversize probe: reads one padded answer of argv[2] MiB and prints the result as JSON. */
import { readOversized } from './probes.js';

const result = await readOversized(Number(process.argv[2]));
process.stdout.write(`${JSON.stringify(result)}\n`);
