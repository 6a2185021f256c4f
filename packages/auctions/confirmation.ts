import { Caller, DomainError, required } from '../kernel';
import { cstDate } from '../legal-rules';
import { capitalYuan, chineseDate, formatYuan, renderPage } from '../pdf';
import { dealKindOf } from './deal-kinds';
import { Auction } from './model';
import { AuctionStore } from './ports';

/** What each deal kind's sale is called on its confirmation. */
const saleNames: Record<Auction['kind'], string> = {
  'land-listing': '国有建设用地使用权挂牌出让',
  'land-auction': '国有建设用地使用权拍卖出让',
  'mining-listing': '采矿权挂牌出让',
  'mining-auction': '采矿权拍卖出让',
  'property-auction': '企业国有产权网络竞价转让',
};

const money = (fen: number) => formatYuan(fen / 100);

/**
 * 成交确认书: the sale an auction ended in, as an A4 PDF for the buyer, staff and regulators — the
 * lot, the seller and the buyer, the price in figures and capitals, the reserve opened against its
 * commitment, and the audit log entry of the result. Made from the result whenever it is asked
 * for and dated by it, so every copy has the same bytes; none before the result or after no sale.
 */
export const saleConfirmation = async (
  deps: { store: Pick<AuctionStore, 'auction' | 'organisation'>; font: Uint8Array },
  caller: Caller,
  auctionId: string,
): Promise<Uint8Array> => {
  const auction = await required(deps.store.auction(auctionId), 'auction', auctionId);
  const { result } = auction;
  if (!result) {
    throw new DomainError('CONFLICT', 'The sale confirmation (成交确认书) is issued with the result.', {
      field: 'id',
    });
  }
  if (result.outcome.outcome !== 'sold') {
    throw new DomainError('CONFLICT', 'The auction ended in no sale (流拍): there is no sale to confirm.', {
      field: 'id',
    });
  }
  const { paddle, priceFen } = result.outcome;
  const buyer = result.paddles.find((p) => p.paddle === paddle)!;
  if (caller.role === 'bidder' && caller.org !== buyer.org) {
    throw new DomainError(
      'FORBIDDEN',
      'Only the buyer, staff and regulators receive the sale confirmation.',
      {
        field: 'id',
      },
    );
  }
  const seller = await deps.store.organisation(auction.sellerOrg);
  const sellerName = seller?.name ?? auction.sellerOrg;
  const soldAt = new Date(result.publishedAt);
  const soldOn = chineseDate(cstDate(soldAt));
  const price = `${money(priceFen)}（${capitalYuan(priceFen / 100)}）`;
  const kind = dealKindOf(auction.kind);
  return renderPage(
    {
      info: {
        title: `成交确认书 ${auction.id}`,
        subject: auction.title,
        author: '公共资源交易中心',
        date: soldAt,
      },
      heading: '成交确认书',
      reference: `编号：${auction.id}`,
      body: [
        { line: `${buyer.name}：` },
        {
          paragraph: `你单位于${soldOn}以${price}竞得${auction.title}（${saleNames[auction.kind]}，交易编号：${auction.id}），特此确认。请按出让（转让）文件的约定与${sellerName}签订合同。`,
        },
        {
          facts: [
            ['标的', auction.title],
            ['交易方式', `${saleNames[auction.kind]}（${kind.form === 'listing' ? '挂牌' : '拍卖'}）`],
            ['出让人（转让方）', `${sellerName}（${auction.sellerOrg}）`],
            ['竞得人（受让方）', `${buyer.name}（${buyer.org}），${paddle} 号竞买人`],
            ['成交价', price],
            ['起始价', money(auction.startingPriceFen)],
            [
              '底价',
              result.reserve.reserveFen === null
                ? '无底价'
                : `${money(result.reserve.reserveFen)}（开启后与竞价前公布的承诺值相符）`,
            ],
            ['成交日期', soldOn],
            ['审计日志', `第 ${result.index} 条`],
          ],
        },
      ],
      signature: ['公共资源交易中心', soldOn],
      footnote: `本确认书所载成交结果已记入交易平台审计日志第 ${result.index} 条，竞价过程可据交易记录复核。`,
    },
    deps.font,
  );
};
