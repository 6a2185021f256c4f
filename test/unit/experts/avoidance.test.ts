import fc from 'fast-check';
import { DomainError } from '../../../packages/kernel/errors';
import { type AvoidanceInput, computeExclusions } from '../../../packages/experts/avoidance';
import { type Expert, isAvailableOn, toPoolExpert } from '../../../packages/experts/expert';

const at = new Date('2026-03-10T09:00:00+08:00');

const anExpert = (id: string, overrides: Partial<Expert> = {}): Expert => ({
  id,
  name: '王伟',
  phone: '13912345678',
  employer: 'ORG-EMP-01',
  specialties: ['A080101'],
  title: '高级工程师',
  status: { state: 'active' },
  conflicts: [],
  ...overrides,
});

const parties = {
  tendererOrg: 'ORG-TENDERER-1',
  agencyOrg: 'ORG-AGENCY-1',
  bidderOrgs: ['ORG-BIDDER-2', 'ORG-BIDDER-1', 'ORG-BIDDER-2'],
};

const exclusionsFor = (input: Partial<AvoidanceInput>) =>
  computeExclusions({ ...parties, staffExclusions: [], pool: [], at, ...input });

describe('avoidance (回避)', () => {
  it('excludes the tenderer, the agency and every bidder once, sorted, each with its role and the law', () => {
    expect(exclusionsFor({}).excludedOrgs).toEqual([
      { org: 'ORG-AGENCY-1', reason: 'tendering agency (招标代理) of this tender (回避, 法37, 条例46)' },
      { org: 'ORG-BIDDER-1', reason: 'bidder (投标人) of this tender (回避, 法37, 条例46)' },
      { org: 'ORG-BIDDER-2', reason: 'bidder (投标人) of this tender (回避, 法37, 条例46)' },
      { org: 'ORG-TENDERER-1', reason: 'tenderer (招标人) of this tender (回避, 法37, 条例46)' },
    ]);
  });

  it('leaves out the agency when the tenderer has none', () => {
    const orgs = exclusionsFor({ agencyOrg: undefined }).excludedOrgs.map((e) => e.org);
    expect(orgs).toEqual(['ORG-BIDDER-1', 'ORG-BIDDER-2', 'ORG-TENDERER-1']);
  });

  it('excludes experts who declared a conflict with a party, naming every such organisation', () => {
    const pool = [
      anExpert('E-1', { conflicts: ['ORG-BIDDER-2', 'ORG-ELSEWHERE', 'ORG-TENDERER-1'] }),
      anExpert('E-2', { conflicts: ['ORG-AGENCY-1'] }),
      anExpert('E-3', { conflicts: ['ORG-ELSEWHERE'] }),
    ];
    expect(exclusionsFor({ pool }).excludedExperts).toEqual([
      {
        expertId: 'E-1',
        reason:
          'declared a conflict of interest with ORG-BIDDER-2, bidder (投标人); ORG-TENDERER-1, tenderer (招标人) (回避, 法37, 条例46)',
      },
      {
        expertId: 'E-2',
        reason:
          'declared a conflict of interest with ORG-AGENCY-1, tendering agency (招标代理) (回避, 法37, 条例46)',
      },
    ]);
  });

  it('excludes experts suspended on the draw date, with the last day and the reason, but not expired suspensions', () => {
    const pool = [
      anExpert('E-1', { status: { state: 'suspended', until: '2026-03-10', reason: '年度考核不合格' } }),
      anExpert('E-2', { status: { state: 'suspended', until: '2026-03-09', reason: '病假' } }),
    ];
    expect(exclusionsFor({ pool }).excludedExperts).toEqual([
      { expertId: 'E-1', reason: 'suspended until 2026-03-10: 年度考核不合格' },
    ]);
  });

  it('excludes supervising staff of the project (条例46)', () => {
    expect(exclusionsFor({ supervisingExperts: ['E-9'] }).excludedExperts).toEqual([
      { expertId: 'E-9', reason: 'supervising staff of this project (监督人员, 条例46)' },
    ]);
  });

  it("keeps the staff's own reason for a staff exclusion", () => {
    const staffExclusions = [{ expertId: 'E-5', reason: ' 近三年曾参与该招标人项目的设计 ' }];
    expect(exclusionsFor({ staffExclusions }).excludedExperts).toEqual([
      { expertId: 'E-5', reason: '近三年曾参与该招标人项目的设计' },
    ]);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['missing', undefined as unknown as string],
  ])('refuses a staff exclusion whose reason is %s', (_, reason) => {
    const run = () =>
      exclusionsFor({
        staffExclusions: [
          { expertId: 'E-1', reason: 'ok' },
          { expertId: 'E-5', reason },
        ],
      });
    expect(run).toThrow(DomainError);
    expect(run).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: expect.objectContaining({ field: 'staffExclusions.1.reason' }),
      }),
    );
  });

  it('lists each expert once, with the first reason: conflict, then supervision, then suspension, then staff', () => {
    const suspended = { state: 'suspended' as const, until: '2026-12-31', reason: '病假' };
    const pool = [
      anExpert('E-1', { conflicts: ['ORG-BIDDER-1'], status: suspended }),
      anExpert('E-2', { status: suspended }),
      anExpert('E-3'),
    ];
    const { excludedExperts } = exclusionsFor({
      pool,
      supervisingExperts: ['E-3'],
      staffExclusions: [
        { expertId: 'E-1', reason: 'staff 1' },
        { expertId: 'E-2', reason: 'staff 2' },
        { expertId: 'E-3', reason: 'staff 3' },
        { expertId: 'E-4', reason: 'staff 4' },
        { expertId: 'E-4', reason: 'staff 4 again' },
      ],
    });
    expect(excludedExperts.map((e) => [e.expertId, e.reason.split(' ')[0]])).toEqual([
      ['E-1', 'declared'],
      ['E-2', 'suspended'],
      ['E-3', 'supervising'],
      ['E-4', 'staff'],
    ]);
    expect(excludedExperts[3]!.reason).toBe('staff 4');
  });

  it('does not list experts of an excluded organisation one by one: the draw skips their employer', () => {
    const pool = [anExpert('E-1', { employer: 'ORG-BIDDER-1' })];
    expect(exclusionsFor({ pool }).excludedExperts).toEqual([]);
  });
});

