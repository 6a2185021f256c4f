import {
  AcceptedBid,
  Application,
  Auction,
  AuctionStore,
  Continuation,
  RoomConnection,
  RoomConnections,
} from '../auctions';
import {
  AwardReads,
  AwardStore,
  Award,
  AwardLetter,
  Contract,
  Evaluation,
  Negotiation,
  Publicity,
} from '../award';
import {
  BidReads,
  BiddingStore,
  Bid,
  BidderState,
  Bond,
  LateAttempts,
  Opening,
  OpeningShare,
} from '../bidding';
import { ChallengeReads, Challenges, ComplaintStore } from '../complaints';
import { CustodyReads, CustodyStore, CustodianKey, OpeningKey } from '../custody';
import { CommitteeReads, DrawStore, Committee, Draw, DrawLock } from '../draw-ceremony';
import { ExpertStore, PoolReads, Expert, ExpertImport, ExpertPoolHead } from '../experts';
import { HolidayCalendar } from '../legal-rules';
import {
  Guarantee,
  LedgerReads,
  LedgerStore,
  Movement,
  Refund,
  ServiceFee,
  Statement,
  StoredPosting,
  SubAccount,
} from '../ledger';
import { Lifecycle, LifecycleStore } from '../lifecycle';
import { Delivery, NotificationStore, OutboxMessage } from '../notifications';
import { OpenDataStore } from '../open-data';
import { Witness, WitnessStore } from '../audit-log';
import { Organisation } from '../organisations';
import { CaseStore, MonitoringCase, SupervisionStore } from '../supervision';
import {
  DocumentVersion,
  Notice,
  Project,
  Registration,
  Tender,
  Download,
  NoticeDelivery,
  NoticeQuery,
  TenderReads,
  TenderStore,
} from '../tenders';
import { CommitteeSeats, RoomSchedule, VenueStore } from '../venues';
import { indexKeys, keys } from './key-scheme';
import { committer, itemOf, putRecords } from './records';
import { RecordTable } from './record-table';

/**
 * Each context's store on the platform table. A context's port lists the methods it calls; these
 * implement them from small sets of reads, so a read is written once whichever contexts use it.
 */

const tenderReads = (table: RecordTable): TenderReads => ({
  project: (id) => table.get<Project>(keys.project(id)),
  tender: (id) => table.get<Tender>(keys.tender(id)),
  registration: (tenderId, org) => table.get<Registration>(keys.registration(tenderId, org)),
  registrations: (tenderId) => table.query<Registration>(keys.tender(tenderId).pk, 'REG#'),
  organisation: (id) => table.get<Organisation>(keys.organisation(id)),
  calendar: (year) => table.get<HolidayCalendar>(keys.calendar(year)),
});

/** Newest first, filtered by type and time; the cursor is the last sort key returned. */
const noticePage = async (table: RecordTable, pk: string, query: NoticeQuery) => {
  const range = { from: query.from ?? '0000', to: query.cursor ?? query.to ?? '9999' };
  const where = query.type ? { field: 'type', value: query.type } : undefined;
  const { items, last } = await table.page<Notice>(pk, range, query.limit, where);
  return { notices: items, ...(last ? { next: last } : {}) };
};

const delivery = (table: RecordTable): NoticeDelivery => ({
  // Plain puts: each item is keyed by organisation and notice, so a repeat rewrites the same item.
  deliver: (orgs, notice) => table.put(orgs.map((org) => itemOf({ kind: 'inbox', org, value: notice }))),
});

const custodyReads = (table: RecordTable): CustodyReads => ({
  custodianKey: (user) => table.get<CustodianKey>(keys.custodianKey(user)),
  custodianKeys: () => table.queryIndex<CustodianKey>(indexKeys.custodianKey('').gsi1pk),
  openingKey: (tenderId) => table.get<OpeningKey>(keys.openingKey(tenderId)),
});

const bidReads = (table: RecordTable): BidReads => ({
  bid: (tenderId, org, bidId) => table.get<Bid>(keys.bid(tenderId, org, bidId)),
  bidderStates: (tenderId) => table.query<BidderState>(keys.tender(tenderId).pk, 'BIDDER#'),
  opening: (tenderId) => table.get<Opening>(keys.opening(tenderId)),
  bonds: (tenderId) => table.query<Bond>(keys.tender(tenderId).pk, 'BOND#'),
});

