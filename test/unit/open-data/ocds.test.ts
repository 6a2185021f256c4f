import { leafHashOfEntry } from '../../../packages/audit-log';
import { startOpening } from '../../../packages/bidding/opening';
import { terminateTender } from '../../../packages/award/termination';
import { recordPackage, releasePackage, Release } from '../../../packages/open-data';
import { dealCodeOf } from '../../../packages/procedures';
import { publishAmendment } from '../../../packages/tenders/amendments';
import { codelist, ocdsErrors, valuesOf } from '../../support/ocds-schema';
import { submit } from '../bidding/sealed-bid-client';
import { DAY, publishedTender, staff } from '../tenders/published-tender';
import { awarded, openDataOf } from './open-data-world';
import { openBids } from '../award/evaluated-tender';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const everyRelease = async (world: Parameters<typeof openDataOf>[0]) =>
  (await releasePackage(openDataOf(world), { cursor: 0, limit: 100 })).releases;

/** The codes a package uses where OCDS has a codelist, against the official codelists. */
const expectCodelists = (data: unknown, { everyOneUsed = false } = {}) => {
  const uses: [string, unknown[]][] = [
    ['releaseTag', valuesOf(data, 'tag').flat()],
    ['partyRole', valuesOf(data, 'roles').flat()],
    ['method', valuesOf(data, 'procurementMethod')],
    ['procurementCategory', valuesOf(data, 'mainProcurementCategory')],
    ['submissionMethod', valuesOf(data, 'submissionMethod').flat()],
    ['initiationType', valuesOf(data, 'initiationType')],
    ['currency', valuesOf(data, 'currency')],
    ['documentType', valuesOf(data, 'documentType')],
  ];
  for (const [name, values] of uses) {
    if (everyOneUsed) expect({ [name]: values.length > 0 }).toEqual({ [name]: true });
    expect({ [name]: values.filter((v) => !codelist(name).includes(v as string)) }).toEqual({ [name]: [] });
  }
};

