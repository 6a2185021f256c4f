import { randomBytes } from 'node:crypto';
import canonicalize from 'canonicalize';
import * as z from 'zod';
import { actorOf, ProcessLogPage, ProcessLogQuery, SealedProcess, withheldBidder } from '../audit-log';
import { Caller, DomainError, createOnce, newId, notFound, required } from '../kernel';
import { calendarFor } from '../legal-rules';
import {
  AuctionState,
  acceptBid,
  closeListing,
  decideOutcome,
  endBidding,
  nextMinimumFen,
  openBidding,
} from './bidding';
import { DealKind, DealKindCode, dealKindOf } from './deal-kinds';
import {
  ApplyToAuction,
  AcceptedBid,
  Application,
  Auction,
  AuctionView,
  BidNews,
  CreateAuction,
  Relisting,
} from './model';
import { AuctionDeps, BiddingClock } from './ports';
import { openReserve } from './reserve';
import { LoggedStep, PublishedAuction } from './replay';
import { assertLawfulAuctionSchedule, assertRelistingPrice } from './schedule';

const requireRole = (caller: Caller, role: Caller['role'], what: string): void => {
  if (caller.role !== role) throw new DomainError('FORBIDDEN', `Only ${role} ${what}.`);
};

const requireAuction = (deps: AuctionDeps, id: string): Promise<Auction> =>
  required(deps.store.auction(id), 'auction', id);

/**
 * The state at `now`, settled from the last accepted bid: a listing past its close goes on into
 * the timed round or ends, a countdown that has run out ends — each at the instant it happened,
 * never at the instant someone looked, so the replay gives the same state.
 */
export const settledState = (
  kind: DealKind,
  auction: Auction,
  continuing: readonly string[],
  now: Date,
): AuctionState => {
  let state: AuctionState = auction.state;
  if (state.phase === 'listing' && now.getTime() >= Date.parse(state.endsAt)) {
    state = closeListing(kind, state, continuing, new Date(state.endsAt));
  }
  if (state.phase === 'timed' && now.getTime() >= Date.parse(state.endsAt)) {
    state = endBidding(kind, state, new Date(state.endsAt));
  }
  return state;
};

const continuingPaddles = async (deps: AuctionDeps, id: string): Promise<string[]> =>
  (await deps.store.continuations(id)).map((c) => c.paddle);

const sameTerms = (auction: Auction, request: CreateAuction): boolean =>
  canonicalize(z.object(CreateAuction.shape).parse(auction)) === canonicalize(request);

/**
 * A relisting (重新披露) follows this kind's earlier auction of the same seller that ended in no sale
 * (流拍); it may lower the price, not raise it, and below the floor share of the appraisal only with
 * the approving body's written consent, which is recorded with the announcement (令32第18条).
 */
const assertLawfulRelisting = async (
  deps: AuctionDeps,
  kind: DealKind,
  request: CreateAuction,
  relisting: Relisting,
): Promise<void> => {
  if (!kind.relistingFloor) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `body.relisting: ${kind.name} is not relisted under a price floor; announce it as a new auction.`,
      { field: 'body.relisting' },
    );
  }
  const earlier = await deps.store.auction(relisting.of);
  if (!earlier || earlier.kind !== request.kind || earlier.sellerOrg !== request.sellerOrg) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `body.relisting.of: ${relisting.of} is not an earlier ${request.kind} of ${request.sellerOrg}.`,
      { field: 'body.relisting.of' },
    );
  }
  if (earlier.result?.outcome.outcome !== 'no-sale') {
    throw new DomainError(
      'CONFLICT',
      `A relisting follows an auction that ended in no sale (流拍); ${earlier.id} ${earlier.result ? 'was sold' : 'has no result yet'}.`,
      { field: 'body.relisting.of', rule: kind.relistingFloor.article },
    );
  }
  if (request.startingPriceFen > earlier.startingPriceFen) {
    throw new DomainError(
      'RULE_VIOLATED',
      `body.startingPriceFen: a relisting may lower the price, not raise it: at most ${earlier.startingPriceFen} fen, as ${earlier.id} listed it.`,
      { field: 'body.startingPriceFen', rule: kind.relistingFloor.article },
    );
  }
  assertRelistingPrice(
    kind,
    { appraisalFen: relisting.appraisalFen, newPriceFen: request.startingPriceFen },
    relisting.consent,
  );
};

