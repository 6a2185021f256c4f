import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { invalidField, parseFields } from './refusals';
import { LongText, Name } from '../kernel';

/**
 * The structured part of a bid, validated after the opening and read out in the opening
 * record (开标记录). Strict: a key the platform does not know is refused, not dropped.
 */
export const BidForm = z.strictObject({
  /** In fen (分), so that no price is ever rounded. */
  price: z.int('must be a whole number of fen').min(1, 'must be at least 1 fen'),
  durationDays: z.int('must be a whole number of days').min(1, 'must be at least 1 day').max(3650),
  keyTerms: z.array(LongText(500, 1)).max(20, 'must hold at most 20 terms'),
  /** The bond (投标保证金) as the bidder declares it; staff record whether it arrived. */
  bond: z.strictObject({ amount: z.int().min(1), reference: Name(200, 1) }).optional(),
});
export type BidForm = z.infer<typeof BidForm>;

/**
 * A plain file name, since files may be written to a reviewer's disk: no path, no control
 * characters, nothing a file system reads specially.
 */
const FileName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\\p{Cc}]/u.test(name) && name !== '.' && name !== '..', 'must be a plain file name');

/** Names once each, ignoring case: on most reviewers' disks `A.pdf` would overwrite `a.pdf`. */
const uniqueNames = (files: readonly { name: string }[]): boolean =>
  new Set(files.map((f) => f.name.toLowerCase())).size === files.length;

/** Files in one bid: a bid is a handful of documents, and the opening record lists each one. */
export const MAX_FILES = 50;

const PackInput = z.strictObject({
  form: BidForm,
  files: z
    .array(
      z.strictObject({
        name: FileName,
        bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'must be bytes'),
      }),
    )
    .max(MAX_FILES, `must hold at most ${MAX_FILES} files`)
    .refine(uniqueNames, 'must name each file once'),
});
export type BidFile = { name: string; bytes: Uint8Array };
export type BidPackage = { form: BidForm; files: BidFile[] };

const Manifest = z.strictObject({
  form: BidForm,
  files: z
    .array(
      z.strictObject({
        name: FileName,
        size: z.int().min(0),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256'),
      }),
    )
    .max(MAX_FILES, `must hold at most ${MAX_FILES} files`)
    .refine(uniqueNames, 'must name each file once'),
});

/**
 * The container, before sealing (integers big-endian):
 *
 *   offset   length  content
 *   0        12      magic "SUNLIT-PKG-1" (ASCII): the format and its version
 *   12       4       m, the manifest's length in bytes
 *   16       m       manifest: RFC 8785 JSON (UTF-8) of { form, files: [{ name, sha256, size }] }
 *   16 + m   …       each file's bytes in manifest order, nothing between or after
 */
const MAGIC = new TextEncoder().encode('SUNLIT-PKG-1');
const PREFIX_BYTES = MAGIC.length + 4;

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Packs the bid form and files into one byte string for `sealBid`; refuses an invalid form. */
export const packBid = (bid: BidPackage): Uint8Array => {
  const { form, files } = parseFields(PackInput, bid);
  const listed = files.map(({ name, bytes }) => ({ name, size: bytes.length, sha256: sha256Hex(bytes) }));
  const manifest = new TextEncoder().encode(canonicalize({ form, files: listed }));
  const total = PREFIX_BYTES + manifest.length + listed.reduce((sum, file) => sum + file.size, 0);
  const packed = new Uint8Array(total);
  packed.set(MAGIC, 0);
  new DataView(packed.buffer).setUint32(MAGIC.length, manifest.length);
  packed.set(manifest, PREFIX_BYTES);
  let offset = PREFIX_BYTES + manifest.length;
  for (const { bytes } of files) {
    packed.set(bytes, offset);
    offset += bytes.length;
  }
  return packed;
};

const readManifest = (bytes: Uint8Array): { manifest: z.infer<typeof Manifest>; end: number } => {
  if (bytes.length < PREFIX_BYTES || !MAGIC.every((byte, i) => bytes[i] === byte)) {
    throw invalidField('package', 'is not a bid package: it does not start with "SUNLIT-PKG-1"');
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length);
  const end = PREFIX_BYTES + length;
  if (end > bytes.length) throw invalidField('package', 'is truncated: its manifest runs past the end');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX_BYTES, end)));
  } catch {
    throw invalidField('manifest', 'is not UTF-8 JSON');
  }
  return { manifest: parseFields(Manifest, json), end };
};

/**
 * Unpacks an opened bid: validates the form (VALIDATION_FAILED naming `form.<field>`) and
 * checks every file against its size and hash. Files are views into `bytes`, not copies.
 */
export const unpackBid = (bytes: Uint8Array): BidPackage => {
  const { manifest, end } = readManifest(bytes);
  const listedBytes = manifest.files.reduce((sum, file) => sum + file.size, 0);
  if (end + listedBytes !== bytes.length) {
    throw invalidField(
      'package',
      `holds ${bytes.length - end} bytes of files, but the manifest lists ${listedBytes}`,
    );
  }
  let offset = end;
  const files = manifest.files.map(({ name, size, sha256 }, i) => {
    const file = bytes.subarray(offset, (offset += size));
    if (sha256Hex(file) !== sha256) {
      throw invalidField(`files.${i}.sha256`, `does not match the bytes of "${name}"`);
    }
    return { name, bytes: file };
  });
  return { form: manifest.form, files };
};
