/** The audit log (审计日志): entries, their RFC 9162 Merkle tree, proofs, signed checkpoints, C2SP tiles, the offline verifiers, and the change that commits with its entry. */
export { actorOf, platformActor, withheldBidder, withheldComplainant } from './actors';
export type { Change, Committer, Writes } from './change';
export { openSignedNote, signCheckpoint } from './checkpoint';
export {
  AuditActor,
  AuditEntry,
  canonicalEntryText,
  leafHashOfEntry,
  leafHashOfLoggedText,
  leafHashOfServedEntry,
} from './entry';
export { httpLogClient, httpTileClient } from './http-log-client';
export { confidentialRecord, consistencyProof, inclusionProof, readEntriesPage } from './log-reader';
export type { LogStorage } from './log-reader';
export { contentDigest, prepareEntry } from './new-entry';
export type { NewEntry, SaltedValue } from './new-entry';
export { localEd25519Signer, signNoteText, verifierKeyString, verifyNote } from './note';
export type { NoteSigner } from './note';
export {
  declaresIndex,
  leafOfLoggedEntry,
  proveEntries,
  proveEntry,
  VerificationFailed,
  verifyLog,
} from './offline-verifier';
export type { LogClient } from './offline-verifier';
export { ANCHOR_ACTION, AnchorChains, AnchorEntryData } from './anchor-chains';
export {
  anchorCommitment,
  anchoringEntries,
  anchorProcessLogs,
  newAnchors,
  PlatformFault,
  ProcessAnchor,
  processLogCursor,
  processLogPagePath,
  processLogOrigin,
  ProcessLogPage,
  ProcessLogQuery,
  PublishedProcessLog,
  readPublishedProcessLog,
  verifyProcessLog,
} from './process-log';
export type { ProcessAnchoring, ProcessLogPosition, SealedProcess, SealedProcessRecord } from './process-log';
export { treeHash } from './proofs';
export { verifyTiles } from './tile-verifier';
export type { TileClient } from './tile-verifier';
export {
  decodeEntryBundle,
  encodeEntryBundle,
  entryBundlePath,
  hashTilePath,
  publishTiles,
  tilesAddedBetween,
} from './tiles';
export { RootBuilder } from './root-builder';
export { auditReadRoutes, checkpointRoutes } from './routes';
export { storedHashCount, storedHashesForBatch, storedHashesForRecord } from './stored-hashes';
export type { HashReader } from './stored-hashes';
export { checkRecord } from './verify';
export { openCheckpoint } from './offline-verifier';
export { cosignatureLine, verifyCosignature, witnessVerifierKey, withSignatureLines } from './cosignature';
export {
  acceptCosignature,
  cosignedCheckpoint,
  InconsistentCheckpoint,
  registerWitness,
  requireConsistent,
  Witness,
  witnessCheckpoint,
} from './witness';
export type { WitnessStore } from './witness';
