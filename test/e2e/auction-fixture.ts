import { randomBytes } from 'node:crypto';
import { reserveCommitment } from '../../packages/auctions';
import { callApi } from '../support/local-stack';
import { as } from './client';
import { DAY } from './tender-fixture';

/** The local stack's time now. */
export const stackNow = async (): Promise<number> =>
  Date.parse((await callApi<{ now: string }>('/.local/clock')).body.now);

/**
 * Staff announce a land deal opening 20 days and an hour from now, the reserve sealed with a fresh
 * salt; `bidsFrom` is the clock offset at which bidding is open.
 */
export const announce = async (
  kind: 'land-auction' | 'land-listing',
  reserveFen: number | null,
  title = kind === 'land-listing'
    ? '城东片区 B-07 地块国有建设用地使用权'
    : '城南片区 A-12 地块国有建设用地使用权',
) => {
  const staff = await as('staff1');
  const now = await stackNow();
  const opensAt = now + 20 * DAY + 3_600_000;
  const salt = randomBytes(32).toString('hex');
  const { status, body } = await staff.post<{ id: string }>('/auctions', {
    kind,
    title,
    sellerOrg: 'ORG-TENDERER-1',
    startingPriceFen: 100_000_000,
    incrementFen: 1_000_000,
    bondFen: 20_000_000,
    applicationsCloseAt: new Date(now + 19 * DAY).toISOString(),
    opensAt: new Date(opensAt).toISOString(),
    ...(kind === 'land-listing' ? { listingClosesAt: new Date(opensAt + 10 * DAY).toISOString() } : {}),
    reserveCommitment: reserveCommitment({ reserveFen, salt }),
  });
  expect(status).toBe(201);
  return { id: body.id, salt, reserveFen, bidsFrom: opensAt - now + 1000 };
};
