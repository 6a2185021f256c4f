import { createHash, generateKeyPairSync } from 'node:crypto';
import { signCheckpoint } from '../../packages/audit-log/checkpoint';
import { canonicalEntryText, leafHashOfLoggedText } from '../../packages/audit-log/entry';
import { localEd25519Signer, verifierKeyString } from '../../packages/audit-log/note';
import { processLogOrigin } from '../../packages/audit-log/process-log';
import { RootBuilder } from '../../packages/audit-log/root-builder';
import { AwardDeps } from '../../packages/award/ports';
import { BiddingDeps, BidStore } from '../../packages/bidding/ports';
import { ComplaintDeps } from '../../packages/complaints/ports';
import { CustodyDeps } from '../../packages/custody/ports';
import { DrawDeps } from '../../packages/draw-ceremony/ports';
import { ExpertDeps } from '../../packages/experts/ports';
import { fixedClock } from '../../packages/kernel/clock';
import { DocumentStore } from '../../packages/kernel/documents';
import { Milestone, Milestones } from '../../packages/kernel/milestones';
import { LedgerDeps } from '../../packages/ledger/ports';
import { defaultFeeSchedule } from '../../packages/ledger/fee-schedule';
import { refundOnWithdrawal, refundsAtTermination } from '../../packages/ledger/refunds';
import { settleResult } from '../../packages/ledger/result';
import { claimCommitteeSeats, moveOpening } from '../../packages/venues/bookings';
import { LifecycleDeps } from '../../packages/lifecycle/ports';
import { OpenDataStore } from '../../packages/open-data/ports';
import { CaseDeps, SupervisionDeps } from '../../packages/supervision/ports';
import { TenderDeps } from '../../packages/tenders/ports';
import { VenueDeps } from '../../packages/venues/ports';
import { demoOrganisations, demoSpecialties } from '../../packages/demo-data/demo-data';
import { encodeKey, publicKeyOf } from '../../packages/sealed-bids/hpke-keys';
import { keys, indexKeys } from '../../packages/storage/key-scheme';
import { processLogStore } from '../../packages/storage/process-log-store';
import { committer, itemOf, putRecords, StoredRecord } from '../../packages/storage/records';
import {
  awardStore,
  biddingStore,
  caseStore,
  complaintStore,
  custodyStore,
  drawStore,
  expertStore,
  ledgerStore,
  lifecycleStore,
  openDataStore,
  tenderStore,
  venueStore,
} from '../../packages/storage/stores';
import { memoryTable } from './memory-table';

/** The private key the memory world's custodian `user` holds, derived from the name. */
export const custodianPrivateKey = (user: string): Uint8Array =>
  new Uint8Array(createHash('sha256').update(`custodian ${user}`).digest());

/** Every context's deps at once: a unit test plays a whole tender on one world. */
export type WorldDeps = TenderDeps &
  CustodyDeps &
  BiddingDeps &
  ExpertDeps &
  DrawDeps &
  AwardDeps &
  ComplaintDeps &
  LifecycleDeps &
  LedgerDeps &
  VenueDeps &
  SupervisionDeps &
  CaseDeps & {
    store: OpenDataStore & { put(records: StoredRecord[]): Promise<void> };
    documents: DocumentStore;
    font: Uint8Array;
  };

/**
 * The platform in memory: every context's real store over an in-memory table, with the demo
 * organisations, specialties and three custodians, and a clock that stands still until moved.
 */
