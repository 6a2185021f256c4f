import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { DomainError } from '../kernel';
import { decodeKey, encodeKey, openBid, publicKeyOf, unpackBid } from '../sealed-bids';
import { Opening, OpeningRow } from './model';

/** The opening as the API shows it: the record, the opening key (its private half once opened) and every ciphertext. */
export const OpeningView = Opening.extend({
  publicKey: z.string(),
  privateKey: z.string().optional(),
  ciphertexts: z
    .array(z.object({ bidderOrg: z.string(), bidId: z.string(), sha256: z.string(), url: z.string() }))
    .optional(),
});
export type OpeningView = z.infer<typeof OpeningView>;
type Ciphertext = NonNullable<OpeningView['ciphertexts']>[number];

/** One thing the verifier checked (a bidder's row, or the record as a whole), and what it found. */
export interface OpeningCheck {
  subject: string;
  ok: boolean;
  detail: string;
}

export interface VerifyOpeningOptions {
  /** Bids checked at once: enough to keep downloads busy, few enough to bound memory. */
  parallel?: number;
  /** Called after each bid with how many are checked of how many. */
  onProgress?: (done: number, total: number) => void;
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

const download = async (ciphertext: Ciphertext): Promise<Uint8Array> => {
  const response = await fetch(ciphertext.url);
  if (!response.ok) throw new Error(`the ciphertext download answered ${response.status}`);
  const sealed = new Uint8Array(await response.arrayBuffer());
  const sha256 = sha256Hex(sealed);
  if (sha256 !== ciphertext.sha256)
    throw new Error(`the ciphertext downloaded hashes to ${sha256}, not ${ciphertext.sha256}`);
  return sealed;
};

/** Checks one row against its ciphertext; returns what agrees, or throws saying what does not. */
const checkRow = async (
  row: OpeningRow,
  ciphertext: Ciphertext | undefined,
  tenderId: string,
  privateKey: Uint8Array,
): Promise<string> => {
  if (!ciphertext) throw new Error('no ciphertext is published for this bidder');
  if (ciphertext.sha256 !== row.sha256)
    throw new Error(`the record lists sha256 ${row.sha256}, the published ciphertext ${ciphertext.sha256}`);
  const sealed = await download(ciphertext);
  let bid: ReturnType<typeof unpackBid>;
  try {
    const plain = await openBid(sealed, {
      openingPrivateKey: privateKey,
      tenderId,
      bidderOrg: row.bidderOrg,
    });
    bid = unpackBid(plain);
  } catch (error) {
    if (row.outcome === 'failed') return `failed as recorded: ${(error as Error).message}`;
    throw new Error(`the record read it, but it does not open here: ${(error as Error).message}`);
  }
  if (row.outcome === 'failed') throw new Error(`the record says it failed (${row.reason}), but it opens`);
  const read = {
    price: bid.form.price,
    durationDays: bid.form.durationDays,
    keyTerms: bid.form.keyTerms,
    files: bid.files.map((f) => ({ name: f.name, size: f.bytes.length, sha256: sha256Hex(f.bytes) })),
  };
  const differing = (Object.keys(read) as (keyof typeof read)[]).filter(
    (field) => canonicalize(read[field]) !== canonicalize(row[field]),
  );
  if (differing.length > 0)
    throw new Error(
      differing
        .map((f) => `${f} is ${JSON.stringify(row[f])} in the record, ${JSON.stringify(read[f])} in the bid`)
        .join('; '),
    );
  return `price ${yuan(read.price)} yuan, duration ${read.durationDays} days, ${read.files.length} file${read.files.length === 1 ? '' : 's'}`;
};

/**
 * Checks a tender's published opening record (开标记录) against its sealed bids, as anyone can
 * once the bids are opened, trusting nothing the platform computed: the published private key
 * belongs to the published public key; every ciphertext hashes to what the record lists, opens
 * with that key and holds what the record's row says (price, duration, key terms, files); a
 * row marked failed must fail to open; no ciphertext lacks a row and the count agrees.
 * The command line and the portal run this same function. Refuses an opening not yet opened.
 */
export const verifyOpening = async (
  tenderId: string,
  opening: OpeningView,
  { parallel = 8, onProgress }: VerifyOpeningOptions = {},
): Promise<OpeningCheck[]> => {
  if (opening.status !== 'opened' || !opening.privateKey)
    throw new DomainError(
      'CONFLICT',
      opening.status === 'failed'
        ? `Tender ${tenderId} failed (流标) with ${opening.bidCount} bids: nothing was decrypted, nothing to verify.`
        : `The opening of tender ${tenderId} is ${opening.status}: there is nothing to verify until it is opened.`,
      { field: 'status' },
    );
  const privateKey = decodeKey(opening.privateKey, 'privateKey');
  if (encodeKey(publicKeyOf(privateKey)) !== opening.publicKey)
    return [
      {
        subject: 'opening key',
        ok: false,
        detail: `the published private key does not belong to the public key ${opening.publicKey}`,
      },
    ];
  const rows = opening.rows ?? [];
  const ciphertexts = new Map((opening.ciphertexts ?? []).map((c) => [c.bidderOrg, c]));
  const checks: OpeningCheck[] = new Array(rows.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < rows.length) {
      const i = next++;
      const row = rows[i]!;
      checks[i] = await checkRow(row, ciphertexts.get(row.bidderOrg), tenderId, privateKey).then(
        (detail) => ({ subject: row.bidderOrg, ok: true, detail }),
        (error: Error) => ({ subject: row.bidderOrg, ok: false, detail: error.message }),
      );
      onProgress?.(++done, rows.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, rows.length) }, worker));
  const recorded = new Set(rows.map((row) => row.bidderOrg));
  for (const org of ciphertexts.keys())
    if (!recorded.has(org))
      checks.push({
        subject: org,
        ok: false,
        detail: 'a ciphertext is published, but the record has no row',
      });
  if (opening.bidCount !== rows.length)
    checks.push({
      subject: 'bid count',
      ok: false,
      detail: `the opening counted ${opening.bidCount} bids, the record lists ${rows.length}`,
    });
  return checks;
};
