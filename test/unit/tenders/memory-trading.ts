import { createHash } from 'node:crypto';
import { AuditEntry } from '../../../packages/audit-log/entry';
import { prepareEntry } from '../../../packages/audit-log/new-entry';
import { encodeKey, publicKeyOf } from '../../../packages/sealed-bids/hpke-keys';
import { fixedClock } from '../../../packages/kernel/clock';
import { DomainError } from '../../../packages/kernel/errors';
import { demoOrganisations, demoSpecialties } from '../../../packages/demo-data/demo-data';
import {
  BidStore,
  Change,
  DocumentStore,
  ReceiptLog,
  TradingDeps,
  TradingRecord,
  TradingStore,
} from '../../../packages/tenders/ports';

const keyOf = (record: TradingRecord): string => {
  switch (record.kind) {
    case 'project':
    case 'tender':
      return `${record.kind}:${record.value.id}`;
    case 'document':
      return `document:${record.tenderId}:${record.value.documentId}:${record.value.version}`;
    case 'registration':
      return `registration:${record.value.tenderId}:${record.value.bidderOrg}`;
    case 'download':
      return `download:${record.value.tenderId}:${record.value.bidderOrg}:${record.value.at}:${record.value.documentId}`;
    case 'notice':
      return `notice:${record.value.id}`;
    case 'inbox':
      return `inbox:${record.org}:${record.value.id}`;
    case 'calendar':
      return `calendar:${record.year}`;
    case 'expertPool':
      return 'expertPool';
    case 'expert':
      return `expert:${record.generation}:${record.value.id}`;
    case 'expertImport':
    case 'draw':
    case 'outbox':
      return `${record.kind}:${record.value.id}`;
    case 'drawSecret':
      return `drawSecret:${record.drawId}`;
    case 'committee':
    case 'drawLock':
      return `${record.kind}:${record.value.tenderId}`;
    case 'custodianKey':
      return `custodianKey:${record.value.user}`;
    case 'openingKey':
    case 'opening':
    case 'evaluation':
    case 'publicity':
    case 'award':
    case 'contract':
    case 'awardLetter':
    case 'lifecycle':
      return `${record.kind}:${record.value.tenderId}`;
    case 'bid':
      return `bid:${record.value.tenderId}:${record.value.bidderOrg}:${record.value.bidId}`;
    case 'bidderState':
    case 'bond':
      return `${record.kind}:${record.value.tenderId}:${record.value.bidderOrg}`;
  }
};

/** The private key the memory world's custodian `user` holds, derived from the name. */
export const custodianPrivateKey = (user: string): Uint8Array =>
  new Uint8Array(createHash('sha256').update(`custodian ${user}`).digest());

/**
 * The trading store in memory, with the same all-or-nothing commit and conditions as the
 * DynamoDB one, so domain rules can be tested alone; the real store is tested through the API.
 */
