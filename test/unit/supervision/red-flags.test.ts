import { Award } from '../../../packages/award';
import { Opening, OpeningRow } from '../../../packages/bidding';
import { startOpening, submitShare } from '../../../packages/bidding/opening';
import { redFlagRules, redFlagsOf, supervisionRedFlags, TenderFacts } from '../../../packages/supervision';
import { Project, Tender } from '../../../packages/tenders';
import { shareOf } from '../bidding/sealed-bid-client';
import { regulator, staff } from '../tenders/published-tender';
import { collusiveTender } from './collusive-tender';

const project: Project = {
  id: 'P-2026-1',
  name: '道路工程',
  type: 'works',
  tendererOrg: 'ORG-TENDERER-1',
  stateFunded: true,
  estimatedPrice: 100_000_000,
  status: 'accepted',
  registeredAt: '2026-03-01T00:00:00Z',
  registeredBy: 'staff1',
  version: 1,
};

const tender = (id: string, over: Partial<Tender> = {}): Tender => ({
  id,
  projectId: project.id,
  name: '一标段',
  status: 'awarded',
  createdAt: '2026-03-01T00:00:00Z',
  publishedAt: '2026-03-01T00:00:00Z',
  amendments: 0,
  version: 3,
  schedule: {
    documentsFrom: '2026-03-02T00:00:00Z',
    documentsTo: '2026-03-08T00:00:00Z',
    bidDeadline: '2026-03-30T00:00:00Z',
    openingPlace: '开标室',
    bidBond: 0,
    bidValidityDays: 90,
    maxPrice: 120_000_000,
  },
  ...over,
});

const row = (n: number, price: number, files: string[] = [`file of ${n}`]): OpeningRow => ({
  bidderOrg: `ORG-BIDDER-${n}`,
  bidId: `B-2026-${n}`,
  sha256: String(n).repeat(64).slice(0, 64),
  size: 100,
  receivedAt: '2026-03-20T00:00:00Z',
  bond: 'paid',
  outcome: 'decrypted',
  price,
  files: files.map((sha256) => ({ name: '技术标.pdf', size: 10, sha256 })),
});

const opening = (rows: OpeningRow[]): Opening => ({
  tenderId: 'T-2026-1',
  status: 'opened',
  bidCount: rows.length,
  startedAt: '2026-03-30T00:00:00Z',
  startedBy: 'system',
  submittedBy: ['regulator1', 'regulator2'],
  rows,
  objections: [],
  version: 2,
});

const award = (tenderId: string, n: number, price: number): Award => ({
  tenderId,
  winner: { bidderOrg: `ORG-BIDDER-${n}`, price },
  noticeId: 'N-2026-1',
  awardedAt: '2026-04-10T00:00:00Z',
  deliveries: { award: {}, result: {}, others: [] },
});

/** A tender opened with three unrelated bids and awarded well below its ceiling: no sign of anything. */
const clean = (): TenderFacts => {
  const one = tender('T-2026-1');
  const won = award(one.id, 1, 90_000_000);
  return {
    tender: one,
    project,
    opening: opening([row(1, 90_000_000), row(2, 95_500_000), row(3, 99_300_000)]),
    award: won,
    siblings: [{ tender: one, project, award: won }],
  };
};

const rulesOf = (facts: TenderFacts) => redFlagsOf(facts).map((flag) => flag.rule);

