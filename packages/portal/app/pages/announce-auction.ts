import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
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
import { api, hexOf, saveFile } from '../api';
import { amountHint, fenOf, instantOfLocal, localOfInstant } from '../format';
import { Card, Field, FileField, RefusalBox, SelectField, useAction } from '../ui';

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
      const { applicationsCloseAt, opensAt, listingClosesAt } = scheduleOf(form);
      if (!opensAt) return setIssues({ opensAt: '请填写竞价开始时间（北京时间）' });
      if (!applicationsCloseAt) {
        return setIssues({ applicationsCloseAt: '请填写报名截止时间（北京时间）' });
      }
      const announcedAt = new Date().toISOString();
      const calendar = await calendarFor(
        { store: { calendar: (year) => api('GET', `/calendar/${year}`) as never } },
        announcedAt,
        listingClosesAt ?? opensAt,
      );
      try {
        assertLawfulAuctionSchedule(
          dealKindOf(form.kind),
          { announcedAt, applicationsCloseAt, opensAt, listingClosesAt },
          calendar,
        );
        if (live) setIssues({});
      } catch (error) {
        if (!(error instanceof DomainError) || !live) return;
        // The API names body fields (`body.applicationsCloseAt`); the form, its own.
        const field = (error.details.field ?? 'opensAt').replace(/^body\./, '');
        setIssues({
          [field]: error.details.rule ? `${error.message}（${error.details.rule}）` : error.message,
        });
      }
    };
    check().catch(() => live && setIssues({}));
    return () => {
      live = false;
    };
  }, [JSON.stringify(form)]);
  return issues;
};

/** A sealed reserve: its opening (reserve and salt), the commitment the platform gets, and whether its saved file was read back. */
interface Seal {
  reserveText: string;
  opening: ReserveOpening;
  commitment: string;
  confirmed: boolean;
}

const saveSeal = (seal: Seal) =>
  saveFile(
    `reserve-${seal.commitment.slice(0, 12)}.json`,
    `${JSON.stringify(seal.opening, null, 2)}\n`,
    'application/json',
  );

/**
 * Staff announce a listing or an auction (出让公告、信息披露). The reserve (底价) is sealed in this
 * browser with a fresh salt and saved as the file `sunlit auction seal-reserve` writes; staff choose
 * the saved file again, and only once it opens the commitment is the announcement sent, carrying
 * the commitment alone. The seal names the Idempotency-Key, so one seal is one announcement: a
 * resend after a lost answer, edited or not, never announces a second auction under it.
 */
export const AnnounceAuction = () => {
  const [form, setForm] = useState(blankForm);
  const set = (key: keyof Form) => (value: string) => setForm({ ...form, [key]: value });
  const issues = useScheduleCheck(form);
  const listing = !!dealKindOf(form.kind).listing;
  const [seal, setSeal] = useState<Seal>();
  // A seal of another reserve than the one typed now is no seal.
  const current = seal?.reserveText === form.reserve ? seal : undefined;
  const sealReserve = useAction(async () => {
    const reserveFen = form.reserve.trim() === '' ? null : fenOf(form.reserve);
    if (reserveFen === undefined) throw new Error('底价请以元为单位填写，或留空表示无底价。');
    const opening = { reserveFen, salt: hexOf(crypto.getRandomValues(new Uint8Array(32))) };
    const sealed = {
      reserveText: form.reserve,
      opening,
      commitment: reserveCommitment(opening),
      confirmed: false,
    };
    saveSeal(sealed);
    setSeal(sealed);
  });
  const confirm = useAction(async (_key, file: File) => {
    let opened: ReserveOpening;
    try {
      opened = JSON.parse(await file.text()) as ReserveOpening;
    } catch {
      throw new Error(`${file.name} 不是底价文件（JSON）。`);
    }
    if (!current || reserveCommitment(opened) !== current.commitment)
      throw new Error(`${file.name} 不是刚封存的底价文件：其承诺值与待发布的不符。`);
    setSeal({ ...current, confirmed: true });
  });
  const announce = useAction(async (_key, typed: Form, sealed: Seal) => {
    const amounts = {
      startingPriceFen: fenOf(typed.startingPrice),
      incrementFen: fenOf(typed.increment),
      bondFen: fenOf(typed.bond),
    };
    const labels = { startingPriceFen: '起始价', incrementFen: '加价幅度', bondFen: '竞买保证金' };
    const unreadable = (Object.keys(amounts) as (keyof typeof amounts)[]).find(
      (k) => amounts[k] === undefined,
    );
    if (unreadable) throw new Error(`请以元为单位填写${labels[unreadable]}。`);
    const auction = await api<{ id: string }>('POST', '/auctions', {
      key: `announce-${sealed.commitment}`,
      body: {
        kind: typed.kind,
        title: typed.title,
        sellerOrg: typed.sellerOrg,
        ...amounts,
        ...scheduleOf(typed),
        reserveCommitment: sealed.commitment,
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
  const ready = current?.confirmed && Object.keys(issues).length === 0;
  return html`<${Card} title="发布出让公告（挂牌、拍卖、网络竞价）">
    <form onSubmit=${(e: Event) => (e.preventDefault(), ready && void announce.run(form, current))}>
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
      <h3>1. 封存底价</h3>
      ${
        current
          ? html`<p>
              已封存，承诺值 <code class="hash">${current.commitment}</code>
              <button type="button" class="secondary" onClick=${() => saveSeal(current)}>
                再次下载底价文件
              </button>
            </p>`
          : html`<p>
              <button type="button" disabled=${sealReserve.busy} onClick=${() => sealReserve.run()}>
                封存底价并保存底价文件
              </button>
              ${seal && html`<small>底价已修改，请重新封存。</small>`}
            </p>`
      }
      <${RefusalBox} error=${sealReserve.error} />
      <h3>2. 确认已保存底价文件</h3>
      ${
        current?.confirmed
          ? html`<p class="verified">✔ 底价文件已确认：公布结果时用它开启底价。</p>`
          : html`<${FileField}
              label="选择刚保存的底价文件（只在本浏览器中读取）"
              name="savedReserve"
              accept=".json,application/json"
              onFile=${(file?: File) => file && void confirm.run(file)}
            />`
      }
      <${RefusalBox} error=${confirm.error} />
      <h3>3. 发布</h3>
      <button type="submit" disabled=${announce.busy || !ready}>发布公告</button>
      <p><small>公告只带底价的承诺值；同一次封存只能发布一次公告，重发不会重复发布。</small></p>
      <${RefusalBox} error=${announce.error} />
    </form>
  <//>`;
};
