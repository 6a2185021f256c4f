import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { anchoringEntries, httpLogClient, processLogPagePath, readPublishedProcessLog } from '../audit-log';
import { MAX_BID_BYTES, Receipt, verifyReceipt, verifyReceiptInclusion } from '../bidding';
import { BidForm, packBid, decodeKey, sealBid } from '../sealed-bids';
import { call, connect, Connection, parseCommand, progressLine, putFile, send } from './api-client';

const help = `Usage:
  sunlit bid submit --tender ID --form FORM.json [--receipt OUT] [--key VERIFIER_KEY] FILE...
                    [--user bidder1 | --token T] [--url URL]
  sunlit bid withdraw --tender ID [--receipt OUT] [--key VERIFIER_KEY] [--user bidder1 | --token T] [--url URL]
  sunlit bid verify-receipt FILE [--key VERIFIER_KEY] [--url URL]

submit          packs the bid form and FILEs, seals them on this machine to the tender's opening
                key (only ciphertext leaves it), uploads with progress and confirms. Submitting
                again replaces the organisation's bid; the old one is kept but no longer counts.
withdraw        withdraws the organisation's bid before the deadline (条例35).
verify-receipt  checks a saved receipt: the platform's promise is signed by the log's key and
                names this bid. From the opening on, when the tender's process log is published,
                it also checks the log against its anchors in the public log and that the bid's
                entry is in it; a promised entry that is missing is reported as the platform's fault.

Both submit and withdraw verify the receipt they get and save it to OUT (by default
receipt-TENDER-BID.json, or receipt-TENDER-BID-withdrawn.json); an existing file is never replaced.
FORM.json: { "price": fen, "durationDays": n, "keyTerms": ["…"], "bond"?: { "amount": fen, "reference": "…" } }
--key  the log's verifier key, pinned from a trusted source; without it the key the server offers
       is used, which proves the receipt is consistent but not who signed it.`;

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const readJson = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not readable JSON: ${(error as Error).message}`);
  }
};

/** The log's verifier key: pinned with --key, or as the server offers it (with a warning). */
const verifierKey = async (connection: Connection, pinned: string | undefined): Promise<string> => {
  if (pinned) return pinned;
  const { verifierKey } = await call<{ verifierKey: string }>(connection, 'GET', '/audit/public-key');
  console.error('warning: the log key came from the server; pin it with --key to prove who signed.');
  return verifierKey;
};

/** Refuses a receipt that is not for what was just done, naming the first field that differs. */
const expectReceipt = (receipt: Receipt, expected: Partial<Receipt>) => {
  for (const [field, value] of Object.entries(expected)) {
    const got = receipt[field as keyof Receipt];
    if (got !== value) throw new Error(`The platform's receipt has ${field} ${String(got)}, not ${value}.`);
  }
};

const receiptFile = (receipt: Receipt, out: string | undefined) =>
  out ??
  `receipt-${receipt.tenderId}-${receipt.bidId}${receipt.action === 'bid.withdrawn' ? '-withdrawn' : ''}.json`;

/**
 * Saves the platform's receipt first (it is the bidder's evidence either way), then checks that
 * it is for what was just done and verifies it.
 */
const keepReceipt = async (
  connection: Connection,
  answer: unknown,
  expected: Partial<Receipt>,
  options: { receipt?: string; key?: string },
) => {
  const receipt = Receipt.parse(answer);
  const file = receiptFile(receipt, options.receipt);
  writeFileSync(file, `${JSON.stringify(receipt, null, 2)}\n`, { flag: 'wx' });
  try {
    expectReceipt(receipt, expected);
    verifyReceipt(receipt, await verifierKey(connection, options.key));
  } catch (error) {
    throw new Error(`The receipt saved to ${file} does not verify: ${(error as Error).message}`);
  }
  return { receipt, file };
};

/**
 * After the opening: the receipt's entry is in the tender's published process log, under its
 * final anchor, and every anchor is the commitment the public log carries. Undefined before.
 */
const verifyInclusion = async (connection: Connection, receipt: Receipt, key: string) => {
  const logPath = `/tenders/${receipt.tenderId}/process-log`;
  const first = await send(connection, 'GET', logPath);
  if (first.status === 404) return undefined;
  if (first.status >= 400) throw new Error(`the process log could not be read (HTTP ${first.status}).`);
  const published = await readPublishedProcessLog((cursor) =>
    cursor === undefined
      ? Promise.resolve(first.body)
      : call(connection, 'GET', processLogPagePath(logPath, cursor)),
  );
  const lookup = await anchoringEntries(httpLogClient(connection.api), published, key);
  return verifyReceiptInclusion(receipt, published, key, lookup);
};

