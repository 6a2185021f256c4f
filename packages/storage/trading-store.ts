import { DynamoDBDocumentClient, GetCommand, QueryCommand, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { batchPut } from './batch-put';
import { Clock } from '../kernel/clock';
import { HolidayCalendar } from '../legal-rules/calendar';
import { Organisation } from '../organisations/organisation';
import { DocumentVersion, Notice, Project, Registration, Tender } from '../tenders/model';
import { Award, AwardLetter, Contract, Evaluation, Publicity } from '../award/model';
import { Lifecycle } from '../lifecycle/model';
import { Bid, BidderState, Bond, Opening } from '../bidding/model';
import { Committee, Draw, DrawLock } from '../draw-ceremony/model';
import { Expert } from '../experts/expert';
import { ExpertImport, ExpertPoolHead } from '../experts/pool-model';
import { Download, NoticeQuery, TradingRecord, TradingStore, Writes } from '../tenders/ports';
import { dynamoAuditLog, TransactItem } from './audit-log-store';
import { indexKeys, ItemKey, keys } from './key-scheme';
import { CustodianKey, OpeningKey } from '../custody/model';

/** Where each record lives; the one place that turns domain records into items. */
const itemOf = (record: TradingRecord): ItemKey & Record<string, unknown> => {
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
    case 'evaluation':
      return { ...keys.evaluation(record.value.tenderId), ...record.value };
    case 'publicity':
      return { ...keys.publicity(record.value.tenderId), ...record.value };
    case 'award':
      return { ...keys.award(record.value.tenderId), ...record.value };
    case 'contract':
      return { ...keys.contract(record.value.tenderId), ...record.value };
    case 'awardLetter':
      return { ...keys.awardLetter(record.value.tenderId), ...record.value };
    case 'lifecycle':
      return { ...keys.lifecycle(record.value.tenderId), ...record.value };
  }
};

const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item;
  return rest as T;
};

