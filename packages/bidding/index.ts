/** Sealed bids (投标文件) and the opening (开标): upload slots, receipts, withdrawals, bonds, the shares, the decryption and the opening record. */
export { confirmBid, myBids, recordBond, requestBidUpload, validBids, withdrawBid } from './bids';
export {
  Bid,
  BidderState,
  Bond,
  LateAttempts,
  MAX_BID_BYTES,
  Opening,
  OpeningRow,
  OpeningShare,
} from './model';
export {
  answerObjection,
  closeBidding,
  decryptBids,
  myShare,
  raiseObjection,
  recordDecryptionFailure,
  startOpening,
  submitShare,
  viewOpening,
} from './opening';
export type { BidReads, BidStore, BiddingDeps, BiddingRecord, BiddingStore, ProcessLogs } from './ports';
export { promiseNoteText, Receipt, ReceiptPromise, verifyReceipt, verifyReceiptInclusion } from './receipt';
export { publishedProcessLog, sealedTenders } from './process-logs';
export { biddingRoutes } from './routes';
export { OpeningView, verifyOpening } from './verify-opening';
export type { OpeningCheck } from './verify-opening';
