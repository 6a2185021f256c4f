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
import type { AuctionCheck, AuctionView, RoomMessage } from '../auctions';
import { call, connect, Connection, parseCommand } from './api-client';
import { joinAuctionRoom, RoomRefusal } from './auction-room';
import { yuan } from './demo-kit';

const help = `Usage: sunlit auction seal-reserve --reserve-fen N|none [--out FILE]
       sunlit auction watch --auction ID [--seconds N] [--url URL]
       sunlit auction bid --auction ID [--amount-fen N] [--sequence N] (--user NAME | --token T) [--url URL]
       sunlit auction verify --auction ID [--url URL] [--key VERIFIER-KEY]

seal-reserve  Seals a reserve price (底价) before the listing starts, on staff's own machine: draws a
              32-byte salt, prints the commitment to publish with the announcement, and writes the
              reserve and salt to FILE (default reserve.json), which opens it at the close.
watch         Watches the auction room (竞价大厅) live, as anyone may: the auction now, then each
              accepted bid and each change the bidding clock announces, one line each, until bidding
              ends (or for N seconds).
bid           Bids over the room as a qualified bidder, its ID token checked at the room's door: by
              default the next lowest amount at the next sequence, as the auction stands now. Prints
              the accepted bid; a refusal names its field and rule, and exits 1. A bid whose answer
              was lost is safe to send again with the same --sequence and --amount-fen.
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

/** One line for a message of the room, as a watcher reads it. */
const roomLine = (message: RoomMessage): string | undefined => {
  if (message.type === 'bid') {
    const { bid, state, nextMinimumFen } = message;
    return `bid ${bid.sequence}: paddle ${bid.paddle} ${yuan(bid.amountFen)} at ${bid.at}; next at least ${yuan(nextMinimumFen)}, ${state.phase} until ${state.endsAt}`;
  }
  if (message.type !== 'auction') return undefined;
  const { state, result, serverTime } = message.auction;
  const leading = state.leading
    ? `paddle ${state.leading.paddle} leads at ${yuan(state.leading.amountFen)}`
    : 'no bid yet';
  const outcome = result
    ? result.outcome.outcome === 'sold'
      ? `; sold to paddle ${result.outcome.paddle} at ${yuan(result.outcome.priceFen)}`
      : `; no sale (${result.outcome.reason})`
    : '';
  return `${serverTime} ${state.phase}${state.phase === 'ended' ? '' : ` until ${state.endsAt}`}: ${leading}${outcome}`;
};

/** Prints the room's messages until bidding ends (and its result, if published), or `seconds` pass. */
const watchAuction = async (connection: Connection, auctionId: string, seconds?: number) => {
  const { url } = await call<{ url: string }>(connection, 'GET', `/auctions/${auctionId}/room`);
  let ended: (error?: Error) => void = () => {};
  const done = new Promise<void>(
    (resolve, reject) => (ended = (error) => (error ? reject(error) : resolve())),
  );
  // The last sequence printed: a bid past a gap (a push missed) asks for the state, which shows it.
  let printed = 0;
  const room = await joinAuctionRoom(
    url,
    undefined,
    (message) => {
      if (message.type === 'bid' && message.bid.sequence > printed + 1) return room.askState();
      if (message.type === 'bid') printed = Math.max(printed, message.bid.sequence);
      if (message.type === 'auction') printed = Math.max(printed, message.auction.state.sequence);
      const line = roomLine(message);
      if (line) console.log(line);
      if (message.type === 'auction' && message.auction.state.phase === 'ended') ended();
    },
    // API Gateway closes an idle connection after 10 minutes: watching stops, and says so.
    () => ended(new Error('The room closed the connection before bidding ended; watch again to go on.')),
  );
  room.askState();
  const timer = seconds === undefined ? undefined : setTimeout(ended, seconds * 1000);
  try {
    await done;
  } finally {
    clearTimeout(timer);
    room.close();
  }
};

/** One bid over the room, by default the next lowest at the next sequence. */
const bidInAuction = async (
  connection: Connection,
  auctionId: string,
  given: { amountFen?: number; sequence?: number },
) => {
  if (!connection.token)
    throw new Error('Bidding needs a bidder: --user NAME on the local stack, or --token.');
  const auction = await call<AuctionView>(connection, 'GET', `/auctions/${auctionId}`);
  const offer = {
    amountFen: given.amountFen ?? auction.nextMinimumFen,
    sequence: given.sequence ?? auction.state.sequence + 1,
  };
  const { url } = await call<{ url: string }>(connection, 'GET', `/auctions/${auctionId}/room`);
  const room = await joinAuctionRoom(url, connection.token);
  try {
    const bid = await room.bid(offer);
    console.log(
      `accepted: bid ${bid.sequence}, paddle ${bid.paddle}, ${yuan(bid.amountFen)} at ${bid.at} (log entry ${bid.index})`,
    );
  } catch (error) {
    if (!(error instanceof RoomRefusal)) {
      // Not a refusal: the bid may have been taken. The same offer again is answered with it if so.
      throw new Error(
        `${(error as Error).message}: send the same bid again, --sequence ${offer.sequence} --amount-fen ${offer.amountFen}.`,
      );
    }
    const { rule } = error.error;
    console.log(`refused: ${error.message}${rule ? ` [${rule}]` : ''}`);
    process.exitCode = 1;
  } finally {
    room.close();
  }
};

const wholeNumber = (name: string, given: string | undefined): number | undefined => {
  if (given === undefined) return undefined;
  const n = Number(given);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1.`);
  return n;
};

export const auctionCommand = {
  summary:
    'seal a reserve price (staff), watch or bid in the auction room, or replay a published auction: MATCH or MISMATCH (anyone)',
  async run(args: string[]): Promise<void> {
    const { values, positionals } = parseCommand(args, {
      auction: { type: 'string' },
      'reserve-fen': { type: 'string' },
      out: { type: 'string' },
      key: { type: 'string' },
      seconds: { type: 'string' },
      'amount-fen': { type: 'string' },
      sequence: { type: 'string' },
    });
    const [verb] = positionals;
    if (values.help || !['verify', 'seal-reserve', 'watch', 'bid'].includes(verb ?? ''))
      return console.log(help);
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
    if (verb === 'watch') {
      const connection = await connect({ url: values.url, data: values.data });
      return watchAuction(connection, auctionId, wholeNumber('seconds', values.seconds));
    }
    if (verb === 'bid') {
      const connection = await connect({
        url: values.url,
        token: values.token,
        user: values.user,
        data: values.data,
      });
      await bidInAuction(connection, auctionId, {
        amountFen: wholeNumber('amount-fen', values['amount-fen']),
        sequence: wholeNumber('sequence', values.sequence),
      });
      return;
    }
    const connection = await connect({ url: values.url, data: values.data });
    const { checks, verdict } = await verifyAuction(connection, auctionId, values.key);
    for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.check}: ${c.detail}`);
    console.log(`${verdict}: auction ${auctionId}`);
    if (verdict === 'MISMATCH') process.exit(1);
  },
};
