import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { createHash, randomBytes } from 'node:crypto';
import { BidForm, packBid, unpackBid } from '../../../packages/sealed-bids/bid-package';
import { invalid, thrownBy } from './refusals';
import * as z from 'zod';
import { LongText, Name } from '../../../packages/kernel';

const form: BidForm = {
  price: 12_345_600,
  durationDays: 180,
  keyTerms: ['Warranty of 24 months', '质保期两年'],
  bond: { amount: 200_000, reference: 'BG-2026-0042' },
};
const files = [
  { name: 'technical-offer.pdf', bytes: new Uint8Array(randomBytes(1024 * 1024)) },
  { name: '商务标.docx', bytes: new TextEncoder().encode('commercial offer') },
  { name: 'empty.txt', bytes: new Uint8Array(0) },
];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const digests = (list: { name: string; bytes: Uint8Array }[]) =>
  list.map(({ name, bytes }) => ({ name, size: bytes.length, sha256: sha256(bytes) }));

/** A package written by hand, as a careless or hostile bidder might write one. */
const handPacked = (manifest: unknown, ...contents: Uint8Array[]): Uint8Array => {
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return new Uint8Array(Buffer.concat([Buffer.from('SUNLIT-PKG-1'), length, json, ...contents]));
};

/** Strings the schema keeps as they are: what a bidder's form holds once it passed the boundary. */
const canonical = (schema: z.ZodType<string>, maxLength: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength })
    .filter((value) => schema.safeParse(value).data === value);

describe('packing a bid', () => {
  it('unpacks to the same form and the same files, byte for byte', () => {
    const unpacked = unpackBid(packBid({ form, files }));
    expect(unpacked.form).toEqual(form);
    expect(digests(unpacked.files)).toEqual(digests(files));
  });

  it('round-trips any valid form and any distinct file names', () => {
    const anyForm = fc.record(
      {
        price: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        durationDays: fc.integer({ min: 1, max: 3650 }),
        keyTerms: fc.array(canonical(LongText(500, 1), 500), { maxLength: 20 }),
        bond: fc.record({
          amount: fc.integer({ min: 1, max: 1e12 }),
          reference: canonical(Name(200, 1), 200),
        }),
      },
      { requiredKeys: ['price', 'durationDays', 'keyTerms'] },
    );
    const anyName = fc.stringMatching(/^[\w\u4e00-\u9fa5 .-]{1,40}$/).filter((n) => n !== '.' && n !== '..');
    const anyFiles = fc.uniqueArray(fc.record({ name: anyName, bytes: fc.uint8Array({ maxLength: 300 }) }), {
      selector: (f) => f.name.toLowerCase(),
      maxLength: 6,
    });
    fc.assert(
      fc.property(anyForm, anyFiles, (form, files) => {
        const unpacked = unpackBid(packBid({ form, files }));
        expect(unpacked.form).toEqual(form);
        expect(digests(unpacked.files)).toEqual(digests(files));
      }),
    );
  });

  it('writes the documented layout: magic, manifest length, canonical manifest, then the files', () => {
    const small = [{ name: 'a.txt', bytes: new TextEncoder().encode('hello') }];
    const packed = Buffer.from(packBid({ form, files: small }));
    const manifest = canonicalize({ form, files: digests(small) })!;
    expect(packed.subarray(0, 12).toString('ascii')).toBe('SUNLIT-PKG-1');
    expect(packed.readUInt32BE(12)).toBe(Buffer.byteLength(manifest));
    expect(packed.subarray(16, 16 + Buffer.byteLength(manifest)).toString('utf8')).toBe(manifest);
    expect(packed.subarray(16 + Buffer.byteLength(manifest)).toString('utf8')).toBe('hello');
  });

  it.each([
    ['price', { price: 0 }],
    ['price', { price: 100.5 }],
    ['durationDays', { durationDays: 3651 }],
    ['keyTerms', { keyTerms: Array.from({ length: 21 }, (_, i) => `term ${i}`) }],
    ['keyTerms.1', { keyTerms: ['fine', 'x'.repeat(501)] }],
    ['bond.amount', { bond: { amount: -1, reference: 'BG-1' } }],
    ['discount', { discount: 5 }],
  ])('refuses a form with a bad %s, naming it, when packing and when unpacking', (field, change) => {
    const bad = { ...form, ...change };
    const named = `form.${field}`;
    expect(thrownBy(() => packBid({ form: bad as BidForm, files: [] }))).toMatchObject(invalid(named));
    expect(thrownBy(() => unpackBid(handPacked({ form: bad, files: [] })))).toMatchObject(invalid(named));
  });

  it.each([
    ['a path', 'docs/offer.pdf'],
    ['a Windows path', '..\\offer.pdf'],
    ['a control character', 'offer\n.pdf'],
    ['a parent directory', '..'],
    ['nothing', ''],
  ])('refuses a file name holding %s', (_, name) => {
    expect(thrownBy(() => packBid({ form, files: [{ name, bytes: new Uint8Array(1) }] }))).toMatchObject(
      invalid('files.0.name'),
    );
  });

  it('refuses two files whose names differ only in case', () => {
    const twice = [
      { name: 'Offer.pdf', bytes: new Uint8Array(1) },
      { name: 'offer.PDF', bytes: new Uint8Array(2) },
    ];
    expect(thrownBy(() => packBid({ form, files: twice }))).toMatchObject(invalid('files'));
  });
});

