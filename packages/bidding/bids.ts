import { Caller, committed, DomainError, newId, notFound, required } from '../kernel';
import { actorOf, withheldBidder } from '../audit-log';
import { procedureOf } from '../procedures';
import { Tender, requireActiveTender, requireTender } from '../tenders';
import { BiddingDeps, BiddingRecord, BidReads, BidStore, ProcessLogs } from './ports';
import { Bid, BidderState, Bond, LateAttempts, RecordBond, RequestBidUpload } from './model';
import { Receipt } from './receipt';
/** An upload slot lasts this long, and never past the deadline. */
const SLOT_SECONDS = 60 * 60;

const bidsOf = (deps: BiddingDeps): BidStore => {
  if (!deps.bids) throw new Error('This function is not bound to the bids bucket.');
  return deps.bids;
};
export const processLogsOf = (deps: BiddingDeps): ProcessLogs => {
  if (!deps.processLogs) throw new Error('This function cannot sign checkpoints.');
  return deps.processLogs;
};

/**
 * A published tender the caller's organisation registered for; nothing here tells who else did
 * (法22). A change needs a tender still in progress; a bidder reads its own bids and receipts of a
 * terminated one too, its evidence should it challenge the termination.
 */
const tenderForBidder = async (
  deps: BiddingDeps,
  caller: Caller,
  tenderId: string,
  use: 'change' | 'read' = 'change',
): Promise<Tender> => {
  const tender = await (use === 'change' ? requireActiveTender : requireTender)(deps, tenderId);
  if (tender.status === 'draft') throw notFound('tender', tenderId);
  if (!(await deps.store.registration(tenderId, caller.org!))) {
    throw new DomainError('FORBIDDEN', 'Register for the tender before submitting a bid (投标报名).', {
      field: 'tenderId',
    });
  }
  return tender;
};

/**
 * After the deadline nothing about a bid changes (条例36). The refusal itself is logged with its
 * time, confidentially, so a late bidder can show it tried and the regulator sees that it did.
 */
/** Thrown from inside a commit whose entry would be logged after the deadline; nothing is written. */
class LateEntry extends Error {
  constructor(readonly at: string) {
    super(`logged at ${at}, after the deadline`);
  }
}
const lateBy = (at: string) => new LateEntry(at);

const refuseAfterDeadline = async (
  deps: BiddingDeps,
  caller: Caller,
  tender: Tender,
  attempt: string,
  at = deps.clock.now(),
) => {
  if (at <= new Date(tender.schedule.bidDeadline)) return;
  const org = caller.org!;
  const when = at.toISOString();
  const seen = await deps.store.lateAttempts(tender.id, org);
  const first: LateAttempts = { tenderId: tender.id, bidderOrg: org, first: when, last: when, count: 1 };
  const logged = seen
    ? false
    : // Not logged when another late attempt of the same bidder was logged at the same moment.
      await committed(
        deps.store.commit({
          entry: {
            actor: withheldBidder,
            action: 'bid.refused',
            subject: {},
            process: tender.id,
            data: { rule: '条例36' },
            confidential: {
              refusal: { tenderId: tender.id, bidderOrg: org, user: caller.user, attempt, at: when },
            },
          },
          create: [{ kind: 'lateAttempts', value: first }],
        }),
      );
  if (!logged) {
    // Counted, not logged again: the count and the last time are the regulator's to read.
    await deps.store.countLateAttempt(tender.id, org, when);
  }
  throw new DomainError(
    'DEADLINE_PASSED',
    `The bid deadline (${tender.schedule.bidDeadline}) has passed; a late bid is refused (条例36). This refusal is recorded.`,
    { rule: '条例36', field: 'tenderId' },
  );
};

/**
 * 询价: each supplier quotes once, and the quote cannot be changed (74号令46): a second quote
 * is refused, also after a withdrawal. The refusal tells the bidder only of its own quote.
 */
const refuseSecondQuote = (tender: Tender, state: BidderState | undefined) => {
  const { quoteOnce, name } = procedureOf(tender.procedure);
  if (quoteOnce && state) {
    throw new DomainError(
      'CONFLICT',
      `In ${name} each supplier quotes once and its quote cannot be changed (${quoteOnce.article}); yours is already received.`,
      { field: 'tenderId', rule: quoteOnce.article },
    );
  }
};

