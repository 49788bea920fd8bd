/**
 * The subscription itself: its properties, limits and current usage (GetSubscription, whose Current* counters
 * move with the state), and the subscriptions the caller's certificate may manage (ListSubscriptions).
 */
import type { Subscription } from '../../../generated/models/index.js';
import { usageOf } from '../quotas.js';
import type { EmulatorState, SubscriptionState } from '../state.js';
import { done, type HandlerTable } from './types.js';

function subscriptionView(state: EmulatorState, subscription: SubscriptionState): Subscription {
  const p = subscription.properties;
  const usage = usageOf(state, subscription);
  return {
    SubscriptionID: subscription.id, SubscriptionName: p.SubscriptionName, SubscriptionStatus: p.SubscriptionStatus,
    AccountAdminLiveEmailId: p.AccountAdminLiveEmailId, ServiceAdminLiveEmailId: p.ServiceAdminLiveEmailId,
    MaxCoreCount: p.MaxCoreCount, MaxStorageAccounts: p.MaxStorageAccounts, MaxHostedServices: p.MaxHostedServices,
    CurrentCoreCount: usage.CurrentCoreCount, CurrentHostedServices: usage.CurrentHostedServices, CurrentStorageAccounts: usage.CurrentStorageAccounts,
    MaxVirtualNetworkSites: p.MaxVirtualNetworkSites, MaxLocalNetworkSites: p.MaxLocalNetworkSites, MaxDnsServers: p.MaxDnsServers,
    OfferCategories: p.OfferCategories, AADTenantID: p.AADTenantID, CreatedTime: new Date(p.CreatedTime), MaxReservedIPs: p.MaxReservedIPs,
    CurrentReservedIPs: usage.CurrentReservedIPs, MaxPublicIPCount: p.MaxPublicIPCount, CurrentNetworkSecurityGroups: subscription.networkSecurityGroups.size,
    MaxNetworkSecurityGroups: p.MaxNetworkSecurityGroups, MaxNetworkSecurityRulesPerGroup: p.MaxNetworkSecurityRulesPerGroup,
    MaxRouteTables: p.MaxRouteTables, MaxRoutesPerRouteTable: p.MaxRoutesPerRouteTable,
  };
}

export const subscriptionHandlers: HandlerTable = {
  GetSubscription: (ctx) => done(200, subscriptionView(ctx.state, ctx.subscription)),
  ListSubscriptions: (ctx) => done(200, [...ctx.state.subscriptions.values()].filter((s) => ctx.mayManage(s.id)).map((s) => subscriptionView(ctx.state, s))),
};