describe('OCDS releases of a tender', () => {
  it('publishes an awarded tender as packages valid against the official OCDS 1.1.5 schema and codelists', async () => {
    const world = await awarded();
    const deps = openDataOf(world);
    const releases = await releasePackage(deps, { cursor: 0, limit: 100 });
    expect(ocdsErrors('releasePackage', releases)).toEqual([]);
    expect(releases.releases.map((r) => r.tag)).toEqual([
      ['tender'],
      ['tenderUpdate'],
      ['award'],
      ['contract'],
    ]);
    const ocid = `ocds-test-${world.tender.id}`;
    const record = await recordPackage(deps, ocid);
    expect(ocdsErrors('recordPackage', record)).toEqual([]);
    expectCodelists(record, { everyOneUsed: true });
    const compiled = record.records[0]!.compiledRelease as Json;
    expect(compiled.ocid).toBe(ocid);
    expect(compiled.tender).toMatchObject({
      status: 'complete',
      procurementMethod: 'open',
      procurementMethodDetails: '公开招标',
      numberOfTenderers: 3,
    });
    // 统一交易标识码: the same code in the release as in every notice of the deal.
    const dealCode = dealCodeOf(world.tender.projectId);
    expect(compiled.planning).toEqual({ budget: { projectID: dealCode, project: expect.any(String) } });
    const { notices } = await world.deps.store.notices({ limit: 100 });
    expect(notices.map((n) => n.type).sort()).toEqual([
      'announcement',
      'candidates',
      'opening-record',
      'result',
    ]);
    expect(new Set(notices.map((n) => n.dealCode))).toEqual(new Set([dealCode]));
    // The winner's roles gather across releases; the agency runs the procedure for the tenderer.
    const roles = Object.fromEntries((compiled.parties as Json[]).map((p) => [p.id, p.roles]));
    expect(roles).toMatchObject({
      'ORG-TENDERER-1': ['buyer'],
      'ORG-AGENCY-1': ['procuringEntity'],
      'ORG-BIDDER-2': ['tenderer', 'supplier'],
      'ORG-BIDDER-1': ['tenderer'],
    });
    // 100 fen is 1 yuan.
    expect(compiled.awards[0].value).toEqual({ amount: 1, currency: 'CNY' });
    expect(compiled.contracts[0]).toMatchObject({
      awardID: world.tender.id,
      dateSigned: '2026-04-30T00:00:00+08:00',
    });
    const published = (await world.deps.store.documents(world.tender.id))[0]!;
    expect(compiled.tender.documents).toContainEqual(
      expect.objectContaining({ id: `${published.documentId}-v1`, sha256: published.sha256 }),
    );
    expect(record.extensions).toContain(
      'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json',
    );
  });

  it("names the procedure's method, and never the invited bidders, in a valid release of an invited tender", async () => {
    const invited = ['ORG-BIDDER-1', 'ORG-BIDDER-2', 'ORG-BIDDER-3'];
    const world = await publishedTender([1], { procedure: 'invited-tendering', invitedBidders: invited });
    const record = await recordPackage(openDataOf(world), `ocds-test-${world.tender.id}`);
    expect(ocdsErrors('recordPackage', record)).toEqual([]);
    expectCodelists(record);
    const compiled = record.records[0]!.compiledRelease as Json;
    expect(compiled.tender).toMatchObject({
      procurementMethod: 'selective',
      procurementMethodDetails: '邀请招标',
    });
    expect(compiled.planning.budget.projectID).toBe(dealCodeOf(world.tender.projectId));
    // Who was invited is no more public than who registered, before the opening (法22).
    expect(JSON.stringify(record)).not.toMatch(/ORG-BIDDER-/);
  });

  it('publishes an amendment and a failed tender (流标) as valid releases', async () => {
    const world = await publishedTender([1, 2]);
    const later = new Date(world.deadline + DAY).toISOString();
    await publishAmendment(world.deps, staff, world.tender.id, {
      summary: '延期开标',
      affectsBids: true,
      schedule: { ...world.tender.schedule, bidDeadline: later },
      documents: [],
    });
    await submit(world, 1, 100);
    await submit(world, 2, 200);
    world.clock.advance(new Date(later).getTime() - world.clock.now().getTime() + 1);
    await startOpening(world.deps, staff, world.tender.id);
    const record = await recordPackage(openDataOf(world), `ocds-test-${world.tender.id}`);
    expect(ocdsErrors('recordPackage', record)).toEqual([]);
    expectCodelists(record);
    const { releases, compiledRelease } = record.records[0]! as { releases: Json[]; compiledRelease: Json };
    expect(releases.map((r) => r.tag)).toEqual([['tender'], ['tenderAmendment'], ['tenderCancellation']]);
    expect(compiledRelease.tender).toMatchObject({
      status: 'unsuccessful',
      numberOfTenderers: 2,
      tenderPeriod: { endDate: later },
      amendments: [{ id: '1' }],
    });
    // Two bidders, neither named: the tender failed before any opening.
    expect(JSON.stringify(record)).not.toMatch(/ORG-BIDDER-/);
  });

  it('publishes a termination (终止) as a valid cancellation that names nobody who took part', async () => {
    const world = await publishedTender([1, 2]);
    await submit(world, 1, 100);
    await terminateTender(world.deps, staff, world.tender.id, { ground: 'cancelled', reason: '项目取消' });
    const record = await recordPackage(openDataOf(world), `ocds-test-${world.tender.id}`);
    expect(ocdsErrors('recordPackage', record)).toEqual([]);
    expectCodelists(record);
    const { releases, compiledRelease } = record.records[0]! as { releases: Json[]; compiledRelease: Json };
    expect(releases.map((r) => r.tag)).toEqual([['tender'], ['tenderCancellation']]);
    expect(compiledRelease.tender.status).toBe('cancelled');
    // Nor how many: no count of tenderers or bids before an opening that never came.
    expect(compiledRelease.tender).not.toHaveProperty('numberOfTenderers');
    expect(compiledRelease).not.toHaveProperty('bids');
    expect(compiledRelease.tender.documents.map((d: Json) => d.title)).toContain('终止公告');
    expect(JSON.stringify(record)).not.toMatch(/ORG-BIDDER-/);
  });

  it.each([
    [
      'a government tendering over the budget (废标, 政府采购法36)',
      'gp-open-tendering',
      'over-budget',
      '废标公告',
    ],
    [
      'a negotiation with too few suppliers (74号令37)',
      'competitive-negotiation',
      'too-few-suppliers',
      '终止公告',
    ],
  ] as const)(
    'publishes %s as an unsuccessful cancellation in its %s',
    async (_, procedure, ground, title) => {
      const goods = { type: 'goods', holidays: true, documentsDays: 8 } as const;
      const world = await publishedTender([1, 2, 3], { procedure }, goods);
      for (const n of [1, 2, 3]) await submit(world, n, 100 * n);
      world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
      await openBids(world);
      await terminateTender(world.deps, staff, world.tender.id, { ground, reason: '依法终止' });
      const record = await recordPackage(openDataOf(world), `ocds-test-${world.tender.id}`);
      expect(ocdsErrors('recordPackage', record)).toEqual([]);
      const { releases, compiledRelease } = record.records[0]! as { releases: Json[]; compiledRelease: Json };
      expect(releases.at(-1)!.tag).toEqual(['tenderCancellation']);
      expect(compiledRelease.tender.status).toBe('unsuccessful');
      expect(releases.at(-1)!.tender.documents.map((d: Json) => d.title)).toEqual([title]);
    },
  );

  it('names no registrant or bidder before the opening: the packages do not change while bids come in', async () => {
    const world = await publishedTender([1, 2, 3]);
    const seen: Json[] = [];
    const look = async () => {
      const deps = openDataOf(world);
      const releases = await releasePackage(deps, { cursor: 0, limit: 100 });
      const record = await recordPackage(deps, `ocds-test-${world.tender.id}`);
      expect(ocdsErrors('releasePackage', releases)).toEqual([]);
      expect(ocdsErrors('recordPackage', record)).toEqual([]);
      seen.push({ releases: releases.releases, records: record.records });
    };
    await look();
    for (const [n, price] of [
      [1, 300],
      [2, 100],
      [3, 200],
    ] as const) {
      await submit(world, n, price);
      world.clock.advance(DAY);
      await look();
    }
    expect(seen.filter((json) => /ORG-BIDDER-|bidder\d/.test(JSON.stringify(json)))).toEqual([]);
    expect(seen.slice(1)).toEqual(seen.slice(0, -1));
  });
});

