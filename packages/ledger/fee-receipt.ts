import { cstDate } from '../legal-rules';
import { capitalYuan, chineseDate, formatYuan, renderPage } from '../pdf';
import { bandLabel } from './fee-schedule';
import { ServiceFee } from './model';

export interface FeeReceiptInput {
  fee: ServiceFee & { payment: NonNullable<ServiceFee['payment']> };
  tenderName: string;
  projectName: string;
  /** The paying organisation's display name. */
  payerName: string;
}

const money = (fen: number) => formatYuan(fen / 100);

/**
 * 交易服务费收据 as an A4 PDF: who paid what for which tender, the fee worked out band by band,
 * when it was paid (the China calendar's day) and the audit log entry of the payment. Dated by the
 * payment, so the same fee always gives the same bytes.
 */
export const renderFeeReceipt = (input: FeeReceiptInput, fontBytes: Uint8Array): Promise<Uint8Array> => {
  const { fee, tenderName, projectName, payerName } = input;
  const { computation, payment } = fee;
  const paidAt = new Date(payment.paidAt);
  const paidOn = chineseDate(cstDate(paidAt));
  const amount = `${money(fee.amount)}（${capitalYuan(fee.amount / 100)}）`;
  const bands = computation.bands.map(
    (band) => `${bandLabel(band)}部分：${money(band.baseFen)} × ${band.percent}% = ${money(band.chargeFen)}`,
  );
  const limit = computation.limit
    ? [
        `合计${money(computation.subtotalFen)}，按${computation.limit === 'minimum' ? '最低' : '最高'}收费额收取${money(computation.feeFen)}`,
      ]
    : [];
  return renderPage(
    {
      info: {
        title: `交易服务费收据 ${fee.id}`,
        subject: `${projectName} ${tenderName}`,
        author: fee.collector,
        date: paidAt,
      },
      heading: '交易服务费收据',
      reference: `编号：${fee.id}`,
      body: [
        {
          paragraph: `今收到${payerName}交来${projectName}${tenderName}（招标编号：${fee.tenderId}）交易服务费${amount}。`,
        },
        {
          facts: [
            ['交款单位', `${payerName}（${fee.payerOrg}）`],
            ['项目名称', projectName],
            ['招标项目', tenderName],
            ['招标编号', fee.tenderId],
            ['中标金额', money(computation.amountFen)],
            ['计费标准', `${computation.name}，差额定率累进（${computation.source}）`],
            ['计费明细', [...bands, ...limit]],
            ['收费金额', amount],
            ['收款日期', paidOn],
            ['流水号', payment.reference],
            ['审计日志', `第 ${payment.entryIndex} 条`],
          ],
        },
      ],
      signature: [fee.collector, paidOn],
      footnote: `本收据所载交款已记入交易平台审计日志第 ${payment.entryIndex} 条，可据此核验。`,
    },
    fontBytes,
  );
};
