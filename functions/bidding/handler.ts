import { custodyRoutes, listCustodians, registerCustodianKey } from '../../packages/custody';
import {
  confirmBid,
  myBids,
  myShare,
  recordBond,
  requestBidUpload,
  withdrawBid,
  answerObjection,
  raiseObjection,
  startOpening,
  submitShare,
  viewOpening,
  publishedProcessLog,
  biddingRoutes,
  BiddingDeps,
} from '../../packages/bidding';
import { actorOf } from '../../packages/audit-log';
import { refundOnWithdrawal } from '../../packages/ledger';
import { biddingStore, custodyStore, ledgerStore } from '../../packages/storage';
import { backgroundWork, bidStore, clock, milestones, platformTable, processLogs } from '../adapters';
import { accepted, contextHandler, created, ok } from '../http/http-handler';

const table = platformTable();
const work = backgroundWork();
const deps: BiddingDeps = {
  store: biddingStore(table),
  clock,
  milestones: milestones(table),
  bids: bidStore(),
  processLogs: processLogs(),
  decryption: { start: (tenderId, run) => work.start('decrypt-bids', tenderId, run) },
  refunds: {
    onWithdrawal: (...withdrawal) => refundOnWithdrawal({ store: ledgerStore(table), clock }, ...withdrawal),
  },
};
const custody = { store: custodyStore(table), clock };

/**
 * Sealed bids and the opening (开标): custodians' keys and shares, upload slots and receipts,
 * withdrawals, bonds, the opening record and its objections.
 */
export const handler = contextHandler([...custodyRoutes, ...biddingRoutes] as const, {
  registerCustodianKey: async ({ caller, body }) =>
    ok(await registerCustodianKey(custody, caller, body.publicKey)),
  listCustodians: async () => ok(await listCustodians(custody)),
  getMyOpeningKeyShare: async ({ caller, path }) => ok(await myShare(deps, caller, path.id)),
  requestBidUpload: async ({ caller, path, body }) =>
    created(await requestBidUpload(deps, caller, path.id, body)),
  confirmBid: async ({ caller, path }) => ok(await confirmBid(deps, caller, path.id, path.bidId)),
  getMyBid: async ({ caller, path }) => ok(await myBids(deps, caller, path.id)),
  withdrawBid: async ({ caller, path }) => ok(await withdrawBid(deps, caller, path.id)),
  recordBond: async ({ caller, path, body }) => ok(await recordBond(deps, caller, path.id, path.org, body)),
  startOpening: async ({ caller, path }) => ok(await startOpening(deps, actorOf(caller), path.id)),
  submitOpeningKeyShare: async ({ caller, path, body }) => {
    const opening = await submitShare(deps, caller, path.id, body.share);
    return opening.status === 'decrypting' ? accepted(opening, `/tenders/${path.id}/opening`) : ok(opening);
  },
  getOpening: async ({ path }) => ok(await viewOpening(deps, path.id)),
  getProcessLog: async ({ path, query }) => ok(await publishedProcessLog(deps, path.id, query)),
  raiseOpeningObjection: async ({ caller, path, body }) =>
    ok(await raiseObjection(deps, caller, path.id, body.text)),
  answerOpeningObjection: async ({ caller, path, body }) =>
    ok(await answerObjection(deps, caller, path.id, path.number, body.answer)),
});