describe('a release provable from the audit log', () => {
  it('carries the index and leaf hash of the public entry it derives from', async () => {
    const world = await awarded();
    const releases = await everyRelease(world);
    for (const release of releases as (Release & { auditEntry: Json })[]) {
      const entry = world.log[release.auditEntry.index]!;
      expect(Buffer.from(leafHashOfEntry(entry)).toString('hex')).toBe(release.auditEntry.leafHash);
      expect(release.ocid).toBe(`ocds-test-${entry.subject.tenderId}`);
      expect(release.date).toBe(entry.time);
      expect(release.id).toBe(`${release.ocid}-${entry.index}`);
    }
    expect(releases.map((r) => (r as Json).auditEntry.action)).toEqual([
      'tender.published',
      'opening.completed',
      'tender.awarded',
      'contract.recorded',
    ]);
  });

  it('refuses to publish an opening record that differs from the one its entry hashed', async () => {
    const world = await awarded();
    const opening = (await world.deps.store.opening(world.tender.id))!;
    const [first, ...rest] = opening.rows!;
    await world.deps.store.put([
      { kind: 'opening', value: { ...opening, rows: [{ ...first!, price: 1 }, ...rest] } },
    ]);
    await expect(everyRelease(world)).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('pages the log oldest first: following links.next gives every release once', async () => {
    const first = await awarded();
    const deps = openDataOf(first);
    const all = (await releasePackage(deps, { cursor: 0, limit: 100 })).releases.map((r) => r.id);
    const paged: string[] = [];
    let page = await releasePackage(deps, { cursor: 0, limit: 1 });
    for (;;) {
      expect(ocdsErrors('releasePackage', page)).toEqual([]);
      paged.push(...page.releases.map((r) => r.id));
      if (!page.links) break;
      page = await releasePackage(deps, {
        cursor: Number(new URL(page.links.next).searchParams.get('cursor')),
        limit: 1,
      });
    }
    expect(paged).toEqual(all);
    expect(all).toHaveLength(4);
  });

  it('answers NOT_FOUND for an ocid under another prefix or without releases', async () => {
    const world = await publishedTender();
    await expect(recordPackage(openDataOf(world), `ocds-other-${world.tender.id}`)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { field: 'ocid' },
    });
    await expect(recordPackage(openDataOf(world), 'ocds-test-T-NONE')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
