/**
 * The network configuration document (GetNetworkConfiguration / SetNetworkConfiguration). Setting it is
 * asynchronous (recorded 202, then polled as an ordinary operation); it is read and checked when the request
 * arrives and applied when the operation completes, checked again then.
 */
import { checkNetworkConfiguration } from '../network/rules.js';
import { applyNetworkConfiguration, networkConfigurationOf } from '../network/sites.js';
import { TEXT_DOCUMENT } from '../respond.js';
import { accepted, assertNotBusy, done, type HandlerContext, type HandlerTable } from './types.js';

/** One configuration change at a time per subscription, as the service serialized them. */
export const NETWORK_RESOURCE = 'networking/media';

function setNetworkConfiguration(ctx: HandlerContext<'SetNetworkConfiguration'>) {
  assertNotBusy(ctx, NETWORK_RESOURCE, 'network configuration');
  const document = ctx.body;
  // A dry run on a scratch copy refuses a bad document with 400 now, not as a Failed operation later.
  checkNetworkConfiguration(ctx.state, ctx.subscription, document);
  applyNetworkConfiguration({ ...ctx.subscription, dnsServers: new Map(), localNetworkSites: new Map(), virtualNetworkSites: new Map(ctx.subscription.virtualNetworkSites) }, document);
  return accepted({
    resource: NETWORK_RESOURCE,
    complete: () => {
      checkNetworkConfiguration(ctx.state, ctx.subscription, document);
      applyNetworkConfiguration(ctx.subscription, document);
    },
  });
}

export const networkConfigurationHandlers: HandlerTable = {
  // Served as the service served it: a text/plain file with a BOM and an XML declaration (xplat-cli recordings).
  GetNetworkConfiguration: (ctx) => done(200, networkConfigurationOf(ctx.subscription), { 'Content-Type': TEXT_DOCUMENT }),
  SetNetworkConfiguration: setNetworkConfiguration,
};
