import { html } from 'htm/preact';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Reconciliation, Refund, Statement } from '../../../ledger';
import { ApiError, api, saveFile, Session } from '../api';
import { beijing, dayOf, yuan } from '../format';
import { Card, RefusalBox, Table, useAction, useLoad } from '../ui';

const reasonNames: Record<Refund['reason'], string> = {
  withdrawal: '撤回投标',
  contract: '签订合同后',
  result: '结果公告后',
  termination: '终止后',
};

/**
 * Past its due date and not paid. Judged by this browser's clock, as the rest of the portal judges
 * deadlines; the platform's own alert for it is on the regulator's 电子监察 page.
 */
const overdue = (refund: Refund) => refund.status === 'due' && Date.parse(refund.dueAt) < Date.now();

const RefundStatus = ({ refund }: { refund: Refund }) =>
  refund.status === 'paid'
    ? html`已退还（${beijing(refund.paidAt)}）`
    : overdue(refund)
      ? html`<strong class="overdue">已逾期，尚未退还</strong>`
      : '待退还';

/** A wide table kept to its own width on a phone: it scrolls inside its frame, the page never sideways. */
export const Wide = ({ label, children }: { label: string; children: ComponentChildren }) =>
  html`<div class="scroll" role="region" aria-label=${label} tabindex="0">${children}</div>`;

/** Refunds with their due dates and the article that sets them; `full` adds the tender and the bidder. */
export const RefundTable = ({
  refunds,
  caption,
  full,
}: {
  refunds: Refund[];
  caption: string;
  full?: boolean;
}) =>
  html`<${Wide} label=${caption}>
    <table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">退款编号</th>
          ${
            full &&
            html`<th scope="col">标段</th>
              <th scope="col">投标人</th>`
          }
          <th scope="col">金额</th>
          <th scope="col">事由（依据）</th>
          <th scope="col">应退日期</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        ${refunds.map(
          (r) =>
            html`<tr class=${overdue(r) ? 'overdue' : undefined} key=${r.id}>
              <td><code>${r.id}</code></td>
              ${
                full &&
                html`<td>
                    <a href=${`#/tenders/${r.tenderId}`}><code>${r.tenderId}</code></a>
                  </td>
                  <td>${r.bidderOrg}</td>`
              }
              <td>${yuan(r.amount)}</td>
              <td>${reasonNames[r.reason]}（<span class="rule">${r.article}</span>）</td>
              <td>${beijing(r.dueAt)}</td>
              <td><${RefundStatus} refund=${r} /></td>
            </tr>`,
        )}
      </tbody>
    </table>
  <//>`;

/** `csv.rows.3.amount` → "第 3 行的 amount 列": where in the file the refusal points. */
const placeInFile = (field: string | undefined) => {
  const at = /^csv\.rows\.(\d+)(?:\.(\w+))?$/.exec(field ?? '');
  if (at) return `对账单第 ${at[1]} 行${at[2] ? `的 ${at[2]} 列` : ''}有误`;
  return field === 'csv.header' ? '对账单第 1 行（表头）有误' : undefined;
};

type Imported = { statement: Statement; repeated: boolean; fileName: string };

/** Staff import the custody account's statement, chosen on this machine and sent as it is. */
const StatementImport = ({ onImported }: { onImported: () => void }) => {
  const [file, setFile] = useState<{ name: string; csv: string }>();
  const send = useAction(async (key, chosen: { name: string; csv: string }): Promise<Imported> => {
    const answer = await api<Omit<Imported, 'fileName'>>('POST', '/ledger/statements', {
      key,
      body: { csv: chosen.csv },
    });
    onImported();
    return { ...answer, fileName: chosen.name };
  });
  const refusal = send.error instanceof ApiError ? send.error.refusal : undefined;
  const where = placeInFile(refusal?.field);
  const done = send.result;
  return html`<${Card} title="导入银行对账单">
    <p>
      保证金专户的对账单（CSV，UTF-8，含表头）。每一行先校验，有一行不合格则整个文件不导入；同一文件再次导入不会重复记账。
    </p>
    <form onSubmit=${(e: Event) => (e.preventDefault(), file && void send.run(file))}>
      <div class="field">
        <label for="statementFile">对账单文件</label>
        <input
          id="statementFile"
          type="file"
          accept=".csv,text/csv"
          onChange=${async (e: Event) => {
            const chosen = (e.target as HTMLInputElement).files?.[0];
            setFile(chosen ? { name: chosen.name, csv: await chosen.text() } : undefined);
          }}
        />
      </div>
      <button type="submit" disabled=${send.busy || !file}>导入</button>
    </form>
    ${where && html`<p class="warning">${where}，整个文件未导入：</p>`}
    <${RefusalBox} error=${send.error} />
    ${
      done &&
      html`<p class=${done.repeated ? 'warning' : 'verified'} role="status">
          ${
            done.repeated
              ? `${done.fileName} 此前已导入过（${beijing(done.statement.importedAt)}），本次未作任何变更。`
              : `✔ 已导入 ${done.fileName}：`
          }${`共 ${done.statement.rows} 行，已匹配 ${done.statement.matched} 行，未匹配 ${done.statement.unmatched.length} 行。`}
        </p>
        ${done.statement.unmatched.length > 0 && html`<${UnmatchedTable} rows=${done.statement.unmatched} />`}`
    }
  <//>`;
};

