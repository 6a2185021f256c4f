/** The adapters: the platform table (key scheme, DynamoDB), each context's store on it, S3, KMS signing and Step Functions. */
export { apiGatewayRoom, roomEndpoint } from './auction-room';
export { dynamoAuditLog } from './audit-log-store';
export { BackgroundJob, stepFunctionsWork } from './background-work';
export type { BackgroundJobName } from './background-work';
export { batchPut } from './batch-put';
export { documentClient, dynamoClient, requiredEnv, s3Client } from './clients';
export { dynamoTable } from './dynamo-table';
export { indexKeys, keys, tableSchema } from './key-scheme';
export { stepFunctionsBiddingClock, stepFunctionsLifecycle } from './step-functions';
export { ensureLocalSigningKey, expertLinkKey, signerFromEnvironment } from './note-signers';
export type { SigningKeySource } from './note-signers';
export { objectStore } from './object-store';
export { dynamoOrganisations } from './organisations';
export { dynamoProbe } from './probe';
export { dynamoProcessLogs } from './process-logs';
export { sealedProcesses } from './process-log-store';
export {
  auctionStore,
  awardStore,
  caseStore,
  complaintStore,
  biddingStore,
  custodyStore,
  drawStore,
  expertStore,
  ledgerStore,
  lifecycleStore,
  notificationStore,
  openDataStore,
  roomConnections,
  supervisionStore,
  tenderStore,
  venueStore,
  witnessStore,
} from './stores';
export type { Item, ItemWrites, RecordTable } from './record-table';
export { fileSink } from './file-sink';
