import { RemovalPolicy } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { AnyRoute, routeKey } from '../../packages/api-contract/route';
import * as routes from '../../packages/audit-log/routes';
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
  readonly origin: string;

  /** Lets `fn` sign checkpoints: the checkpoint route, and the functions that hand out receipts. */
  grantSigning(fn: SunlitFunction): void {
    fn.addEnvironment('AUDIT_LOG_ORIGIN', this.origin);
    fn.addEnvironment('AUDIT_SIGNING_KEY_ID', this.signingKey.keyId);
    this.signingKey.grant(fn, 'kms:GetPublicKey', 'kms:Sign');
  }

  constructor(scope: Construct, id: string, props: AuditLogProps) {
    super(scope, id);
    this.signingKey = new Key(this, 'CheckpointKey', {
      description: `Signs the checkpoints of the audit log ${props.origin}`,
      keySpec: KeySpec.ECC_NIST_EDWARDS25519,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.origin = props.origin;
    const route = (name: string, declared: AnyRoute, signs = false) => {
      const fn = new SunlitFunction(this, name, {
        entry: `functions/audit/${name}.ts`,
        description: `${routeKey(declared)}: ${declared.summary}`,
      });
      fn.addEnvironment('AUDIT_LOG_ORIGIN', props.origin);
      if (signs) this.grantSigning(fn);
      props.api.serve(declared, fn);
      return fn;
    };
    // The checkpoint route stores the checkpoint it signed, so that it is signed once per size.
    route('checkpoint', routes.checkpointRoute, true).bindTable(props.table, 'readWrite');
    route('public-key', routes.publicKeyRoute, true);
    route('entries', routes.entriesRoute).bindTable(props.table, 'read');
    route('inclusion-proof', routes.inclusionRoute).bindTable(props.table, 'read');
    route('consistency-proof', routes.consistencyRoute).bindTable(props.table, 'read');
    route('record', routes.recordRoute).bindTable(props.table, 'read');
  }
}
