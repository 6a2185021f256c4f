import { publishAuctionResult } from '../../../packages/auctions';
import { memoryAuctions, staff } from '../../support/memory-auctions';

const property = { kind: 'property-auction', sellerOrg: 'ORG-TENDERER-2' } as const;
const consent = {
  approvingBody: '市国资委',
  documentNumber: '国资产权〔2026〕12号',
  documentSha256: 'cd'.repeat(32),
};

/** A state-property auction that ended in no sale (no qualified bidder), and the world to relist it in. */
const noSale = async () => {
  const auctions = memoryAuctions();
  const { world, deps, announce } = auctions;
  const { auction } = await announce(property, 40);
  world.clock.advance(Date.parse(auction.state.endsAt) - world.clock.now().getTime() + 1000);
  const ended = await publishAuctionResult(deps, staff, auction.id, {
    reserveFen: null,
    salt: 'ab'.repeat(32),
  });
  expect(ended.result?.outcome).toEqual({ outcome: 'no-sale', reason: 'no-qualified-bidder' });
  return { ...auctions, earlier: auction };
};

describe('a relisting of state property (重新披露, 令32第18条)', () => {
  it('lowers the price to 90 % of the appraisal without consent, and records what it relists', async () => {
    const { announce, earlier, world } = await noSale();
    const relisting = { of: earlier.id, appraisalFen: 100_000_000 };
    const { auction } = await announce({ ...property, startingPriceFen: 90_000_000, relisting }, 40);
    expect(auction.relisting).toEqual(relisting);
    expect(world.log.at(-1)).toMatchObject({ action: 'auction.announced', data: { relisting } });
  });

  it('goes a fen below the floor only with the approving body’s written consent, recorded', async () => {
    const { announce, earlier, world } = await noSale();
    const below = { ...property, startingPriceFen: 89_999_999 };
    await expect(
      announce({ ...below, relisting: { of: earlier.id, appraisalFen: 100_000_000 } }, 40),
    ).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { field: 'body.relisting.consent', rule: '令32第18条' },
    });
    const relisting = { of: earlier.id, appraisalFen: 100_000_000, consent };
    const { auction } = await announce({ ...below, relisting }, 40);
    expect(auction.relisting?.consent).toEqual(consent);
    expect(world.log.at(-1)).toMatchObject({ data: { relisting: { consent } } });
  });

  it('refuses a relisting that raises the price, of another seller’s or an unsold-yet auction, or of land', async () => {
    const { announce, earlier } = await noSale();
    const relisting = { of: earlier.id, appraisalFen: 100_000_000 };
    await expect(
      announce({ ...property, startingPriceFen: 100_000_001, relisting }, 40),
    ).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { field: 'body.startingPriceFen', rule: '令32第18条' },
    });
    await expect(announce({ ...property, sellerOrg: 'ORG-TENDERER-1', relisting }, 40)).rejects.toMatchObject(
      { code: 'VALIDATION_FAILED', details: { field: 'body.relisting.of' } },
    );
    const { auction: open } = await announce(property, 40);
    await expect(
      announce({ ...property, relisting: { ...relisting, of: open.id } }, 40),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'body.relisting.of' },
    });
    await expect(announce({ relisting }, 40)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'body.relisting' },
    });
  });
});
