/** Listings and auctions of land, mining rights and state property: deal kinds as data, live bidding, the sealed reserve and the replay anyone runs. */
export { dealKindCodes, dealKindOf, dealKinds } from './deal-kinds';
export type { BiddingForm, DealKind, DealKindCode, DealPeriod } from './deal-kinds';
export { acceptBid, closeListing, decideOutcome, endBidding, nextMinimumFen, openBidding } from './bidding';
export type { AuctionOutcome, AuctionState, AuctionTerms, BidOffer, LeadingBid } from './bidding';
export { openReserve, reserveCommitment } from './reserve';
export type { ReserveOpening } from './reserve';
export { assertLawfulAuctionSchedule, assertRelistingPrice, singleBuyerPrice } from './schedule';
export { applicationChecks, auctionVerdict, replayAuction } from './replay';
export type { AuctionCheck, LoggedStep, PublishedAuction } from './replay';
export {
  applyToAuction,
  askToContinue,
  auctionProcessLog,
  auctionRecord,
  createAuction,
  decideApplication,
  listApplications,
  listAuctions,
  myApplication,
  placeBid,
  publishAuctionResult,
  sealedAuctions,
  settledState,
  viewAuction,
} from './auctions';
export {
  AcceptedBid,
  Application,
  Auction,
  AuctionView,
  BidNews,
  Continuation,
  CreateAuction,
} from './model';
export type { AuctionDeps, AuctionRecord, AuctionStore, BiddingClock, ClockRun } from './ports';
export { AuctionRecordView, auctionDocumentRoutes, auctionRoutes } from './routes';
export { saleConfirmation } from './confirmation';
export {
  bidInRoom,
  broadcastAuction,
  broadcastBid,
  joinRoom,
  leaveRoom,
  roomAddress,
  RoomBid,
  RoomBidder,
  sendState,
  stepBiddingClock,
} from './room';
export type {
  AuctionRoom,
  BiddingClockStep,
  Delivery,
  RoomConnection,
  RoomConnections,
  RoomDeps,
  RoomMessage,
} from './room';
