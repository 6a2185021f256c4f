import {
  applyToAuction,
  askToContinue,
  auctionRecord,
  auctionRoutes,
  createAuction,
  decideApplication,
  listApplications,
  listAuctions,
  myApplication,
  placeBid,
  publishAuctionResult,
  viewAuction,
  AuctionDeps,
} from '../../packages/auctions';
import { auctionStore } from '../../packages/storage';
import { clock, platformTable } from '../adapters';
import { contextHandler, created, ok } from '../http/http-handler';

const deps: AuctionDeps = { store: auctionStore(platformTable()), clock };

/** Listings and auctions of land, mining rights and state property: announcement, applications, live bids, result. */
export const handler = contextHandler(auctionRoutes, {
  createAuction: async ({ caller, body, idempotencyKey }) => {
    const { auction, created: isNew } = await createAuction(deps, caller, body, idempotencyKey);
    return isNew ? created(auction) : ok(auction);
  },
  listAuctions: async () => ok({ auctions: await listAuctions(deps) }),
  getAuction: async ({ path }) => ok(await viewAuction(deps, path.id)),
  applyToAuction: async ({ caller, path, body }) => ok(await applyToAuction(deps, caller, path.id, body)),
  getMyAuctionApplication: async ({ caller, path }) => ok(await myApplication(deps, caller, path.id)),
  listAuctionApplications: async ({ caller, path }) =>
    ok({ applications: await listApplications(deps, caller, path.id) }),
  decideAuctionApplication: async ({ caller, path, body }) =>
    ok(await decideApplication(deps, caller, path.id, path.org, body)),
  placeAuctionBid: async ({ caller, path, body }) => created(await placeBid(deps, caller, path.id, body)),
  askToContinueAuction: async ({ caller, path }) => ok(await askToContinue(deps, caller, path.id)),
  publishAuctionResult: async ({ caller, path, body }) =>
    ok(await publishAuctionResult(deps, caller, path.id, body)),
  getAuctionRecord: async ({ path }) => ok(await auctionRecord(deps, path.id)),
});
