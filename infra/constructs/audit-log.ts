import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { auditReadRoutes, checkpointRoutes } from '../../packages/audit-log';
import { ComponentAlarm } from './alarm';
import { Api } from './api';
import { everyMinute } from './every-minute';
import { SunlitFunction } from './sunlit-function';

export interface AuditLogProps {
  api: Api;
  table: TableV2;
  /** Where the checkpoint's function writes the log's tiles before it hands out a checkpoint. */
  tiles: IBucket;
  /** The log's C2SP origin line, also its signing key's name. */
  origin: string;
}

/**
 * The public, tamper-evident audit log: an Ed25519 KMS key that signs checkpoints; a function
 * that serves the log to anyone who verifies it (entries, proofs, the key) and its confidential
 * records to regulators, which may read the key but never sign; and the checkpoint's function,
 * which signs; and the sequencer, on a schedule, which integrates entries left pending and
 * anchors each open tender's sealed process log.
 */
export class AuditLog extends Construct {
  readonly signingKey: Key;
  readonly origin: string;
  readonly readFunction: SunlitFunction;
  readonly checkpointFunction: SunlitFunction;
  readonly sequencerFunction: SunlitFunction;

  constructor(scope: Construct, id: string, props: AuditLogProps) {
    super(scope, id);
    this.origin = props.origin;
    this.signingKey = new Key(this, 'CheckpointKey', {
      description: `Signs the checkpoints of the audit log ${props.origin}`,
      keySpec: KeySpec.ECC_NIST_EDWARDS25519,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.readFunction = new SunlitFunction(this, 'Read', {
      entry: 'functions/audit/handler.ts',
      description: 'Sunlit audit log: entries, proofs, the verifier key, confidential records',
    }).bindTable(props.table, 'read');
    this.grantKeyReading(this.readFunction);
    props.api.serve(auditReadRoutes, this.readFunction);

    // It stores the checkpoint it signed, so that each size is signed once.
    this.checkpointFunction = new SunlitFunction(this, 'Checkpoint', {
      entry: 'functions/audit/checkpoint.ts',
      description: 'Sunlit audit log: the signed checkpoint',
    })
      .bindTable(props.table, 'readWrite')
      .bindBucket(props.tiles, 'AUDIT_TILES_BUCKET', 'write');
    this.grantSigning(this.checkpointFunction);
    props.api.serve(checkpointRoutes, this.checkpointFunction);

    // Writers integrate their own entries; this sweep bounds the wait of one whose writer stopped,
    // and anchors every open tender's sealed process log, signing its checkpoint: the cadence that
    // makes the public log say nothing of a tender's activity.
    this.sequencerFunction = new SunlitFunction(this, 'Sequencer', {
      entry: 'functions/audit/sequencer.ts',
      description: 'Sunlit audit log: integrates pending entries, anchors the process logs',
      timeout: Duration.seconds(50),
    }).bindTable(props.table, 'readWrite');
    this.grantSigning(this.sequencerFunction);
    everyMinute(
      this,
      'SequencerSchedule',
      this.sequencerFunction,
      'Integrates audit entries left pending and anchors the open process logs, every minute',
    );

    new ComponentAlarm(this, 'Errors', {
      component: 'AuditLog',
      functions: [this.readFunction, this.checkpointFunction, this.sequencerFunction],
    });
  }

  /** Lets `fn` read the signing key's public half, and tells it the log's origin. */
  private grantKeyReading(fn: SunlitFunction): void {
    fn.addEnvironment('AUDIT_LOG_ORIGIN', this.origin);
    fn.addEnvironment('AUDIT_SIGNING_KEY_ID', this.signingKey.keyId);
    this.signingKey.grant(fn, 'kms:GetPublicKey');
  }

  /** Lets `fn` sign checkpoints: the checkpoint route, and the functions that hand out receipts. */
  grantSigning(fn: SunlitFunction): void {
    this.grantKeyReading(fn);
    this.signingKey.grant(fn, 'kms:Sign');
  }
}
