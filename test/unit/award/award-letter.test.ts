import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { PDFDocument, PDFName } from 'pdf-lib';
import { AwardLetterInput, renderAwardLetter as render } from '../../../packages/award/award-letter';
import { DOCUMENT_FONT } from '../../../packages/pdf/font';
import { dicts, drawnStrings, pdfText as pageText, streamBytes } from '../../support/pdf-text';

const notoSansSc = new Uint8Array(readFileSync(require.resolve(DOCUMENT_FONT)));
const renderAwardLetter = (letter: AwardLetterInput) => render(letter, notoSansSc);

const input: AwardLetterInput = {
  tenderId: 'T-2026-5Q6RKZ2Z',
  tenderName: '第一标段施工',
  projectName: '滨江新区市民中心及配套道路、管网、绿化景观一体化建设工程',
  winnerOrg: 'ORG-BIDDER-2',
  winnerName: '鑫源建设集团有限公司',
  price: 112_500_000,
  durationDays: 365,
  awardedAt: '2026-11-21T17:30:00Z',
  contractDueOn: '2026-12-21',
  issuerName: '某市交通运输局',
  noticeId: 'N-2026-8KQ3M1ZP',
  law: '招标投标法',
  term: '中标',
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const openFont = (bytes: Uint8Array): fontkit.Font => {
  const font = fontkit.create(Buffer.from(bytes));
  if (!('getGlyph' in font)) throw new Error('a font collection');
  return font;
};

describe('the award letter (中标通知书)', () => {
  it('is one A4 page with the letter in Chinese, in an embedded subset of the font', async () => {
    const bytes = await renderAwardLetter(input);
    expect(bytes.length).toBeLessThan(300 * 1024);

    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeCloseTo(595.28, 1);
    expect(height).toBeCloseTo(841.89, 1);
    expect(dicts(doc).some((dict) => dict.get(PDFName.of('FontFile2')))).toBe(true);
    expect(doc.getProducer()).toBe('Sunlit');
    expect(doc.getCreationDate()).toEqual(new Date(input.awardedAt));

    const lines = pageText(doc).split('\n');
    expect(lines[0]).toBe('中标通知书');
    const text = lines.join('');
    expect(text).not.toContain('\ufffd');
    for (const expected of [
      '编号：N-2026-8KQ3M1ZP',
      '鑫源建设集团有限公司：',
      `${input.projectName}${input.tenderName}（招标编号：T-2026-5Q6RKZ2Z）`,
      '中标人：鑫源建设集团有限公司（ORG-BIDDER-2）',
      '中标价：¥112,500,000.00（人民币壹亿壹仟贰佰伍拾万元整）',
      '工期：365 日历天',
      // The award went out at 01:30 CST on the 22nd: the letter dates it by the China calendar.
      '发出日期：2026年11月22日',
      '根据《中华人民共和国招标投标法》第四十六条，请你单位自本通知书发出之日起三十日内',
      '最迟于2026年12月21日前签订',
      '某市交通运输局2026年11月22日',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('embeds, for every glyph on the page, the outline the whole font draws there', async () => {
    const doc = await PDFDocument.load(await renderAwardLetter(input));
    const descriptor = dicts(doc).find((dict) => dict.get(PDFName.of('FontFile2')));
    const subset = openFont(streamBytes(doc, descriptor?.get(PDFName.of('FontFile2'))));
    const whole = openFont(notoSansSc);
    const strings = drawnStrings(doc);
    expect(strings.length).toBeGreaterThan(10);
    for (const { ids, text } of strings) {
      const outlines = ids.map((id) => subset.getGlyph(id).path.toSVG());
      // Laid out again in context: a digit between capitals takes another glyph than one alone.
      const expected = whole.layout(text).glyphs.map((glyph) => glyph.path.toSVG());
      expect({ text, outlines }).toEqual({ text, outlines: expected });
    }
  });

  it('is a 成交通知书 after a negotiation or quotation, and a procurement 中标通知书 after a GP tender, citing 政府采购法46', async () => {
    const closed = pageText(
      await PDFDocument.load(await renderAwardLetter({ ...input, law: '政府采购法', term: '成交' })),
    );
    expect(closed.split('\n')[0]).toBe('成交通知书');
    const text = closed.split('\n').join('');
    for (const expected of [
      `${input.projectName}${input.tenderName}（采购编号：T-2026-5Q6RKZ2Z）已依法完成评审，经采购人确认，确定你单位为成交供应商`,
      '成交供应商：鑫源建设集团有限公司（ORG-BIDDER-2）',
      '成交金额：¥112,500,000.00',
      '根据《中华人民共和国政府采购法》第四十六条',
      '与采购人签订政府采购合同',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/中标|招标/);
    const tendered = pageText(
      await PDFDocument.load(await renderAwardLetter({ ...input, law: '政府采购法', term: '中标' })),
    );
    expect(tendered.split('\n')[0]).toBe('中标通知书');
    expect(tendered.split('\n').join('')).toContain('中标供应商：鑫源建设集团有限公司');
    expect(tendered).not.toContain('中标候选人公示');
  });

  it('leaves the duration out when the tender set none', async () => {
    const doc = await PDFDocument.load(await renderAwardLetter({ ...input, durationDays: undefined }));
    expect(pageText(doc)).not.toContain('工期');
  });

  it('gives the same bytes for the same award, and different bytes for a different price', async () => {
    const first = await renderAwardLetter(input);
    const again = await renderAwardLetter({ ...input });
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(sha256(again)).toBe(sha256(first));
    const other = await renderAwardLetter({ ...input, price: 112_500_000.01 });
    expect(sha256(other)).not.toBe(sha256(first));
  });

  it('refuses dates it cannot state', async () => {
    await expect(renderAwardLetter({ ...input, awardedAt: 'yesterday' })).rejects.toThrow(RangeError);
    await expect(renderAwardLetter({ ...input, contractDueOn: '2026-12-21T00:00:00Z' })).rejects.toThrow(
      RangeError,
    );
  });
});
