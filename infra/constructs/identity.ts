import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { Role } from '../../packages/kernel';

/**
 * Who may call the API: a Cognito user pool whose groups are the platform's roles and
 * whose `custom:org` attribute names a user's organisation. ID tokens carry both claims.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      customAttributes: { org: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of Role.options) {
      new CfnUserPoolGroup(this, `${role}Group`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
      });
    }
    this.client = this.userPool.addClient('ApiClient', {
      authFlows: { userSrp: true },
      idTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
      // Users may not change their own organisation: only administrators set custom:org.
      writeAttributes: new ClientAttributes().withStandardAttributes({
        email: true,
        fullname: true,
        phoneNumber: true,
      }),
    });
  }
}
