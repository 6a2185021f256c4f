import { IsoDate } from '../legal-rules';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACE_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿'];

const toFen = (yuan: number): number => {
  const fen = Math.round(yuan * 100);
  // 万亿 and up would need more group units; no deal comes near it.
  if (!Number.isFinite(fen) || fen < 0 || fen >= 1e14) {
    throw new RangeError(`${yuan} is not an amount in yuan a document can state.`);
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
export const chineseDate = (isoDate: string): string => {
  if (!IsoDate.safeParse(isoDate).success) throw new RangeError(`${isoDate} is not a date as YYYY-MM-DD.`);
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
};
