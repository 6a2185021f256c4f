import { AuditEntry, Change, Committer, Writes } from '../audit-log';
import { AuctionRecord } from '../auctions';
import { AwardRecord } from '../award';
import { BiddingRecord } from '../bidding';
import { ComplaintRecord } from '../complaints';
import { CustodyRecord } from '../custody';
import { CeremonyRecord } from '../draw-ceremony';
import { ExpertRecord } from '../experts';
import { LedgerRecord } from '../ledger';
import { LifecycleRecord } from '../lifecycle';
import { NotificationRecord } from '../notifications';
import { CaseRecord } from '../supervision';
import { Notice, TenderRecord } from '../tenders';
import { VenueRecord } from '../venues';
import { indexKeys, keys } from './key-scheme';
import { Item, ItemWrites, RecordTable } from './record-table';

/** A notice in one organisation's own notices; written by delivery, not by a change. */
type InboxRecord = { kind: 'inbox'; org: string; value: Notice };

/** Every record any context hands to storage. */
export type StoredRecord =
  | TenderRecord
  | CustodyRecord
  | BiddingRecord
  | ExpertRecord
  | CeremonyRecord
  | AwardRecord
  | LifecycleRecord
  | ComplaintRecord
  | AuctionRecord
  | LedgerRecord
  | VenueRecord
  | NotificationRecord
  | CaseRecord
  | InboxRecord;