/** Staff announce a listing or an auction (出让公告, 信息披露) with a lawful schedule and a sealed reserve. */
export const createAuction = async (
  deps: AuctionDeps & { biddingClock: BiddingClock },
  caller: Caller,
  request: CreateAuction,
  idempotencyKey?: string,
): Promise<{ auction: Auction; created: boolean }> => {
  requireRole(caller, 'staff', 'announce listings and auctions');
  const kind = dealKindOf(request.kind);
  const seller = await deps.store.organisation(request.sellerOrg);
  if (!seller || (seller.kind !== 'tenderer' && seller.kind !== 'agency')) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `body.sellerOrg: ${request.sellerOrg} is not a registered seller organisation.`,
      {
        field: 'body.sellerOrg',
      },
    );
  }
  const now = deps.clock.now();
  const calendar = await calendarFor(deps, now, request.opensAt, request.listingClosesAt ?? request.opensAt);
  assertLawfulAuctionSchedule(kind, { announcedAt: now.toISOString(), ...request }, calendar);
  if (request.relisting) await assertLawfulRelisting(deps, kind, request, request.relisting);
  const id = newId('AU', now, idempotencyKey ? { user: caller.user, key: idempotencyKey } : undefined);
  const { value, created } = await createOnce({
    keyed: idempotencyKey !== undefined,
    what: 'auction',
    read: () => deps.store.auction(id),
    sameRequest: (existing) => sameTerms(existing, request),
    create: async () => {
      const draft: Auction = {
        ...request,
        id,
        announcedAt: now.toISOString(),
        announcedBy: caller.user,
        state: openBidding(kind, { auctionId: id, ...request }),
        version: 0,
      };
      const entry = await deps.store.commit({
        entry: {
          actor: actorOf(caller),
          action: 'auction.announced',
          subject: { auctionId: id },
          data: { ...request, listingClosesAt: request.listingClosesAt ?? null },
        },
        cite: (logged) => ({
          create: [
            { kind: 'auction', value: { ...draft, index: logged.index } },
            // From now on the cadence anchors the applications' sealed log.
            { kind: 'sealedProcess', value: { id, of: 'auction' } },
          ],
        }),
      });
      return { ...draft, index: entry.index };
    },
  });
  // Started again on a repeated request, with the same input, so an announcement whose start failed
  // gets its clock on retry.
  await deps.biddingClock.start({
    auctionId: value.id,
    generation: 0,
    startedAt: value.announcedAt,
    steps: 0,
  });
  return { auction: value, created };
};

const PADDLE_DIGITS = 4;

/** A paddle number (竞买号牌) that says nothing of the applicant or of how many applied before it. */
const drawPaddle = (deps: AuctionDeps): string => {
  const bytes = (deps.random ?? randomBytes)(4);
  const n = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) % 9000;
  return String(1000 + n).padStart(PADDLE_DIGITS, '0');
};

/** A bidder applies (竞买申请) with its bond before applications close; it gets a paddle number. */
export const applyToAuction = async (
  deps: AuctionDeps,
  caller: Caller,
  auctionId: string,
  request: ApplyToAuction,
): Promise<Application> => {
  requireRole(caller, 'bidder', 'apply to bid');
  const auction = await requireAuction(deps, auctionId);
  const now = deps.clock.now();
  if (now.getTime() >= Date.parse(auction.applicationsCloseAt)) {
    throw new DomainError('DEADLINE_PASSED', `Applications closed at ${auction.applicationsCloseAt}.`, {
      field: 'applicationsCloseAt',
      rule: dealKindOf(auction.kind).announcement.article,
    });
  }
  const org = caller.org!;
  const existing = await deps.store.application(auctionId, org);
  if (existing) return existing;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const application: Application = {
      auctionId,
      org,
      paddle: drawPaddle(deps),
      bond: request.bond,
      status: 'applied',
      appliedAt: now.toISOString(),
      version: 0,
    };
    try {
      await deps.store.commit({
        // Who applied, and how many, stay confidential until the result: the entry names nobody and
        // goes to the auction's sealed process log, which the public log only anchors.
        entry: {
          actor: withheldBidder,
          action: 'auction.applied',
          subject: { auctionId },
          process: auctionId,
          data: { paddle: application.paddle },
          confidential: { application },
        },
        create: [
          { kind: 'auctionApplication', value: application },
          { kind: 'auctionPaddle', value: { auctionId, paddle: application.paddle } },
        ],
      });
      return application;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'CONFLICT')) throw error;
      // Either this organisation's retry raced us, or the paddle was taken: read again, else draw again.
      const raced = await deps.store.application(auctionId, org);
      if (raced) return raced;
    }
  }
  throw new DomainError('UNAVAILABLE', 'No free paddle number was drawn; send the application again.');
};

