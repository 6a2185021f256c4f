import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { httpLogClient, openCheckpoint, proveEntries, VerificationFailed } from '../../../audit-log';
import { api, hexOf, Session } from '../api';
import { beijing } from '../format';
import { Card, Field, RefusalBox, Table, useAction, useLoad } from '../ui';

/**
 * 审计日志 (`#/audit`), public: the log's latest signed checkpoint, its signature checked in the
 * browser with the audit log's own verifier; the witnesses that cosigned it; and the latest
 * entries as anyone may read them. A regulator also opens the confidential record behind an entry.
 */

const LATEST = 20;

interface Witness {
  name: string;
  cosigned?: { size: number; at: string };
}

const actorText = ({ role, user, org }: { role: string; user: string; org?: string }) =>
  `${role}:${user}${org ? `（${org}）` : ''}`;

const subjectText = (subject: Record<string, string>) =>
  Object.entries(subject)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');

/** A regulator opens the record behind an entry by its index: what the public entry withholds. */
const RecordLookup = ({ latest }: { latest: number }) => {
  const [typed, setTyped] = useState(String(latest));
  const open = useAction((_key, index: string) =>
    api<{ index: number; record: unknown }>('GET', `/audit/records/${encodeURIComponent(index.trim())}`),
  );
  return html`<form onSubmit=${(event: Event) => (event.preventDefault(), void open.run(typed))}>
    <${Field}
      label="记录序号"
      name="audit-record-index"
      inputmode="numeric"
      value=${typed}
      onInput=${setTyped}
    />
    <button type="submit" disabled=${open.busy}>查看保密记录</button>
    ${
      open.result &&
      (open.result.record === null
        ? html`<p role="status">该条记录没有保密部分：公开的条目即是全部。</p>`
        : html`<pre class="record" aria-label=${`第 ${open.result.index} 条的保密记录`}>
${JSON.stringify(open.result.record, null, 2)}</pre>`)
    }
    <${RefusalBox} error=${open.error} />
  </form>`;
};

export const AuditPage = ({ session }: { session?: Session }) => {
  const [version, setVersion] = useState(0);
  const log = useLoad(async () => {
    const client = httpLogClient(location.origin);
    const { size } = (await openCheckpoint(client)).checkpoint;
    const latest = Array.from({ length: Math.min(LATEST, size) }, (_, i) => size - 1 - i);
    // Each entry shown is proven in the signed tree, not taken on the server's word.
    const [{ opened, proven }, { witnesses }] = await Promise.all([
      proveEntries(client, latest),
      api<{ witnesses: Witness[] }>('GET', '/audit/witnesses'),
    ]);
    const entries = latest.map((index) => ({ index, proof: proven.get(index)! }));
    return { opened, entries, witnesses };
  }, [version]);
  const regulator = session?.role === 'regulator';
  const data = log.data;
  return html`<div>
    <${Card} title="审计日志检查点">
      <${RefusalBox} error=${log.error} />
      ${
        data &&
        html`<p class="verified" role="status">
            ✔ 检查点签名已在浏览器中用日志公钥验证通过：日志 ${data.opened.checkpoint.origin} 共
            ${data.opened.checkpoint.size} 条。
            ${data.opened.keyFromServer && html`<br /><small>公钥取自平台本身：要证明签名者，请与公开渠道发布的公钥比对。</small>`}
          </p>
          <p>日志公钥：<code class="hash">${data.opened.verifierKey}</code></p>
          <p>树根哈希：<code class="hash">${hexOf(data.opened.checkpoint.root)}</code></p>
          <pre class="note" aria-label="已签名的检查点">${data.opened.note}</pre>
          ${
            data.witnesses.length === 0
              ? html`<p>尚无见证方登记。</p>`
              : html`<${Table}
                  caption="见证方的联署（平台所报，未在本页核验其签名）"
                  head=${['见证方', '联署的日志规模', '联署时间']}
                  rows=${data.witnesses.map((w) => [
                    w.name,
                    w.cosigned ? `${w.cosigned.size} 条` : '尚未联署',
                    w.cosigned ? beijing(w.cosigned.at) : '—',
                  ])}
                />`
          } `
      }
      <button
        type="button"
        class="secondary"
        disabled=${log.loading}
        onClick=${() => setVersion((v) => v + 1)}
      >
        刷新
      </button>
    <//>
    ${
      data &&
      html`<${Card} title=${`最新的 ${data.entries.length} 条记录`}>
        <div class="scroll" role="region" aria-label="最新记录" tabindex="0">
          <${Table}
            caption="审计日志（新的在前）"
            head=${['序号', '时间', '操作', '操作人', '对象', '包含证明']}
            rows=${data.entries.map(({ index, proof }) =>
              proof instanceof VerificationFailed
                ? [index, '—', '—', '—', '—', html`<span class="bad">✘ ${proof.message}</span>`]
                : [
                    index,
                    beijing(proof.time),
                    html`<code>${proof.action}</code>`,
                    actorText(proof.actor),
                    html`<code>${subjectText(proof.subject)}</code>`,
                    '✔ 已证明在已签名的树中',
                  ],
            )}
          />
        </div>
        ${regulator && data.entries.length > 0 && html`<${RecordLookup} latest=${data.entries[0]!.index} />`}
      <//>`
    }
  </div>`;
};
