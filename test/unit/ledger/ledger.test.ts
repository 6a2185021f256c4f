import fc from 'fast-check';
import { platformActor } from '../../../packages/audit-log';
import { DomainError } from '../../../packages/kernel';
import { fixedAccounts, Movement } from '../../../packages/ledger/model';
import { balanceOf, post, unbalanced } from '../../../packages/ledger/ledger';
import { reconcile } from '../../../packages/ledger/reconciliation';
import { memoryWorld } from '../../support/memory-world';

const accounts = [
  ...fixedAccounts,
  'bond:T-1:1234567812345678',
  'bond:T-2:8765432187654321',
  'fee:T-1',
  'fee:T-2',
];

/** Any movement the ledger could be asked to post: 2–5 postings on distinct accounts, the last one balancing. */
const anyMovement = fc
  .tuple(
    fc.shuffledSubarray(accounts, { minLength: 2, maxLength: 5 }),
    fc.array(
      fc.integer({ min: -1e12, max: 1e12 }).filter((n) => n !== 0),
      { minLength: 4, maxLength: 4 },
    ),
  )
  .map(([names, amounts]) => {
    const firsts = names.slice(0, -1).map((account, i) => ({ account, amount: amounts[i]! }));
    const rest = -firsts.reduce((sum, p) => sum + p.amount, 0);
    return [...firsts, { account: names.at(-1)!, amount: rest }];
  })
  .filter((postings) => postings.at(-1)!.amount !== 0);

describe('the double-entry ledger', () => {
  it('posts only balanced movements, and every account balance is derived from the postings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyMovement, { minLength: 1, maxLength: 6 }), async (postingSets) => {
        const world = memoryWorld();
        for (const [i, postings] of postingSets.entries()) {
          const movement: Movement = {
            id: `m-${i}`,
            kind: 'bond-paid',
            at: world.clock.now().toISOString(),
            postings,
          };
          expect(unbalanced(postings)).toBeUndefined();
          expect(await post(world.deps, platformActor, movement)).toBe(true);
          // The same movement again changes nothing.
          expect(await post(world.deps, platformActor, movement)).toBe(false);
        }
        const balances = await Promise.all(accounts.map((a) => balanceOf(world.deps, a)));
        expect(balances.reduce((sum, b) => sum + b, 0)).toBe(0);
        for (const [i, account] of accounts.entries()) {
          const expected = postingSets
            .flat()
            .filter((p) => p.account === account)
            .reduce((s, p) => s + p.amount, 0);
          expect(balances[i]).toBe(expected);
        }
        const day = await reconcile(world.deps, '2026-03-02');
        expect(day).toMatchObject({ movements: postingSets.length, balanced: true });
        // Each line of the report is its accounts' balance, as held: what custody owes is a credit.
        const of = (prefix: string) =>
          balances.filter((_, i) => accounts[i]!.startsWith(prefix)).reduce((sum, b) => sum + b, 0);
        expect(day).toMatchObject({
          custody: of('custody'),
          bondsHeld: 0 - of('bond:'),
          refundsPayable: 0 - of('refunds-payable'),
          forfeitures: 0 - of('forfeitures'),
          serviceFees: 0 - of('service-fees'),
          feesDue: of('fee:'),
        });
        expect(day.custody).toBe(
          day.bondsHeld + day.refundsPayable + day.forfeitures + day.serviceFees - day.feesDue,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('refuses any set of postings that does not sum to zero, and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(anyMovement, fc.integer({ min: 1, max: 1e9 }), async (postings, skew) => {
        const world = memoryWorld();
        const skewed = postings.map((p, i) => (i === 0 ? { ...p, amount: p.amount + skew } : p));
        expect(unbalanced(skewed)).toMatch(/sum to|non-zero/);
        const movement: Movement = {
          id: 'm',
          kind: 'bond-paid',
          at: world.clock.now().toISOString(),
          postings: skewed,
        };
        await expect(post(world.deps, platformActor, movement)).rejects.toBeInstanceOf(DomainError);
        expect(world.log).toHaveLength(0);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a second, different movement under an id already posted', async () => {
    const world = memoryWorld();
    const at = world.clock.now().toISOString();
    const postings = [
      { account: 'custody', amount: 100 },
      { account: 'forfeitures', amount: -100 },
    ];
    await post(world.deps, platformActor, { id: 'm', kind: 'forfeiture', at, postings });
    await expect(
      post(world.deps, platformActor, {
        id: 'm',
        kind: 'forfeiture',
        at,
        postings: postings.map((p) => ({ ...p, amount: p.amount * 2 })),
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await balanceOf(world.deps, 'custody')).toBe(100);
  });
});
