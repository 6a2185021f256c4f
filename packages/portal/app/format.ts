/** How the portal writes money and time: 元 from integer fen, China Standard Time. */

const grouped = new Intl.NumberFormat('zh-CN', { useGrouping: true, maximumFractionDigits: 0 });

/** 123456789 fen → "1,234,567.89 元"; integer arithmetic, so no binary fraction creeps in. */
export const yuan = (fen: number): string => {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${grouped.format(Math.trunc(abs / 100))}.${String(abs % 100).padStart(2, '0')} 元`;
};

/** "1,234.5" or "1234.56" 元 as typed → fen, or undefined when it is not an amount of at most two decimals. */
export const fenOf = (text: string): number | undefined => {
  const match = /^\s*(\d{1,13})(?:\.(\d{1,2}))?\s*$/.exec(text.replace(/[,，]/g, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
};

/** What an amount typed in 元 reads as, under its field: the rule while empty, what is wrong, or the amount. */
export const amountHint = (typed: string, example = '1,234,567.89'): string => {
  const fen = fenOf(typed);
  return typed === ''
    ? '以元为单位，最多两位小数'
    : fen === undefined
      ? `请输入金额，如 ${example}`
      : `即 ${yuan(fen)}`;
};

const cst = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant in Beijing time, e.g. "2026/12/02 11:40:00 (北京时间)". */
export const beijing = (iso: string | undefined): string =>
  iso ? `${cst.format(new Date(iso))}（北京时间）` : '—';

/** A `datetime-local` value read as Beijing time → ISO instant (the browser's own zone does not matter). */
export const instantOfLocal = (value: string): string | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const at = new Date(`${value}:00+08:00`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
};

/** An ISO instant → the `datetime-local` value showing it in Beijing time. */
export const localOfInstant = (iso: string): string =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

const DAY = 86_400_000;
const CST_OFFSET = 8 * 3_600_000;

/** The CST calendar day (YYYY-MM-DD) an instant falls on. */
export const dayOf = (instant: string | number): string =>
  new Date(new Date(instant).getTime() + CST_OFFSET).toISOString().slice(0, 10);

/** The calendar day `days` after `day` (before, when negative). */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The Monday of the week holding `day`: a week runs Monday to Sunday, as calendars in China show it. */
export const mondayOf = (day: string): string =>
  addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/** The instant a CST day begins. */
export const startOfDay = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();

const clockTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "09:30" in Beijing time. */
export const timeOf = (iso: string): string => clockTime.format(new Date(iso));

/** "12/07" and its weekday "周一" for a CST day. */
export const dayLabel = (day: string): { date: string; weekday: string } => ({
  date: `${day.slice(5, 7)}/${day.slice(8, 10)}`,
  weekday: `周${'日一二三四五六'[new Date(`${day}T00:00:00Z`).getUTCDay()]}`,
});

/** Bytes as a person reads them. */
export const size = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1048576
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;