/** A presigned PUT for a sealed bid, bound to its size and SHA-256, expiring by the deadline. */
export const requestBidUpload = async (
  deps: BiddingDeps,
  caller: Caller,
  tenderId: string,
  declared: RequestBidUpload,
) => {
  const tender = await tenderForBidder(deps, caller, tenderId);
  await refuseAfterDeadline(deps, caller, tender, 'upload');
  refuseSecondQuote(tender, await deps.store.bidderState(tenderId, caller.org!));
  const now = deps.clock.now();
  const bidId = newId('B', now);
  const bid: Bid = {
    bidId,
    tenderId,
    bidderOrg: caller.org!,
    user: caller.user,
    objectKey: `bids/${tenderId}/${caller.org}/${bidId}.sealed`,
    status: 'awaiting-upload',
    ...declared,
    requestedAt: now.toISOString(),
    version: 0,
  };
  await deps.store.put([{ kind: 'bid', value: bid }]);
  const untilDeadline = Math.floor((new Date(tender.schedule.bidDeadline).getTime() - now.getTime()) / 1000);
  const expiresIn = Math.max(1, Math.min(SLOT_SECONDS, untilDeadline));
  const { url, headers } = await bidsOf(deps).uploadUrl(bid.objectKey, declared, expiresIn);
  return {
    bidId,
    uploadUrl: url,
    method: 'PUT' as const,
    headers,
    expiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString(),
  };
};

/** The receipt of entry `index` of the tender's process log: the platform's signed promise, and the salt behind the entry's digest. */
const receiptFor = async (deps: BiddingDeps, bid: Bid, index: number): Promise<Receipt> => {
  const logs = processLogsOf(deps);
  const { entry, record } = await logs.entry(bid.tenderId, index);
  const confidential = record.bid as { salt: string; value: Record<string, unknown> };
  const promised = {
    action: entry.action as Receipt['action'],
    tenderId: bid.tenderId,
    bidId: bid.bidId,
    sha256: bid.sha256,
    size: bid.size,
    at: confidential.value.at as string,
  };
  return Receipt.parse({
    ...promised,
    bidderOrg: bid.bidderOrg,
    confidential,
    promise: await logs.promise({ ...promised, digest: entry.data.bidSha256 as string, anchor: 'final' }),
  });
};

const requireOwnBid = (deps: BiddingDeps, caller: Caller, tenderId: string, bidId: string) =>
  required(deps.store.bid(tenderId, caller.org!, bidId), 'bid', bidId);

/**
 * Records an uploaded bid before the deadline, from the platform's own hash of the stored bytes,
 * and returns the receipt. A bid supersedes the organisation's previous one, which is kept.
 * Confirming again returns the same receipt.
 */
export const confirmBid = async (deps: BiddingDeps, caller: Caller, tenderId: string, bidId: string) => {
  const tender = await tenderForBidder(deps, caller, tenderId);
  const bid = await requireOwnBid(deps, caller, tenderId, bidId);
  if (bid.index !== undefined) return receiptFor(deps, bid, bid.index);
  if (bid.status !== 'awaiting-upload') {
    throw new DomainError('CONFLICT', `Bid ${bidId} is ${bid.status}.`, { field: 'bidId' });
  }
  await refuseAfterDeadline(deps, caller, tender, 'confirm');
  const stored = await bidsOf(deps).describe(bid.objectKey);
  if (!stored)
    throw new DomainError('CONFLICT', 'Upload the sealed bid to its URL before confirming it.', {
      field: 'bidId',
    });
  if (stored.sha256 !== bid.sha256 || stored.size !== bid.size) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `The stored bid hashes to ${stored.sha256} (${stored.size} bytes), not the declared ${bid.sha256} (${bid.size} bytes).`,
      { field: 'sha256' },
    );
  }
  const at = deps.clock.now().toISOString();
  const state = await deps.store.bidderState(tenderId, caller.org!);
  refuseSecondQuote(tender, state);
  const previous = state?.currentBidId
    ? await deps.store.bid(tenderId, caller.org!, state.currentBidId)
    : undefined;
  const entry = await deps.store
    .commit({
      entry: {
        actor: withheldBidder,
        action: 'bid.received',
        // In the tender's sealed process log, and even there the bidder only as a digest (法22).
        subject: {},
        process: tenderId,
        confidential: {
          bid: {
            tenderId,
            bidderOrg: caller.org!,
            bidId,
            sha256: stored.sha256,
            size: stored.size,
            at,
            ...(previous ? { supersedes: previous.bidId } : {}),
          },
        },
      },
      cite: (logged) => {
        // The log's own time decides: a confirmation that queued past the deadline is not received.
        if (new Date(logged.time) > new Date(tender.schedule.bidDeadline)) throw lateBy(logged.time);
        const received: Bid = {
          ...bid,
          status: 'submitted',
          receivedAt: at,
          index: logged.index,
          ...(stored.versionId ? { s3VersionId: stored.versionId } : {}),
          ...(previous ? { supersedes: previous.bidId } : {}),
          version: bid.version + 1,
        };
        const next: BidderState = {
          tenderId,
          bidderOrg: caller.org!,
          currentBidId: bidId,
          version: (state?.version ?? 0) + 1,
        };
        return {
          create: state ? [] : [{ kind: 'bidderState', value: next }],
          replace: [
            { record: { kind: 'bid', value: received }, expect: { version: bid.version } },
            ...(state
              ? [
                  {
                    record: { kind: 'bidderState' as const, value: next },
                    expect: { version: state.version },
                  },
                ]
              : []),
            ...(previous?.status === 'submitted'
              ? [
                  {
                    record: {
                      kind: 'bid' as const,
                      value: { ...previous, status: 'superseded' as const, version: previous.version + 1 },
                    },
                    expect: { version: previous.version },
                  },
                ]
              : []),
          ],
        };
      },
    })
    .catch(async (error: unknown) => {
      if (error instanceof LateEntry)
        await refuseAfterDeadline(deps, caller, tender, 'confirm', new Date(error.at));
      throw error;
    });
  return receiptFor(deps, { ...bid, status: 'submitted' }, entry.index);
};

