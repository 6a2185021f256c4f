import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { tableSchema } from '../../packages/storage';
import { acknowledge } from '../nag';

/** How long a sealed bid is write-protected: the records period of a trading process. */
const BID_RETENTION = Duration.days(365 * 15);

/**
 * Stateful resources: the platform's table and its buckets, exposed read-only to the stateless
 * components that are granted them. Nothing here is ever replaced or deleted by a deployment.
 */
export class Storage extends Construct {
  readonly table: TableV2;
  /** The first answer to each Idempotency-Key, kept a day: a retried request gets it back. */
  readonly idempotency: TableV2;
  /** Tender documents (招标文件), uploaded by staff through presigned PUTs. */
  readonly documents: Bucket;
  /** Sealed bids (投标文件): ciphertext only, write-once under object lock. */
  readonly bids: Bucket;
  /** The audit log as C2SP tiles: immutable objects, each written once. */
  readonly auditTiles: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: tableSchema.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableSchema.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: tableSchema.indexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Powertools' own key scheme (`id`), apart from the platform's table: keys spread over partitions.
    this.idempotency = new TableV2(this, 'Idempotency', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
      billing: Billing.onDemand(),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.idempotency,
      'AwsSolutions-DDB3',
      'Idempotency records expire within a day; restoring old ones would replay stale answers.',
    );

    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      accessLogs,
      'AwsSolutions-S1',
      'This bucket receives the access logs of the others; logging it into itself would loop.',
    );

    const privateBucket = (
      name: string,
      extra: { objectLockEnabled?: boolean; objectLockDefaultRetention?: ObjectLockRetention } = {},
    ) =>
      new Bucket(this, name, {
        encryption: BucketEncryption.S3_MANAGED,
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        versioned: true,
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: `${name.toLowerCase()}/`,
        removalPolicy: RemovalPolicy.RETAIN,
        ...extra,
      });

    this.documents = privateBucket('Documents');
    this.auditTiles = privateBucket('AuditTiles');
    this.bids = privateBucket('Bids', {
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(BID_RETENTION),
    });
  }
}
