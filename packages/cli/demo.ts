import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  anchoringEntries,
  httpLogClient,
  processLogPagePath,
  readPublishedProcessLog,
  verifyLog,
} from '../audit-log';
import { Receipt, verifyReceipt, verifyReceiptInclusion } from '../bidding';
import { bandLabel } from '../ledger';
import { commitment } from '../expert-draw';
import { packBid, decodeKey, encodeKey, decryptShare, sealBid } from '../sealed-bids';
import { auctionKinds, playAuction } from './demo-auction';
import { playSingleSource } from './demo-single-source';
import {
  cast,
  DAY,
  Json,
  lifecycleAwaits as awaitLifecycle,
  say,
  sha256,
  step,
  until,
  yuan,
} from './demo-kit';
import { localDataDir, localStackInfo } from './local-stack-info';

const help = `Usage: sunlit demo [--url URL] [--data DIR] [--procedure CODE] [--complaint]
       sunlit demo --kind land-listing|land-auction|property-auction [--url URL] [--data DIR]

Plays a whole tender on a running local stack ("npm start"), through the HTTP API only, printing each
step: staff publish a tender, which starts its lifecycle, book an opening hall for its deadline and
move both by an amendment; five bidders register, download the documents,
seal and submit bids and pay their bonds into their sub-accounts, which the bank's statement shows
(one replaces its bid, one withdraws and is refunded); at the deadline the lifecycle closes bidding
and a late bid is refused; the custodians open the bids; the regulator co-signs the expert draw; the
committee reports; the candidates go into publicity and an objection holds the result until answered;
the lifecycle publishes the result and the award letter (a PDF), and charges the winner its service fee
(交易服务费) by the fee schedule, which the winner pays by transfer: the bank's statement settles it and its
receipt (a PDF) is saved under the data folder; the contract closes the tender and the bonds are refunded
with their due dates; the day reconciles; finally the audit log is verified.

With --complaint, a bidder also complains to the regulator during the publicity (投诉, 条例60); the
regulator accepts it and suspends the tender (条例62), whose lifecycle waits even once the objection is
answered; the regulator investigates and dismisses the complaint, which lifts the suspension, and the
tender goes on to its result.

The local stack's clock can be moved forward (POST /.local/clock), so the demo crosses the bid deadline
and the publicity in seconds; the move is permanent for that stack, as time is.
--url defaults to the API of the stack running on --data (by default .local).

--procedure plays the tender by one of the procedures the tender lifecycle carries today (GET /procedures
lists them all): open-tendering (the default) and invited-tendering under 招标投标法, whose candidates go
into publicity (条例54); under 政府采购法 gp-open-tendering, request-for-quotation (one quotation each,
74号令46), competitive-negotiation and competitive-consultation (rounds of negotiation, then one final
quote each by a set time, 74号令33 and 214号21), where the purchaser confirms the winner from the report
(87号令68, 74号令36/49, 214号28); and single-source, whose notice names the one supplier and is public
for 5 working days (74号令38), after which staff record the negotiation with it (74号令42) and the
lifecycle publishes the result (成交).

--kind plays a listing or an auction instead: staff seal the reserve and announce; three bidders apply
with bonds and are qualified; a land listing runs 10 days and goes into timed bidding, an auction opens
with its countdown; a late bid extends it and one after it is refused; the result opens the reserve
(the state-property auction ends with no sale, its bids below the reserve); an auction-room watcher is
pushed every bid; and the auction is replayed from its record and the audit log: MATCH.`;

/**
 * How the demo sets up each procedure the lifecycle carries: the project's kind, its estimated
 * price (in fen) and the tender's terms. Prices and bonds are shares of the estimate.
 */
const demoProcedures: Record<
  string,
  { type: string; terms: Json; documentsDays: number; estimatedFen: number }
> = {
  'open-tendering': { type: 'works', terms: {}, documentsDays: 7, estimatedFen: 120_000_000_00 },
  // 法17: the six bidders of the demo are the ones invited.
  'invited-tendering': {
    type: 'works',
    terms: { invitedBidders: [1, 2, 3, 4, 5, 6].map((n) => `ORG-BIDDER-${n}`) },
    documentsDays: 7,
    estimatedFen: 120_000_000_00,
  },
  // 87号令18 counts the documents' 5 days in working days: ten calendar days hold them across a weekend.
  'gp-open-tendering': { type: 'goods', terms: {}, documentsDays: 10, estimatedFen: 120_000_000_00 },
  // 询价, 谈判 and 磋商 are for purchases below the open-tendering threshold (政府采购法27: 4 million yuan by default).
  'request-for-quotation': { type: 'goods', terms: {}, documentsDays: 7, estimatedFen: 3_600_000_00 },
  'competitive-negotiation': { type: 'goods', terms: {}, documentsDays: 7, estimatedFen: 3_600_000_00 },
  // 214号10: documents on sale ≥ 5 working days; ten calendar days hold them across a weekend.
  'competitive-consultation': { type: 'services', terms: {}, documentsDays: 10, estimatedFen: 3_600_000_00 },
};

