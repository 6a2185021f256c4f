import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  JWK,
  jwtVerify,
  JWTPayload,
  SignJWT,
} from 'jose';
import { claimNames } from '../identity';
import { DemoUser } from '../demo-data';
import { SynthesizedStack } from './template';

/** What the template's JWT authorizer expects of a token. */
export interface JwtAuthorizerConfig {
  authorizerId: string;
  issuer: string;
  audience: string[];
}

/**
 * Reads the JWT configuration of every JWT `AWS::ApiGatewayV2::Authorizer` in the template (the
 * HTTP API's); Lambda authorizers are run by the WebSocket gateway.
 */
export const jwtAuthorizers = (stack: SynthesizedStack): Map<string, JwtAuthorizerConfig> =>
  new Map(
    stack
      .resourcesOfType('AWS::ApiGatewayV2::Authorizer')
      .filter(([, authorizer]) => authorizer.Properties?.AuthorizerType === 'JWT')
      .map(([id]) => {
        const config = stack.property<{ Issuer: string; Audience: string[] }>(id, 'JwtConfiguration');
        if (!config) throw new Error(`JWT authorizer ${id} has no JwtConfiguration.`);
        return [id, { authorizerId: id, issuer: config.Issuer, audience: config.Audience }];
      }),
  );

const ALGORITHM = 'ES256';
type SigningKey = Awaited<ReturnType<typeof importJWK>>;

/**
 * The local stand-in for the Cognito user pool: it signs ID tokens with the same issuer,
 * audience and claims as Cognito would, with a key generated once and kept in the data folder.
 * The gateway verifies them against this issuer's JWKS, exactly as API Gateway verifies Cognito's.
 */
export class LocalIssuer {
  private constructor(
    private readonly privateKey: SigningKey,
    readonly publicJwk: JWK,
    private readonly config: JwtAuthorizerConfig,
    private readonly users: Map<string, DemoUser>,
  ) {}

  static async open(keyFile: string, config: JwtAuthorizerConfig, users: DemoUser[]): Promise<LocalIssuer> {
    if (!existsSync(keyFile)) {
      const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
      const jwk = await exportJWK(privateKey);
      writeFileSync(keyFile, JSON.stringify({ ...jwk, kid: `local-${Date.now()}`, alg: ALGORITHM }), {
        mode: 0o600,
      });
    }
    const stored = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    const privateKey = await importJWK(stored, ALGORITHM);
    const { d: _private, ...publicJwk } = stored;
    return new LocalIssuer(
      privateKey,
      { ...publicJwk, use: 'sig' },
      config,
      new Map(users.map((u) => [u.username, u])),
    );
  }

  /** The issuer its tokens name, as the user pool's (`iss`). */
  get issuer(): string {
    return this.config.issuer;
  }

  /** The user pool client its tokens are for (`aud`). */
  get clientId(): string {
    return this.config.audience[0] ?? '';
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  userNames(): string[] {
    return [...this.users.keys()];
  }

  /** Who one can sign in as, for the local sign-in page (names and roles, no secrets). */
  directory(): Pick<DemoUser, 'username' | 'role' | 'org'>[] {
    return [...this.users.values()].map(({ username, role, org }) => ({ username, role, org }));
  }

  /** An ID token for a demo user, shaped like Cognito's. */
  async tokenFor(
    username: string,
    lifetimeSeconds = 8 * 3600,
    extraClaims: JWTPayload = {},
  ): Promise<string> {
    const user = this.users.get(username);
    if (!user) throw new Error(`No demo user ${username}. Known users: ${this.userNames().join(', ')}`);
    const claims: JWTPayload = {
      [claimNames.user]: user.username,
      [claimNames.groups]: [user.role],
      token_use: 'id',
      email: user.email,
      ...(user.org ? { [claimNames.org]: user.org } : {}),
      ...extraClaims,
    };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, kid: this.publicJwk.kid })
      .setSubject(user.sub)
      .setIssuer(this.config.issuer)
      .setAudience(this.clientId)
      .setIssuedAt()
      .setExpirationTime(`${lifetimeSeconds}s`)
      .sign(this.privateKey);
  }

  /** Verifies a bearer token as API Gateway's JWT authorizer does: signature, issuer, audience, expiry. */
  async verify(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, createLocalJWKSet(this.jwks()), {
      issuer: this.config.issuer,
      audience: this.config.audience,
      algorithms: [ALGORITHM],
    });
    return payload;
  }
}
