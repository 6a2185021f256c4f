import { Readable } from 'node:stream';
import * as fontkit from 'fontkit';
import { PDFDocument, PDFFont, PDFPage, rgb } from 'pdf-lib';
import { cstDate, IsoDate } from '../legal-rules';

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

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 72;
const BODY_SIZE = 12;
const LINE_HEIGHT = BODY_SIZE * 1.9;
const TEXT_WIDTH = A4[0] - 2 * MARGIN;
const INK = rgb(0.1, 0.1, 0.1);

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

/**
 * fontkit itself, not pdf-lib's old fork of it: the fork writes TrueType subsets whose glyph
 * offsets drift, so many characters print blank. pdf-lib reads a subset as the fork's stream.
 */
const subsettingFontkit: Fontkit = {
  create: (bytes) => {
    const font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!('createSubset' in font)) throw new TypeError('A font collection is not a font.');
    const createSubset = font.createSubset.bind(font);
    return Object.assign(font, {
      createSubset: () => {
        const subset = createSubset();
        return Object.assign(subset, { encodeStream: () => Readable.from([subset.encode()]) });
      },
    }) as unknown as ReturnType<Fontkit['create']>;
  },
};

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACE_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿'];

const toFen = (yuan: number): number => {
  const fen = Math.round(yuan * 100);
  // 万亿 and up would need more group units; no tender comes near it.
  if (!Number.isFinite(fen) || fen < 0 || fen >= 1e14) {
    throw new RangeError(`${yuan} is not a price in yuan the letter can state.`);
  }
  return fen;
};

/** `¥112,500,000.00`. */
export const formatYuan = (yuan: number): string => {
  const fen = toFen(yuan);
  const whole = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  return `¥${whole}.${String(fen % 100).padStart(2, '0')}`;
};

/**
 * The amount in capital numerals, as payment documents write it so no digit can be altered:
 * `人民币壹亿壹仟贰佰伍拾万元整`. A run of zeros inside the number is read as one 零.
 */
export const capitalYuan = (yuan: number): string => {
  const fen = toFen(yuan);
  const whole = String(Math.floor(fen / 100));
  let text = '';
  let zeroPending = false;
  let groupHasDigit = false;
  for (let i = 0; i < whole.length; i++) {
    const place = whole.length - 1 - i;
    const digit = Number(whole[i]);
    if (digit === 0) zeroPending = true;
    else {
      if (zeroPending && text) text += DIGITS[0];
      text += DIGITS[digit]! + PLACE_UNITS[place % 4]!;
      zeroPending = false;
      groupHasDigit = true;
    }
    if (place % 4 === 0) {
      if (groupHasDigit) text += GROUP_UNITS[place / 4]!;
      groupHasDigit = false;
    }
  }
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (!jiao && !cents) return `人民币${text || DIGITS[0]}元整`;
  const yuanPart = text ? `${text}元` : '';
  const jiaoPart = jiao ? `${DIGITS[jiao]}角` : yuanPart ? DIGITS[0] : '';
  return `人民币${yuanPart}${jiaoPart}${cents ? `${DIGITS[cents]}分` : ''}`;
};

/** `2026年12月22日` from `2026-12-22`. */
const chineseDate = (isoDate: string): string => {
  if (!IsoDate.safeParse(isoDate).success) throw new RangeError(`${isoDate} is not a date as YYYY-MM-DD.`);
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
};

/**
 * A unit that stays on one line: one Chinese character, or a run of Latin letters, digits and
 * signs (an id, a price; `2026年` too), with any opening bracket that precedes it and any
 * punctuation that follows it, since neither may be left alone at a line's end or start.
 */
const UNIT = /[（《“‘]*(?:[!-~]+[年月日]?|.)[，。、：；！？）》”’]*/gsu;

/** Lines of at most `width` points, breaking between units only. */
const wrap = (text: string, font: PDFFont, size: number, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const token of text.match(UNIT) ?? []) {
    if (line && font.widthOfTextAtSize(line + token, size) > width) {
      lines.push(line);
      line = token.trimStart();
    } else line += token;
  }
  return line ? [...lines, line] : lines;
};

/** Writes lines downwards from `y`, returning where the next line goes. */
const writeLines = (page: PDFPage, font: PDFFont, lines: string[], x: number, y: number): number => {
  for (const line of lines) {
    page.drawText(line, { x, y, size: BODY_SIZE, font, color: INK });
    y -= LINE_HEIGHT;
  }
  return y;
};

