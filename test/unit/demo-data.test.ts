import {
  demoExperts,
  demoOrganisations,
  demoSpecialties,
  demoUsers,
} from '../../packages/demo-data/demo-data';
import { Organisation } from '../../packages/organisations/organisation';
import { Identifier } from '../../packages/kernel/schemas';

describe('demo data', () => {
  const experts = demoExperts();
  const organisations = demoOrganisations();

  it('has at least 500 experts across at least 10 specialties, each employed by a known organisation', () => {
    expect(experts.length).toBeGreaterThanOrEqual(500);
    const used = new Set(experts.flatMap((e) => e.specialties));
    expect(used.size).toBeGreaterThanOrEqual(10);
    const employers = new Set(organisations.filter((o) => o.kind === 'employer').map((o) => o.id));
    expect(experts.every((e) => employers.has(e.employer))).toBe(true);
  });

  it('uses identifiers the expert draw accepts, with no duplicates', () => {
    const ids = [
      ...experts.map((e) => e.id),
      ...organisations.map((o) => o.id),
      ...demoSpecialties.map((s) => s.code),
    ];
    expect(ids.every((id) => Identifier.safeParse(id).success)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is the same on every start', () => {
    expect(demoExperts()).toEqual(experts);
  });

  it('has valid organisations: tenderers, an agency and at least eight bidder companies', () => {
    expect(organisations.every((o) => Organisation.safeParse(o).success)).toBe(true);
    expect(organisations.filter((o) => o.kind === 'bidder').length).toBeGreaterThanOrEqual(8);
    expect(organisations.some((o) => o.kind === 'tenderer')).toBe(true);
    expect(organisations.some((o) => o.kind === 'agency')).toBe(true);
  });

  it('has users of every role, each bidder in a bidder organisation', () => {
    const users = demoUsers();
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(['bidder', 'staff', 'regulator']));
    const bidderOrgs = new Set(organisations.filter((o) => o.kind === 'bidder').map((o) => o.id));
    expect(users.filter((u) => u.role === 'bidder').every((u) => bidderOrgs.has(u.org!))).toBe(true);
  });
});
