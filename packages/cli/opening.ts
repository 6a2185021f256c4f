import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { OpeningRow } from '../bidding';
import { unpackBid, decodeKey, encodeKey, publicKeyOf, openBid } from '../sealed-bids';
import { call, connect, parseCommand } from './api-client';

const help = `Usage: sunlit opening verify --tender ID [--url URL] [--data DIR]

Checks a tender's published opening record (开标记录) against its sealed bids, as anyone can once
the bids are opened; no token is needed. Checks that the published opening private key belongs to
the published public key, then downloads every ciphertext, checks its SHA-256, decrypts it with
that key, unpacks it, and compares price, duration, key terms and files (name, size, SHA-256) with
the record's row for that bidder. A row the record marks failed must fail to decrypt or unpack.
Exit 0 when the record agrees with every ciphertext, 1 on any mismatch.`;

interface OpeningView {
  status: string;
  bidCount: number;
  rows?: OpeningRow[];
  publicKey: string;
  privateKey?: string;
  ciphertexts?: { bidderOrg: string; sha256: string; url: string }[];
}
type Ciphertext = NonNullable<OpeningView['ciphertexts']>[number];

/** Bids checked at once: enough to keep downloads busy, few enough to bound memory. */
const PARALLEL = 8;

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

/** Runs `check` over every row, a few at a time, reporting progress on stderr. */
const checkAll = async (rows: OpeningRow[], check: (row: OpeningRow) => Promise<string>) => {
  const lines: { ok: boolean; line: string }[] = new Array(rows.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next]!;
      const i = next++;
      lines[i] = await check(row).then(
        (detail) => ({ ok: true, line: `ok   ${row.bidderOrg} ${detail}` }),
        (error: Error) => ({ ok: false, line: `FAIL ${row.bidderOrg} ${error.message}` }),
      );
      process.stderr.write(`\rchecked ${++done}/${rows.length} bids`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, rows.length) }, worker));
  if (rows.length > 0) process.stderr.write('\n');
  return lines;
};

export const openingCommand = {
  summary: 'verify a published opening record against the sealed bids (anyone)',
  async run(args: string[]): Promise<void> {
    const { values, positionals } = parseCommand(args, {
      tender: { type: 'string' },
    });
    if (values.help || positionals[0] !== 'verify') return console.log(help);
    const tenderId = values.tender;
    if (!tenderId) throw new Error(`--tender is required.\n\n${help}`);
    const connection = await connect({ url: values.url, data: values.data });
    const opening = await call<OpeningView>(connection, 'GET', `/tenders/${tenderId}/opening`);
    if (opening.status !== 'opened' || !opening.privateKey)
      throw new Error(
        opening.status === 'failed'
          ? `Tender ${tenderId} failed (流标) with ${opening.bidCount} bids: nothing was decrypted, nothing to verify.`
          : `The opening of tender ${tenderId} is ${opening.status}: there is nothing to verify until it is opened.`,
      );
    const privateKey = decodeKey(opening.privateKey, 'privateKey');
    if (encodeKey(publicKeyOf(privateKey)) !== opening.publicKey) {
      console.log(
        `MISMATCH: the published private key does not belong to the public key ${opening.publicKey}.`,
      );
      process.exit(1);
    }
    const rows = opening.rows ?? [];
    const ciphertexts = new Map((opening.ciphertexts ?? []).map((c) => [c.bidderOrg, c]));
    const lines = await checkAll(rows, (row) =>
      checkRow(row, ciphertexts.get(row.bidderOrg), tenderId, privateKey),
    );
    const recorded = new Set(rows.map((row) => row.bidderOrg));
    for (const org of ciphertexts.keys())
      if (!recorded.has(org))
        lines.push({ ok: false, line: `FAIL ${org} a ciphertext is published, but the record has no row` });
    if (opening.bidCount !== rows.length)
      lines.push({
        ok: false,
        line: `FAIL the opening counted ${opening.bidCount} bids, the record lists ${rows.length}`,
      });
    for (const { line } of lines) console.log(line);
    const failed = lines.filter((l) => !l.ok).length;
    if (failed > 0) {
      console.log(`MISMATCH: ${failed} problems with the opening record of tender ${tenderId}.`);
      process.exit(1);
    }
    console.log(`MATCH: the opening record agrees with every ciphertext (${rows.length} bids).`);
  },
};