/** The caller's own application and paddle. */
export const myApplication = async (
  deps: AuctionDeps,
  caller: Caller,
  auctionId: string,
): Promise<Application> => {
  requireRole(caller, 'bidder', 'have applications');
  await requireAuction(deps, auctionId);
  return required(deps.store.application(auctionId, caller.org!), 'application of', caller.org!);
};

/** Staff check an applicant's bond and papers (资格审查) and qualify or refuse it, before bidding opens. */
export const decideApplication = async (
  deps: AuctionDeps,
  caller: Caller,
  auctionId: string,
  org: string,
  decision: { qualified: boolean; reason?: string },
): Promise<Application> => {
  requireRole(caller, 'staff', 'qualify applicants');
  const auction = await requireAuction(deps, auctionId);
  const application = await required(deps.store.application(auctionId, org), 'application of', org);
  const status = decision.qualified ? 'qualified' : 'refused';
  if (application.status === status) return application;
  if (!decision.qualified && !decision.reason) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'body.reason: a refusal says why, for the applicant to object to.',
      {
        field: 'body.reason',
      },
    );
  }
  const now = deps.clock.now();
  if (now.getTime() >= Date.parse(auction.opensAt)) {
    throw new DomainError(
      'DEADLINE_PASSED',
      `Applicants are qualified before bidding opens at ${auction.opensAt}.`,
      {
        field: 'opensAt',
      },
    );
  }
  const decided: Application = {
    ...application,
    status,
    decidedAt: now.toISOString(),
    ...(decision.reason ? { reason: decision.reason } : {}),
    version: application.version + 1,
  };
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'auction.application-decided',
      subject: { auctionId },
      process: auctionId,
      data: { paddle: decided.paddle, status },
      confidential: { application: decided },
    },
    replace: [
      { record: { kind: 'auctionApplication', value: decided }, expect: { version: application.version } },
    ],
  });
  return decided;
};

const qualifiedPaddle = async (deps: AuctionDeps, caller: Caller, auctionId: string): Promise<string> => {
  requireRole(caller, 'bidder', 'bid');
  const application = await deps.store.application(auctionId, caller.org!);
  if (application?.status !== 'qualified') {
    throw new DomainError(
      'FORBIDDEN',
      'Only qualified applicants bid: apply with a bond and wait for the qualification.',
    );
  }
  return application.paddle;
};

/** What the room is told of `bid`: the state after it, timed after its commit, so no view read before it is later. */
const newsOf = (deps: AuctionDeps, auction: Auction, state: AuctionState, bid: AcceptedBid): BidNews => ({
  bid,
  state,
  nextMinimumFen: nextMinimumFen({ auctionId: auction.id, ...auction }, state),
  serverTime: deps.clock.now().toISOString(),
});

/** The bid already taken at the offer's sequence, if it is this paddle's same offer. */
const alreadyTaken = async (
  deps: AuctionDeps,
  auctionId: string,
  paddle: string,
  offer: { amountFen: number; sequence: number },
): Promise<AcceptedBid | undefined> => {
  const taken = await deps.store.auctionBid(auctionId, offer.sequence);
  return taken?.paddle === paddle && taken.amountFen === offer.amountFen ? taken : undefined;
};

/**
 * A bid (应价): one conditional write that takes the next sequence number and the auction's
 * version together, so of two racing bids exactly one is accepted; the other is told to re-read.
 * The news for the room comes with a bid this call accepted, and with a resend of the latest bid
 * (its first acceptance may have failed before it told the room; watchers drop what they have). A
 * resend of an older bid is answered with it alone: later news has told the room since.
 */
