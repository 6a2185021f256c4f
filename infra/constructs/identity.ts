import { Aws, Duration, Lazy, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { Role } from '../../packages/kernel';

/**
 * Who may call the API: a Cognito user pool whose groups are the platform's roles and
 * whose `custom:org` attribute names a user's organisation. ID tokens carry both claims.
 * People sign in on the pool's hosted pages (password, then a one-time code) by the
 * authorization code flow with PKCE; the portal's origins are its only callbacks.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  private readonly signInOrigins: string[] = [];

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
    // The hosted pages' prefix is unique per region: the account's id by default, or -c authDomainPrefix=….
    this.domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: {
        domainPrefix: this.node.tryGetContext('authDomainPrefix') ?? `sunlit-${Aws.ACCOUNT_ID}`,
      },
    });
    // Resolved at synthesis, once every portal has said where it is served.
    const callbacks = Lazy.list({ produce: () => this.signInOrigins.map((origin) => `${origin}/`) });
    this.client = this.userPool.addClient('ApiClient', {
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: callbacks,
        logoutUrls: callbacks,
      },
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

  /** A portal served at `origin` (`https://…`) signs people in: the pool sends them back there. */
  allowSignInFrom(origin: string): void {
    this.signInOrigins.push(origin);
  }
}
