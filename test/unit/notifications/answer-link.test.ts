import { generateKeyPairSync } from 'node:crypto';
import { localEd25519Signer } from '../../../packages/audit-log';
import { answerLink, LinkSigner, signAnswerToken, verifyAnswerToken } from '../../../packages/notifications';
import { ANSWER_LINK_LIFETIME_MS } from '../../../packages/notifications/answer-link';

const keyPair = (): LinkSigner =>
  localEd25519Signer('sunlit-expert-link', generateKeyPairSync('ed25519').privateKey);

const seat = { drawId: 'D-2026-AAAABBBB', expertId: 'E-00042' };
const issued = new Date('2026-03-02T01:00:00Z');
const later = (ms: number) => new Date(issued.getTime() + ms);

const decoded = (token: string) =>
  token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);

/** A compact JWS the way an attacker would build one: any header and claims, signed by `signer`. */
const forge = async (signer: LinkSigner, header: object, claims: object) => {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${Buffer.from(await signer.sign(Buffer.from(input))).toString('base64url')}`;
};

describe('answer links', () => {
  it('name the seat they answer for, and verify with the public key until they expire', async () => {
    const signer = keyPair();
    const token = await signAnswerToken(signer, seat, issued);
    expect(await verifyAnswerToken(signer.publicKey, token, later(ANSWER_LINK_LIFETIME_MS - 1000))).toEqual(
      seat,
    );
    const [header, claims] = decoded(token);
    expect(header).toEqual({ alg: 'EdDSA', typ: 'JWT' });
    // The claims name the draw and the expert, nothing else: no tender, no name, no phone.
    expect(Object.keys(claims!).sort()).toEqual(['aud', 'draw', 'exp', 'iat', 'sub']);
    expect(claims!.exp).toBe(issued.getTime() / 1000 + ANSWER_LINK_LIFETIME_MS / 1000);
  });

  it('refuse an expired link, naming the token and saying it expired', async () => {
    const signer = keyPair();
    const token = await signAnswerToken(signer, seat, issued);
    await expect(
      verifyAnswerToken(signer.publicKey, token, later(ANSWER_LINK_LIFETIME_MS)),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { field: 'token' },
      message: expect.stringContaining('expired'),
    });
  });

  it('refuse a link signed by another key, altered, or signed for another purpose', async () => {
    const signer = keyPair();
    const other = keyPair();
    const genuine = await signAnswerToken(signer, seat, issued);
    const [header, payload, signature] = genuine.split('.');
    const altered = Buffer.from(JSON.stringify({ ...decoded(genuine)[1], draw: 'D-2026-CCCCDDDD' })).toString(
      'base64url',
    );
    const exp = issued.getTime() / 1000 + 3600;
    const forged = [
      await signAnswerToken(other, seat, issued),
      `${header}.${altered}.${signature}`,
      `${header}.${payload}.`,
      await forge(
        signer,
        { alg: 'EdDSA' },
        { aud: 'sunlit/other', sub: seat.expertId, draw: seat.drawId, exp },
      ),
      await forge(signer, { alg: 'EdDSA' }, { aud: 'sunlit/expert-answer', sub: seat.expertId, exp }),
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`,
    ];
    for (const token of forged) {
      await expect(verifyAnswerToken(signer.publicKey, token, issued)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
        details: { field: 'token' },
        message: expect.stringContaining('not an answer link'),
      });
    }
  });

  it('point at the portal page, the token in the fragment', () => {
    expect(answerLink('https://portal.example/', 'a.b.c')).toBe(
      'https://portal.example/#/experts/answer?token=a.b.c',
    );
  });
});