export const placeBid = async (
  deps: AuctionDeps,
  caller: Caller,
  auctionId: string,
  offer: { amountFen: number; sequence: number },
): Promise<{ bid: AcceptedBid; news?: BidNews }> => {
  const auction = await requireAuction(deps, auctionId);
  const paddle = await qualifiedPaddle(deps, caller, auctionId);
  // A bid sent again after its answer was lost finds itself at its sequence: the same bid, once.
  if (offer.sequence <= auction.state.sequence) {
    const taken = await alreadyTaken(deps, auctionId, paddle, offer);
    if (taken && taken.sequence < auction.state.sequence) return { bid: taken };
    if (taken) return { bid: taken, news: newsOf(deps, auction, auction.state, taken) };
  }
  const kind = dealKindOf(auction.kind);
  const now = deps.clock.now();
  const state = settledState(kind, auction, await continuingPaddles(deps, auctionId), now);
  const next = acceptBid(kind, { auctionId, ...auction }, state, { paddle, ...offer }, now);
  const bid: AcceptedBid = {
    auctionId,
    sequence: next.sequence,
    paddle,
    amountFen: offer.amountFen,
    at: now.toISOString(),
  };
  const updated: Auction = { ...auction, state: next, version: auction.version + 1 };
  try {
    const entry = await deps.store.commit({
      entry: {
        actor: { role: 'bidder', user: `paddle-${paddle}` },
        action: 'auction.bid-accepted',
        subject: { auctionId },
        data: { paddle, amountFen: bid.amountFen, sequence: bid.sequence, at: bid.at },
      },
      replace: [{ record: { kind: 'auction', value: updated }, expect: { version: auction.version } }],
      cite: (logged) => ({ create: [{ kind: 'auctionBid', value: { ...bid, index: logged.index } }] }),
    });
    const accepted = { ...bid, index: entry.index };
    return { bid: accepted, news: newsOf(deps, auction, next, accepted) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'CONFLICT') {
      // Two copies of one bid racing (a resend while the first was in flight): one answer for both.
      const taken = await alreadyTaken(deps, auctionId, paddle, offer);
      if (taken) return { bid: taken };
      throw new DomainError(
        'CONFLICT',
        `Another bid took sequence ${offer.sequence} first. Read the current price and bid again.`,
        { field: 'sequence' },
      );
    }
    throw error;
  }
};

/** During a listing, a qualified bidder asks to go on into timed bidding at its close (要求现场竞价). */
export const askToContinue = async (deps: AuctionDeps, caller: Caller, auctionId: string) => {
  const auction = await requireAuction(deps, auctionId);
  const paddle = await qualifiedPaddle(deps, caller, auctionId);
  const kind = dealKindOf(auction.kind);
  const now = deps.clock.now();
  if (kind.form !== 'listing' || now.getTime() >= Date.parse(auction.listingClosesAt ?? auction.opensAt)) {
    throw new DomainError(
      'CONFLICT',
      'Bidders ask to go on into timed bidding during a listing, before its close.',
      {
        field: 'id',
        rule: kind.listing?.article,
      },
    );
  }
  const continuation = { auctionId, paddle, at: now.toISOString() };
  const existing = (await deps.store.continuations(auctionId)).find((c) => c.paddle === paddle);
  if (existing) return existing;
  await deps.store.commit({
    entry: {
      actor: { role: 'bidder', user: `paddle-${paddle}` },
      action: 'auction.continuation-asked',
      subject: { auctionId },
      data: { paddle },
    },
    create: [{ kind: 'auctionContinuation', value: continuation }],
  });
  return continuation;
};

/**
 * The result (成交 / 流拍), once bidding has ended: staff open the sealed reserve, which must be the
 * one committed before the first bid; the outcome follows from the rules alone, and the paddles'
 * organisations become public.
 */
export const publishAuctionResult = async (
  deps: AuctionDeps,
  caller: Caller,
  auctionId: string,
  opening: { reserveFen: number | null; salt: string },
): Promise<Auction> => {
  requireRole(caller, 'staff', 'publish results');
  const auction = await requireAuction(deps, auctionId);
  if (auction.result) return auction;
  const kind = dealKindOf(auction.kind);
  const now = deps.clock.now();
  const state = settledState(kind, auction, await continuingPaddles(deps, auctionId), now);
  if (state.phase !== 'ended') {
    throw new DomainError('CONFLICT', `Bidding runs until ${state.endsAt}; the result follows its end.`, {
      field: 'id',
    });
  }
  const reserve = { reserveFen: opening.reserveFen, salt: opening.salt };
  const reserveFen = openReserve(auction.reserveCommitment, reserve);
  const qualified = (await deps.store.applications(auctionId)).filter((a) => a.status === 'qualified');
  const outcome = decideOutcome(kind, auction, state, qualified.length, reserveFen);
  const paddles = await Promise.all(
    qualified.map(async (a) => ({
      paddle: a.paddle,
      org: a.org,
      name: (await deps.store.organisation(a.org))?.name ?? a.org,
    })),
  );
  // The applications' log is public with the result: its final anchor (written when bidding opened,
  // or now if no run of the schedule came between) covers every application and decision.
  await deps.processLogs.anchorFinal(auctionId);
  let published: Auction | undefined;
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'auction.result-published',
      subject: { auctionId },
      data: { outcome, reserve, paddles, qualifiedBidders: qualified.length, endsAt: state.endsAt },
    },
    cite: (logged) => {
      const result = {
        outcome,
        reserve,
        paddles,
        qualifiedBidders: qualified.length,
        publishedAt: logged.time,
        index: logged.index,
      };
      published = { ...auction, state, result, version: auction.version + 1 };
      return {
        replace: [{ record: { kind: 'auction', value: published }, expect: { version: auction.version } }],
      };
    },
  });
  return published!;
};

