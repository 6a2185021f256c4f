import { Channel, OutboxMessage, Rendered } from './model';

/** An instant as a reader in China reads it, e.g. "2026-03-25 09:00". */
const inChina = (iso: string): string => {
  const shifted = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
};

const when = (notice: OutboxMessage['notice']) =>
  notice.reportAt
    ? `请于${inChina(notice.reportAt)}到${notice.place}报到`
    : `请到${notice.place}报到（时间另行告知）`;

const renderers: Record<Channel, (message: OutboxMessage) => Rendered> = {
  sms: ({ to, notice }) => ({
    to,
    body: `${notice.name}您好：您被抽取为评标专家，${when(notice)}，请尽快回复是否参加。`,
  }),
  email: ({ to, notice }) => ({
    to,
    subject: '评标专家通知',
    body: [
      `${notice.name}您好：`,
      `您已被随机抽取为评标专家，${when(notice)}。`,
      '请尽快回复是否参加；项目情况于报到时告知。',
    ].join('\n'),
  }),
};

export const render = (message: OutboxMessage): Rendered => renderers[message.channel](message);
