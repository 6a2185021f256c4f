import { cstDate } from '../legal-rules';
import { capitalYuan, chineseDate, formatYuan, renderPage } from '../pdf';
import type { DealTerm, Law } from '../procedures';

export interface AwardLetterInput {
  tenderId: string;
  tenderName: string;
  projectName: string;
  /** Organisation id. */
  winnerOrg: string;
  /** The organisation's display name. */
  winnerName: string;
  /** Yuan; fen at most. */
  price: number;
  durationDays?: number;
  /** ISO date-time the award notice went out. */
  awardedAt: string;
  /** CST date (`YYYY-MM-DD`) by which the contract must be signed (法46: 30 days). */
  contractDueOn: string;
  /** Who issues and signs the letter: the tenderer (招标人, 法45). */
  issuerName: string;
  noticeId: string;
  /** Under which law, and whether the deal is 中标 (a tender) or 成交 (谈判, 询价, 磋商): the letter's words follow. */
  law: Law;
  term: DealTerm;
}

/** What the letter calls things: a tender's 中标人 and 招标人 (法45), a procurement's 中标/成交供应商 and 采购人 (政府采购法46). */
const wordingOf = ({ law, term }: Pick<AwardLetterInput, 'law' | 'term'>) =>
  law === '招标投标法'
    ? {
        heading: '中标通知书',
        reference: '招标编号',
        item: '招标项目',
        winner: '中标人',
        price: '中标价',
        done: '已依法完成评标和中标候选人公示，确定你单位为中标人。现将中标结果通知如下：',
        contract:
          '根据《中华人民共和国招标投标法》第四十六条，请你单位自本通知书发出之日起三十日内，' +
          '按照招标文件和你单位的投标文件与招标人订立书面合同，',
      }
    : {
        heading: `${term}通知书`,
        reference: '采购编号',
        item: '采购项目',
        winner: `${term}供应商`,
        price: `${term}金额`,
        done: `已依法完成评审，经采购人确认，确定你单位为${term}供应商。现将${term}结果通知如下：`,
        contract:
          '根据《中华人民共和国政府采购法》第四十六条，请你单位自本通知书发出之日起三十日内，' +
          '按照采购文件确定的事项与采购人签订政府采购合同，',
      };

/**
 * 中标通知书 (法45; 政府采购法46: 中标、成交通知书) as a one-page A4 PDF. The same input always gives the same bytes (the dates
 * are the award's), so the letter's SHA-256 in the audit log can be checked against any copy.
 */
export const renderAwardLetter = async (
  input: AwardLetterInput,
  fontBytes: Uint8Array,
): Promise<Uint8Array> => {
  const awardedAt = new Date(input.awardedAt);
  if (Number.isNaN(awardedAt.getTime())) throw new RangeError(`${input.awardedAt} is not a date-time.`);
  const awardDate = chineseDate(cstDate(awardedAt));
  const contractDue = chineseDate(input.contractDueOn);
  const words = wordingOf(input);
  return renderPage(
    {
      info: {
        title: `${words.heading} ${input.tenderId}`,
        subject: `${input.projectName} ${input.tenderName}`,
        author: input.issuerName,
        date: awardedAt,
      },
      heading: words.heading,
      reference: `编号：${input.noticeId}`,
      body: [
        { line: `${input.winnerName}：` },
        {
          paragraph: `${input.projectName}${input.tenderName}（${words.reference}：${input.tenderId}）${words.done}`,
        },
        {
          facts: [
            ['项目名称', input.projectName],
            [words.item, input.tenderName],
            [words.reference, input.tenderId],
            [words.winner, `${input.winnerName}（${input.winnerOrg}）`],
            [words.price, `${formatYuan(input.price)}（${capitalYuan(input.price)}）`],
            ['工期', input.durationDays === undefined ? undefined : `${input.durationDays} 日历天`],
            ['发出日期', awardDate],
          ],
        },
        {
          paragraph: `${words.contract}最迟于${contractDue}前签订。`,
        },
        { paragraph: '特此通知。' },
      ],
      signature: [input.issuerName, awardDate],
      footnote: '本通知书的 SHA-256 摘要已记入交易平台的审计日志，可据此核验任何一份副本。',
    },
    fontBytes,
  );
};