/**
 * A page of the auction's sealed log of applications and decisions (竞买申请), with its anchors and
 * salts: public with the result, not found before, as a tender's is before its opening (法22).
 */
export const auctionProcessLog = async (
  deps: AuctionDeps,
  auctionId: string,
  query: ProcessLogQuery,
): Promise<ProcessLogPage> => {
  const auction = await deps.store.auction(auctionId);
  if (!auction?.result) throw notFound('process log', auctionId);
  return deps.processLogs.publishedPage(auctionId, query);
};

/** What anyone sees: terms, the state settled now, the bids by paddle, and the result once out. */
export const viewAuction = async (deps: AuctionDeps, auctionId: string): Promise<AuctionView> => {
  const auction = await requireAuction(deps, auctionId);
  const kind = dealKindOf(auction.kind);
  const now = deps.clock.now();
  const state = settledState(kind, auction, await continuingPaddles(deps, auctionId), now);
  const { version: _version, ...published } = auction;
  return {
    ...published,
    state,
    bids: await deps.store.auctionBids(auctionId),
    nextMinimumFen: nextMinimumFen({ auctionId, ...auction }, state),
    serverTime: now.toISOString(),
  };
};

export const listAuctions = async (deps: AuctionDeps): Promise<AuctionView[]> =>
  Promise.all((await deps.store.auctions()).map((a) => viewAuction(deps, a.id)));

/** The published auction as the replay verifier reads it: terms, every logged step, the reserve and the result. */
export const auctionRecord = async (
  deps: AuctionDeps,
  auctionId: string,
): Promise<PublishedAuction & { kind: DealKindCode; entries: number[] }> => {
  const auction = await requireAuction(deps, auctionId);
  const result = auction.result;
  if (!result)
    throw new DomainError('CONFLICT', 'The auction record is published with its result.', { field: 'id' });
  const bids = await deps.store.auctionBids(auctionId);
  const continuing = await continuingPaddles(deps, auctionId);
  // The listing's close and the countdown's end are not entries of their own: they happened at the
  // instants the terms and the settled state fix, and the replay checks them there.
  const steps: LoggedStep[] = [];
  const closesAt = auction.listingClosesAt;
  let listingClosed = closesAt === undefined;
  for (const bid of bids) {
    if (!listingClosed && Date.parse(bid.at) >= Date.parse(closesAt!)) {
      steps.push({ type: 'listing-closed', continuing, at: closesAt! });
      listingClosed = true;
    }
    steps.push({
      type: 'bid',
      paddle: bid.paddle,
      amountFen: bid.amountFen,
      sequence: bid.sequence,
      at: bid.at,
    });
  }
  if (!listingClosed) steps.push({ type: 'listing-closed', continuing, at: closesAt! });
  const timed = dealKindOf(auction.kind).form === 'auction' || new Set(continuing).size >= 2;
  if (timed) steps.push({ type: 'bidding-ended', at: auction.state.endsAt });
  return {
    terms: { auctionId, ...auction },
    kind: auction.kind,
    steps,
    qualifiedBidders: result.qualifiedBidders,
    reserve: result.reserve,
    outcome: result.outcome,
    entries: [auction.index, ...bids.map((b) => b.index), result.index].filter(
      (i): i is number => i !== undefined,
    ),
  };
};

/**
 * The auctions the process logs' cadence anchors: each without a result, until bidding opens (when
 * every application is in and decided), and then finally.
 */
export const sealedAuctions = (auctions: Auction[]): SealedProcess[] =>
  auctions.filter((a) => !a.result).map((a) => ({ id: a.id, closesAt: a.opensAt }));

/** Staff and regulators read the applications (confidential until the result). */
export const listApplications = async (
  deps: AuctionDeps,
  caller: Caller,
  auctionId: string,
): Promise<Application[]> => {
  if (caller.role !== 'staff' && caller.role !== 'regulator') {
    throw new DomainError('FORBIDDEN', 'Only staff and regulators read applications.');
  }
  await requireAuction(deps, auctionId);
  return deps.store.applications(auctionId);
};
