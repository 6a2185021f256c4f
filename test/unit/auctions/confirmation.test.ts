import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { Auction, reserveCommitment, saleConfirmation } from '../../../packages/auctions';
import { Caller } from '../../../packages/kernel/caller';
import { DOCUMENT_FONT } from '../../../packages/pdf/font';
import { pdfText } from '../../support/pdf-text';

const font = new Uint8Array(readFileSync(require.resolve(DOCUMENT_FONT)));
const SALT = 'cd'.repeat(32);

/** A land auction sold to paddle 102 (ORG-BIDDER-2) at 1,250,000 yuan, its reserve 1,200,000. */
const sold: Auction = {
  id: 'AU-2026-CONFIRM1',
  kind: 'land-auction',
  title: '城东 3 号地块国有建设用地使用权',
  sellerOrg: 'ORG-TENDERER-1',
  startingPriceFen: 100_000_000,
  incrementFen: 5_000_000,
  bondFen: 20_000_000,
  applicationsCloseAt: '2026-12-18T02:00:00.000Z',
  opensAt: '2026-12-20T02:00:00.000Z',
  reserveCommitment: reserveCommitment({ reserveFen: 120_000_000, salt: SALT }),
  announcedAt: '2026-11-20T02:00:00.000Z',
  announcedBy: 'staff1',
  state: { phase: 'ended', sequence: 3, endsAt: '2026-12-20T02:10:00.000Z' },
  result: {
    outcome: { outcome: 'sold', paddle: '102', priceFen: 125_000_000 },
    reserve: { reserveFen: 120_000_000, salt: SALT },
    paddles: [
      { paddle: '101', org: 'ORG-BIDDER-1', name: '华东建设集团有限公司' },
      { paddle: '102', org: 'ORG-BIDDER-2', name: '江南置业有限公司' },
    ],
    qualifiedBidders: 2,
    publishedAt: '2026-12-20T03:00:00.000Z',
    index: 4242,
  },
  version: 5,
};

const as = (role: Caller['role'], org?: string): Caller => ({
  user: `${role}1`,
  role,
  ...(org ? { org } : {}),
});
const confirm = (auction: Auction, caller: Caller) =>
  saleConfirmation(
    {
      store: {
        auction: async (id) => (id === auction.id ? auction : undefined),
        organisation: async (id) =>
          id === 'ORG-TENDERER-1'
            ? { id, name: '市自然资源和规划局', kind: 'tenderer' as const, creditCode: '11310000MB0000000X' }
            : undefined,
      },
      font,
    },
    caller,
    auction.id,
  );

describe('the sale confirmation (成交确认书)', () => {
  it('states the lot, seller, buyer, price in figures and capitals, the reserve and the result’s entry, the same bytes each time', async () => {
    const pdf = await confirm(sold, as('bidder', 'ORG-BIDDER-2'));
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe('成交确认书 AU-2026-CONFIRM1');
    expect(doc.getCreationDate()!.toISOString().slice(0, 19)).toBe('2026-12-20T03:00:00');
    const text = pdfText(doc).split('\n').join('');
    expect(text).not.toContain('\ufffd');
    for (const expected of [
      '江南置业有限公司：',
      '¥1,250,000.00（人民币壹佰贰拾伍万元整）',
      '市自然资源和规划局（ORG-TENDERER-1）',
      '江南置业有限公司（ORG-BIDDER-2），102 号竞买人',
      '¥1,200,000.00（开启后与竞价前公布的承诺值相符）',
      '国有建设用地使用权拍卖出让（拍卖）',
      '第 4242 条',
    ])
      expect(text).toContain(expected);
    expect(Buffer.from(await confirm(sold, as('staff'))).equals(Buffer.from(pdf))).toBe(true);
    await expect(confirm(sold, as('regulator'))).resolves.toBeInstanceOf(Uint8Array);
  });

  it('goes to the buyer, staff and regulators only, and exists only for a sale', async () => {
    await expect(confirm(sold, as('bidder', 'ORG-BIDDER-1'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { result: _none, ...open } = sold;
    await expect(confirm(open, as('staff'))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'id' },
    });
    const noSale: Auction = {
      ...sold,
      result: { ...sold.result!, outcome: { outcome: 'no-sale', reason: 'below-reserve' } },
    };
    await expect(confirm(noSale, as('staff'))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('流拍'),
    });
    const nowhere = { auction: async () => undefined, organisation: async () => undefined };
    await expect(saleConfirmation({ store: nowhere, font }, as('staff'), 'AU-NONE')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