export const memoryTrading = (start = '2026-03-02T01:00:00Z') => {
  const records = new Map<string, TradingRecord>();
  const auditRecords = new Map<number, Record<string, { salt: string; value: unknown }>>();
  const log: AuditEntry[] = [];
  const objects = new Map<string, Uint8Array>();
  const clock = fixedClock(start);
  const all = <K extends TradingRecord['kind']>(kind: K) =>
    [...records.values()].filter((r): r is Extract<TradingRecord, { kind: K }> => r.kind === kind);

  const store: TradingStore = {
    project: async (id) => all('project').find((r) => r.value.id === id)?.value,
    tender: async (id) => all('tender').find((r) => r.value.id === id)?.value,
    documents: async (tenderId) =>
      all('document')
        .filter((r) => r.tenderId === tenderId)
        .map((r) => r.value),
    registration: async (tenderId, org) =>
      all('registration').find((r) => r.value.tenderId === tenderId && r.value.bidderOrg === org)?.value,
    registrations: async (tenderId) =>
      all('registration')
        .filter((r) => r.value.tenderId === tenderId)
        .map((r) => r.value),
    downloads: async (tenderId) =>
      all('download')
        .filter((r) => r.value.tenderId === tenderId)
        .map((r) => r.value),
    notices: async (query) => ({
      notices: all('notice')
        .map((r) => r.value)
        .filter((n) => !query.type || n.type === query.type),
    }),
    inbox: async (org) => ({
      notices: all('inbox')
        .filter((r) => r.org === org)
        .map((r) => r.value),
    }),
    calendar: async (year) => all('calendar').find((r) => r.year === year)?.value,
    organisation: async (id) => demoOrganisations().find((o) => o.id === id),
    async deliver(orgs, notice) {
      for (const org of orgs)
        records.set(keyOf({ kind: 'inbox', org, value: notice }), { kind: 'inbox', org, value: notice });
    },
    async commit({ cite, ...change }: Change) {
      const { entry, record: confidential } = prepareEntry(log.length, clock.now(), change.entry);
      const cited = cite?.(entry) ?? {};
      change.create = [...(change.create ?? []), ...(cited.create ?? [])];
      change.replace = [...(change.replace ?? []), ...(cited.replace ?? [])];
      for (const record of change.create ?? []) {
        if (records.has(keyOf(record))) throw new DomainError('CONFLICT', `${keyOf(record)} exists`);
      }
      for (const { record, expect } of change.replace ?? []) {
        const current = records.get(keyOf(record))?.value as Record<string, unknown> | undefined;
        if (Object.entries(expect).some(([field, value]) => current?.[field] !== value)) {
          throw new DomainError('CONFLICT', `${keyOf(record)} changed`);
        }
      }
      for (const record of [...(change.create ?? []), ...(change.replace ?? []).map((r) => r.record)])
        records.set(keyOf(record), record);
      if (confidential) auditRecords.set(entry.index, confidential);
      log.push(entry);
      return entry;
    },
    async put(list) {
      for (const record of list) records.set(keyOf(record), record);
    },
    expertPool: async () => all('expertPool')[0]?.value,
    experts: async (generation) =>
      all('expert')
        .filter((r) => r.generation === generation)
        .map((r) => r.value),
    expert: async (generation, id) =>
      all('expert').find((r) => r.generation === generation && r.value.id === id)?.value,
    specialties: async () => demoSpecialties.map((s) => s.code),
    expertImport: async (id) => all('expertImport').find((r) => r.value.id === id)?.value,
    draw: async (id) => all('draw').find((r) => r.value.id === id)?.value,
    drawSecret: async (id) => all('drawSecret').find((r) => r.drawId === id)?.value.secret,
    draws: async (tenderId) =>
      all('draw')
        .filter((r) => r.value.tenderId === tenderId)
        .map((r) => r.value)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    committee: async (tenderId) => all('committee').find((r) => r.value.tenderId === tenderId)?.value,
    drawLock: async (tenderId) => all('drawLock').find((r) => r.value.tenderId === tenderId)?.value,
    custodianKey: async (user) => all('custodianKey').find((r) => r.value.user === user)?.value,
    custodianKeys: async () => all('custodianKey').map((r) => r.value),
    openingKey: async (tenderId) => all('openingKey').find((r) => r.value.tenderId === tenderId)?.value,
    bid: async (tenderId, org, bidId) =>
      all('bid').find(
        (r) => r.value.tenderId === tenderId && r.value.bidderOrg === org && r.value.bidId === bidId,
      )?.value,
    bids: async (tenderId, org) =>
      all('bid')
        .map((r) => r.value)
        .filter((b) => b.tenderId === tenderId && (!org || b.bidderOrg === org)),
    bidderStates: async (tenderId) =>
      all('bidderState')
        .map((r) => r.value)
        .filter((s) => s.tenderId === tenderId),
    bidderState: async (tenderId, org) =>
      all('bidderState').find((r) => r.value.tenderId === tenderId && r.value.bidderOrg === org)?.value,
    bonds: async (tenderId) =>
      all('bond')
        .map((r) => r.value)
        .filter((b) => b.tenderId === tenderId),
    opening: async (tenderId) => all('opening').find((r) => r.value.tenderId === tenderId)?.value,
    evaluation: async (tenderId) => all('evaluation').find((r) => r.value.tenderId === tenderId)?.value,
    publicity: async (tenderId) => all('publicity').find((r) => r.value.tenderId === tenderId)?.value,
    award: async (tenderId) => all('award').find((r) => r.value.tenderId === tenderId)?.value,
    contract: async (tenderId) => all('contract').find((r) => r.value.tenderId === tenderId)?.value,
    awardLetter: async (tenderId) => all('awardLetter').find((r) => r.value.tenderId === tenderId)?.value,
    lifecycle: async (tenderId) => all('lifecycle').find((r) => r.value.tenderId === tenderId)?.value,
    tenders: async () => all('tender').map((r) => r.value),
  };
  const documents: DocumentStore = {
    uploadUrl: async (key) => `memory://${key}`,
    downloadUrl: async (key) => `memory://${key}`,
    describe: async (key) => {
      const bytes = objects.get(key);
      if (!bytes) return undefined;
      return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
    },
    put: async (key, body) => {
      objects.set(key, typeof body === 'string' ? Buffer.from(body) : body);
    },
    get: async (key) => objects.get(key),
  };
  // Custodians with keys, so tenders can be published: their private keys are derived from their names.
  for (const [user, role] of [
    ['staff1', 'staff'],
    ['staff2', 'staff'],
    ['regulator1', 'regulator'],
  ] as const) {
    const publicKey = encodeKey(publicKeyOf(custodianPrivateKey(user)));
    records.set(`custodianKey:${user}`, {
      kind: 'custodianKey',
      value: { user, role, publicKey, registeredAt: start },
    });
  }
  const bids: BidStore = {
    uploadUrl: async (key) => ({ url: `memory://${key}`, headers: {} }),
    describe: documents.describe,
    get: async (key) => {
      const bytes = objects.get(key);
      if (!bytes) throw new Error(`no object ${key}`);
      return bytes;
    },
    downloadUrl: async (key) => `memory://${key}`,
  };
  // Receipts cite the entry and its record; the memory log signs nothing, so it proves nothing.
  const receipts: ReceiptLog = {
    prove: async (index) => ({
      checkpoint: 'memory',
      inclusionProof: [],
      entry: log[index]!,
      record: auditRecords.get(index) ?? {},
    }),
  };
  const deps: TradingDeps = { store, documents, clock, bids, receipts };
  return {
    deps,
    clock,
    log,
    records,
    objects,
    upload: (key: string, bytes: Uint8Array) => objects.set(key, bytes),
  };
};
