import { httpLogClient } from '../../packages/audit-log/http-log-client';
import { AuditEntry } from '../../packages/audit-log/entry';
import { AnchorEntryData } from '../../packages/audit-log/anchor-chains';
import { PlatformFault, verifyProcessLog } from '../../packages/audit-log/process-log';
import { Receipt, verifyReceipt, verifyReceiptInclusion } from '../../packages/bidding/receipt';
import { advanceClock, callApi, eventually, publishedLogAt, stackInfo } from '../support/local-stack';
import { onOwnStack } from '../support/stack-process';
import { aForm, logKey, submitBid } from './bidding-client';
import { as } from './client';
import { Json, publishedTender } from './tender-fixture';

const BIDDERS = Array.from({ length: 8 }, (_, i) => `bidder${i + 1}`);

/** The public log's entries from `start` to its current size. */
const publicEntries = async (start: number): Promise<AuditEntry[]> => {
  const client = httpLogClient(stackInfo().api);
  const size = Number((await client.checkpoint()).split('\n')[1]);
  const entries: AuditEntry[] = [];
  for (let from = start; from < size; from += 1000) {
    const page = await client.entries(from, Math.min(size, from + 1000));
    entries.push(...page.entries.map((e) => e.entry));
  }
  return entries;
};

/** The tenders an entry names: in its subject, or among the anchors it carries. */
const named = (e: AuditEntry): string[] => [
  ...Object.values(e.subject),
  ...(e.action === 'process.anchored' ? AnchorEntryData.parse(e.data).anchors.map((a) => a.processId) : []),
];

const anchorsOf = (entries: AuditEntry[], tenderId: string) =>
  entries.filter((e) => e.action === 'process.anchored' && named(e).includes(tenderId));

