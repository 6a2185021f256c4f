import { cstDate } from '../legal-rules';
import { capitalYuan, chineseDate, formatYuan, renderPage } from '../pdf';

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
}

/**
 * 中标通知书 (法45) as a one-page A4 PDF. The same input always gives the same bytes (the dates
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
  return renderPage(
    {
      info: {
        title: `中标通知书 ${input.tenderId}`,
        subject: `${input.projectName} ${input.tenderName}`,
        author: input.issuerName,
        date: awardedAt,
      },
      heading: '中标通知书',
      reference: `编号：${input.noticeId}`,
      body: [
        { line: `${input.winnerName}：` },
        {
          paragraph:
            `${input.projectName}${input.tenderName}（招标编号：${input.tenderId}）已依法完成评标和中标候选人公示，` +
            '确定你单位为中标人。现将中标结果通知如下：',
        },
        {
          facts: [
            ['项目名称', input.projectName],
            ['招标项目', input.tenderName],
            ['招标编号', input.tenderId],
            ['中标人', `${input.winnerName}（${input.winnerOrg}）`],
            ['中标价', `${formatYuan(input.price)}（${capitalYuan(input.price)}）`],
            ['工期', input.durationDays === undefined ? undefined : `${input.durationDays} 日历天`],
            ['发出日期', awardDate],
          ],
        },
        {
          paragraph:
            '根据《中华人民共和国招标投标法》第四十六条，请你单位自本通知书发出之日起三十日内，' +
            '按照招标文件和你单位的投标文件与招标人订立书面合同，' +
            `最迟于${contractDue}前签订。`,
        },
        { paragraph: '特此通知。' },
      ],
      signature: [input.issuerName, awardDate],
      footnote: '本通知书的 SHA-256 摘要已记入交易平台的审计日志，可据此核验任何一份副本。',
    },
    fontBytes,
  );
};
