import { BiddingDeps, viewOpening } from '../../../packages/bidding';

describe("the opening's public view", () => {
  it('shows only the fields of the opening model, never one an older version stored beside them', async () => {
    const stored = {
      tenderId: 'T-2026-AAAAAAAA',
      status: 'awaiting-shares',
      bidCount: 3,
      startedAt: '2026-12-01T02:00:00.000Z',
      startedBy: 'staff1',
      submittedBy: [],
      objections: [],
      version: 1,
      // What an opening record held before shares became records of their own.
      shares: { regulator1: 'a decrypted share' },
    };
    const deps = {
      store: {
        opening: async () => stored,
        openingKey: async () => ({ tenderId: stored.tenderId, publicKey: 'pk' }),
        shares: async () => [{ custodian: 'regulator1' }],
      },
    } as unknown as BiddingDeps;
    const view = await viewOpening(deps, stored.tenderId);
    expect(view).not.toHaveProperty('shares');
    expect(JSON.stringify(view)).not.toContain('a decrypted share');
    expect(view.submittedBy).toEqual(['regulator1']);
  });
});
