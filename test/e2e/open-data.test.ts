import { httpLogClient } from '../../packages/audit-log/http-log-client';
import { proveEntry } from '../../packages/audit-log/offline-verifier';
import { callApi, stackInfo } from '../support/local-stack';
import { ocdsErrors } from '../support/ocds-schema';
import { aForm, shareAndOpen, submitBid } from './bidding-client';
import { as } from './client';
import { Json, publishedTender } from './tender-fixture';

const bidders = ['bidder1', 'bidder2', 'bidder3'];
const bidderOrgs = /ORG-BIDDER-|bidder\d/;

/** The tender's record package, and the releases and notice changes of the public feeds that belong to it, from its first. */
const openData = async (ocid: string) => {
  const record = await callApi<Json>(`/ocds/records/${ocid}`);
  expect(record.status).toBe(200);
  expect(ocdsErrors('recordPackage', record.body)).toEqual([]);
  const first = record.body.records[0].releases[0].auditEntry.index as number;
  const feed = await callApi<Json>(`/ocds/releases?cursor=${first}&limit=100`);
  expect(feed.status).toBe(200);
  expect(ocdsErrors('releasePackage', feed.body)).toEqual([]);
  const changes = await callApi<Json>(`/notices/changes?cursor=${first}&limit=100`);
  expect(changes.status).toBe(200);
  return {
    notices: (changes.body.changes as Json[]).filter(
      (c) => c.notice.tenderId === ocid.replace('ocds-sunlit-', ''),
    ),
    record: record.body,
    releases: record.body.records[0].releases as Json[],
    feed: (feed.body.releases as Json[]).filter((r) => r.ocid === ocid),
  };
};

describe('open data (OCDS) on the local stack', () => {
  it('shows no registrant or bidder before the opening, in releases or notice changes, the bidders after it, and every release proven in the log', async () => {
    const { tender } = await publishedTender(bidders);
    const ocid = `ocds-sunlit-${tender.id}`;
    const before = [await openData(ocid)];
    for (const [i, name] of bidders.entries()) {
      expect((await submitBid(await as(name), tender.id, aForm(80_000_000 + i * 1_000_000))).status).toBe(
        200,
      );
      before.push(await openData(ocid));
    }
    for (const seen of before) {
      expect(JSON.stringify([seen.record.records, seen.feed, seen.notices])).not.toMatch(bidderOrgs);
      expect(seen.notices.map((c) => c.notice.type)).toEqual(['announcement']);
      expect(seen.releases.map((r) => r.tag)).toEqual([['tender']]);
      expect(seen.feed.map((r) => r.id)).toEqual(seen.releases.map((r) => r.id));
    }

    let step = new Date(tender.schedule.bidDeadline).getTime() - Date.now();
    const later = async (user: string) => as(user, (step += 1000));
    expect((await (await later('staff1')).post<Json>(`/tenders/${tender.id}/opening`)).body.status).toBe(
      'awaiting-shares',
    );
    expect(JSON.stringify((await openData(ocid)).record.records)).not.toMatch(bidderOrgs);
    await shareAndOpen(tender.id, later);

    const after = await openData(ocid);
    expect(after.releases.map((r) => r.tag)).toEqual([['tender'], ['tenderUpdate']]);
    expect(after.feed.map((r) => r.id)).toEqual(after.releases.map((r) => r.id));
    expect(after.notices.map((c) => c.notice.type)).toEqual(['announcement', 'opening-record']);
    expect(after.notices.map((c) => c.sequence)).toEqual(after.releases.map((r) => r.auditEntry.index));
    const compiled = after.record.records[0].compiledRelease;
    expect(compiled.tender.tenderers.map((t: Json) => t.id).sort()).toEqual([
      'ORG-BIDDER-1',
      'ORG-BIDDER-2',
      'ORG-BIDDER-3',
    ]);
    expect(compiled.bids.details.map((b: Json) => b.value.amount).sort()).toEqual([
      800_000, 810_000, 820_000,
    ]);

    // Anyone checks each release against the signed checkpoint, with the log's own proof routes.
    const log = httpLogClient(stackInfo().api);
    for (const release of after.releases) {
      const proven = await proveEntry(log, release.auditEntry.index);
      expect(proven.leafHash).toBe(release.auditEntry.leafHash);
      expect(proven.entry).toMatchObject({
        action: release.auditEntry.action,
        time: release.date,
        subject: { tenderId: tender.id },
      });
    }
  });

  it('pages the feed with links.next on the API it was called on, and refuses what is not a cursor or an ocid', async () => {
    const { tender } = await publishedTender();
    const { releases } = await openData(`ocds-sunlit-${tender.id}`);
    const from = releases[0]!.auditEntry.index as number;
    const page = await callApi<Json>(`/ocds/releases?cursor=${from}&limit=1`);
    expect(page.body.releases.map((r: Json) => r.id)).toEqual([releases[0]!.id]);
    expect(page.body.uri).toBe(`${stackInfo().api}/ocds/releases?cursor=${from}&limit=1`);
    // From the log's start, this tender's release is still ahead: the page links to the next one.
    const start = await callApi<Json>('/ocds/releases?limit=1');
    expect(start.body.links.next).toMatch(
      new RegExp(`^${stackInfo().api}/ocds/releases\\?cursor=\\d+&limit=1$`),
    );
    const next = (await (await fetch(start.body.links.next)).json()) as Json;
    expect(ocdsErrors('releasePackage', next)).toEqual([]);
    expect(next.releases[0].auditEntry.index).toBeGreaterThan(start.body.releases[0].auditEntry.index);

    const badCursor = await callApi<Json>('/ocds/releases?cursor=abc');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.field).toMatch(/cursor/);
    const badOcid = await callApi<Json>('/ocds/records/not-an-ocid');
    expect(badOcid.status).toBe(400);
    expect(badOcid.body.error.field).toMatch(/ocid/);
    expect((await callApi<Json>('/ocds/records/ocds-sunlit-T-NONE')).status).toBe(404);
  });
});