// Few organisations, so that employers, conflicts and parties overlap often.
const orgs = ['ORG-A', 'ORG-B', 'ORG-C', 'ORG-D', 'ORG-E', 'ORG-F'];
const anyOrg = fc.constantFrom(...orgs);
const anyStatus = fc.oneof(
  fc.constant({ state: 'active' as const }),
  fc.record({
    state: fc.constant('suspended' as const),
    until: fc.constantFrom('2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11'),
    reason: fc.constant('暂停'),
  }),
);
const anyPool = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 60 }).map((n) => `E-${n}`),
    employer: anyOrg,
    conflicts: fc.uniqueArray(anyOrg, { maxLength: 3 }),
    status: anyStatus,
  }),
  { selector: (e) => e.id, maxLength: 40 },
);

const anyCase = anyPool.chain((shapes) => {
  const pool = shapes.map(({ id, ...rest }) => anExpert(id, rest));
  const ids = pool.length > 0 ? fc.constantFrom(...pool.map((e) => e.id)) : fc.constant('E-0');
  return fc.record({
    pool: fc.constant(pool),
    tendererOrg: anyOrg,
    agencyOrg: fc.option(anyOrg, { nil: undefined }),
    bidderOrgs: fc.array(anyOrg, { maxLength: 4 }),
    supervisingExperts: fc.array(ids, { maxLength: 3 }),
    staffExclusions: fc.array(fc.record({ expertId: ids, reason: fc.constant('staff') }), { maxLength: 3 }),
    at: fc.constant(at),
  });
});

describe('avoidance, for any pool and parties', () => {
  it('leaves the draw no expert employed by or in conflict with a party, suspended, supervising or excluded by staff', () => {
    fc.assert(
      fc.property(anyCase, (input) => {
        const { excludedOrgs, excludedExperts } = computeExclusions(input);
        const orgs = new Set(excludedOrgs.map((e) => e.org));
        const experts = new Set(excludedExperts.map((e) => e.expertId));
        // What the draw may pick from: the spec's own filter over the snapshot.
        const drawable = new Set(
          input.pool
            .map((expert) => toPoolExpert(expert, input.at))
            .filter((entry) => entry.active && !orgs.has(entry.org) && !experts.has(entry.id))
            .map((entry) => entry.id),
        );
        const parties = new Set([
          input.tendererOrg,
          ...(input.agencyOrg ? [input.agencyOrg] : []),
          ...input.bidderOrgs,
        ]);
        const barred = new Set([
          ...input.supervisingExperts,
          ...input.staffExclusions.map((s) => s.expertId),
        ]);
        for (const expert of input.pool) {
          const mayServe =
            !parties.has(expert.employer) &&
            !expert.conflicts.some((org) => parties.has(org)) &&
            isAvailableOn(expert, input.at) &&
            !barred.has(expert.id);
          expect(drawable.has(expert.id)).toBe(mayServe);
        }
        expect(orgs).toEqual(parties);
      }),
      { numRuns: 300 },
    );
  });

  it('lists every organisation and expert once, sorted, whatever the input order', () => {
    fc.assert(
      fc.property(anyCase, fc.infiniteStream(fc.double()), (input, noise) => {
        const shuffle = <T>(values: readonly T[]): T[] => [...values].sort(() => noise.next().value - 0.5);
        const result = computeExclusions(input);
        const orgIds = result.excludedOrgs.map((e) => e.org);
        const expertIds = result.excludedExperts.map((e) => e.expertId);
        expect(orgIds).toEqual([...new Set(orgIds)].sort());
        expect(expertIds).toEqual([...new Set(expertIds)].sort());
        const reordered = computeExclusions({
          ...input,
          pool: shuffle(input.pool),
          bidderOrgs: shuffle(input.bidderOrgs),
          supervisingExperts: shuffle(input.supervisingExperts),
        });
        expect(reordered).toEqual(result);
      }),
      { numRuns: 200 },
    );
  });
});