describe('unpacking a bid', () => {
  const small = [
    { name: 'a.txt', bytes: new TextEncoder().encode('first file') },
    { name: 'b.txt', bytes: new TextEncoder().encode('second file') },
  ];
  const packed = packBid({ form, files: small });

  it('names the file whose bytes no longer match their hash', () => {
    const altered = new Uint8Array(packed);
    altered[altered.length - 1]! ^= 1;
    expect(thrownBy(() => unpackBid(altered))).toMatchObject({
      ...invalid('files.1.sha256'),
      message: expect.stringContaining('"b.txt"'),
    });
  });

  it('refuses a package cut short, one with bytes after its files, and one that is not a package', () => {
    expect(thrownBy(() => unpackBid(packed.subarray(0, packed.length - 1)))).toMatchObject(
      invalid('package'),
    );
    expect(thrownBy(() => unpackBid(new Uint8Array([...packed, 0])))).toMatchObject(invalid('package'));
    expect(thrownBy(() => unpackBid(packed.subarray(0, 20)))).toMatchObject(invalid('package'));
    expect(thrownBy(() => unpackBid(new TextEncoder().encode('PK\x03\x04 a zip file')))).toMatchObject(
      invalid('package'),
    );
  });

  it('refuses a manifest that is not JSON, or lists a file wrongly', () => {
    const notJson = new Uint8Array(
      Buffer.concat([Buffer.from('SUNLIT-PKG-1'), Buffer.from([0, 0, 0, 2]), Buffer.from('{x')]),
    );
    expect(thrownBy(() => unpackBid(notJson))).toMatchObject(invalid('manifest'));
    const bytes = new Uint8Array([1, 2, 3]);
    const listed = { name: 'a.bin', size: 3, sha256: sha256(bytes) };
    expect(
      thrownBy(() => unpackBid(handPacked({ form, files: [{ ...listed, size: -3 }] }, bytes))),
    ).toMatchObject(invalid('files.0.size'));
    expect(
      thrownBy(() => unpackBid(handPacked({ form, files: [{ ...listed, name: '../a.bin' }] }, bytes))),
    ).toMatchObject(invalid('files.0.name'));
    expect(thrownBy(() => unpackBid(handPacked({ form, files: [listed], extra: 1 }, bytes)))).toMatchObject(
      invalid('extra'),
    );
  });
});
