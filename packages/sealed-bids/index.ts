/** The cryptography of sealed bids: HPKE sealing (RFC 9180), the Shamir-split opening key, and the bid package format. */
export { BidForm, packBid, unpackBid } from './bid-package';
export { decodeKey, encodeKey, publicKeyOf } from './hpke-keys';
export {
  decryptShare,
  generateCustodianKey,
  generateOpeningKey,
  rebuildOpeningKey,
  splitOpeningKey,
} from './opening-key';
export { openBid, sealBid } from './seal';
