import { html } from 'htm/preact';
import { api } from '../api';
import { Card, RefusalBox, useLoad } from '../ui';
import { Notice } from '../verify-notice';
import { NoticeItem } from './notices';

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
            ${
              notice.type === 'objection-answer' &&
              html`<p>
                第 ${String(notice.body.number)} 号异议的答复（<span class="rule"
                  >${String(notice.body.article)}</span
                >）： ${String(notice.body.answer)}
              </p>`
            }
          <//>`,
      )}
    </ul>
    ${!inbox.loading && !inbox.error && notices.length === 0 && html`<p>暂无通知。</p>`}
  <//>`;
};