const UnmatchedTable = ({ rows }: { rows: Statement['unmatched'] }) =>
  html`<${Wide} label="未匹配的行">
    <${Table}
      caption="未匹配的行（需人工核对）"
      head=${['行号', '银行流水号', '金额', '原因']}
      rows=${rows.map((row) => [row.line, html`<code>${row.reference}</code>`, yuan(row.amount), row.reason])}
    />
  <//>`;

/** Refunds with their due dates, overdue ones marked; staff download the refund file for the bank. */
const RefundsCard = ({ staff, version }: { staff: boolean; version: number }) => {
  const [status, setStatus] = useState('');
  const refunds = useLoad(
    () =>
      api<{ refunds: Refund[] }>('GET', `/ledger/refunds${status ? `?status=${status}` : ''}`).then(
        (r) => r.refunds,
      ),
    [status, version],
  );
  const download = useAction(async () => {
    const file = await api<string>('GET', '/ledger/refund-file');
    const name = `refund-file-${dayOf(Date.now())}.csv`;
    saveFile(name, file, 'text/csv');
    return { name, count: file.trim().split('\n').length - 1 };
  });
  return html`<${Card} title="退还保证金">
    ${
      staff &&
      html`<p>
          交易中心在投标截止后才能看到一个标段的退款（截止前的退款会透露谁报了名，法22）；退款文件不含标段，截止前的退款也在其中。
        </p>
        <p>
          <button type="button" disabled=${download.busy} onClick=${() => download.run()}>
            下载退款文件（银行用）
          </button>
        </p>
        ${
          download.result &&
          html`<p class="verified" role="status">
            ✔ 已下载 <code>${download.result.name}</code>：${download.result.count} 笔待退款项。
          </p>`
        }
        <${RefusalBox} error=${download.error} />`
    }
    <div class="filters">
      <label
        >状态
        <select value=${status} onChange=${(e: Event) => setStatus((e.target as HTMLSelectElement).value)}>
          <option value="">全部</option>
          <option value="due">待退还</option>
          <option value="paid">已退还</option>
        </select>
      </label>
    </div>
    <${RefusalBox} error=${refunds.error} />
    ${refunds.data?.length === 0 && html`<p>没有退款。</p>`}
    ${
      (refunds.data?.length ?? 0) > 0 &&
      html`<p>
          ${`共 ${refunds.data!.length} 笔`}${
            refunds.data!.some(overdue) &&
            html`，其中 <strong class="overdue">${refunds.data!.filter(overdue).length} 笔已逾期</strong>`
          }。
        </p>
        <${RefundTable} refunds=${refunds.data!} caption="退款（按应退日期）" full />`
    }
  <//>`;
};

/** A day's reconciliation (对账): the custody account against what it holds and owes, and the service fees paid into it. */
const ReconciliationCard = ({ version }: { version: number }) => {
  const [day, setDay] = useState(() => dayOf(Date.now()));
  const books = useLoad(
    () =>
      /^\d{4}-\d{2}-\d{2}$/.test(day)
        ? api<Reconciliation>('GET', `/ledger/reconciliation?day=${day}`)
        : Promise.resolve(undefined),
    [day, version],
  );
  const view = books.data;
  return html`<${Card} title="对账">
    <div class="filters">
      <label
        >日期（北京时间）
        <input type="date" value=${day} onInput=${(e: Event) => setDay((e.target as HTMLInputElement).value)}
      /></label>
    </div>
    <${RefusalBox} error=${books.error} />
    ${
      view &&
      html`<p class=${view.balanced ? 'verified' : 'refusal'} role="status">
          ${
            view.balanced
              ? `✔ ${view.day} 账务平衡：专户余额 = 在管保证金 + 应退未付 + 不予退还 + 服务费收入 − 应收服务费，每笔凭证借贷相等。`
              : `✘ ${view.day} 账务不平衡：专户余额与在管保证金、应退未付、不予退还、已收服务费之和不符，或有凭证借贷不等。`
          }
        </p>
        <dl class="facts">
          <dt>保证金专户余额</dt>
          <dd>${yuan(view.custody)}</dd>
          <dt>在管保证金</dt>
          <dd>${yuan(view.bondsHeld)}</dd>
          <dt>应退未付</dt>
          <dd>${yuan(view.refundsPayable)}</dd>
          <dt>不予退还</dt>
          <dd>${yuan(view.forfeitures)}</dd>
          <dt>服务费收入</dt>
          <dd>${yuan(view.serviceFees)}</dd>
          <dt>应收服务费</dt>
          <dd>${yuan(view.feesDue)}</dd>
          <dt>当日记账凭证</dt>
          <dd>${view.movements} 笔</dd>
          <dt>当日导入对账单</dt>
          <dd>
            ${
              view.statements.length === 0
                ? '无'
                : view.statements.map(
                    (s) =>
                      html`<div>
                        <code title=${s.id}>${s.id.slice(0, 12)}…</code> 共 ${s.rows} 行，已匹配 ${s.matched}
                        行
                      </div>`,
                  )
            }
          </dd>
        </dl>
        ${view.unmatched.length > 0 && html`<${UnmatchedTable} rows=${view.unmatched} />`}`
    }
  <//>`;
};

/** The center's ledger: staff import statements and download the refund file; the regulator reads. */
export const LedgerHome = ({ session }: { session: Session }) => {
  const [version, setVersion] = useState(0);
  const staff = session.role === 'staff';
  return html`<div>
    ${staff && html`<${StatementImport} onImported=${() => setVersion((v) => v + 1)} />`}
    <${RefundsCard} staff=${staff} version=${version} />
    <${ReconciliationCard} version=${version} />
  </div>`;
};
