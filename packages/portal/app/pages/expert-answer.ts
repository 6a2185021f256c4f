import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { beijing } from '../format';
import { Card, Field, RefusalBox, useAction } from '../ui';

interface Answered {
  response: 'confirmed' | 'declined';
  answeredAt: string;
}

/** When the link expires, read from the token as the page shows it; the platform checks it on the answer. */
const expiryOf = (token: string): string | undefined => {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const { exp } = JSON.parse(atob(payload)) as { exp?: number };
    return exp ? new Date(exp * 1000).toISOString() : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Where the link of an expert's summons leads (#/experts/answer?token=…): the expert confirms or
 * declines, without an account; the token is the credential. Opening the page changes nothing.
 */
export const ExpertAnswer = ({ token }: { token: string }) => {
  const [reason, setReason] = useState('');
  const answer = useAction((key, response: Answered['response']) =>
    api<Answered>('POST', '/experts/answers', {
      key,
      token: '',
      body: {
        token,
        response,
        ...(response === 'declined' && reason.trim() ? { reason: reason.trim() } : {}),
      },
    }),
  );
  const done = answer.result;
  return html`<${Card} title="评标专家回复">
    ${
      done
        ? html`<p class="ok" role="status">
            已记录：${done.response === 'confirmed' ? '确认参加' : '不能参加'}，${beijing(done.answeredAt)}。
            ${done.response === 'confirmed' ? '请按通知的时间和地点报到。' : '交易中心将另行抽取。'}
          </p>`
        : html`<p>请确认是否参加评标。本链接有效期至 ${beijing(expiryOf(token))}。</p>
            <${Field}
              label="不能参加的原因（可选）"
              name="reason"
              value=${reason}
              onInput=${setReason}
              maxlength="500"
            />
            <p>
              <button type="button" disabled=${answer.busy} onClick=${() => answer.run('confirmed')}>
                确认参加
              </button>
              <button
                type="button"
                class="secondary"
                disabled=${answer.busy}
                onClick=${() => answer.run('declined')}
              >
                不能参加
              </button>
            </p>`
    }
    <${RefusalBox} error=${answer.error} />
  <//>`;
};