/** A row of the custody account's bank statement; negative amounts leave the account. */
const bankRow = (reference: string, subAccount: string, fen: number, payer: number, memo = '') =>
  [
    '2026-03-03',
    reference,
    subAccount,
    (fen / 100).toFixed(2),
    `投标人${payer}`,
    `62220202000012${String(payer).padStart(2, '0')}`,
    memo,
  ].join(',');
const statementCsv = (rows: string[]) =>
  ['valueDate,reference,subAccount,amount,counterpartyName,counterpartyAccount,memo', ...rows].join('\n');

export const demoCommand = {
  summary: 'play a whole tender on the local stack, step by step, through the API',
  async run(args: string[]): Promise<void> {
    const { values } = parseArgs({
      args,
      options: {
        url: { type: 'string' },
        data: { type: 'string' },
        procedure: { type: 'string', default: 'open-tendering' },
        complaint: { type: 'boolean' },
        kind: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) return console.log(help);
    if (values.kind !== undefined) {
      const kind = auctionKinds.find((k) => k === values.kind);
      if (!kind) throw new Error(`--kind is one of ${auctionKinds.join(', ')}.`);
      return playAuction(kind, values);
    }
    if (values.procedure === 'single-source' && !values.complaint) return playSingleSource(values);
    const procedure = demoProcedures[values.procedure];
    if (!procedure) {
      throw new Error(
        `--procedure is one of ${[...Object.keys(demoProcedures), 'single-source'].join(', ')} (see GET /procedures).`,
      );
    }
    if (values.complaint && !['open-tendering', 'invited-tendering'].includes(values.procedure)) {
      throw new Error('--complaint plays a tender under 招标投标法: open-tendering or invited-tendering.');
    }
    // The running local stack of this data folder, unless a URL is given.
    const url = values.url ?? localStackInfo(values.data).api;
    const { as, now: platformNow, moveTo } = await cast(url);
    const staff = as('staff1');
    const payments: string[] = [];
    /** The refund file goes to the bank; the bank's next statement shows each payment citing its refund. */
    const payRefunds = async (due: Json[]) => {
      const { text: file } = await staff<{ text: string }>('GET', '/ledger/refund-file');
      const rows = due.map((r, i) => bankRow(`BK-${r.id}`, '', -r.amount, i, r.id));
      const { statement } = await staff('POST', '/ledger/statements', { csv: statementCsv(rows) });
      say(
        `refund file: ${file.trim().split('\n').length - 1} line(s); the bank's statement paid ${statement.matched} refund(s)`,
      );
    };
    const now = await platformNow();
    /** Waits until the tender's lifecycle waits for `step`, and says so. */
    const lifecycleAwaits = (waitingFor: string, says: string) =>
      awaitLifecycle(staff, tender.id, waitingFor, says);

    // The procedure's row, as the platform publishes it: its notices' names, its committee and its refunds follow.
    const { procedures } = await staff('GET', '/procedures');
    const row = procedures.find((p: Json) => p.code === values.procedure);
    const term: string = row.award.term;
    /** A period row of the procedure, e.g. a refund's, with its article and day kind. */
    const periodOf = (id: string) => row.periods.find((p: Json) => p.id === id);
    const within = (rule: Json) =>
      `within ${rule.value} ${rule.days === 'working' ? 'working days' : 'days'} (${rule.article})`;

    step(
      `Staff register the project (进场登记) and publish the ${row.announcement} by ${row.name} (${row.law})`,
    );
    const project = await staff('POST', '/projects', {
      name: `滨江大道改造工程 ${randomBytes(2).toString('hex')}`,
      type: procedure.type,
      tendererOrg: 'ORG-TENDERER-1',
      agencyOrg: 'ORG-AGENCY-1',
      stateFunded: true,
      estimatedPrice: procedure.estimatedFen,
    });
    /** An amount as a share (in per mille) of the estimate, in whole yuan. */
    const ofEstimate = (perMille: number) =>
      Math.round((procedure.estimatedFen * perMille) / 1000 / 100) * 100;
    const bidBond = ofEstimate(1000 / 120);
    await staff('POST', `/projects/${project.id}/accept`);
    // The committee's size comes from the procedure's row (87号令47: ≥ 7 from 10 million yuan).
    const body = row.evaluationBody;
    const committeeSize =
      body.large && project.estimatedPrice >= body.large.fromFen ? body.large.minSize : body.minSize;
    const tender = await staff('POST', `/projects/${project.id}/tenders`, {
      name: '第一标段',
      procedure: values.procedure,
      ...procedure.terms,
      schedule: {
        documentsFrom: new Date(now).toISOString(),
        documentsTo: new Date(now + procedure.documentsDays * DAY).toISOString(),
        bidDeadline: new Date(now + 21 * DAY).toISOString(),
        openingPlace: '市公共资源交易中心 第一开标室',
        bidBond,
        bidValidityDays: 90,
      },
    });
    const document = new TextEncoder().encode(`%PDF-1.7\n招标文件：${tender.id}\n`);
    const slot = await staff('POST', `/tenders/${tender.id}/documents`, {
      fileName: '招标文件.pdf',
      contentType: 'application/pdf',
    });
    await fetch(slot.uploadUrl, { method: 'PUT', body: document, headers: slot.headers });
    await staff('POST', `/tenders/${tender.id}/documents/${slot.documentId}/versions/1/confirm`);
    await staff('POST', `/tenders/${tender.id}/publish`);
    const published = await as('bidder1')('GET', `/tenders/${tender.id}`);
    say(
      `tender ${tender.id} published by ${published.procedure} (${published.law}), deal code ${published.dealCode}; bid deadline ${published.schedule.bidDeadline}; its lifecycle started`,
    );
    say(
      `opening key ${published.openingKey.publicKey}, ${published.openingKey.threshold} of ${published.openingKey.custodians.join(', ')}`,
    );
    // The custodians who will open the bids, and their keys, are checked now, before time moves.
    const keyFile = (user: string) => path.join(localDataDir(values.data), 'custodians', `${user}.key`);
    const openers: string[] = published.openingKey.custodians.slice(-published.openingKey.threshold);
    const missing = openers.filter((user) => !existsSync(keyFile(user)));
    if (missing.length > 0) {
      throw new Error(
        `The custodian key files of ${missing.join(', ')} are not in ${path.dirname(keyFile(missing[0]!))}: pass the stack's data folder with --data DIR (as given to npm start).`,
      );
    }

    step(
      'Staff book an opening hall (开标室) for the deadline; an amendment (澄清/修改) moves both two days on',
    );
    const openingAt = (deadline: string) => ({
      purpose: 'opening',
      tenderId: tender.id,
      start: deadline,
      end: new Date(new Date(deadline).getTime() + 2 * 3_600_000).toISOString(),
    });
    const { rooms } = await staff('GET', '/venues');
    const halls = rooms.filter((room: Json) => room.kind === 'opening-hall');
    // The first hall free then: another tender may hold one at that time (a 409 names the clash).
    let booking: Json | undefined;
    for (const hall of halls) {
      booking ??= await staff(
        'POST',
        `/venues/${hall.id}/bookings`,
        openingAt(published.schedule.bidDeadline),
      ).catch((error: Error) => void say(error.message.split(': ').slice(1).join(': ')));
    }
    if (!booking) throw new Error('No opening hall is free at the bid deadline.');
    const hall = halls.find((h: Json) => h.id === booking!.roomId);
    say(
      `${hall.name} (${hall.capacity} seats, ${hall.equipment.join(', ')}) booked ${booking.start} – ${booking.end}`,
    );
    const bidDeadline = new Date(new Date(published.schedule.bidDeadline).getTime() + 2 * DAY).toISOString();
    await staff('POST', `/tenders/${tender.id}/amendments`, {
      summary: '投标截止时间及开标时间顺延两日',
      affectsBids: true,
      schedule: { ...published.schedule, bidDeadline },
      documents: [],
    });
    const { bookings } = await staff(
      'GET',
      `/venues/${hall.id}/bookings?from=${encodeURIComponent(bidDeadline)}`,
    );
    const moved = bookings.find((b: Json) => b.id === booking!.id);
    say(
      `amendment 1: bid deadline ${bidDeadline}; ${hall.name}'s booking moved with it to ${moved.start} – ${moved.end}`,
    );

    step(
      'Five bidders register (投标报名), download the documents and seal their bids on their own machines',
    );
    const bidders = ['bidder1', 'bidder2', 'bidder3', 'bidder4', 'bidder5'];
    const bidReceipts: Receipt[] = [];
    const submit = async (user: string, price: number) => {
      const me = await as(user)('GET', '/me');
      const sealed = await sealBid(
        packBid({
          form: { price, durationDays: 365, keyTerms: ['质量标准：合格', '工期365日历天'] },
          files: [{ name: '投标文件.pdf', bytes: new TextEncoder().encode(`%PDF-1.7\n${me.org} 投标文件`) }],
        }),
        {
          openingPublicKey: decodeKey(published.openingKey.publicKey, 'openingKey.publicKey'),
          tenderId: tender.id,
          bidderOrg: me.org,
        },
      );
      const upload = await as(user)('POST', `/tenders/${tender.id}/bids`, {
        size: sealed.length,
        sha256: sha256(sealed),
      });
      await fetch(upload.uploadUrl, { method: 'PUT', body: sealed, headers: upload.headers });
      const receipt = await as(user)<Receipt>('POST', `/tenders/${tender.id}/bids/${upload.bidId}/confirm`);
      verifyReceipt(receipt, (await as(user)('GET', '/audit/public-key')).verifierKey);
      bidReceipts.push(receipt);
      say(
        `${me.org}: sealed ${sealed.length} bytes, received at ${receipt.at}, the platform's signed promise verified`,
      );
    };
    // A sixth registers too, but will only try to bid after the deadline.
    await as('bidder6')('POST', `/tenders/${tender.id}/registrations`);
    for (const [i, user] of bidders.entries()) {
      await as(user)('POST', `/tenders/${tender.id}/registrations`);
      const link = await as(user)('GET', `/tenders/${tender.id}/documents/${slot.documentId}`);
      const bytes = new Uint8Array(await (await fetch(link.url)).arrayBuffer());
      if (sha256(bytes) !== link.sha256) throw new Error('The downloaded document does not match its hash.');
      await submit(user, ofEstimate(983 - i * 12.5));
      // Each pays its bid bond (投标保证金) into a sub-account number of its own, which names nobody.
      const { subAccount } = await as(user)('POST', `/tenders/${tender.id}/bond-account`);
      payments.push(bankRow(`BK-${tender.id}-${i + 1}`, subAccount.number, bidBond, i + 1));
    }
    step("The bank's statement pays the bonds: rows matched to sub-accounts, the rest listed");
    const paid = await staff('POST', '/ledger/statements', {
      csv: statementCsv([...payments, bankRow(`BK-${tender.id}-X`, '', 500_00, 9)]),
    });
    say(
      `${paid.statement.matched} of ${paid.statement.rows} rows matched; unmatched: ${paid.statement.unmatched.map((r: Json) => `line ${r.line} (${r.reason})`).join(', ')}`,
    );
    const again = await staff('POST', '/ledger/statements', {
      csv: statementCsv([...payments, bankRow(`BK-${tender.id}-X`, '', 500_00, 9)]),
    });
    say(`the same statement again: repeated=${again.repeated}, nothing changed`);

    if (row.quoteOnce) {
      step(
        `bidder2 tries to quote again and is refused (${row.quoteOnce.article}); bidder5 withdraws and its bond is refunded`,
      );
      await submit('bidder2', ofEstimate(937.5)).then(
        () => {
          throw new Error('A second quotation was accepted.');
        },
        (error: Error) => say(`refused: ${error.message.split(': ').slice(1).join(': ')}`),
      );
    } else {
      step(
        `bidder2 replaces its bid; bidder5 withdraws and its bond is refunded ${within(periodOf(row.bondRefunds.withdrawal))}`,
      );
      await submit('bidder2', ofEstimate(937.5));
    }
    await as('bidder5')('POST', `/tenders/${tender.id}/bids/withdraw`);
    say('ORG-BIDDER-5 withdrew; its receipt records the withdrawal');
    const withdrawn = (await as('bidder5')('GET', `/tenders/${tender.id}/bond-account`)).refunds[0];
    say(
      `its refund ${withdrawn.id} of ${yuan(withdrawn.amount)} is due by ${withdrawn.dueAt} (${withdrawn.article})`,
    );
    await payRefunds([withdrawn]);

    step('The bid deadline passes: the lifecycle closes bidding; a late bid is refused');
    await moveTo(new Date(bidDeadline).getTime() + 1000);
    await as('bidder6')('POST', `/tenders/${tender.id}/bids`, { size: 10, sha256: sha256('late') }).then(
      () => {
        throw new Error('A late bid was accepted.');
      },
      (error: Error) => say(`refused: ${error.message.split(': ').slice(1).join(': ')}`),
    );

    step('The opening (开标): custodians decrypt their shares on their own machines');
    await lifecycleAwaits('shares', "the custodians' shares");
    const opening = await staff('GET', `/tenders/${tender.id}/opening`);
    say(`${opening.bidCount} valid bids; ${published.openingKey.threshold} shares open them`);
    let opened: Json = opening;
    for (const user of openers) {
      const mine = await as(user)('GET', `/tenders/${tender.id}/opening-key/mine`);
      const file = JSON.parse(readFileSync(keyFile(user), 'utf8'));
      const share = await decryptShare(
        mine.encryptedShare,
        decodeKey(file.privateKey, 'privateKey'),
        tender.id,
        user,
      );
      opened = await as(user)('POST', `/tenders/${tender.id}/opening/shares`, { share: encodeKey(share) });
      say(`${user} submitted their share`);
    }
    if (opened.status === 'decrypting') {
      say('K shares are in: the platform decrypts every bid in the background');
      opened = await until('the opening record', async () => {
        const now = await staff('GET', `/tenders/${tender.id}/opening`);
        return now.status === 'opened' ? now : undefined;
      });
    }
    say('opening record (开标记录):');
    for (const row of opened.rows)
      say(
        `  ${row.bidderOrg.padEnd(14)} ${yuan(row.price).padStart(16)}  ${row.durationDays} days  ${row.outcome}`,
      );

    // From the opening on, the tender's sealed process log is public: every receipt is checked in it.
    const processLog = await readPublishedProcessLog((cursor) =>
      staff('GET', processLogPagePath(`/tenders/${tender.id}/process-log`, cursor)),
    );
    const logKey = (await staff('GET', '/audit/public-key')).verifierKey;
    const anchoredBy = await anchoringEntries(httpLogClient(url), processLog, logKey);
    const included = bidReceipts.map((r) => verifyReceiptInclusion(r, processLog, logKey, anchoredBy).index);
    say(
      `process log published: ${processLog.entries.length} entries under ${processLog.anchors.length} anchors, ` +
        `each checked against the public log; the ${bidReceipts.length} receipts are its entries ${included.join(', ')}`,
    );

    step('The expert draw (专家抽取), co-signed by the regulator');
    await lifecycleAwaits('draw', 'the expert draw');
    const draw = await staff('POST', `/tenders/${tender.id}/draws`, {
      quotas: [
        { specialty: 'A010201', count: committeeSize - 2, reserves: 2 },
        { specialty: 'A020101', count: 2, reserves: 1 },
      ],
    });
    say(
      `draw ${draw.id}: frozen at log entry ${draw.frozen.index}, pool of ${draw.poolSize}; the request, whom the platform avoided (回避) and the seed stay with the regulator until the result`,
    );
    const secret = randomBytes(32).toString('hex');
    await as('regulator1')('POST', `/draws/${draw.id}/commitments`, { commitment: commitment(secret) });
    const drawn = await as('regulator1')('POST', `/draws/${draw.id}/reveals`, { secret });
    if (!drawn.result) {
      throw new Error(
        `The draw could not seat the committee (${drawn.failure?.error}) from a pool of ${draw.poolSize}: import experts (npx sunlit experts import FILE) or start with a fresh data folder.`,
      );
    }
    const members: string[] = drawn.result.picks.flatMap((p: Json) => p.primaries);
    // The summonses are written to the local sink after this, by the relay (its files' times are the machine's).
    const drawnAtMs = Date.now();
    say(
      `drawn with seed ${drawn.result.seed.slice(0, 16)}…: ${members.length} members, names known to staff and regulators only`,
    );
    const { seats } = await staff('GET', `/tenders/${tender.id}/committee`);
    const phones = new Set<string>(seats.map((seat: Json) => seat.phone));
    const sink = path.join(localDataDir(values.data), 'outbox-sink', 'sms');
    // The relay runs every minute from the template's rule: a minute passes on the stack's clock.
    await moveTo((await platformNow()) + 60_000);
    const summonses = await until(
      "the relay to deliver the experts' summonses",
      async () => {
        const files = existsSync(sink) ? readdirSync(sink).map((f) => path.join(sink, f)) : [];
        const mine = files
          .filter((file) => statSync(file).mtimeMs >= drawnAtMs - 1000)
          .map((file) => JSON.parse(readFileSync(file, 'utf8')) as { to: string; body: string })
          .filter((message) => phones.has(message.to));
        return mine.length >= phones.size ? mine : undefined;
      },
      150_000,
    );
    say(
      `the outbox relay summoned each by SMS (${summonses.length} in ${sink}), saying when and where, not which tender (法44):`,
    );
    say(`  “${summonses[0]!.body.replace(/\s*\S*#\/experts\/answer\S*$/, '')} …”`);
    for (const message of summonses) {
      const token = /#\/experts\/answer\?token=([\w.-]+)$/.exec(message.body)?.[1];
      if (!token) throw new Error(`The summons to ${message.to} has no answer link.`);
      // No account: the link's token is the credential.
      const answered = await fetch(`${url}/experts/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, response: 'confirmed' }),
      });
      if (!answered.ok)
        throw new Error(`POST /experts/answers → ${answered.status}: ${await answered.text()}`);
    }
    say(`every expert confirmed by the signed link in their message, without an account`);

    /** What the report ranks: the opened prices, or the final quotes where the procedure takes them. */
    let prices = (opened.rows as Json[])
      .filter((r) => r.outcome === 'decrypted')
      .map((r) => ({ bidderOrg: r.bidderOrg as string, price: r.price as number }));
    if (row.finalQuotes) {
      step(
        `The ${body.name} negotiates in rounds, then asks for final quotes (最后报价, ${row.finalQuotes.article})`,
      );
      await lifecycleAwaits('negotiation', 'the rounds and the call for final quotes');
      await staff('POST', `/tenders/${tender.id}/negotiation/rounds`, {
        summary: '第一轮：逐一与供应商就技术和服务要求进行谈判，要求不变。',
      });
      const quotesDueAt = new Date((await platformNow()) + 3_600_000).toISOString();
      await staff('POST', `/tenders/${tender.id}/negotiation/final-call`, { quotesDueAt });
      say(`1 round recorded; final quotes due by ${quotesDueAt}`);
      prices = prices.map((p) => ({ ...p, price: Math.round((p.price * 0.97) / 100) * 100 }));
      for (const { bidderOrg, price } of prices) {
        await as(`bidder${bidderOrg.split('-').pop()}`)(
          'PUT',
          `/tenders/${tender.id}/negotiation/final-quote`,
          { price },
        );
      }
      const early = await staff('GET', `/tenders/${tender.id}/negotiation`);
      say(
        `${prices.length} suppliers quoted; before the time staff see ${early.quotes.length} of the quotes`,
      );
      await moveTo(new Date(quotesDueAt).getTime() + 1000);
      const closed = await staff('GET', `/tenders/${tender.id}/negotiation`);
      say(
        `the quotes closed: ${closed.quotes.map((q: Json) => `${q.bidderOrg} ${yuan(q.price)}`).join('; ')}`,
      );
    }

    step(
      row.award.by === 'candidate-publicity'
        ? 'The committee reports (评标报告); the candidates go into publicity (中标候选人公示)'
        : `The ${body.name} reports (评审报告); the purchaser confirms the winner (采购人确定)`,
    );
    await lifecycleAwaits('report', "the committee's report");
    const ranked = [...prices].sort((a, b) => a.price - b.price).slice(0, 3);
    const reportSlot = await staff('POST', `/tenders/${tender.id}/evaluation/report-file`);
    await fetch(reportSlot.uploadUrl, {
      method: 'PUT',
      body: '%PDF-1.7\n评标报告',
      headers: reportSlot.headers,
    });
    await staff('PUT', `/tenders/${tender.id}/evaluation`, {
      candidates: ranked.map((r: Json) => ({ bidderOrg: r.bidderOrg, price: r.price })),
      signedBy: members,
      reportFile: reportSlot.objectKey,
    });
    if (row.award.by === 'candidate-publicity') {
      await lifecycleAwaits('publicity', 'the candidate publicity (条例54: within 3 days of the report)');
      const publicity = await staff('POST', `/tenders/${tender.id}/publicity`, { days: 3 });
      say(
        `candidates: ${ranked.map((r: Json, i: number) => `${i + 1}. ${r.bidderOrg} ${yuan(r.price)}`).join('; ')}; publicity until ${publicity.endsAt}`,
      );
      const objector = ranked.length > 1 ? ranked[1]!.bidderOrg : 'ORG-BIDDER-1';
      const objectingUser = `bidder${objector.split('-').pop()}`;
      await as(objectingUser)('POST', `/tenders/${tender.id}/publicity/objections`, {
        text: '对第一中标候选人的项目业绩有异议',
      });
      say(`${objector} objected during the publicity`);
      await moveTo(new Date(publicity.endsAt).getTime() + 1000);
      await lifecycleAwaits('answers', 'the answer to the objection: the result is held (条例54)');
      const results = await staff('GET', '/notices?type=result&limit=20');
      if (results.notices.some((n: Json) => n.tenderId === tender.id))
        throw new Error('A result went out before the answer.');
      say('the publicity has ended, and no result notice is out yet');
      const regulator = as('regulator1');
      const complaintSteps = `/tenders/${tender.id}/challenges/1/steps`;
      if (values.complaint) {
        step(
          'A bidder complains to the regulator (投诉, 条例60); the regulator suspends the tender (条例62)',
        );
        const filed = await as('bidder1')('POST', `/tenders/${tender.id}/challenges`, {
          kind: 'complaint',
          subject: 'other',
          text: '评标委员会成员与投标人存在利害关系',
          knownAt: new Date(await platformNow()).toISOString(),
        });
        say(
          `complaint ${filed.items[0].number} submitted; to be accepted by ${filed.items[0].acceptDueAt} (条例61)`,
        );
        const accepted = await regulator('POST', complaintSteps, { step: 'accept' });
        say(`the regulator accepted it; the decision is due by ${accepted.items[0].decideDueAt} (条例61)`);
        await regulator('POST', complaintSteps, { step: 'suspend', reason: '投诉处理期间暂停招标投标活动' });
        const seen = await staff('GET', `/tenders/${tender.id}/challenges`);
        say(`suspended (${seen.hold.article}); staff see the complaint without its complainant (法22)`);
      }
      await staff('POST', `/tenders/${tender.id}/publicity/objections/1/answer`, {
        answer: '经核查，业绩证明真实有效。',
      });
      say('staff answered the objection');
      if (values.complaint) {
        const held = await staff('GET', `/tenders/${tender.id}/lifecycle`);
        if (held.waiting?.step !== 'answers') throw new Error('The suspended tender did not wait.');
        say('the objection is answered, yet the suspended tender still waits: the result is held (条例62)');
        await regulator('POST', complaintSteps, { step: 'investigate' });
        const decided = await regulator('POST', complaintSteps, {
          step: 'dismiss',
          decision: '经查，评标委员会成员与投标人不存在利害关系，驳回投诉。',
        });
        say(`the regulator dismissed the complaint (${decided.items[0].status}); the suspension is lifted`);
      }
    } else {
      await lifecycleAwaits(
        'result',
        `the purchaser's confirmation (${row.award.article}: within 5 working days of the report)`,
      );
      await staff('POST', `/tenders/${tender.id}/result`, { winner: ranked[0]!.bidderOrg });
      say(
        `ranked: ${ranked.map((r: Json, i: number) => `${i + 1}. ${r.bidderOrg} ${yuan(r.price)}`).join('; ')}; the purchaser confirmed the first (${row.award.article}), no candidate publicity`,
      );
    }

    step(`The lifecycle publishes the result (${term}结果公告) and the letter (${term}通知书)`);
    const letter = await until<Json>('the award letter', () =>
      staff('GET', `/tenders/${tender.id}/award-letter`),
    );
    const award = (await staff('GET', `/notices?type=result&limit=20`)).notices.find(
      (n: Json) => n.tenderId === tender.id,
    ).body;
    say(
      `winner ${award.winner} at ${yuan(award.price)} (${row.award.by === 'candidate-publicity' ? '条例55' : row.award.article}: the first candidate)`,
    );
    const winnerUser = `bidder${award.winner.split('-').pop()}`;
    const inbox = await as(winnerUser)('GET', '/me/notices?type=award&limit=5');
    say(`the winner's inbox: ${inbox.notices.find((n: Json) => n.tenderId === tender.id)?.title}`);
    say(
      `every other bidder received its result notice at the same time${row.law === '招标投标法' ? ' (法45)' : ''}`,
    );
    const mine = await as(winnerUser)('GET', `/tenders/${tender.id}/award-letter`);
    const pdf = new Uint8Array(await (await fetch(mine.url)).arrayBuffer());
    if (sha256(pdf) !== letter.sha256) throw new Error('The award letter does not match its logged hash.');
    say(
      `${term}通知书: a ${pdf.length}-byte PDF in Chinese, SHA-256 ${letter.sha256.slice(0, 16)}… as logged`,
    );
    if (row.bondRefunds.othersAtResult) {
      // In government procurement the others' bonds do not wait for the contract.
      const { refunds: atResult } = await staff('GET', `/ledger/refunds?status=due&tenderId=${tender.id}`);
      say(
        `the others' bonds go back ${within(periodOf(row.bondRefunds.othersAtResult))} of the result notice: ${atResult.length} refund(s) due`,
      );
      for (const r of atResult)
        say(`  refund ${r.id}: ${yuan(r.amount)} to ${r.payee.name}, due by ${r.dueAt}`);
      await payRefunds(atResult);
    }

    step(
      "The result charged the winner its service fee (交易服务费); its transfer, on the bank's statement, pays it",
    );
    const winner = as(winnerUser);
    const fee = await winner('GET', `/tenders/${tender.id}/service-fee`);
    const { computation } = fee;
    say(
      `${fee.id}: ${yuan(fee.amount)} due from ${fee.payerOrg} on ${yuan(computation.amountFen)}, ${computation.name} by ${computation.source}:`,
    );
    for (const band of computation.bands)
      say(`  ${bandLabel(band)}: ${yuan(band.baseFen)} × ${band.percent}% = ${yuan(band.chargeFen)}`);
    const winnerNumber = Number(award.winner.split('-').pop());
    const transfer = bankRow(`BK-${tender.id}-FEE`, '', fee.amount, winnerNumber, fee.id);
    const { statement: feeStatement } = await staff('POST', '/ledger/statements', {
      csv: statementCsv([transfer]),
    });
    const settled = await winner('GET', `/tenders/${tender.id}/service-fee`);
    say(
      `the statement's row citing ${fee.id} matched (${feeStatement.matched} of ${feeStatement.rows}): ${settled.status} at ${settled.payment.paidAt}, audit log entry ${settled.payment.entryIndex}`,
    );
    const { bytes: receipt } = await winner<{ bytes: Uint8Array }>(
      'GET',
      `/tenders/${tender.id}/service-fee/receipt.pdf`,
    );
    const receipts = path.join(localDataDir(values.data), 'receipts');
    mkdirSync(receipts, { recursive: true });
    const receiptFile = path.join(receipts, `${fee.id}.pdf`);
    writeFileSync(receiptFile, receipt);
    say(`receipt (交易服务费收据): a ${receipt.length}-byte PDF in Chinese, saved to ${receiptFile}`);

    const contractArticle = row.law === '招标投标法' ? '法46' : '政府采购法46';
    step(
      `The contract (${contractArticle}) closes the tender; each bond still held is a refund due ${within(periodOf(row.bondRefunds.contract))}`,
    );
    await lifecycleAwaits('contract', `the contract (${contractArticle}: within 30 days of the award)`);
    await staff('POST', `/tenders/${tender.id}/contract`, {
      signedOn: new Date(await platformNow()).toISOString().slice(0, 10),
    });
    const closed = await until('the tender to close', async () => {
      const current = await staff('GET', `/tenders/${tender.id}/lifecycle`);
      return current.closedAt ? current : undefined;
    });
    say(`tender closed at ${closed.closedAt}`);
    const { refunds } = await staff('GET', `/ledger/refunds?status=due&tenderId=${tender.id}`);
    for (const r of refunds)
      say(`refund ${r.id}: ${yuan(r.amount)} to ${r.payee.name}, due by ${r.dueAt} (${r.article})`);
    await payRefunds(refunds);
    const day = new Date((await platformNow()) + 8 * 3_600_000).toISOString().slice(0, 10);
    const books = await staff('GET', `/ledger/reconciliation?day=${day}`);
    say(
      `reconciliation of ${day}: custody ${yuan(books.custody)} = bonds held ${yuan(books.bondsHeld)} + refunds payable ${yuan(books.refundsPayable)} + kept ${yuan(books.forfeitures)} + service fees ${yuan(books.serviceFees)} − fees due ${yuan(books.feesDue)}: ${books.balanced ? 'balanced' : 'NOT BALANCED'} (${books.movements} movements that day)`,
    );
    if (!books.balanced) throw new Error('The day does not reconcile.');

    step('Anyone verifies the audit log');
    const verified = await verifyLog(httpLogClient(url));
    say(
      `OK: ${verified.checkpoint.size} entries verified against the signed checkpoint of ${verified.checkpoint.origin}`,
    );
    say(`re-check the draw yourself: npx sunlit draw verify --draw ${draw.id} --url ${url}`);
  },
};
