import { html } from 'htm/preact';
import { api } from '../api';
import { Card, RefusalBox, useLoad } from '../ui';
import { Notice } from '../verify-notice';
import { NoticeItem } from './notices';

/** A single-source review's conclusion (74号令40), as the answer states it. */
const conclusions: Record<string, string> = { upheld: '异议成立。', dismissed: '异议不成立。' };

/** The answer to the organisation's own objection or query, with its article and any conclusion. */
const answerLine = ({ title, body }: Notice) => {
  const kind = title.endsWith('质疑答复') ? '质疑' : '异议';
  const conclusion = conclusions[String(body.conclusion)] ?? '';
  return `第 ${String(body.number)} 号${kind}的答复（${String(body.article)}）：${conclusion}${String(body.answer)}`;
};

/**
 * 我的通知: the notices delivered to the bidder's organisation — amendments, terminations, results,
 * the award letter's notice, and the answers to its own objections, which nobody else receives.
 */
export const Inbox = () => {
  const inbox = useLoad(() => api<{ notices: Notice[] }>('GET', '/me/notices?limit=50'), []);
  const notices = inbox.data?.notices ?? [];
  return html`<${Card} title="我的通知">
    <${RefusalBox} error=${inbox.error} />
    ${inbox.loading && html`<p aria-live="polite">正在加载…</p>`}
    <ul class="notices">
      ${notices.map(
        (notice) =>
          html`<${NoticeItem} notice=${notice}>
            ${notice.type === 'objection-answer' && html`<p>${answerLine(notice)}</p>`}
          <//>`,
      )}
    </ul>
    ${!inbox.loading && !inbox.error && notices.length === 0 && html`<p>暂无通知。</p>`}
  <//>`;
};