/** For each rule, a crafted tender that shows its sign. */
const crafted: Record<string, (facts: TenderFacts) => TenderFacts> = {
  'identical-bid-files': (f) => ({
    ...f,
    opening: opening([row(1, 90_000_000, ['same']), row(2, 95_500_000, ['same']), row(3, 99_300_000)]),
  }),
  'regular-price-pattern': (f) => ({
    ...f,
    opening: opening([row(1, 90_000_000), row(2, 95_000_000), row(3, 100_000_000)]),
  }),
  'prices-too-close': (f) => ({
    ...f,
    opening: opening([row(1, 90_000_000), row(2, 90_050_000), row(3, 90_020_000)]),
  }),
  'few-valid-bids': (f) => ({
    ...f,
    opening: opening([
      row(1, 90_000_000),
      row(2, 95_500_000),
      { ...row(3, 0), outcome: 'failed', price: undefined },
    ]),
  }),
  'minimum-period-late-amendment': (f) => ({
    ...f,
    tender: tender(f.tender.id, {
      schedule: { ...f.tender.schedule, bidDeadline: '2026-03-22T00:00:00Z' },
      amendments: 1,
      lastAmendment: { noticeId: 'N-2026-2', publishedAt: '2026-03-12T00:00:00Z' },
    }),
  }),
  'winner-at-ceiling': (f) => ({ ...f, award: award(f.tender.id, 1, 119_000_000) }),
  'repeat-winner': (f) => ({
    ...f,
    siblings: ['T-2026-1', 'T-2026-2', 'T-2026-3'].map((id) => ({
      tender: tender(id),
      project,
      award: award(id, 1, 1),
    })),
  }),
  'repeated-failures': () => {
    const failed = (id: string) => tender(id, { status: 'failed' });
    return {
      tender: failed('T-2026-1'),
      project,
      siblings: [failed('T-2026-1'), failed('T-2026-2')].map((t) => ({ tender: t, project })),
    };
  },
};

describe('red flags', () => {
  it('raises none on a clean tender', () => {
    expect(rulesOf(clean())).toEqual([]);
  });

  it.each(Object.keys(crafted))('raises %s on a tender crafted to show it, and no other', (id) => {
    const flags = redFlagsOf(crafted[id]!(clean()));
    expect(flags.map((f) => f.rule)).toEqual([id]);
    const rule = redFlagRules.find((r) => r.id === id)!;
    expect(flags[0]).toMatchObject({ level: rule.level, article: rule.article, rationale: rule.rationale });
    expect(Object.keys(flags[0]!.evidence).length).toBeGreaterThan(0);
  });

  it('has a crafted case for every rule, each citing an article', () => {
    expect(redFlagRules.map((r) => r.id).sort()).toEqual(Object.keys(crafted).sort());
    for (const rule of redFlagRules) expect(rule.article).toMatch(/^(法|条例)\d+$/);
  });

  it('flags geometric prices too, and reads the estimate where no ceiling was set', () => {
    const geometric = {
      ...clean(),
      opening: opening([row(1, 40_000_000), row(2, 60_000_000), row(3, 90_000_000)]),
    };
    expect(redFlagsOf(geometric)[0]!.evidence).toMatchObject({ pattern: 'geometric' });
    const noCeiling = clean();
    noCeiling.tender = tender('T-2026-1', {
      schedule: { ...noCeiling.tender.schedule, maxPrice: undefined },
    });
    noCeiling.award = award('T-2026-1', 1, 99_500_000);
    expect(redFlagsOf(noCeiling)[0]!.evidence).toMatchObject({
      of: 'estimatedPrice',
      reference: 100_000_000,
    });
  });

  it('stays silent on a collusive tender until its opening, then names the shared file and the price pattern', async () => {
    const { world, open } = await collusiveTender();
    expect((await supervisionRedFlags(world.deps)).flags).toEqual([]);
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    await startOpening(world.deps, staff, world.tender.id);
    await submitShare(world.deps, regulator, world.tender.id, await shareOf(world, 'regulator1'));
    expect((await supervisionRedFlags(world.deps)).flags).toEqual([]);
    await open();
    const { flags } = await supervisionRedFlags(world.deps);
    expect(flags.map((f) => [f.rule, f.level, f.article])).toEqual([
      ['identical-bid-files', 'alarm', '条例40'],
      ['regular-price-pattern', 'warning', '条例40'],
    ]);
    expect(flags[0]!.evidence).toMatchObject({ files: [{ bidders: ['ORG-BIDDER-1', 'ORG-BIDDER-2'] }] });
  });
});
