import { RemovalPolicy } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { Api } from './api';
import { SunlitFunction } from './sunlit-function';

export interface AuditLogProps {
  api: Api;
  table: TableV2;
  /** The log's C2SP origin line, also its signing key's name. */
  origin: string;
}

/**
 * The public, tamper-evident audit log: an Ed25519 KMS key that signs checkpoints and the
 * read-only routes anyone uses to verify the log (entries, proofs, checkpoint, key), plus
 * the regulators' route to the confidential records behind entries.
 */
export class AuditLog extends Construct {
  readonly signingKey: Key;

  constructor(scope: Construct, id: string, props: AuditLogProps) {
    super(scope, id);
    this.signingKey = new Key(this, 'CheckpointKey', {
      description: `Signs the checkpoints of the audit log ${props.origin}`,
      keySpec: KeySpec.ECC_NIST_EDWARDS25519,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const route = (
      name: string,
      routeKey: Parameters<Api['route']>[0],
      description: string,
      signs = false,
    ) => {
      const fn = new SunlitFunction(this, name, { entry: `functions/audit/${name}.ts`, description });
      fn.addEnvironment('AUDIT_LOG_ORIGIN', props.origin);
      if (signs) {
        fn.addEnvironment('AUDIT_SIGNING_KEY_ID', this.signingKey.keyId);
        this.signingKey.grant(fn, 'kms:GetPublicKey', 'kms:Sign');
      }
      props.api.route(routeKey, fn, name === 'record' ? 'token' : 'public');
      return fn;
    };
    // The checkpoint route stores the checkpoint it signed, so that it is signed once per size.
    route(
      'checkpoint',
      'GET /audit/checkpoint',
      'GET /audit/checkpoint: the signed checkpoint',
      true,
    ).bindTable(props.table, 'readWrite');
    route('public-key', 'GET /audit/public-key', 'GET /audit/public-key: the checkpoint key', true);
    route('entries', 'GET /audit/entries', 'GET /audit/entries: a page of entries').bindTable(
      props.table,
      'read',
    );
    route('inclusion-proof', 'GET /audit/proofs/inclusion', 'GET /audit/proofs/inclusion').bindTable(
      props.table,
      'read',
    );
    route('consistency-proof', 'GET /audit/proofs/consistency', 'GET /audit/proofs/consistency').bindTable(
      props.table,
      'read',
    );
    route(
      'record',
      'GET /audit/records/{index}',
      "GET /audit/records/{index}: an entry's confidential record",
    ).bindTable(props.table, 'read');
  }
}
