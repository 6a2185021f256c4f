import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  assertLawfulAuctionSchedule,
  DealKindCode,
  dealKindCodes,
  dealKindOf,
  reserveCommitment,
  ReserveOpening,
} from '../../../auctions';
import { DomainError } from '../../../kernel';
import { calendarFor } from '../../../legal-rules';
import { api, saveFile } from '../api';
import { amountHint, fenOf, instantOfLocal, localOfInstant } from '../format';
import { Card, Field, RefusalBox, SelectField, useAction } from '../ui';

const DAY = 86_400_000;

/** What each deal kind is called. */
export const kindNames: Record<DealKindCode, string> = {
  'land-listing': '国有建设用地使用权挂牌出让',
  'land-auction': '国有建设用地使用权拍卖出让',
  'mining-listing': '采矿权挂牌出让',
  'mining-auction': '采矿权拍卖出让',
  'property-auction': '企业国有产权网络竞价',
};

interface Form {
  kind: DealKindCode;
  title: string;
  sellerOrg: string;
  startingPrice: string;
  increment: string;
  bond: string;
  /** Empty: no reserve (无底价). */
  reserve: string;
  applicationsCloseAt: string;
  opensAt: string;
  listingClosesAt: string;
}

/** Bidding five weeks on at 10:00 Beijing time: past any kind's announcement period, working days included. */
const blankForm = (): Form => {
  const opens = new Date(
    `${localOfInstant(new Date(Date.now() + 35 * DAY).toISOString()).slice(0, 10)}T10:00:00+08:00`,
  );
  return {
    kind: 'land-listing',
    title: '',
    sellerOrg: '',
    startingPrice: '',
    increment: '',
    bond: '',
    reserve: '',
    applicationsCloseAt: localOfInstant(new Date(opens.getTime() - 2 * DAY).toISOString()),
    opensAt: localOfInstant(opens.toISOString()),
    listingClosesAt: localOfInstant(new Date(opens.getTime() + 14 * DAY).toISOString()),
  };
};

const scheduleOf = (form: Form) => ({
  applicationsCloseAt: instantOfLocal(form.applicationsCloseAt),
  opensAt: instantOfLocal(form.opensAt),
  ...(dealKindOf(form.kind).listing ? { listingClosesAt: instantOfLocal(form.listingClosesAt) } : {}),
});

/** The schedule checked as it is typed against the deal kind's rows, as the API checks it (令39, 令32). */
const useScheduleCheck = (form: Form): Record<string, string> => {
  const [issues, setIssues] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    const check = async () => {
      const { opensAt, listingClosesAt } = scheduleOf(form);
      if (!opensAt) return setIssues({ opensAt: '请填写竞价开始时间（北京时间）' });
      const announcedAt = new Date().toISOString();
      const calendar = await calendarFor(
        { store: { calendar: (year) => api('GET', `/calendar/${year}`) as never } },
        announcedAt,
        listingClosesAt ?? opensAt,
      );
      try {
        assertLawfulAuctionSchedule(
          dealKindOf(form.kind),
          { announcedAt, opensAt, listingClosesAt },
          calendar,
        );
        if (live) setIssues({});
      } catch (error) {
        if (!(error instanceof DomainError) || !live) return;
        setIssues({ [error.details.field ?? 'opensAt']: `${error.message}（${error.details.rule}）` });
      }
    };
    check().catch(() => live && setIssues({}));
    return () => {
      live = false;
    };
  }, [JSON.stringify(form)]);
  return issues;
};

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Staff announce a listing or an auction (出让公告、信息披露). The reserve (底价) is sealed in this
 * browser: a fresh salt, and only the commitment is sent; the reserve and its salt are saved first
 * as the file `sunlit auction seal-reserve` writes, which opens the result at the close.
 */
export const AnnounceAuction = () => {
  const [form, setForm] = useState(blankForm);
  const set = (key: keyof Form) => (value: string) => setForm({ ...form, [key]: value });
  const issues = useScheduleCheck(form);
  const listing = !!dealKindOf(form.kind).listing;
  // One seal an attempt: a retry of the same form sends the same commitment, and saves no second file.
  const sealed = useRef<{ key: string; opening: ReserveOpening }>();
  const announce = useAction(async (key, typed: Form) => {
    const amounts = {
      startingPriceFen: fenOf(typed.startingPrice),
      incrementFen: fenOf(typed.increment),
      bondFen: fenOf(typed.bond),
    };
    const unreadable = Object.entries(amounts).find(([, fen]) => fen === undefined);
    if (unreadable) throw new Error(`请以元为单位填写金额（${unreadable[0]}）。`);
    const reserveFen = typed.reserve.trim() === '' ? null : fenOf(typed.reserve);
    if (reserveFen === undefined) throw new Error('底价请以元为单位填写，或留空表示无底价。');
    if (sealed.current?.key !== key) {
      const opening = { reserveFen, salt: hex(crypto.getRandomValues(new Uint8Array(32))) };
      saveFile(
        `reserve-${reserveCommitment(opening).slice(0, 12)}.json`,
        `${JSON.stringify(opening, null, 2)}\n`,
        'application/json',
      );
      sealed.current = { key, opening };
    }
    const auction = await api<{ id: string }>('POST', '/auctions', {
      key,
      body: {
        kind: typed.kind,
        title: typed.title,
        sellerOrg: typed.sellerOrg,
        ...amounts,
        ...scheduleOf(typed),
        reserveCommitment: reserveCommitment(sealed.current.opening),
      },
    });
    location.hash = `#/auctions/${auction.id}`;
    return auction;
  });
  const field = (key: keyof Form, label: string, extra: Record<string, unknown> = {}) =>
    html`<${Field}
      label=${label}
      name=${key}
      value=${form[key]}
      onInput=${set(key)}
      invalid=${!!issues[key]}
      hint=${issues[key]}
      ...${extra}
    />`;
  const amount = (key: keyof Form, label: string, note?: string) =>
    field(key, label, {
      inputmode: 'decimal',
      hint: form[key] === '' && note ? note : amountHint(form[key]),
    });
  return html`<${Card} title="发布出让公告（挂牌、拍卖、网络竞价）">
    <form onSubmit=${(e: Event) => (e.preventDefault(), void announce.run(form))}>
      <${SelectField}
        label="交易类别"
        name="kind"
        value=${form.kind}
        options=${Object.fromEntries(dealKindCodes.map((code) => [code, kindNames[code]]))}
        onChange=${(kind: DealKindCode) => setForm({ ...form, kind })}
      />
      ${field('title', '标的名称', { required: true })}
      ${field('sellerOrg', '出让人（转让方）机构编号', { required: true, placeholder: 'ORG-…' })}
      ${amount('startingPrice', '起始价（元）')} ${amount('increment', '加价幅度（元）')}
      ${amount('bond', '竞买保证金（元）')}
      ${amount('reserve', '底价（元）', '留空表示无底价；底价只在本浏览器中封存，平台只收到其承诺值')}
      ${field('applicationsCloseAt', '报名截止（北京时间）', { type: 'datetime-local' })}
      ${field('opensAt', '竞价开始（北京时间）', { type: 'datetime-local' })}
      ${listing && field('listingClosesAt', '挂牌截止（北京时间）', { type: 'datetime-local' })}
      <button type="submit" disabled=${announce.busy}>封存底价并发布公告</button>
      <p><small>提交前，浏览器先保存底价文件（底价与随机盐）：请妥善保管，公布结果时用它开启底价。</small></p>
      <${RefusalBox} error=${announce.error} />
    </form>
  <//>`;
};
