/**
 * Known answers:
 * - PeterNeumann and EnochRoot keys, the signed quotation and its signatures:
 *   golang.org/x/mod sumdb/note/note_test.go (TestNewSigner, TestSign, TestOpen,
 *   TestNewVerifier), github.com/golang/mod at fe2ec04.
 * - example.com/foo: the example of https://c2sp.org/signed-note (C2SP/C2SP signed-note.md
 *   at 5ba5ee8).
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { NoteRejectedError } from '../../../packages/audit-log/errors';
import {
  localEd25519Signer,
  signNoteText,
  verifierKeyString,
  verifyNote,
} from '../../../packages/audit-log/note';

/** An Ed25519 private key from its 32-byte seed, wrapped in PKCS #8 (RFC 8410). */
const ed25519FromSeed = (seed: Uint8Array): KeyObject =>
  createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });

// "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALV…": base64(0x01 ‖ seed).
const peterSeed = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
const peterKey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const enochKey = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const quotation =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n";
const peterSig =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const enochSig =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const peter = () => localEd25519Signer('PeterNeumann', ed25519FromSeed(peterSeed));

const rejection = (verify: () => unknown): string => {
  try {
    verify();
    return 'accepted';
  } catch (error) {
    if (error instanceof NoteRejectedError) return error.reason;
    throw error;
  }
};

describe('signing a note', () => {
  it('derives the verifier key of the sumdb/note test key', () => {
    const signer = peter();

    expect(verifierKeyString(signer.keyName, signer.publicKey)).toBe(peterKey);
  });

  it('produces the signed note of the sumdb/note test, byte for byte', async () => {
    const note = await signNoteText(quotation, peter());

    expect(note).toBe(`${quotation}\n${peterSig}`);
  });

  it('signs with a PEM key and verifies with its verifier key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signer = localEd25519Signer(
      'sunlit.example/audit',
      privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    );
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');

    const note = await signNoteText('hello\n', signer);

    expect(verifyNote(note, verifierKeyString('sunlit.example/audit', raw))).toBe('hello\n');
  });

  it.each([
    ['text without a final newline', 'PeterNeumann', 'no newline', 'text'],
    ['text with a control character', 'PeterNeumann', 'tab\there\n', 'text'],
    ['a key name with a space', 'Peter Neumann', quotation, 'keyName'],
    ['a key name with a plus', 'Peter+Neumann', quotation, 'keyName'],
  ])('refuses %s', async (_, keyName, text, field) => {
    const signer = { ...peter(), keyName };

    await expect(signNoteText(text, signer)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field },
    });
  });

  it('refuses a key that is not Ed25519', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

    expect(() => localEd25519Signer('sunlit.example/audit', privateKey)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: { field: 'privateKey' } }),
    );
  });

  it('refuses a signer that returns something other than a signature', async () => {
    const signer = { ...peter(), sign: async () => new Uint8Array(10) };

    await expect(signNoteText(quotation, signer)).rejects.toMatchObject({ details: { field: 'signer' } });
  });
});

describe('verifying a note', () => {
  it('accepts the example of the C2SP signed-note spec', () => {
    const note =
      'This is an example message.\n\n' +
      '— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

    const text = verifyNote(note, 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k');

    expect(text).toBe('This is an example message.\n');
  });

  it('ignores signatures by other keys, as cosignatures are', () => {
    const note = `${quotation}\n${peterSig}${enochSig}`;

    expect(verifyNote(note, peterKey)).toBe(quotation);
    expect(verifyNote(note, enochKey)).toBe(quotation);
  });

  it('refuses a note signed only by another key', () => {
    expect(rejection(() => verifyNote(`${quotation}\n${enochSig}`, peterKey))).toBe('unknown-key');
  });

  it('refuses a signature with the right name but another key ID', () => {
    const otherId = peterSig.replace('x08go/', 'x08goA');

    expect(rejection(() => verifyNote(`${quotation}\n${otherId}`, peterKey))).toBe('unknown-key');
  });

  it('refuses a note whose text was changed after signing', () => {
    const note = `${quotation.replace('problem,', 'problems,')}\n${peterSig}`;

    expect(rejection(() => verifyNote(note, peterKey))).toBe('bad-signature');
  });

  it('refuses a note whose signature was changed', () => {
    const note = `${quotation}\n${peterSig.replace('LLr8pAcE', 'LLr8pAcF')}`;

    expect(rejection(() => verifyNote(note, peterKey))).toBe('bad-signature');
  });

  it.each([
    ['no blank line before the signatures', `${quotation}${peterSig}`],
    ['no final newline', `${quotation}\n${peterSig.trimEnd()}`],
    ['a control character', `${quotation.replace(' ', '\t')}\n${peterSig}`],
    ['a lone surrogate', `\ud800${quotation}\n${peterSig}`],
    ['a hyphen instead of an em dash', `${quotation}\n${peterSig.replace('—', '-')}`],
    ['signature bytes that are not base64', `${quotation}\n— PeterNeumann not*base64\n`],
    ['non-canonical base64', `${quotation}\n${peterSig.replace('JnAM=', 'JnAN=')}`],
    ['a signature shorter than a key ID', `${quotation}\n— PeterNeumann AAAA\n`],
    ['more than 100 signatures', `${quotation}\n${enochSig.repeat(101)}`],
  ])('refuses a note with %s', (_, note) => {
    expect(rejection(() => verifyNote(note, peterKey))).toBe('malformed');
  });

  it('refuses every truncation and single-character change of a verifier key', () => {
    const note = `${quotation}\n${peterSig}`;
    const mangled: string[] = [];
    for (let i = 0; i <= peterKey.length; i++) {
      for (let j = i + 1; j <= peterKey.length; j++) {
        if (i !== 0 || j !== peterKey.length) mangled.push(peterKey.slice(i, j));
      }
    }
    for (let i = 0; i < peterKey.length; i++) {
      mangled.push(
        peterKey.slice(0, i) + String.fromCharCode(peterKey.charCodeAt(i) + 1) + peterKey.slice(i + 1),
      );
    }

    const accepted = mangled.filter((key) => rejection(() => verifyNote(note, key)) === 'accepted');

    expect(accepted).toEqual([]);
  });

  it.each([
    [
      'a key of the wrong length',
      'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
    ],
    ['an unknown algorithm', 'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
  ])('refuses a verifier key with %s, even with a matching key ID', (_, key) => {
    expect(() => verifyNote(`${quotation}\n${peterSig}`, key)).toThrow(
      expect.objectContaining({ reason: 'malformed', details: { field: 'verifierKey' } }),
    );
  });
});