/** 条例35: a bidder may withdraw its bid before the deadline; the withdrawal gets a receipt too. */
export const withdrawBid = async (deps: BiddingDeps, caller: Caller, tenderId: string) => {
  const tender = await tenderForBidder(deps, caller, tenderId);
  await refuseAfterDeadline(deps, caller, tender, 'withdraw');
  const state = await deps.store.bidderState(tenderId, caller.org!);
  const bid = state?.currentBidId
    ? await deps.store.bid(tenderId, caller.org!, state.currentBidId)
    : undefined;
  if (!state || !bid || bid.status !== 'submitted') {
    throw new DomainError('CONFLICT', 'Your organisation has no bid to withdraw for this tender.', {
      field: 'tenderId',
    });
  }
  const at = deps.clock.now().toISOString();
  const entry = await deps.store.commit({
    entry: {
      actor: withheldBidder,
      action: 'bid.withdrawn',
      subject: {},
      process: tenderId,
      confidential: {
        bid: { tenderId, bidderOrg: bid.bidderOrg, bidId: bid.bidId, sha256: bid.sha256, size: bid.size, at },
      },
    },
    replace: [
      {
        record: {
          kind: 'bid',
          value: { ...bid, status: 'withdrawn', withdrawnAt: at, version: bid.version + 1 },
        },
        expect: { version: bid.version },
      },
      {
        record: {
          kind: 'bidderState',
          value: { tenderId, bidderOrg: bid.bidderOrg, version: state.version + 1 },
        },
        expect: { version: state.version },
      },
    ],
  });
  // Only once the withdrawal committed. A refund that fails here leaves the bond held in its
  // sub-account, where the tender's bond accounts show it and the contract's refunds find it.
  await deps.refunds?.onWithdrawal(tenderId, bid.bidderOrg, bid.bidId, new Date(at));
  return receiptFor(deps, bid, entry.index);
};

/** The caller's organisation's bids for the tender, with their receipts; nobody else's. */
export const myBids = async (deps: BiddingDeps, caller: Caller, tenderId: string) => {
  await tenderForBidder(deps, caller, tenderId, 'read');
  const [bids, state] = await Promise.all([
    deps.store.bids(tenderId, caller.org!),
    deps.store.bidderState(tenderId, caller.org!),
  ]);
  const recorded = bids.filter((b) => b.index !== undefined).sort((a, b) => b.index! - a.index!);
  return {
    current: bids.find((b) => b.bidId === state?.currentBidId),
    bids: recorded,
    receipts: await Promise.all(recorded.map((b) => receiptFor(deps, b, b.index!))),
  };
};

/** The bid that counts for each organisation at the opening: its latest confirmed, not withdrawn. */
export const validBids = async (
  deps: { store: Pick<BidReads, 'bidderStates' | 'bid'> },
  tenderId: string,
): Promise<Bid[]> => {
  const states = await deps.store.bidderStates(tenderId);
  const bids = await Promise.all(
    states.flatMap((s) => (s.currentBidId ? [deps.store.bid(tenderId, s.bidderOrg, s.currentBidId)] : [])),
  );
  return bids
    .filter((b): b is Bid => b?.status === 'submitted')
    .sort((a, b) => a.receivedAt!.localeCompare(b.receivedAt!));
};

/** Staff record a bidder's bond (投标保证金), as the bank reports it. */
export const recordBond = async (
  deps: BiddingDeps,
  caller: Caller,
  tenderId: string,
  bidderOrg: string,
  input: RecordBond,
): Promise<Bond> => {
  await requireActiveTender(deps, tenderId);
  const bond: Bond = {
    ...input,
    tenderId,
    bidderOrg,
    recordedAt: deps.clock.now().toISOString(),
    recordedBy: caller.user,
  };
  const record: BiddingRecord = { kind: 'bond', value: bond };
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'bond.recorded',
      subject: {},
      process: tenderId,
      confidential: { bond },
    },
    replace: [{ record, expect: {} }],
  });
  return bond;
};
