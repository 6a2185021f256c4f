import * as z from 'zod';
import { Identifier, Name, Sha256Hex } from '../kernel';
import { Fen } from '../legal-rules';
import { dealKindCodes } from './deal-kinds';

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with its offset' });
const PositiveFen = Fen.min(1, 'must be at least 1 fen');

/** The approving body's written consent (批准单位书面同意) to a relisting price below the floor. */
export const RelistingConsent = z.strictObject({
  approvingBody: Name(),
  documentNumber: Name(),
  /** SHA-256 of the consent's scanned document. */
  documentSha256: Sha256Hex,
});

/**
 * A relisting (重新披露) of an asset whose earlier auction ended in no sale: the earlier auction, the
 * appraisal (评估值) the floor is counted from, and the consent when the price is below it.
 */
export const Relisting = z.strictObject({
  of: Identifier,
  appraisalFen: PositiveFen,
  consent: RelistingConsent.optional(),
});
export type Relisting = z.infer<typeof Relisting>;

/** What staff publish to list an asset (出让公告 / 信息披露); the reserve only as its commitment. */
export const CreateAuction = z.strictObject({
  kind: z.enum(dealKindCodes),
  title: Name(),
  /** The seller (出让人/转让方): an organisation id. */
  sellerOrg: Identifier,
  startingPriceFen: PositiveFen,
  incrementFen: PositiveFen,
  /** 竞买保证金, paid before applications close. */
  bondFen: Fen,
  applicationsCloseAt: Instant,
  opensAt: Instant,
  listingClosesAt: Instant.optional(),
  /** SHA-256 of the canonical JSON `{ reserveFen, salt }`; `sunlit auction seal-reserve` makes it. */
  reserveCommitment: Sha256Hex,
  relisting: Relisting.optional(),
});
export type CreateAuction = z.infer<typeof CreateAuction>;

export const Phase = z.enum(['listing', 'timed', 'ended']);
export const LeadingBid = z.object({
  paddle: z.string(),
  amountFen: z.int(),
  sequence: z.int(),
  at: z.iso.datetime(),
});
export const AuctionState = z.object({
  phase: Phase,
  sequence: z.int().nonnegative(),
  endsAt: z.iso.datetime(),
  leading: LeadingBid.optional(),
});

export const AuctionOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('sold'), paddle: z.string(), priceFen: z.int() }),
  z.object({
    outcome: z.literal('no-sale'),
    reason: z.enum(['no-qualified-bidder', 'no-bid', 'below-reserve']),
  }),
]);

export const ReserveOpening = z.strictObject({
  reserveFen: Fen.nullable(),
  salt: z.string().regex(/^[0-9a-f]{64}$/, 'must be 32 bytes as 64 lowercase hex characters'),
});

/** The result published at the close (成交 / 流拍): who each paddle was, and the reserve opened. */
export const AuctionResult = z.object({
  outcome: AuctionOutcome,
  reserve: ReserveOpening,
  /** Every qualified paddle and its organisation, public from the result on. */
  paddles: z.array(z.object({ paddle: z.string(), org: Identifier, name: z.string() })),
  qualifiedBidders: z.int().nonnegative(),
  publishedAt: z.iso.datetime(),
  /** The audit entry that published it. */
  index: z.int(),
});
export type AuctionResult = z.infer<typeof AuctionResult>;

export const Auction = CreateAuction.extend({
  id: Identifier,
  announcedAt: z.iso.datetime(),
  announcedBy: z.string(),
  /** The audit entry of the announcement, which fixed the terms and the reserve's commitment. */
  index: z.int().optional(),
  /** The state as of the last accepted bid; reads settle it at the time they are made. */
  state: AuctionState,
  result: AuctionResult.optional(),
  version: z.int().nonnegative(),
});
export type Auction = z.infer<typeof Auction>;

/** A bond as the applicant declares it: paid to the center, or an e-guarantee (电子保函). */
export const BondProof = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('paid'), reference: Name() }),
  z.strictObject({ kind: z.literal('guarantee'), issuer: Name(), number: Name(2, 1) }),
]);

export const ApplyToAuction = z.strictObject({ bond: BondProof });
export type ApplyToAuction = z.infer<typeof ApplyToAuction>;

/** An application (竞买申请): confidential until the result, as registrations are until the opening. */
export const Application = z.object({
  auctionId: Identifier,
  org: Identifier,
  /** 竞买号牌: how the bidder appears in the room. */
  paddle: z.string(),
  bond: BondProof,
  status: z.enum(['applied', 'qualified', 'refused']),
  appliedAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().optional(),
  reason: z.string().optional(),
  version: z.int().nonnegative(),
});
export type Application = z.infer<typeof Application>;

export const DecideApplication = z.strictObject({
  qualified: z.boolean(),
  reason: Name().optional(),
});

export const PlaceBid = z.strictObject({
  amountFen: PositiveFen,
  /** The sequence number this bid takes: the last accepted one + 1, as the bidder last saw it. */
  sequence: z.int().min(1, 'must be at least 1'),
});

/** One accepted bid (应价), public by paddle from the moment it is accepted. */
export const AcceptedBid = z.object({
  auctionId: Identifier,
  sequence: z.int(),
  paddle: z.string(),
  amountFen: z.int(),
  at: z.iso.datetime(),
  index: z.int().optional(),
});
export type AcceptedBid = z.infer<typeof AcceptedBid>;

/** A bidder's wish to go on into the timed round at the listing's close (要求现场竞价). */
export const Continuation = z.object({ auctionId: Identifier, paddle: z.string(), at: z.iso.datetime() });
export type Continuation = z.infer<typeof Continuation>;

export const PublishAuctionResult = z.strictObject({
  reserveFen: Fen.nullable(),
  salt: ReserveOpening.shape.salt,
});

/** What anyone reads of an auction: the terms, the live state, the bids by paddle, and the result. */
export const AuctionView = Auction.omit({ version: true }).extend({
  bids: z.array(AcceptedBid),
  nextMinimumFen: z.int(),
  serverTime: z.iso.datetime(),
});
export type AuctionView = z.infer<typeof AuctionView>;

/**
 * What everyone in the room is told of a bid just accepted: the bid and the auction's state after
 * it, as `GET /auctions/{id}` would show them then. It is all that changed, so its size does not
 * grow with the bids before it.
 */
export const BidNews = AuctionView.pick({ state: true, nextMinimumFen: true, serverTime: true }).extend({
  bid: AcceptedBid,
});
export type BidNews = z.infer<typeof BidNews>;
