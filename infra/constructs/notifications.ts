import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { ComponentAlarm } from './alarm';
import { everyMinute } from './every-minute';
import { SunlitFunction } from './sunlit-function';

export interface NotificationsProps {
  table: TableV2;
  /** Where the experts' answer links point: the portal's origin. */
  portalUrl: string;
  /** The SES identity (a verified domain or address) the relay may send as, and the address it sends from. */
  email: { identity: string; from: string };
}

/**
 * The outbox relay: a function of its own, run every minute, that may read and write the table,
 * send SMS by SNS and email by SES as one identity, and sign the experts' answer links with a key
 * of their own. It serves no route, so it shares no function whose privileges it would widen.
 */
export class Notifications extends Construct {
  readonly relayFunction: SunlitFunction;
  /** Signs answer links; the relay alone may sign, the function that takes answers reads its public half. */
  readonly answerLinkKey: Key;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    this.answerLinkKey = new Key(this, 'AnswerLinkKey', {
      description: 'Signs the links by which experts answer their summons',
      keySpec: KeySpec.ECC_NIST_EDWARDS25519,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.relayFunction = new SunlitFunction(this, 'Relay', {
      entry: 'functions/notifications/relay.ts',
      description: 'Sunlit notifications: delivers the outbox by SMS and email',
      timeout: Duration.seconds(50),
    }).bindTable(props.table, 'readWrite');
    this.relayFunction.addEnvironment('PORTAL_URL', props.portalUrl);
    this.relayFunction.addEnvironment('EMAIL_FROM', props.email.from);
    this.grantLinkReading(this.relayFunction);
    this.answerLinkKey.grant(this.relayFunction, 'kms:Sign');

    this.relayFunction.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    acknowledge(
      this.relayFunction.role!,
      'AwsSolutions-IAM5[Resource::*]',
      'sns:Publish straight to a phone number (SMS) has no resource to name: IAM takes only "*" for it. The function may publish and nothing else of SNS.',
    );
    const identity = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: props.email.identity,
    });
    this.relayFunction.addToRolePolicy(
      new PolicyStatement({ actions: ['ses:SendEmail'], resources: [identity] }),
    );

    everyMinute(this, 'RelaySchedule', this.relayFunction, 'Delivers the outbox, every minute');
    new ComponentAlarm(this, 'Errors', { component: 'Notifications', functions: [this.relayFunction] });
  }

  /** Lets `fn` read the answer links' public key, to verify the links experts answer by. */
  grantLinkReading(fn: SunlitFunction): void {
    fn.addEnvironment('EXPERT_LINK_KEY_ID', this.answerLinkKey.keyId);
    this.answerLinkKey.grant(fn, 'kms:GetPublicKey');
  }
}