const poolReads = (table: RecordTable): PoolReads => ({
  expertPool: () => table.get<ExpertPoolHead>(keys.expertPool()),
  experts: (generation) => table.query<Expert>(keys.expert(generation, '').pk, 'EXPERT#'),
  expert: (generation, id) => table.get<Expert>(keys.expert(generation, id)),
  specialties: async () =>
    (await table.queryIndex<{ code: string }>(indexKeys.specialty('').gsi1pk)).map((s) => s.code),
});

const committeeReads = (table: RecordTable): CommitteeReads => ({
  committee: (tenderId) => table.get<Committee>(keys.committee(tenderId)),
  draws: (tenderId) => table.queryIndex<Draw>(indexKeys.draw(tenderId, '').gsi1pk),
});

const awardReads = (table: RecordTable): AwardReads => ({
  evaluation: (tenderId) => table.get<Evaluation>(keys.evaluation(tenderId)),
  publicity: (tenderId) => table.get<Publicity>(keys.publicity(tenderId)),
  negotiation: (tenderId) => table.get<Negotiation>(keys.negotiation(tenderId)),
  award: (tenderId) => table.get<Award>(keys.award(tenderId)),
  contract: (tenderId) => table.get<Contract>(keys.contract(tenderId)),
});

const challengeReads = (table: RecordTable): ChallengeReads => ({
  challenges: (tenderId) => table.get<Challenges>(keys.challenges(tenderId)),
});

const ledgerReads = (table: RecordTable): LedgerReads => ({
  refunds: () => table.queryIndex<Refund>(indexKeys.refund('', '').gsi1pk),
  serviceFee: (tenderId) => table.get<ServiceFee>(keys.serviceFee(tenderId)),
});

/** The ledger on the platform table: movements and postings, sub-accounts, guarantees, refunds, statements. */
export const ledgerStore = (table: RecordTable): LedgerStore => ({
  ...ledgerReads(table),
  ...committer(table),
  tender: (id) => table.get<Tender>(keys.tender(id)),
  project: (id) => table.get<Project>(keys.project(id)),
  registration: (tenderId, org) => table.get<Registration>(keys.registration(tenderId, org)),
  calendar: (year) => table.get<HolidayCalendar>(keys.calendar(year)),
  movement: (id) => table.get<Movement>(keys.movement(id)),
  movements: () => table.queryIndex<Movement>(indexKeys.movement('', '').gsi1pk),
  postings: (account) => table.query<StoredPosting>(keys.posting(account, '', '').pk, 'POSTING#'),
  subAccount: (number) => table.get<SubAccount>(keys.subAccount(number)),
  bidderSubAccount: (tenderId, org) => table.get<SubAccount>(keys.bidderSubAccount(tenderId, org)),
  subAccounts: (tenderId) => table.query<SubAccount>(keys.tender(tenderId).pk, 'SUBACCOUNT#'),
  guarantee: (tenderId, org) => table.get<Guarantee>(keys.guarantee(tenderId, org)),
  guarantees: (tenderId) => table.query<Guarantee>(keys.tender(tenderId).pk, 'GUARANTEE#'),
  refund: (id) => table.get<Refund>(keys.refund(id)),
  organisation: (id) => table.get<Organisation>(keys.organisation(id)),
  statement: (id) => table.get<Statement>(keys.statement(id)),
  statements: (day) => table.queryIndex<Statement>(indexKeys.statement(day, '').gsi1pk),
});

const lifecycleRead = (table: RecordTable) => ({
  lifecycle: (tenderId: string) => table.get<Lifecycle>(keys.lifecycle(tenderId)),
});

/** A tender's document versions, drafts included: each reader picks what it may show. */
const documentVersions = (table: RecordTable) => (tenderId: string) =>
  table.query<DocumentVersion>(keys.tender(tenderId).pk, 'DOC#');

export const tenderStore = (table: RecordTable): TenderStore => ({
  ...tenderReads(table),
  ...custodyReads(table),
  ...delivery(table),
  ...committer(table),
  documents: documentVersions(table),
  downloads: (tenderId) => table.query<Download>(keys.tender(tenderId).pk, 'DL#'),
  notices: (query) => noticePage(table, 'NOTICES', query),
  notice: (publishedAt, id) => table.get<Notice>(keys.notice(publishedAt, id)),
  inbox: (org, query) => noticePage(table, keys.inbox(org, '', '').pk, query),
});

