import { generateKeyPairSync, sign } from 'node:crypto';
import {
  type Checkpoint,
  formatCheckpoint,
  openSignedNote,
  parseCheckpoint,
  signCheckpoint,
} from '../../../packages/audit-log/checkpoint';
import { NoteRejectedError } from '../../../packages/audit-log/errors';
import { leafHash } from '../../../packages/audit-log/hash';
import {
  localEd25519Signer,
  type NoteSigner,
  signNoteText,
  verifierKeyString,
} from '../../../packages/audit-log/note';

const ORIGIN = 'sunlit.example/audit-log';

const aSigner = (keyName = ORIGIN): NoteSigner =>
  localEd25519Signer(keyName, generateKeyPairSync('ed25519').privateKey);
const vkeyOf = (signer: NoteSigner): string => verifierKeyString(signer.keyName, signer.publicKey);

const aCheckpoint = (overrides: Partial<Checkpoint> = {}): Checkpoint => ({
  origin: ORIGIN,
  size: 1234,
  root: leafHash(Buffer.from('some root')),
  ...overrides,
});

const rejection = (open: () => unknown): string => {
  try {
    open();
    return 'accepted';
  } catch (error) {
    if (error instanceof NoteRejectedError) return error.reason;
    throw error;
  }
};

describe('checkpoint text', () => {
  it('is origin, decimal size and base64 root on three lines', () => {
    // The example checkpoint of https://c2sp.org/tlog-checkpoint.
    const root = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');

    const text = formatCheckpoint({ origin: 'example.com/behind-the-sofa', size: 20852163, root });

    expect(text).toBe(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
  });

  it('reads the tree note of sumdb/tlog, whose root is the leaf hash of "hello world"', () => {
    // golang.org/x/mod sumdb/tlog/note_test.go, TestParseTree.
    const text = 'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n';

    const checkpoint = parseCheckpoint(text);

    expect(checkpoint.origin).toBe('go.sum database tree');
    expect(checkpoint.size).toBe(123456789012);
    expect(Buffer.from(checkpoint.root).equals(leafHash(Buffer.from('hello world')))).toBe(true);
  });

  it('reads back what it writes', () => {
    const checkpoint = aCheckpoint({ size: 0 });

    const read = parseCheckpoint(formatCheckpoint(checkpoint));

    expect({ ...read, root: Buffer.from(read.root) }).toEqual({
      ...checkpoint,
      root: Buffer.from(checkpoint.root),
    });
  });

  it('ignores extension lines, which the spec allows', () => {
    const text = `${formatCheckpoint(aCheckpoint())}an extension\n`;

    expect(parseCheckpoint(text).size).toBe(1234);
  });

  it.each([
    ['no final newline', `${ORIGIN}\n1\n${'A'.repeat(43)}=`, 'checkpoint.text'],
    ['a missing root', `${ORIGIN}\n1\n`, 'checkpoint.text'],
    ['an empty extension line', `${formatCheckpoint(aCheckpoint())}\n`, 'checkpoint.text'],
    ['a size with a leading zero', `${ORIGIN}\n01\n${'A'.repeat(43)}=\n`, 'checkpoint.size'],
    ['a hexadecimal size', `${ORIGIN}\n0x10\n${'A'.repeat(43)}=\n`, 'checkpoint.size'],
    ['a size past 2^53', `${ORIGIN}\n9007199254740993\n${'A'.repeat(43)}=\n`, 'checkpoint.size'],
    ['a short root', `${ORIGIN}\n1\n${'A'.repeat(40)}==\n`, 'checkpoint.root'],
    ['a root in base64url', `${ORIGIN}\n1\n${'_'.repeat(43)}=\n`, 'checkpoint.root'],
  ])('refuses text with %s', (_, text, field) => {
    expect(() => parseCheckpoint(text)).toThrow(
      expect.objectContaining({ reason: 'malformed', details: { field } }),
    );
  });

  it.each([
    ['an origin with a space', aCheckpoint({ origin: 'sunlit audit' }), 'origin'],
    ['an empty origin', aCheckpoint({ origin: '' }), 'origin'],
    ['a fractional size', aCheckpoint({ size: 1.5 }), 'size'],
    ['a root that is not 32 bytes', aCheckpoint({ root: new Uint8Array(20) }), 'root'],
  ])('refuses to write %s', (_, checkpoint, field) => {
    expect(() => formatCheckpoint(checkpoint)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: { field } }),
    );
  });
});

describe('signed checkpoints', () => {
  it('open with the log key to the checkpoint that was signed', async () => {
    const signer = aSigner();
    const checkpoint = aCheckpoint();

    const note = await signCheckpoint(checkpoint, signer);
    const opened = openSignedNote(note, vkeyOf(signer));

    expect(note.startsWith(`${formatCheckpoint(checkpoint)}\n— ${ORIGIN} `)).toBe(true);
    expect(opened.origin).toBe(ORIGIN);
    expect(opened.size).toBe(1234);
    expect(Buffer.from(opened.root).equals(checkpoint.root)).toBe(true);
  });

  it('can be signed through the port by a remote signer, as KMS will', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const remote: NoteSigner = {
      keyName: ORIGIN,
      publicKey: Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url'),
      sign: async (message) => sign(null, message, privateKey),
    };

    const note = await signCheckpoint(aCheckpoint(), remote);

    expect(openSignedNote(note, vkeyOf(remote)).size).toBe(1234);
  });

  it('are refused when signed by another key, even under the same name', async () => {
    const note = await signCheckpoint(aCheckpoint(), aSigner());

    expect(rejection(() => openSignedNote(note, vkeyOf(aSigner())))).toBe('unknown-key');
  });

  it.each([
    ['size', (note: string) => note.replace('\n1234\n', '\n1235\n')],
    ['root', (note: string) => note.replace(/\n[A-Za-z0-9+/]{43}=\n/, `\n${'A'.repeat(43)}=\n`)],
    ['origin', (note: string) => note.replace(ORIGIN, 'sunlit.example/other-log')],
  ])('are refused when the %s was changed', async (_, tamper) => {
    const signer = aSigner();
    const note = await signCheckpoint(aCheckpoint(), signer);
    const tampered = tamper(note);

    expect(tampered).not.toBe(note);
    expect(rejection(() => openSignedNote(tampered, vkeyOf(signer)))).toBe('bad-signature');
  });

  it('are refused when the signed text is not a checkpoint', async () => {
    const signer = aSigner();
    const note = await signNoteText(`${ORIGIN}\n-1\nnot a hash\n`, signer);

    expect(rejection(() => openSignedNote(note, vkeyOf(signer)))).toBe('malformed');
  });

  it('are refused when the note is not a signed note', () => {
    const signer = aSigner();

    expect(rejection(() => openSignedNote(formatCheckpoint(aCheckpoint()), vkeyOf(signer)))).toBe(
      'malformed',
    );
  });
});

describe('verifier keys', () => {
  it('are name, 8 hex digits of key ID and base64 of 0x01 and the public key', () => {
    const signer = aSigner();

    const vkey = vkeyOf(signer);
    // base64 may itself hold "+", so only the first two separate parts.
    const [name, keyId] = vkey.split('+');
    const encoded = vkey.slice(`${name}+${keyId}+`.length);

    expect(name).toBe(ORIGIN);
    expect(keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(Buffer.from(encoded, 'base64')).toEqual(Buffer.concat([Buffer.of(0x01), signer.publicKey]));
  });
});
