import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { BondAccountView } from '../../../ledger';
import { ApiError, api } from '../api';
import { addDays, amountHint, beijing, dayOf, fenOf, yuan } from '../format';
import { Card, Field, RefusalBox, useAction, useLoad } from '../ui';
import { RefundTable } from './ledger';
import type { TenderView } from './tender';

/** 16 digits in groups of four, as a bank's form shows an account number. */
const grouped = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

/** The e-guarantee form as typed: every value a string, so a refusal loses nothing. */
const blankGuarantee = (tender: TenderView) => ({
  issuer: '',
  number: '',
  amount: '',
  validFrom: dayOf(Date.now()),
  // The bid binds its bidder for bidValidityDays after the deadline; the guarantee must last as long.
  validUntil: addDays(dayOf(tender.schedule.bidDeadline), tender.schedule.bidValidityDays),
});
type GuaranteeForm = ReturnType<typeof blankGuarantee>;

/**
 * A bidder's bond (投标保证金): the virtual sub-account to pay it into, what it holds, an
 * e-guarantee in its place, and its refunds with their due dates.
 */
export const BondPanel = ({ tender }: { tender: TenderView }) => {
  const path = `/tenders/${tender.id}/bond-account`;
  const account = useLoad(
    () =>
      api<BondAccountView>('GET', path).catch((error: unknown) => {
        // None opened yet (404), or not registered yet (403): the button below says what to do.
        if (error instanceof ApiError && [403, 404].includes(error.refusal.status)) return undefined;
        throw error;
      }),
    [path],
  );
  const open = useAction(async (key) => {
    const opened = await api<BondAccountView>('POST', path, { key });
    account.reload();
    return opened;
  });
  const [form, setForm] = useState(() => blankGuarantee(tender));
  const set = (name: keyof GuaranteeForm) => (value: string) => setForm({ ...form, [name]: value });
  const amount = fenOf(form.amount);
  const record = useAction(async (key, typed: GuaranteeForm) => {
    const saved = await api('PUT', `${path}/guarantee`, {
      key,
      body: { ...typed, amount: fenOf(typed.amount) ?? Number.NaN },
    });
    account.reload();
    return saved;
  });
  const refused = record.error instanceof ApiError ? record.error.refusal.field : undefined;
  const field = (name: keyof GuaranteeForm, label: string, extra: Record<string, unknown> = {}) =>
    html`<${Field}
      label=${label}
      name=${`guarantee-${name}`}
      value=${form[name]}
      onInput=${set(name)}
      invalid=${refused === name}
      required
      ...${extra}
    />`;

  const view = account.data ?? open.result;
  const standing = !view
    ? ''
    : view.balance >= view.required
      ? '✔ 已足额缴纳'
      : view.refunds.length > 0
        ? '已转入退款（见下表）'
        : view.guarantee
          ? '✔ 以电子保函代替现金'
          : `尚差 ${yuan(view.required - view.balance)}`;
  return html`<${Card} title="投标保证金">
    <${RefusalBox} error=${account.error} />
    ${
      !view &&
      !account.loading &&
      html`<p>
          报名后开设本标段的保证金虚拟子账户：子账号为随机号码，不含贵单位或标段的任何信息，银行流水也看不出谁报了名（法22）。
        </p>
        <button type="button" disabled=${open.busy} onClick=${() => open.run()}>开设保证金子账户</button>
        <${RefusalBox} error=${open.error} />`
    }
    ${
      view &&
      html`<dl class="facts">
          <dt>缴纳账号（虚拟子账号）</dt>
          <dd><code class="account-number" data-bond-number>${grouped(view.subAccount.number)}</code></dd>
          <dt>开设于</dt>
          <dd>${beijing(view.subAccount.openedAt)}</dd>
          <dt>应缴保证金</dt>
          <dd>${yuan(view.required)}</dd>
          <dt>子账户余额</dt>
          <dd>${yuan(view.balance)}</dd>
          <dt>状态</dt>
          <dd>${standing}</dd>
        </dl>
        <p>请通过银行转账将保证金汇入交易中心保证金专户的上述子账号；到账以交易中心导入的银行对账单为准。</p>
        ${
          view.guarantee &&
          html`<p class="verified" role="status">
            ${`✔ 电子保函已登记：${view.guarantee.issuer}，编号 `}<code>${view.guarantee.number}</code>${`，金额 ${yuan(view.guarantee.amount)}，有效期 ${view.guarantee.validFrom} 至 ${view.guarantee.validUntil}（登记于 ${beijing(view.guarantee.recordedAt)}）。`}
          </p>`
        }
        <h3>以电子保函代替现金保证金</h3>
        <p>
          金额不超过估算价的
          2%、不少于应缴保证金，有效期至少与投标有效期相同（条例26）；投标截止前可以新保函替换。
        </p>
        <form
          class="grid-form"
          onSubmit=${(e: Event) => {
            e.preventDefault();
            void record.run(form);
          }}
        >
          ${field('issuer', '出具保函的银行或保险机构')} ${field('number', '保函编号')}
          ${field('amount', '保函金额（元）', {
            inputmode: 'decimal',
            invalid: (form.amount !== '' && amount === undefined) || refused === 'amount',
            hint: amountHint(form.amount, '20,000.00'),
          })}
          ${field('validFrom', '有效期起', { type: 'date' })}
          ${field('validUntil', '有效期止', { type: 'date' })}
          <button type="submit" disabled=${record.busy}>登记电子保函</button>
        </form>
        <${RefusalBox} error=${record.error} />
        <h3>退还</h3>
        ${
          view.refunds.length === 0
            ? html`<p>暂无退款。撤回投标后 5 日内（条例35）、签订合同后 5 日内（条例57）退还。</p>`
            : html`<${RefundTable} refunds=${view.refunds} caption="本标段保证金的退款" />`
        }`
    }
  <//>`;
};
