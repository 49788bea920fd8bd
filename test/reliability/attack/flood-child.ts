/** The flooding process (see flood.ts): reads its plan from the environment, floods, sends the result, exits. */
import { runFlood, type FloodPlan } from './flood.js';

const plan = JSON.parse(process.env['ATTACK_FLOOD_PLAN'] ?? '{}') as FloodPlan;
const result = await runFlood(plan);
process.send!(result, () => process.exit(0));