const submit = async (
  connection: Connection,
  tenderId: string,
  formFile: string,
  files: string[],
  options: { receipt?: string; key?: string },
) => {
  const form = readJson(formFile);
  const bidFiles = files.map((file) => ({ name: path.basename(file), bytes: readFileSync(file) }));
  const me = await call<{ user: string; role: string; org?: string }>(connection, 'GET', '/me');
  if (me.role !== 'bidder' || !me.org)
    throw new Error(`Bids are submitted by bidders; ${me.user} is ${me.role}.`);
  const tender = await call<{ openingKey?: { publicKey: string } }>(
    connection,
    'GET',
    `/tenders/${tenderId}`,
  );
  if (!tender.openingKey) throw new Error(`Tender ${tenderId} has no opening key yet: is it published?`);
  let plaintext: Uint8Array;
  try {
    plaintext = packBid({ form: form as BidForm, files: bidFiles });
  } catch (error) {
    throw new Error(`Cannot pack the bid (${formFile} and the files): ${(error as Error).message}`);
  }
  const sealed = await sealBid(plaintext, {
    openingPublicKey: decodeKey(tender.openingKey.publicKey, 'openingKey.publicKey'),
    tenderId,
    bidderOrg: me.org,
  });
  if (sealed.length > MAX_BID_BYTES)
    throw new Error(`The sealed bid is ${sealed.length} bytes; at most ${MAX_BID_BYTES} are accepted.`);
  const sha256 = sha256Hex(sealed);
  const dir = mkdtempSync(path.join(tmpdir(), 'sunlit-bid-'));
  try {
    const sealedFile = path.join(dir, 'bid.sealed');
    writeFileSync(sealedFile, sealed);
    const slot = await call<{ bidId: string; uploadUrl: string; headers: Record<string, string> }>(
      connection,
      'POST',
      `/tenders/${tenderId}/bids`,
      { size: sealed.length, sha256 },
    );
    await putFile(
      slot.uploadUrl,
      sealedFile,
      slot.headers,
      progressLine('uploading sealed bid', sealed.length),
    );
    const answer = await call(connection, 'POST', `/tenders/${tenderId}/bids/${slot.bidId}/confirm`);
    const expected = {
      action: 'bid.received' as const,
      tenderId,
      bidderOrg: me.org,
      bidId: slot.bidId,
      sha256,
    };
    const { receipt, file } = await keepReceipt(connection, answer, expected, options);
    console.log(
      `bid ${receipt.bidId} received at ${receipt.at}, sha256 ${receipt.sha256}, promised by the platform; receipt saved to ${file}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export const bidCommand = {
  summary: 'seal and submit a bid, withdraw it, verify a receipt (bidders)',
  async run(args: string[]): Promise<void> {
    const { values, positionals } = parseCommand(args, {
      tender: { type: 'string' },
      form: { type: 'string' },
      receipt: { type: 'string' },
      key: { type: 'string' },
    });
    const [action, ...files] = positionals;
    if (values.help || !action) return console.log(help);
    if (action === 'verify-receipt') {
      const [file] = files;
      if (!file) throw new Error(`a receipt FILE is required.\n\n${help}`);
      const parsed = Receipt.safeParse(readJson(file));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(`${file} is not a receipt: ${issue.path.join('.') || 'input'} ${issue.message}.`);
      }
      const receipt = parsed.data;
      const connection = await connect(values);
      const key = values.key ?? (await verifierKey(connection, undefined));
      let included: { index: number } | undefined;
      try {
        verifyReceipt(receipt, key);
        included = await verifyInclusion(connection, receipt, key);
      } catch (error) {
        throw new Error(`${file} does not verify: ${(error as Error).message}`);
      }
      return console.log(
        `OK: ${receipt.action} of bid ${receipt.bidId} for tender ${receipt.tenderId} by ${receipt.bidderOrg}, ` +
          `sha256 ${receipt.sha256}, at ${receipt.at}, ` +
          (included
            ? `is entry ${included.index} of the tender's published process log, under its final anchor.`
            : 'is promised by the platform; its process log is published at the opening: verify again then.'),
      );
    }
    if (action !== 'submit' && action !== 'withdraw')
      throw new Error(`Unknown bid action "${action}".\n\n${help}`);
    const tenderId = values.tender;
    if (!tenderId) throw new Error(`--tender is required.\n\n${help}`);
    // Checked before anything is sent: a receipt is evidence, and is never overwritten.
    if (values.receipt && existsSync(values.receipt))
      throw new Error(`${values.receipt} already exists; choose another --receipt file.`);
    if (action === 'submit') {
      if (!values.form) throw new Error(`--form is required.\n\n${help}`);
      if (files.length === 0)
        throw new Error(`at least one FILE (the bid documents) is required.\n\n${help}`);
      return submit(await connect(values), tenderId, values.form, files, values);
    }
    const connection = await connect(values);
    const answer = await call(connection, 'POST', `/tenders/${tenderId}/bids/withdraw`);
    const { receipt, file } = await keepReceipt(
      connection,
      answer,
      { action: 'bid.withdrawn', tenderId },
      values,
    );
    console.log(
      `bid ${receipt.bidId} withdrawn at ${receipt.at}, promised by the platform; receipt saved to ${file}`,
    );
  },
};