describe('sealed process logs', () => {
  // Each run of the schedule is a minute on the stack's clock: this file moves it, on a stack of its own.
  onOwnStack('process-logs');

  it('keeps a tender with 50 bids and one with none alike in the public log, and proves every receipt after the opening', async () => {
    const { tender: busy } = await publishedTender(BIDDERS);
    const { tender: quiet } = await publishedTender();
    // From the first anchor of both after publication: each run of the schedule anchors every open tender.
    const mark = Number((await httpLogClient(stackInfo().api).checkpoint()).split('\n')[1]);
    await advanceClock(stackInfo(), 60_000);
    const first = await eventually(async () => {
      const entries = await publicEntries(mark);
      const both = [anchorsOf(entries, busy.id)[0], anchorsOf(entries, quiet.id)[0]];
      return both.every(Boolean) ? Math.max(...both.map((e) => e!.index)) + 1 : undefined;
    }, 30_000);

    /** Moves the clock a minute and waits for that run of the schedule to anchor both tenders. */
    const nextRun = async () => {
      const seen = anchorsOf(await publicEntries(first), quiet.id).length;
      await advanceClock(stackInfo(), 60_000);
      await eventually(async () => {
        const entries = await publicEntries(first);
        const done = [busy.id, quiet.id].every((id) => anchorsOf(entries, id).length > seen);
        return done ? true : undefined;
      }, 30_000);
    };

    // 48 bids (each bidder replacing its own five times) and 2 withdrawals, all on the busy tender.
    const bidders = await Promise.all(BIDDERS.map((name) => as(name)));
    const receipts: Receipt[] = [];
    for (let round = 0; round < 6; round++) {
      const confirmed = await Promise.all(
        bidders.map((bidder, i) => submitBid(bidder, busy.id, aForm(1_000_000_00 + round * 10 + i))),
      );
      for (const answer of confirmed) {
        expect(answer.status).toBe(200);
        receipts.push(Receipt.parse(answer.body));
      }
      await nextRun();
    }
    for (const bidder of bidders.slice(0, 2)) {
      const withdrawn = await bidder.post<Json>(`/tenders/${busy.id}/bids/withdraw`);
      expect(withdrawn.status).toBe(200);
      receipts.push(Receipt.parse(withdrawn.body));
    }
    await nextRun();
    const window = await publicEntries(first);

    // The public log over the window: the same anchors for both tenders, at the same moments, and
    // nothing that counts a registration, a download, a bid or a bond.
    const busyAnchors = anchorsOf(window, busy.id);
    const quietAnchors = anchorsOf(window, quiet.id);
    expect(busyAnchors.length).toBeGreaterThanOrEqual(7);
    expect(busyAnchors).toHaveLength(quietAnchors.length);
    busyAnchors.forEach((anchor, i) => {
      expect(Math.abs(Date.parse(anchor.time) - Date.parse(quietAnchors[i]!.time))).toBeLessThan(2000);
      expect(Object.keys(anchor.data).sort()).toEqual(Object.keys(quietAnchors[i]!.data).sort());
    });
    const mentioning = window.filter((e) => named(e).includes(busy.id) || named(e).includes(quiet.id));
    expect(new Set(mentioning.map((e) => e.action))).toEqual(new Set(['process.anchored']));
    expect(
      window.filter((e) =>
        /^(bid|bond)\.|^tender\.registered$|^document\.downloaded$|^ledger\.bond/.test(e.action),
      ),
    ).toEqual([]);

    // Receipts are alike in form, and verify offline against the log's key.
    const key = await logKey();
    for (const receipt of receipts) {
      expect(Object.keys(receipt).sort()).toEqual(Object.keys(receipts[0]!).sort());
      verifyReceipt(receipt, key);
    }

    // Before the opening, a process log is not there, exactly as for a tender that does not exist.
    const unknown = await callApi<Json>('/tenders/T-NO-SUCH-TENDER/process-log');
    for (const id of [busy.id, quiet.id]) {
      const sealed = await callApi<Json>(`/tenders/${id}/process-log`);
      expect(sealed.status).toBe(404);
      expect(sealed.body.error.code).toBe(unknown.body.error.code);
    }

    const staff = await as('staff1', Date.parse(busy.schedule.bidDeadline) - Date.now() + 1000);
    for (const id of [busy.id, quiet.id])
      expect((await staff.post(`/tenders/${id}/opening`)).status).toBe(200);
    const published = await publishedLogAt(`/tenders/${busy.id}/process-log`);
    // Pages of 7 entries, then of 7 anchors, make the same log: as a twenty days' log's pages would.
    const paged = await publishedLogAt(`/tenders/${busy.id}/process-log`, { limit: 7 });
    expect(paged.entries).toEqual(published.entries);
    expect(paged.anchors).toEqual(published.anchors);
    expect(published.anchors.length).toBeGreaterThan(7);
    const none = await publishedLogAt(`/tenders/${quiet.id}/process-log`);
    for (const [query, field] of [
      ['cursor=e-1', 'query.cursor'],
      ['cursor=a2026-12-01T00:00:00Z_3', 'query.cursor'],
      ['limit=0', 'query.limit'],
      ['limit=1001', 'query.limit'],
    ]) {
      const refused = await callApi<Json>(`/tenders/${busy.id}/process-log?${query}`);
      expect([refused.status, refused.body.error.field]).toEqual([400, field]);
    }
    // Read after the process logs, so the public log holds every anchor they cite.
    const anchoredAt = new Map(
      (await publicEntries(mark)).filter((e) => e.action === 'process.anchored').map((e) => [e.index, e]),
    );
    const lookup = (index: number) => anchoredAt.get(index);
    // 8 registrations, 48 bids, 2 withdrawals, and nothing of them in the public log.
    expect(published.entries.length).toBeGreaterThanOrEqual(58);
    for (const receipt of receipts) verifyReceiptInclusion(receipt, published, key, lookup);
    expect(verifyProcessLog(none, key, lookup).finalSize).toBe(0);

    // A log that lost one promised bid is the platform's fault, named as such.
    const last = receipts.at(-3)!;
    const digest = verifyReceipt(last, key).digest;
    const without = { ...published, entries: published.entries.filter((text) => !text.includes(digest)) };
    expect(() => verifyReceiptInclusion(last, without, key, lookup)).toThrow(PlatformFault);
  }, 240_000);
});
