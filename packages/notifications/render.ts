import { ANSWER_LINK_LIFETIME_MS } from './answer-link';
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

// The link ends its line, after a space: a phone would take punctuation next to it into the URL.
const renderers: Record<Channel, (message: OutboxMessage, link?: string) => Rendered> = {
  sms: ({ to, notice }, link) => ({
    to,
    body: link
      ? `${notice.name}您好：您被抽取为评标专家，${when(notice)}。请尽快确认是否参加： ${link}`
      : `${notice.name}您好：您被抽取为评标专家，${when(notice)}，请尽快回复是否参加。`,
  }),
  email: ({ to, notice }, link) => ({
    to,
    subject: '评标专家通知',
    body: [
      `${notice.name}您好：`,
      `您已被随机抽取为评标专家，${when(notice)}。`,
      link
        ? `请尽快确认是否参加（链接${ANSWER_LINK_LIFETIME_MS / 86_400_000}日内有效）： ${link}`
        : '请尽快回复是否参加。',
      '项目情况于报到时告知。',
    ].join('\n'),
  }),
};

/** A message as its channel carries it; `link`, where the expert answers, when the relay signed one. */
export const render = (message: OutboxMessage, link?: string): Rendered =>
  renderers[message.channel](message, link);
