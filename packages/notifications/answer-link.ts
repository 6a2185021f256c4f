import { errors, importJWK, jwtVerify } from 'jose';
import * as z from 'zod';
import { DomainError, Identifier } from '../kernel';

/**
 * What signs answer links: an Ed25519 key of their own (KMS on AWS, a key file locally), so the
 * relay that signs links can sign nothing else; anyone holding the public half can verify.
 */
export interface LinkSigner {
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/**
 * The seat an answer link answers for (回复链接): the draw that seated the expert and the expert.
 * A JWT's claims are readable by whoever holds it, so they never name the tender (法44): a draw's
 * id means nothing outside the platform, and the draw routes are for staff and regulators only.
 */
export interface SeatClaim {
  drawId: string;
  expertId: string;
}

/** How long a link may be used: the expert is asked to answer at once, and staff can still record it after. */
export const ANSWER_LINK_LIFETIME_MS = 3 * 86_400_000;

/** The token's purpose, so that no other token the platform might sign with this key answers a seat. */
const AUDIENCE = 'sunlit/expert-answer';

const Claims = z.object({ sub: Identifier, draw: Identifier, exp: z.number() });

/** The shape of a compact JWS, for the request schema: three base64url parts. */
export const AnswerToken = z
  .string()
  .max(2048)
  .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'must be the token of an answer link, as the link carries it');

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

/** A signed, expiring token naming one seat; signed as raw bytes, so a KMS key that never leaves KMS can sign it. */
export const signAnswerToken = async (signer: LinkSigner, seat: SeatClaim, now: Date): Promise<string> => {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const header = base64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      aud: AUDIENCE,
      sub: seat.expertId,
      draw: seat.drawId,
      iat: issuedAt,
      exp: issuedAt + ANSWER_LINK_LIFETIME_MS / 1000,
    }),
  );
  const signature = await signer.sign(new TextEncoder().encode(`${header}.${payload}`));
  return `${header}.${payload}.${base64url(signature)}`;
};

const refused = (message: string) => new DomainError('UNAUTHENTICATED', message, { field: 'token' });

/**
 * The seat a token answers for, if the platform signed it and it has not expired at `now`;
 * otherwise UNAUTHENTICATED naming `token`, saying which.
 */
export const verifyAnswerToken = async (
  publicKey: Uint8Array,
  token: string,
  now: Date,
): Promise<SeatClaim> => {
  const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: base64url(publicKey) }, 'EdDSA');
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['EdDSA'],
      audience: AUDIENCE,
      currentDate: now,
      requiredClaims: ['exp'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw refused('token: this answer link has expired; call the trading center to answer.');
    }
    throw refused('token: this is not an answer link the platform signed.');
  }
  const claims = Claims.safeParse(payload);
  if (!claims.success) throw refused('token: this is not an answer link the platform signed.');
  return { drawId: claims.data.draw, expertId: claims.data.sub };
};

/** Where the expert answers: the portal's page, the token in the fragment, so no server or CDN log holds it. */
export const answerLink = (portalUrl: string, token: string): string =>
  `${portalUrl.replace(/\/+$/, '')}/#/experts/answer?token=${token}`;