/** The trading records (projects, tenders, documents, registrations, notices) in the platform table. */
export const dynamoTradingStore = (
  db: DynamoDBDocumentClient,
  tableName: string,
  clock: Clock,
): TradingStore => {
  const log = dynamoAuditLog(db, tableName, clock);
  const get = async <T>(key: ItemKey) =>
    strip<T>((await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item);
  /** Every item a key condition matches, page after page. */
  const queryItems = async <T>(
    condition: Pick<QueryCommandInput, 'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeValues'>,
  ): Promise<T[]> => {
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          ...condition,
          ExclusiveStartKey: start,
          // Indexes are eventually consistent; the table itself is read consistently.
          ConsistentRead: condition.IndexName ? undefined : true,
        }),
      );
      items.push(...(page.Items ?? []).map((item) => strip<T>(item)!));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  };
  const queryAll = <T>(pk: string, prefix: string) =>
    queryItems<T>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    });
  const queryIndex = <T>(gsi1pk: string) =>
    queryItems<T>({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1pk },
    });

  /** Newest first, filtered by type and time; the cursor is the last sort key returned. */
  const noticePage = async (pk: string, query: NoticeQuery) => {
    const from = query.from ?? '0000';
    const to = query.cursor ?? (query.to ? query.to : '9999');
    const notices: Notice[] = [];
    // An empty range (`to` at or before `from`) is an empty page, not a query DynamoDB refuses.
    if (to <= from) return { notices };
    let start: Record<string, unknown> | undefined;
    let lastKey: string | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ...(query.type
            ? { FilterExpression: '#type = :type', ExpressionAttributeNames: { '#type': 'type' } }
            : {}),
          ExpressionAttributeValues: {
            ':pk': pk,
            ':from': from,
            ':to': to,
            ...(query.type ? { ':type': query.type } : {}),
          },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        // The range is inclusive; the cursor and `to` are exclusive.
        if ((item.sk as string) >= to) continue;
        notices.push(strip<Notice>(item)!);
        lastKey = item.sk as string;
        if (notices.length === query.limit) break;
      }
      start = notices.length < query.limit ? page.LastEvaluatedKey : undefined;
    } while (start);
    return { notices, ...(notices.length === query.limit && lastKey ? { next: lastKey } : {}) };
  };

  return {
    project: (id) => get<Project>(keys.project(id)),
    tender: (id) => get<Tender>(keys.tender(id)),
    documents: (tenderId) => queryAll<DocumentVersion>(keys.tender(tenderId).pk, 'DOC#'),
    registration: (tenderId, org) => get<Registration>(keys.registration(tenderId, org)),
    registrations: (tenderId) => queryAll<Registration>(keys.tender(tenderId).pk, 'REG#'),
    downloads: (tenderId) => queryAll<Download>(keys.tender(tenderId).pk, 'DL#'),
    notices: (query) => noticePage('NOTICES', query),
    inbox: (org, query) => noticePage(keys.inbox(org, '', '').pk, query),
    calendar: (year) => get<HolidayCalendar>(keys.calendar(year)),
    expertPool: () => get<ExpertPoolHead>(keys.expertPool()),
    experts: (generation) => queryAll<Expert>(keys.expert(generation, '').pk, 'EXPERT#'),
    expert: (generation, id) => get<Expert>(keys.expert(generation, id)),
    specialties: async () =>
      (await queryIndex<{ code: string }>(indexKeys.specialty('').gsi1pk)).map((s) => s.code),
    expertImport: (id) => get<ExpertImport>(keys.expertImport(id)),
    draw: (id) => get<Draw>(keys.draw(id)),
    drawSecret: async (id) => (await get<{ secret: string }>(keys.drawSecret(id)))?.secret,
    draws: (tenderId) => queryIndex<Draw>(indexKeys.draw(tenderId, '').gsi1pk),
    committee: (tenderId) => get<Committee>(keys.committee(tenderId)),
    drawLock: (tenderId) => get<DrawLock>(keys.drawLock(tenderId)),
    put: (records) => batchPut(db, tableName, records.map(itemOf)),
    custodianKey: (user) => get<CustodianKey>(keys.custodianKey(user)),
    custodianKeys: () => queryIndex<CustodianKey>(indexKeys.custodianKey('').gsi1pk),
    openingKey: (tenderId) => get<OpeningKey>(keys.openingKey(tenderId)),
    bid: (tenderId, org, bidId) => get<Bid>(keys.bid(tenderId, org, bidId)),
    bids: (tenderId, org) => queryAll<Bid>(keys.tender(tenderId).pk, org ? `BID#${org}#` : 'BID#'),
    bidderStates: (tenderId) => queryAll<BidderState>(keys.tender(tenderId).pk, 'BIDDER#'),
    bidderState: (tenderId, org) => get<BidderState>(keys.bidderState(tenderId, org)),
    bonds: (tenderId) => queryAll<Bond>(keys.tender(tenderId).pk, 'BOND#'),
    opening: (tenderId) => get<Opening>(keys.opening(tenderId)),
    evaluation: (tenderId) => get<Evaluation>(keys.evaluation(tenderId)),
    publicity: (tenderId) => get<Publicity>(keys.publicity(tenderId)),
    award: (tenderId) => get<Award>(keys.award(tenderId)),
    contract: (tenderId) => get<Contract>(keys.contract(tenderId)),
    awardLetter: (tenderId) => get<AwardLetter>(keys.awardLetter(tenderId)),
    lifecycle: (tenderId) => get<Lifecycle>(keys.lifecycle(tenderId)),
    async tenders() {
      const projects = await queryIndex<Project>(indexKeys.project('').gsi1pk);
      const lists = await Promise.all(
        projects.map((p) => queryIndex<Tender>(indexKeys.tender(p.id, '').gsi1pk)),
      );
      return lists.flat();
    },
    organisation: (id) => get<Organisation>(keys.organisation(id)),
    // Plain puts: each item is keyed by organisation and notice, so a repeat rewrites the same item.
    deliver: (orgs, notice) =>
      batchPut(
        db,
        tableName,
        orgs.map((org) => itemOf({ kind: 'inbox', org, value: notice })),
      ),
    async commit({ entry, cite, ...writes }) {
      return (
        await log.append(
          entry,
          cite ? (logged) => transactItems(merge(writes, cite(logged))) : transactItems(writes),
        )
      ).entry;
    },
  };

  function transactItems(change: Writes): TransactItem[] {
    return [
      ...(change.create ?? []).map((record) => ({
        Put: {
          TableName: tableName,
          Item: itemOf(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      })),
      ...(change.replace ?? []).map(({ record, expect }) => {
        const names = Object.keys(expect);
        return {
          Put: {
            TableName: tableName,
            Item: itemOf(record),
            ...(names.length
              ? {
                  ConditionExpression: names.map((_, i) => `#e${i} = :e${i}`).join(' AND '),
                  ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#e${i}`, name])),
                  ExpressionAttributeValues: Object.fromEntries(
                    names.map((name, i) => [`:e${i}`, expect[name]]),
                  ),
                }
              : {}),
          },
        };
      }),
    ];
  }
};

const merge = (a: Writes, b: Writes): Writes => ({
  create: [...(a.create ?? []), ...(b.create ?? [])],
  replace: [...(a.replace ?? []), ...(b.replace ?? [])],
});