/** Where each record lives: the one place that turns domain records into items of the key scheme. */
export const itemOf = (record: StoredRecord): Item => {
  switch (record.kind) {
    case 'project':
      return { ...keys.project(record.value.id), ...indexKeys.project(record.value.id), ...record.value };
    case 'tender':
      return {
        ...keys.tender(record.value.id),
        ...indexKeys.tender(record.value.projectId, record.value.id),
        ...record.value,
      };
    case 'document':
      return {
        ...keys.documentVersion(record.tenderId, record.value.documentId, record.value.version),
        ...record.value,
      };
    case 'registration':
      return { ...keys.registration(record.value.tenderId, record.value.bidderOrg), ...record.value };
    case 'download': {
      const d = record.value;
      return { ...keys.download(d.tenderId, d.bidderOrg, d.at, d.documentId), ...d };
    }
    case 'notice':
      return { ...keys.notice(record.value.publishedAt, record.value.id), ...record.value };
    case 'inbox':
      return { ...keys.inbox(record.org, record.value.publishedAt, record.value.id), ...record.value };
    case 'calendar':
      return { ...keys.calendar(record.year), year: record.year, ...record.value };
    case 'expertPool':
      return { ...keys.expertPool(), ...record.value };
    case 'expert':
      return { ...keys.expert(record.generation, record.value.id), ...record.value };
    case 'expertImport':
      return { ...keys.expertImport(record.value.id), ...record.value };
    case 'draw':
      return {
        ...keys.draw(record.value.id),
        ...indexKeys.draw(record.value.tenderId, record.value.createdAt),
        ...record.value,
      };
    case 'drawSecret':
      return { ...keys.drawSecret(record.drawId), ...record.value };
    case 'committee':
      return { ...keys.committee(record.value.tenderId), ...record.value };
    case 'drawLock':
      return { ...keys.drawLock(record.value.tenderId), ...record.value };
    case 'outbox':
      return { ...keys.outbox(record.value.createdAt, record.value.id), ...record.value };
    case 'delivery': {
      const d = record.value;
      return { ...keys.delivery(d.createdAt, d.messageId, d.channel), ...d };
    }
    case 'custodianKey':
      return {
        ...keys.custodianKey(record.value.user),
        ...indexKeys.custodianKey(record.value.user),
        ...record.value,
      };
    case 'openingKey':
      return { ...keys.openingKey(record.value.tenderId), ...record.value };
    case 'bid': {
      const b = record.value;
      return { ...keys.bid(b.tenderId, b.bidderOrg, b.bidId), ...b };
    }
    case 'bidderState':
      return { ...keys.bidderState(record.value.tenderId, record.value.bidderOrg), ...record.value };
    case 'bond':
      return { ...keys.bond(record.value.tenderId, record.value.bidderOrg), ...record.value };
    case 'opening':
      return { ...keys.opening(record.value.tenderId), ...record.value };
    case 'lateAttempts':
      return { ...keys.lateAttempts(record.value.tenderId, record.value.bidderOrg), ...record.value };
    case 'openingShare':
      return { ...keys.openingShare(record.value.tenderId, record.value.custodian), ...record.value };
    case 'evaluation':
      return { ...keys.evaluation(record.value.tenderId), ...record.value };
    case 'publicity':
      return { ...keys.publicity(record.value.tenderId), ...record.value };
    case 'negotiation':
      return { ...keys.negotiation(record.value.tenderId), ...record.value };
    case 'award':
      return { ...keys.award(record.value.tenderId), ...record.value };
    case 'contract':
      return { ...keys.contract(record.value.tenderId), ...record.value };
    case 'awardLetter':
      return { ...keys.awardLetter(record.value.tenderId), ...record.value };
    case 'lifecycle':
      return { ...keys.lifecycle(record.value.tenderId), ...record.value };
    case 'challenges':
      return { ...keys.challenges(record.value.tenderId), ...record.value };
    case 'auction':
      return { ...keys.auction(record.value.id), ...indexKeys.auction(record.value.id), ...record.value };
    case 'auctionApplication':
      return { ...keys.auctionApplication(record.value.auctionId, record.value.org), ...record.value };
    case 'auctionPaddle':
      return { ...keys.auctionPaddle(record.value.auctionId, record.value.paddle), ...record.value };
    case 'auctionBid':
      return { ...keys.auctionBid(record.value.auctionId, record.value.sequence), ...record.value };
    case 'auctionContinuation':
      return { ...keys.auctionContinuation(record.value.auctionId, record.value.paddle), ...record.value };
    case 'movement': {
      const m = record.value;
      return { ...keys.movement(m.id), ...indexKeys.movement(m.at, m.id), ...m };
    }
    case 'posting': {
      const p = record.value;
      return { ...keys.posting(p.account, p.at, p.movementId), ...p };
    }
    case 'subAccount':
      return { ...keys.subAccount(record.value.number), ...record.value };
    case 'bidderSubAccount':
      return { ...keys.bidderSubAccount(record.value.tenderId, record.value.bidderOrg), ...record.value };
    case 'guarantee':
      return { ...keys.guarantee(record.value.tenderId, record.value.bidderOrg), ...record.value };
    case 'refund':
      return {
        ...keys.refund(record.value.id),
        ...indexKeys.refund(record.value.dueAt, record.value.id),
        ...record.value,
      };
    case 'serviceFee':
      return { ...keys.serviceFee(record.value.tenderId), ...record.value };
    case 'statement':
      return {
        ...keys.statement(record.value.id),
        ...indexKeys.statement(record.day, record.value.importedAt),
        ...record.value,
      };
    case 'roomSchedule':
      return { ...keys.roomSchedule(record.value.roomId), ...record.value };
    case 'committeeSeats':
      return { ...keys.committeeSeats(record.value.tenderId), ...record.value };
    case 'sealedProcess':
      return { ...keys.sealedProcess(record.value.id), ...record.value };
    case 'monitoringCase':
      return {
        ...keys.monitoringCase(record.value.id),
        ...indexKeys.monitoringCase(record.value.openedAt, record.value.id),
        ...record.value,
      };
  }
};

const itemWrites = (writes: Writes<StoredRecord>): ItemWrites => ({
  create: (writes.create ?? []).map(itemOf),
  replace: (writes.replace ?? []).map(({ record, expect }) => ({ item: itemOf(record), expect })),
});

const merge = (a: ItemWrites, b: ItemWrites): ItemWrites => ({
  create: [...(a.create ?? []), ...(b.create ?? [])],
  replace: [...(a.replace ?? []), ...(b.replace ?? [])],
});

/** Changes of any context, committed to the table with their audit entries. */
export const committer = (table: RecordTable): Committer<StoredRecord> => ({
  commit: ({ entry, cite, ...writes }: Change<StoredRecord>): Promise<AuditEntry> =>
    table.append(
      entry,
      cite ? (logged) => merge(itemWrites(writes), itemWrites(cite(logged))) : itemWrites(writes),
    ),
});

/** Records written without an audit entry (progress, bulk data an audited change adopts). */
export const putRecords =
  (table: RecordTable) =>
  (records: StoredRecord[]): Promise<void> =>
    table.put(records.map(itemOf));