export const memoryWorld = (start = '2026-03-02T01:00:00Z') => {
  const clock = fixedClock(start);
  const { table, log, processLogs: processEntries, processRecords, items } = memoryTable(clock);
  const objects = new Map<string, Uint8Array>();
  const reached: { tenderId: string; milestone: Milestone }[] = [];
  const milestones: Milestones = {
    reached: async (tenderId, milestone) => void reached.push({ tenderId, milestone }),
  };

  const seed = (list: StoredRecord[]) => putRecords(table)(list);
  void table.put(
    demoOrganisations().map((org) => ({
      ...keys.organisation(org.id),
      ...indexKeys.organisation(org.kind, org.id),
      ...org,
    })),
  );
  void table.put(
    demoSpecialties.map((s) => ({ ...keys.specialty(s.code), ...indexKeys.specialty(s.code), ...s })),
  );
  // Custodians with keys, so tenders can be published: their private keys are derived from their names.
  void seed(
    (
      [
        ['staff1', 'staff'],
        ['staff2', 'staff'],
        ['regulator1', 'regulator'],
        ['regulator2', 'regulator'],
      ] as const
    ).map(([user, role]) => ({
      kind: 'custodianKey',
      value: {
        user,
        role,
        publicKey: encodeKey(publicKeyOf(custodianPrivateKey(user))),
        registeredAt: start,
      },
    })),
  );

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
  // The process logs sign with a key of the world's own, so receipts and anchors verify.
  const signer = localEd25519Signer('memory.test/audit-log', generateKeyPairSync('ed25519').privateKey);
  const verifierKey = verifierKeyString(signer.keyName, signer.publicKey);
  const entriesOf = (tenderId: string) => processEntries.get(tenderId) ?? [];
  const processLogs = processLogStore(
    table,
    {
      async checkpoint(tenderId, key) {
        const tree = new RootBuilder();
        for (const e of entriesOf(tenderId)) tree.append(leafHashOfLoggedText(canonicalEntryText(e)));
        const origin = processLogOrigin(key.keyName, tenderId);
        return signCheckpoint({ origin, size: tree.size, root: tree.root() }, key);
      },
      entry: async (tenderId, index) => ({
        entry: entriesOf(tenderId)[index]!,
        record: processRecords.get(`${tenderId}#${index}`) ?? {},
      }),
      size: async (tenderId) => entriesOf(tenderId).length,
      entries: async (tenderId, from, to) => entriesOf(tenderId).slice(from, to).map(canonicalEntryText),
    },
    async () => signer,
  );
  // Background work runs at once in memory: what the worker function does on AWS.
  const queued: { job: string; id: string; run: number }[] = [];
  const store = {
    ...openDataStore(table),
    ...complaintStore(table),
    ...ledgerStore(table),
    ...caseStore(table),
    ...lifecycleStore(table),
    ...awardStore(table),
    ...drawStore(table),
    ...expertStore(table),
    ...custodyStore(table),
    ...biddingStore(table),
    ...tenderStore(table),
    ...venueStore(table),
    ...committer(table),
    put: seed,
  };
  const deps: WorldDeps = {
    store,
    documents,
    clock,
    bids,
    processLogs,
    milestones,
    font: new Uint8Array(),
    imports: {
      start: async (id: string, run: number) => void queued.push({ job: 'import-experts', id, run }),
    },
    decryption: {
      start: async (id: string, run: number) => void queued.push({ job: 'decrypt-bids', id, run }),
    },
    refunds: { onWithdrawal: (...withdrawal) => refundOnWithdrawal(deps, ...withdrawal) },
    ledger: {
      onResult: (...result) => settleResult(deps, defaultFeeSchedule, ...result),
      onTermination: (...termination) => refundsAtTermination(deps, ...termination),
    },
    venues: {
      moveOpening: (...move) => moveOpening(deps, ...move),
      claimSeats: (...seats) => claimCommitteeSeats(deps, ...seats),
    },
  };
  return {
    deps,
    clock,
    log,
    /** Each tender's sealed process log, apart from the public `log`. */
    processLogs: processEntries,
    verifierKey,
    objects,
    reached,
    queued,
    /** Every item of the table, keys included, for tests that look at what was stored. */
    items,
    /** The table itself, for tests of the storage functions that read it. */
    table,
    upload: (key: string, bytes: Uint8Array) => objects.set(key, bytes),
    itemOf,
  };
};
