import { Expert, isAvailableOn, toPoolExpert } from '../../../packages/experts/expert';

const anExpert = (overrides: Partial<Record<keyof Expert, unknown>> = {}): Record<string, unknown> => ({
  id: 'E-00001',
  name: '王伟',
  phone: '13912345678',
  employer: 'ORG-EMP-01',
  specialties: ['B020301', 'A080101'],
  title: '高级工程师',
  status: { state: 'active' },
  conflicts: ['ORG-BIDDER-3'],
  ...overrides,
});

const suspendedUntil = (until: string): Expert =>
  Expert.parse(anExpert({ status: { state: 'suspended', until, reason: '年度考核不合格' } }));

const issuesOf = (input: unknown): string[] => {
  const result = Expert.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('an expert of the pool', () => {
  it('accepts a complete record and lists no conflicts when none are declared', () => {
    const { conflicts: _, ...withoutConflicts } = anExpert();
    expect(Expert.parse(anExpert())).toEqual(anExpert());
    expect(Expert.parse(withoutConflicts).conflicts).toEqual([]);
  });

  it.each([
    ['phone', '12912345678', 'phone'],
    ['phone', '1391234567', 'phone'],
    ['phone', '+8613912345678', 'phone'],
    ['name', '', 'name'],
    ['name', '张'.repeat(51), 'name'],
    ['title', ' ', 'title'],
    ['id', 'E 1', 'id'],
    ['employer', '', 'employer'],
    ['specialties', [], 'specialties'],
    ['specialties', ['A080101', 'A080101'], 'specialties'],
    ['specialties', Array.from({ length: 11 }, (_, i) => `S${i}`), 'specialties'],
    ['conflicts', ['ORG 1'], 'conflicts.0'],
    ['status', { state: 'retired' }, 'status.state'],
    ['status', { state: 'suspended', reason: '病假' }, 'status.until'],
    ['status', { state: 'suspended', until: '2026-02-30', reason: '病假' }, 'status.until'],
    ['status', { state: 'suspended', until: '2026-03-01', reason: '' }, 'status.reason'],
    ['status', { state: 'active', until: '2026-03-01' }, 'status'],
  ])('refuses %s %j, naming %s', (field, value, path) => {
    expect(issuesOf(anExpert({ [field]: value }))).toEqual([path]);
  });

  it('refuses a key it does not know, which would otherwise be lost', () => {
    expect(issuesOf({ ...anExpert(), specialites: ['A080101'] })).toEqual(['']);
  });
});

describe('availability, in China Standard Time (UTC+8)', () => {
  const expert = suspendedUntil('2026-03-01');

  it.each([
    ['2026-02-28T23:59:59+08:00', false],
    ['2026-03-01T00:00:00+08:00', false],
    ['2026-03-01T23:59:59.999+08:00', false],
    // 16:00 UTC on the last day is already midnight of the next day in CST.
    ['2026-03-01T16:00:00Z', true],
    ['2026-03-02T00:00:00+08:00', true],
  ])('a suspension through 2026-03-01 at %s leaves the expert available: %s', (instant, available) => {
    expect(isAvailableOn(expert, new Date(instant))).toBe(available);
  });

  it('keeps an active expert available', () => {
    expect(isAvailableOn(Expert.parse(anExpert()), new Date('2026-03-01T12:00:00+08:00'))).toBe(true);
  });
});

describe('the pool snapshot entry', () => {
  const at = new Date('2026-03-01T10:00:00+08:00');

  it('holds only id, employer, sorted specialties and availability', () => {
    expect(toPoolExpert(Expert.parse(anExpert()), at)).toStrictEqual({
      id: 'E-00001',
      org: 'ORG-EMP-01',
      specialties: ['A080101', 'B020301'],
      active: true,
    });
    expect(toPoolExpert(suspendedUntil('2026-03-01'), at).active).toBe(false);
    expect(toPoolExpert(suspendedUntil('2026-02-28'), at).active).toBe(true);
  });

  it('never carries the name, phone, title or declared conflicts into the published snapshot', () => {
    const snapshot = JSON.stringify(toPoolExpert(suspendedUntil('2026-03-01'), at));
    for (const secret of ['王伟', '13912345678', '高级工程师', 'ORG-BIDDER-3', '年度考核不合格']) {
      expect(snapshot).not.toContain(secret);
    }
  });

  it('leaves the expert it reads unchanged', () => {
    const expert = Expert.parse(anExpert());
    toPoolExpert(expert, at);
    expect(expert.specialties).toEqual(['B020301', 'A080101']);
  });
});
