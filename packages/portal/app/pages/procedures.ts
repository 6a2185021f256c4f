import { html } from 'htm/preact';
import type { ProcedureView } from '../../../procedures';
import { api } from '../api';
import { yuan } from '../format';
import { Card, RefusalBox, useLoad } from '../ui';

const dayKinds: Record<string, string> = { calendar: '日', working: '个工作日' };
const limits: Record<string, string> = { 'at-least': '不少于', within: '不超过', 'at-most': '不超过' };

/** A period row as the law states it: 不少于 20 日, 不超过 5 个工作日 (before or after its event). */
const valueOf = (row: ProcedureView['periods'][number]) =>
  `${limits[row.limit] ?? ''} ${row.value} ${dayKinds[row.days] ?? row.days}${row.counts === 'before' ? '（之前）' : ''}`;

/**
 * 采购方式 (public): every procedure the platform runs, with each period, its day kind and its
 * article, as `GET /procedures` publishes the very table the API enforces.
 */
export const ProceduresPage = () => {
  const catalog = useLoad(
    () =>
      api<{
        procedures: ProcedureView[];
        thresholds: Record<string, { kind: string; fromFen: number; article: string }[]>;
      }>('GET', '/procedures'),
    [],
  );
  if (catalog.error) return html`<${RefusalBox} error=${catalog.error} />`;
  if (!catalog.data) return html`<p>正在载入…</p>`;
  const { procedures, thresholds } = catalog.data;
  return html`<div>
    <${Card} title="采购方式与交易规则">
      <p>平台执行的每一种采购方式、每一项期限及其法条，与接口校验所用的是同一张表。</p>
      <table aria-label="限额标准">
        <thead>
          <tr>
            <th>标准</th>
            <th>类别</th>
            <th>金额</th>
            <th>依据</th>
          </tr>
        </thead>
        <tbody>
          ${Object.entries(thresholds).flatMap(([name, rows]) =>
            rows.map(
              (t) =>
                html`<tr>
                  <td>${name === 'mandatoryTendering' ? '必须招标' : '政府采购公开招标数额标准'}</td>
                  <td>${t.kind}</td>
                  <td>${yuan(t.fromFen)} 及以上</td>
                  <td class="rule">${t.article}</td>
                </tr>`,
            ),
          )}
        </tbody>
      </table>
    <//>
    ${procedures.map(
      (p) =>
        html`<${Card} title=${`${p.name}（${p.law}）`}>
          <p>
            <code>${p.code}</code>：${p.announcement}；供应商不少于 ${p.minSuppliers.value} 家（<span
              class="rule"
              >${p.minSuppliers.article}</span
            >）${
              p.evaluationBody
                ? html`；${p.evaluationBody.name}不少于 ${p.evaluationBody.minSize} 人（<span class="rule"
                      >${p.evaluationBody.article}</span
                    >）`
                : ''
            }${p.bidBond ? html`；保证金不超过 ${p.bidBond.percent}%（<span class="rule">${p.bidBond.article}</span>）` : ''}；结果：${p.award.term}（<span
              class="rule"
              >${p.award.article}</span
            >）
          </p>
          <table aria-label=${`${p.name}的期限`}>
            <thead>
              <tr>
                <th>期限</th>
                <th>规定</th>
                <th>依据</th>
              </tr>
            </thead>
            <tbody>
              ${p.periods.map(
                (row) =>
                  html`<tr>
                    <td>
                      ${row.description}${row.source ? html`<br /><small>出处：${row.source}</small>` : ''}
                    </td>
                    <td>${valueOf(row)}</td>
                    <td class="rule">${row.article}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        <//>`,
    )}
  </div>`;
};
