import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { biddingRoutes } from '../../packages/bidding';
import { custodyRoutes } from '../../packages/custody';
import { ComponentAlarm } from './alarm';
import { AuditLog } from './audit-log';
import { ComponentProps } from './component';
import { API_TIMEOUT, SunlitFunction } from './sunlit-function';
import { TenderLifecycle } from './tender-lifecycle';

/**
 * Sealed bids and the opening (开标): custodian keys and shares, upload slots and receipts,
 * withdrawals, bonds, the opening record. No function reads a bid before the opening; once K
 * shares are in, the decryption worker decrypts every bid in the background.
 */
export class SealedBids extends Construct {
  readonly function: SunlitFunction;
  readonly decryptionWorker: SunlitFunction;

  constructor(
    scope: Construct,
    id: string,
    props: ComponentProps & { auditLog: AuditLog; lifecycle: TenderLifecycle },
  ) {
    super(scope, id);
    // At the deadline many bidders confirm at once and appends to the log queue up: confirmations
    // get the API's whole time rather than fail a bid that would have been received.
    this.function = new SunlitFunction(this, 'Function', {
      entry: 'functions/bidding/handler.ts',
      description: 'Sunlit sealed bids: custodians, bids and receipts, bonds, the opening',
      timeout: API_TIMEOUT,
      memorySize: 1024,
    })
      .bindTable(props.table, 'readWrite')
      .bindIdempotency(props.idempotency)
      // Bidders write ciphertext through presigned PUTs; confirmation hashes what was stored.
      .bindBucket(props.bids, 'BIDS_BUCKET', 'readWrite');
    // Receipts cite a freshly signed checkpoint.
    props.auditLog.grantSigning(this.function);
    props.api.serve([...custodyRoutes, ...biddingRoutes], this.function);

    // The last share's decryption reads every bid: hundreds of megabytes for a large tender.
    this.decryptionWorker = new SunlitFunction(this, 'DecryptionWorker', {
      entry: 'functions/bidding/decryption-worker.ts',
      description: 'Sunlit sealed bids: decrypts an opening once K shares are in',
      timeout: Duration.minutes(10),
      memorySize: 3008,
    })
      .bindTable(props.table, 'readWrite')
      .bindBucket(props.bids, 'BIDS_BUCKET', 'read');
    props.lifecycle.grantResume(this.decryptionWorker);

    new ComponentAlarm(this, 'Errors', {
      component: 'SealedBids',
      functions: [this.function, this.decryptionWorker],
    });
  }
}