/**
 * 中标通知书 (法45) as a one-page A4 PDF. Only the glyphs used are embedded, which keeps the file
 * at some 30 KB. The same input always gives the same bytes (the dates are the award's, the font's
 * subset tag is fixed, pdf-lib's ids are seeded), so the letter's SHA-256 in the audit log can be
 * checked against any copy.
 */
export const renderAwardLetter = async (
  input: AwardLetterInput,
  fontBytes: Uint8Array,
): Promise<Uint8Array> => {
  const awardedAt = new Date(input.awardedAt);
  if (Number.isNaN(awardedAt.getTime())) throw new RangeError(`${input.awardedAt} is not a date-time.`);
  const awardDate = chineseDate(cstDate(awardedAt));
  const contractDue = chineseDate(input.contractDueOn);

  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(subsettingFontkit);
  // A fixed subset tag, not a random one, keeps the bytes stable; one font per letter cannot clash.
  const font = await doc.embedFont(fontBytes, { subset: true, customName: 'SUNLIT+NotoSansSC-Regular' });
  doc.setTitle(`中标通知书 ${input.tenderId}`);
  doc.setSubject(`${input.projectName} ${input.tenderName}`);
  doc.setAuthor(input.issuerName);
  doc.setLanguage('zh-CN');
  doc.setProducer('Sunlit');
  doc.setCreator('Sunlit');
  doc.setCreationDate(awardedAt);
  doc.setModificationDate(awardedAt);

  const page = doc.addPage(A4);
  const right = (text: string, size: number, y: number) =>
    page.drawText(text, {
      x: A4[0] - MARGIN - font.widthOfTextAtSize(text, size),
      y,
      size,
      font,
      color: INK,
    });

  const title = '中标通知书';
  const titleSize = 26;
  let y = A4[1] - 100;
  page.drawText(title, {
    x: (A4[0] - font.widthOfTextAtSize(title, titleSize)) / 2,
    y,
    size: titleSize,
    font,
    color: INK,
  });
  y -= 36;
  right(`编号：${input.noticeId}`, 10.5, y);
  y -= 40;

  // Two ideographic spaces: how Chinese paragraphs indent.
  const indent = '\u3000\u3000';
  const paragraph = (text: string) => {
    y = writeLines(page, font, wrap(indent + text, font, BODY_SIZE, TEXT_WIDTH), MARGIN, y);
  };

  y = writeLines(page, font, wrap(`${input.winnerName}：`, font, BODY_SIZE, TEXT_WIDTH), MARGIN, y);
  paragraph(
    `${input.projectName}${input.tenderName}（招标编号：${input.tenderId}）已依法完成评标和中标候选人公示，` +
      '确定你单位为中标人。现将中标结果通知如下：',
  );
  y -= LINE_HEIGHT / 3;

  const facts: [string, string | undefined][] = [
    ['项目名称', input.projectName],
    ['招标项目', input.tenderName],
    ['招标编号', input.tenderId],
    ['中标人', `${input.winnerName}（${input.winnerOrg}）`],
    ['中标价', `${formatYuan(input.price)}（${capitalYuan(input.price)}）`],
    ['工期', input.durationDays === undefined ? undefined : `${input.durationDays} 日历天`],
    ['发出日期', awardDate],
  ];
  const labelWidth = font.widthOfTextAtSize(`${indent}发出日期：`, BODY_SIZE);
  for (const [label, value] of facts) {
    if (value === undefined) continue;
    page.drawText(`${indent}${label}：`, { x: MARGIN, y, size: BODY_SIZE, font, color: INK });
    const valueX = MARGIN + labelWidth;
    y = writeLines(page, font, wrap(value, font, BODY_SIZE, A4[0] - MARGIN - valueX), valueX, y);
  }
  y -= LINE_HEIGHT / 3;

  paragraph(
    '根据《中华人民共和国招标投标法》第四十六条，请你单位自本通知书发出之日起三十日内，' +
      '按照招标文件和你单位的投标文件与招标人订立书面合同，' +
      `最迟于${contractDue}前签订。`,
  );
  paragraph('特此通知。');

  y -= LINE_HEIGHT * 2;
  right(input.issuerName, BODY_SIZE, y);
  right(awardDate, BODY_SIZE, y - LINE_HEIGHT);

  const note = '本通知书的 SHA-256 摘要已记入交易平台的审计日志，可据此核验任何一份副本。';
  page.drawText(note, { x: MARGIN, y: MARGIN - 20, size: 9, font, color: rgb(0.4, 0.4, 0.4) });

  return doc.save();
};
