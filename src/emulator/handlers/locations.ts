/** Locations: the data-center list, from state (preloaded, or replaced by a state file). */
import { done, type HandlerTable } from './types.js';

export const locationHandlers: HandlerTable = {
  ListLocations: (ctx) => done(200, ctx.state.locations),
};