/** The rooms' schedules, the tenders whose openings they hold, and the draws that size their committees. */
export const venueStore = (table: RecordTable): VenueStore => ({
  ...committer(table),
  draws: committeeReads(table).draws,
  tender: (id) => table.get<Tender>(keys.tender(id)),
  roomSchedule: (roomId) => table.get<RoomSchedule>(keys.roomSchedule(roomId)),
  committeeSeats: (tenderId) => table.get<CommitteeSeats>(keys.committeeSeats(tenderId)),
});

export const custodyStore = (table: RecordTable): CustodyStore => ({
  ...custodyReads(table),
  ...committer(table),
});

export const biddingStore = (table: RecordTable): BiddingStore => ({
  ...tenderReads(table),
  ...ledgerStore(table),
  ...custodyReads(table),
  ...bidReads(table),
  ...committer(table),
  bids: (tenderId, org) => table.query<Bid>(keys.tender(tenderId).pk, org ? `BID#${org}#` : 'BID#'),
  bidderState: (tenderId, org) => table.get<BidderState>(keys.bidderState(tenderId, org)),
  shares: (tenderId) => table.query<OpeningShare>(keys.tender(tenderId).pk, 'SHARE#'),
  lateAttempts: (tenderId, org) => table.get<LateAttempts>(keys.lateAttempts(tenderId, org)),
  countLateAttempt: (tenderId, org, at) => table.count(keys.lateAttempts(tenderId, org), { last: at }),
  put: putRecords(table),
});

export const expertStore = (table: RecordTable): ExpertStore => ({
  ...poolReads(table),
  ...committer(table),
  expertImport: (id) => table.get<ExpertImport>(keys.expertImport(id)),
  put: putRecords(table),
});

export const drawStore = (table: RecordTable): DrawStore => ({
  ...tenderReads(table),
  ...poolReads(table),
  ...committeeReads(table),
  ...committer(table),
  draw: (id) => table.get<Draw>(keys.draw(id)),
  drawSecret: async (id) => (await table.get<{ secret: string }>(keys.drawSecret(id)))?.secret,
  drawLock: (tenderId) => table.get<DrawLock>(keys.drawLock(tenderId)),
});

export const awardStore = (table: RecordTable): AwardStore => ({
  ...tenderReads(table),
  ...delivery(table),
  ...bidReads(table),
  ...committeeReads(table),
  ...awardReads(table),
  ...challengeReads(table),
  ...committer(table),
  awardLetter: (tenderId) => table.get<AwardLetter>(keys.awardLetter(tenderId)),
});

export const lifecycleStore = (table: RecordTable): LifecycleStore => ({
  ...tenderReads(table),
  ...bidReads(table),
  ...ledgerStore(table),
  ...committeeReads(table),
  ...awardReads(table),
  ...challengeReads(table),
  ...lifecycleRead(table),
  ...committer(table),
});

export const supervisionStore = (table: RecordTable): SupervisionStore => ({
  ...awardReads(table),
  ...challengeReads(table),
  ...ledgerReads(table),
  project: (id) => table.get<Project>(keys.project(id)),
  opening: (tenderId) => table.get<Opening>(keys.opening(tenderId)),
  ...lifecycleRead(table),
  calendar: (year) => table.get<HolidayCalendar>(keys.calendar(year)),
  tenders: () => allTenders(table),
});

export const caseStore = (table: RecordTable): CaseStore => ({
  ...supervisionStore(table),
  ...committer(table),
  tender: (id) => table.get<Tender>(keys.tender(id)),
  monitoringCase: (id) => table.get<MonitoringCase>(keys.monitoringCase(id)),
  monitoringCases: () => table.queryIndex<MonitoringCase>(indexKeys.monitoringCase('', '').gsi1pk),
});

/** Every tender of every project, read from the index project by project. */
const allTenders = async (table: RecordTable): Promise<Tender[]> => {
  const projects = await table.queryIndex<Project>(indexKeys.project('').gsi1pk);
  const lists = await Promise.all(
    projects.map((p) => table.queryIndex<Tender>(indexKeys.tender(p.id, '').gsi1pk)),
  );
  return lists.flat();
};

