import { html } from 'htm/preact';
import type { ServiceFeeView } from '../../../ledger';
import { api, ApiError, apiFile, saveFile, Session } from '../api';
import { beijing, yuan } from '../format';
import { Card, RefusalBox, useAction, useLoad } from '../ui';

const kindNames: Record<ServiceFeeView['computation']['kind'], string> = {
  works: '工程',
  goods: '货物',
  services: '服务',
  'government-procurement': '政府采购',
};

/** A band of the schedule as the receipt states it, e.g. "100万元以下部分". */
const bandName = ({ fromFen, toFen }: { fromFen: number; toFen?: number }) =>
  toFen === undefined ? `${yuan(fromFen)} 以上部分` : `${yuan(fromFen)} 至 ${yuan(toFen)} 部分`;

/**
 * 交易服务费: the fee the result charged the winner, worked out band by band as the receipt
 * states it, what is still owed and by when, how to pay it (the memo the bank statement is
 * matched by), and the receipt once paid. The winner, staff and regulators see it; another
 * bidder sees nothing here.
 */
export const ServiceFeePanel = ({ tenderId, session }: { tenderId: string; session: Session }) => {
  const fee = useLoad(
    () =>
      api<ServiceFeeView>('GET', `/tenders/${tenderId}/service-fee`).catch((error: unknown) => {
        // Not charged yet, or another bidder's: nothing to show.
        if (error instanceof ApiError && [403, 404].includes(error.refusal.status)) return undefined;
        throw error;
      }),
    [tenderId, session.username],
  );
  const receipt = useAction(async () => {
    const bytes = await apiFile(`/tenders/${tenderId}/service-fee/receipt.pdf`);
    saveFile(`交易服务费收据-${tenderId}.pdf`, bytes as BlobPart, 'application/pdf');
    return bytes.length;
  });
  const view = fee.data;
  if (!view && !fee.error) return null;
  return html`<${Card} title="交易服务费">
    <${RefusalBox} error=${fee.error} />
    ${
      view &&
      html`<p>
          ${view.collector} 向中标人 <code>${view.payerOrg}</code> 收取：<strong>${yuan(view.amount)}</strong>
          · 状态 <strong>${view.status === 'paid' ? '已缴清' : '待缴'}</strong>
          ${view.status === 'due' && html` · 尚欠 ${yuan(view.outstanding)} · 缴费期限 ${beijing(view.dueAt)}`}
        </p>
        <table>
          <caption>
            计费（${kindNames[view.computation.kind]}，${view.computation.name}，${view.computation.source}），中标金额
            ${yuan(view.computation.amountFen)}
          </caption>
          <thead>
            <tr>
              <th>分段</th>
              <th>费率</th>
              <th>计费额</th>
              <th>收费</th>
            </tr>
          </thead>
          <tbody>
            ${view.computation.bands.map(
              (band) =>
                html`<tr>
                  <td>${bandName(band)}</td>
                  <td>${band.percent}%</td>
                  <td>${yuan(band.baseFen)}</td>
                  <td>${yuan(band.chargeFen)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${
          view.computation.limit &&
          html`<p>
            按收费${view.computation.limit === 'minimum' ? '下限' : '上限'}计：${yuan(view.computation.feeFen)}。
          </p>`
        }
        ${
          view.status === 'due'
            ? html`<p>
                请以银行转账缴纳，附言（用途）填写 <code>${view.id}</code>：银行对账单导入后自动核销。
              </p>`
            : html`<p class="verified">
                  ✔ ${beijing(view.payment!.paidAt)} 收到 ${view.payment!.counterparty.name}
                  的转账（银行流水号 ${view.payment!.reference}，审计日志第 ${view.payment!.entryIndex} 条）。
                </p>
                <button type="button" disabled=${receipt.busy} onClick=${() => receipt.run()}>
                  下载收据（PDF）
                </button>
                ${receipt.result && html`<p role="status">✔ 收据已保存。</p>`}
                <${RefusalBox} error=${receipt.error} />`
        }`
    }
  <//>`;
};
