import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
  anchoringEntries,
  AuditEntry,
  httpLogClient,
  processLogPagePath,
  proveEntries,
  readPublishedProcessLog,
  VerificationFailed,
} from '../audit-log';
import {
  applicationChecks,
  AuctionRecordView,
  auctionVerdict,
  dealKindOf,
  replayAuction,
  reserveCommitment,
} from '../auctions';
import type { AuctionCheck } from '../auctions';
import { call, connect, Connection, parseCommand } from './api-client';

const help = `Usage: sunlit auction seal-reserve --reserve-fen N|none [--out FILE]
       sunlit auction verify --auction ID [--url URL] [--key VERIFIER-KEY]

seal-reserve  Seals a reserve price (底价) before the listing starts, on staff's own machine: draws a
              32-byte salt, prints the commitment to publish with the announcement, and writes the
              reserve and salt to FILE (default reserve.json), which opens it at the close.
verify        Replays a published auction from its record alone, as anyone can once the result is out:
              every logged bid under the published rules (whole increments, sequence, countdown), the
              reserve opened against the commitment published before bidding, and the outcome; then
              proves each of the auction's entries against the audit log's signed checkpoint and checks
              that every bid is the one the log holds; verifies the applications' sealed log against
              its anchors in the public log and that it qualified as many bidders as the result
              counts. Exit 0 on MATCH, 1 on MISMATCH.`;

/**
 * Each bid step of the record as its audit entry logged it, and the applications' sealed log, read
 * page after page, against its anchors.
 */
const logChecks = async (
  record: ReturnType<typeof AuctionRecordView.parse>,
  connection: Connection,
  key?: string,
) => {
  const log = httpLogClient(connection.api);
  const bidsInLog: string[] = [];
  const checks: AuctionCheck[] = [];
  // Every entry against one checkpoint, opened once: an auction's record cites one per bid.
  let proven = new Map<number, AuditEntry | VerificationFailed>();
  try {
    if (record.entries.length > 0) proven = (await proveEntries(log, record.entries, key)).proven;
  } catch (error) {
    // A checkpoint that does not verify is the platform's; a network failure is no verdict at all.
    if (!(error instanceof VerificationFailed)) throw error;
    checks.push({ check: 'the signed checkpoint', ok: false, detail: error.message });
  }
  for (const index of record.entries) {
    const entry = proven.get(index);
    if (!entry) continue;
    if (entry instanceof VerificationFailed) {
      checks.push({ check: `log entry ${index}`, ok: false, detail: entry.message });
    } else if (entry.action === 'auction.bid-accepted') {
      const d = entry.data as { paddle: string; amountFen: number; sequence: number; at: string };
      bidsInLog.push(`${d.sequence}:${d.paddle}:${d.amountFen}:${d.at}`);
    }
  }
  const bidsInRecord = record.steps.flatMap((s) =>
    s.type === 'bid' ? [`${s.sequence}:${s.paddle}:${s.amountFen}:${s.at}`] : [],
  );
  const same = JSON.stringify(bidsInLog) === JSON.stringify(bidsInRecord);
  checks.push({
    check: 'bids in the audit log',
    ok: same,
    detail: same
      ? `${bidsInLog.length} bids proven against the signed checkpoint, as the record lists them`
      : `the log holds ${bidsInLog.length} bids that differ from the record's ${bidsInRecord.length}`,
  });
  const logKey = key ?? (await log.publicKey()).verifierKey;
  const logPath = `/auctions/${record.terms.auctionId}/process-log`;
  const applications = await readPublishedProcessLog((cursor) =>
    call(connection, 'GET', processLogPagePath(logPath, cursor)),
  );
  const cited = await anchoringEntries(log, applications, logKey);
  checks.push(...applicationChecks(applications, record.qualifiedBidders, logKey, cited));
  return checks;
};

/** Replays a published auction from its record and proves its entries against the log. */
export const verifyAuction = async (connection: Connection, auctionId: string, key?: string) => {
  const record = AuctionRecordView.parse(await call(connection, 'GET', `/auctions/${auctionId}/record`));
  const checks = [
    ...replayAuction(dealKindOf(record.kind), record),
    ...(await logChecks(record, connection, key)),
  ];
  return { checks, verdict: auctionVerdict(checks) };
};

export const auctionCommand = {
  summary: 'seal a reserve price (staff), or replay a published auction: MATCH or MISMATCH (anyone)',
  async run(args: string[]): Promise<void> {
    const { values, positionals } = parseCommand(args, {
      auction: { type: 'string' },
      'reserve-fen': { type: 'string' },
      out: { type: 'string' },
      key: { type: 'string' },
    });
    const [verb] = positionals;
    if (values.help || (verb !== 'verify' && verb !== 'seal-reserve')) return console.log(help);
    if (verb === 'seal-reserve') {
      const given = values['reserve-fen'];
      if (given === undefined) throw new Error(`--reserve-fen is required.\n\n${help}`);
      const reserveFen = given === 'none' ? null : Number(given);
      if (reserveFen !== null && !Number.isSafeInteger(reserveFen))
        throw new Error('--reserve-fen must be whole fen or "none".');
      const opening = { reserveFen, salt: randomBytes(32).toString('hex') };
      const file = values.out ?? 'reserve.json';
      writeFileSync(file, `${JSON.stringify(opening, null, 2)}\n`, { mode: 0o600 });
      console.log(
        `commitment ${reserveCommitment(opening)}  (the reserve and its salt are in ${file}: keep it until the close)`,
      );
      return;
    }
    const auctionId = values.auction;
    if (!auctionId) throw new Error(`--auction is required.\n\n${help}`);
    const connection = await connect({ url: values.url, data: values.data });
    const { checks, verdict } = await verifyAuction(connection, auctionId, values.key);
    for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.check}: ${c.detail}`);
    console.log(`${verdict}: auction ${auctionId}`);
    if (verdict === 'MISMATCH') process.exit(1);
  },
};