export const complaintStore = (table: RecordTable): ComplaintStore => ({
  ...tenderReads(table),
  ...delivery(table),
  ...challengeReads(table),
  ...committer(table),
  async objectionsElsewhere(tenderId, org, where) {
    const record =
      where === 'opening'
        ? await table.get<Opening>(keys.opening(tenderId))
        : await table.get<Publicity>(keys.publicity(tenderId));
    return (record?.objections ?? []).filter((o) => o.bidderOrg === org);
  },
});

export const openDataStore = (table: RecordTable): OpenDataStore => ({
  ...tenderReads(table),
  ...awardReads(table),
  documents: documentVersions(table),
  opening: (tenderId) => table.get<Opening>(keys.opening(tenderId)),
  async publicNotice(id, loggedAt) {
    // Five minutes before the entry's time covers any wait for the log's head (its retries take milliseconds).
    const from = new Date(Date.parse(loggedAt) - 300_000).toISOString();
    const { items } = await table.page<Notice>(keys.notice('', '').pk, { from, to: `${loggedAt}~` }, 1, {
      field: 'id',
      value: id,
    });
    return items[0];
  },
});

/** Who watches which auction: plain items, written and deleted as watchers come and go, never audited. */
export const roomConnections = (table: RecordTable): RoomConnections => ({
  joinRoom: (c) =>
    table.put([
      { ...keys.roomWatcher(c.auctionId, c.connectionId), ...c },
      { ...keys.roomConnection(c.connectionId), ...c },
    ]),
  roomConnection: (id) => table.get<RoomConnection>(keys.roomConnection(id)),
  roomConnections: (auctionId) => table.query<RoomConnection>(keys.auction(auctionId).pk, 'CONN#'),
  leaveRoom: (c) =>
    table.remove([keys.roomWatcher(c.auctionId, c.connectionId), keys.roomConnection(c.connectionId)]),
});

export const auctionStore = (table: RecordTable): AuctionStore => ({
  ...committer(table),
  auction: (id) => table.get<Auction>(keys.auction(id)),
  auctions: () => table.queryIndex<Auction>(indexKeys.auction('').gsi1pk),
  application: (id, org) => table.get<Application>(keys.auctionApplication(id, org)),
  applications: (id) => table.query<Application>(keys.auction(id).pk, 'APP#'),
  auctionBids: (id) => table.query<AcceptedBid>(keys.auction(id).pk, 'BID#'),
  auctionBid: (id, sequence) => table.get<AcceptedBid>(keys.auctionBid(id, sequence)),
  continuations: (id) => table.query<Continuation>(keys.auction(id).pk, 'CONTINUE#'),
  organisation: (id) => table.get<Organisation>(keys.organisation(id)),
  calendar: (year) => table.get<HolidayCalendar>(keys.calendar(year)),
});

/** The log's witnesses, one item each: registered with an audit entry, cosigned without one. */
export const witnessStore = (table: RecordTable): WitnessStore => ({
  witness: (name) => table.get<Witness>(keys.witness(name)),
  witnesses: () => table.query<Witness>(keys.witness('').pk, keys.witness('').sk),
  async register(witness, entry) {
    const existing = await table.get<Witness>(keys.witness(witness.name));
    // A rotated key starts afresh: cosignatures by the old key no longer count.
    await table.append(entry, {
      replace: [
        {
          item: { ...keys.witness(witness.name), ...witness },
          expect: existing ? { verifierKey: existing.verifierKey } : {},
        },
      ],
    });
  },
  putCosigned: (witness) => table.put([{ ...keys.witness(witness.name), ...witness }]),
});

/** The outbox and its deliveries: the relay reads recent messages and commits each delivery on condition. */
export const notificationStore = (table: RecordTable): NotificationStore => ({
  ...committer(table),
  async recentMessages(since) {
    const messages: OutboxMessage[] = [];
    let to: string | undefined = '9999';
    while (to) {
      const page: { items: OutboxMessage[]; last?: string } = await table.page<OutboxMessage>(
        keys.outbox('', '').pk,
        { from: since, to },
        100,
      );
      messages.push(...page.items);
      to = page.last;
    }
    return messages;
  },
  delivery: (m) => table.get<Delivery>(keys.delivery(m.createdAt, m.id, m.channel)),
});
