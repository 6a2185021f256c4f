import { ExpertImportCard } from './expert-import';
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { DomainError } from '../../../kernel';
import { assertLawfulSchedule, calendarFor, TenderSchedule } from '../../../legal-rules';
import {
  assertLawfulProcedure,
  procedureOf,
  ProcedureCode,
  procedures,
  scheduleRulesOf,
} from '../../../procedures';
import { api, upload } from '../api';
import { amountHint, fenOf, instantOfLocal, localOfInstant, size, yuan } from '../format';
import { Card, Field, Progress, RefusalBox, useAction } from '../ui';
import { CasesCard } from './cases';
import type { TenderView } from './tender';

const MINE = 'sunlit.staff.tenders';

/** Tenders created in this browser, so staff find their drafts again (the API lists none). */
const myTenders = (): { id: string; name: string }[] => JSON.parse(localStorage.getItem(MINE) ?? '[]');
const remember = (tender: { id: string; name: string }) =>
  localStorage.setItem(
    MINE,
    JSON.stringify([tender, ...myTenders().filter((t) => t.id !== tender.id)].slice(0, 50)),
  );

const projectTypes: Record<string, string> = {
  works: '工程建设',
  goods: '货物',
  services: '服务',
  land: '土地',
  'state-property': '国有产权',
};

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** A lawful schedule to start from: documents from the next full hour for 8 days, bids for 22. */
const fromNextHour = (days: number) =>
  localOfInstant(new Date((Math.floor(Date.now() / HOUR) + 1) * HOUR + days * DAY).toISOString());

/** The form as typed: every value a string, so nothing the user typed is ever reshaped or lost. */
const blankForm = () => ({
  projectName: '',
  projectType: 'works',
  tendererOrg: 'ORG-TENDERER-1',
  agencyOrg: 'ORG-AGENCY-1',
  estimatedPrice: '',
  tenderName: '第一标段',
  procedure: 'open-tendering',
  /** 邀请招标: the invited organisations, one per line (法17). */
  invitedBidders: '',
  /** 单一来源: the ground, the one supplier and the reasons (政府采购法31, 74号令38). */
  singleSourceGround: 'only-source',
  singleSourceSupplier: '',
  singleSourceReasons: '',
  documentsFrom: fromNextHour(0),
  documentsTo: fromNextHour(8),
  bidDeadline: fromNextHour(22),
  openingPlace: '市公共资源交易中心 第一开标室',
  bidBond: '20000',
  bidValidityDays: '90',
});
type Form = ReturnType<typeof blankForm>;

const scheduleOf = (form: Form) => ({
  documentsFrom: instantOfLocal(form.documentsFrom) ?? form.documentsFrom,
  documentsTo: instantOfLocal(form.documentsTo) ?? form.documentsTo,
  bidDeadline: instantOfLocal(form.bidDeadline) ?? form.bidDeadline,
  openingPlace: form.openingPlace,
  bidBond: fenOf(form.bidBond) ?? Number.NaN,
  bidValidityDays: Number(form.bidValidityDays),
});

const singleSourceGrounds: Record<string, string> = {
  'only-source': '只能从唯一供应商处采购',
  emergency: '发生了不可预见的紧急情况',
  consistency: '须保证原有采购项目一致性或服务配套',
};

/** What the tender says of its procedure, as the API takes it: only what the chosen procedure uses. */
const termsOf = (form: Form) => {
  const code = ProcedureCode.safeParse(form.procedure).data ?? 'open-tendering';
  const { invitation, justification } = procedureOf(code);
  const invited = form.invitedBidders.split(/[\s,，、]+/).filter(Boolean);
  return {
    procedure: code,
    ...(invitation ? { invitedBidders: invited } : {}),
    ...(justification
      ? {
          singleSource: {
            ground: form.singleSourceGround as 'only-source',
            supplier: form.singleSourceSupplier.trim(),
            reasons: form.singleSourceReasons,
          },
        }
      : {}),
  };
};

/**
 * The schedule checked as it is typed, by the very rules the API applies (legal-rules, bundled):
 * field → messages, each naming its article. The API checks again on submit.
 */
const useScheduleCheck = (form: Form): Record<string, string[]> => {
  const [issues, setIssues] = useState<Record<string, string[]>>({});
  useEffect(() => {
    let live = true;
    const check = async () => {
      const found: Record<string, string[]> = {};
      const add = (field: string, message: string) => (found[field] ??= []).push(message);
      const parsed = TenderSchedule.safeParse(scheduleOf(form));
      if (!parsed.success) {
        for (const issue of parsed.error.issues) add(`schedule.${issue.path.join('.')}`, issue.message);
      } else {
        const calendar = await calendarFor(
          { store: { calendar: (year) => api('GET', `/calendar/${year}`) as never } },
          parsed.data.documentsFrom,
          parsed.data.bidDeadline,
        );
        const estimatedPrice = fenOf(form.estimatedPrice) ?? 1;
        const terms = termsOf(form);
        try {
          assertLawfulSchedule(
            parsed.data,
            { estimatedPrice, now: new Date(), rules: scheduleRulesOf(procedureOf(terms.procedure)) },
            calendar,
          );
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          for (const issue of error.details.issues ?? []) add(issue.field, issue.message);
        }
        // The catalog's check (目录统一): the procedure lawful for the project's kind and amount, and its terms.
        try {
          assertLawfulProcedure({ kind: form.projectType as 'works', estimatedPrice }, terms);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const rule = error.details.rule ? `（${error.details.rule}）` : '';
          add(error.details.field ?? 'body.procedure', `${error.message}${rule}`);
        }
      }
      if (live) setIssues(found);
    };
    check().catch(() => live && setIssues({}));
    return () => {
      live = false;
    };
  }, [JSON.stringify(form)]);
  return issues;
};

/** Staff: register and accept a project, then create a tender on it. */
export const StaffHome = () => {
  const [form, setForm] = useState(blankForm);
  const set = (key: keyof Form) => (value: string) => setForm({ ...form, [key]: value });
  const issues = useScheduleCheck(form);
  const hint = (key: keyof Form, fallback: string) => issues[`schedule.${key}`]?.join('；') ?? fallback;
  // A schedule field: flagged with the rule it breaks as it is typed, else its note.
  const scheduleField = (
    key: keyof Form,
    label: string,
    { type, inputmode, note = '' }: { type?: string; inputmode?: string; note?: string } = {},
  ) =>
    html`<${Field}
      label=${label}
      name=${key}
      type=${type}
      inputmode=${inputmode}
      value=${form[key]}
      onInput=${set(key)}
      invalid=${!!issues[`schedule.${key}`]}
      hint=${hint(key, note)}
    />`;
  // A project registered by an attempt the API then refused at the tender is reused, not registered twice.
  const registered = useRef<{ fields: string; id: string }>();
  const create = useAction(async (key, typed: Form) => {
    const fields = {
      name: typed.projectName,
      type: typed.projectType,
      tendererOrg: typed.tendererOrg,
      agencyOrg: typed.agencyOrg || undefined,
      stateFunded: true,
      estimatedPrice: fenOf(typed.estimatedPrice) ?? Number.NaN,
    };
    if (registered.current?.fields !== JSON.stringify(fields)) {
      const project = await api<{ id: string }>('POST', '/projects', { key: `${key}-project`, body: fields });
      await api('POST', `/projects/${project.id}/accept`, { key: `${key}-accept` });
      registered.current = { fields: JSON.stringify(fields), id: project.id };
    }
    const project = { id: registered.current.id };
    const tender = await api<{ id: string; name: string }>('POST', `/projects/${project.id}/tenders`, {
      key: `${key}-tender`,
      body: { name: typed.tenderName, ...termsOf(typed), schedule: scheduleOf(typed) },
    });
    remember({ id: tender.id, name: `${typed.projectName} — ${tender.name}` });
    location.hash = `#/tenders/${tender.id}`;
    return tender;
  });
  const price = fenOf(form.estimatedPrice);
  const bond = fenOf(form.bidBond);
  return html`<div>
    <${Card} title="我经办的标段">
      <ul>
        ${myTenders().map((t) => html`<li><a href=${`#/tenders/${t.id}`}>${t.name}</a> <code>${t.id}</code></li>`)}
      </ul>
      ${myTenders().length === 0 && html`<p>尚无。在下方登记项目并创建标段。</p>`}
    <//>
    <${CasesCard} role="staff" />
    <${Card} title="进场登记并创建标段">
      <form
        class="grid-form"
        onSubmit=${(event: Event) => {
          event.preventDefault();
          void create.run(form);
        }}
      >
        <${Field}
          label="项目名称"
          name="projectName"
          value=${form.projectName}
          onInput=${set('projectName')}
          required
        />
        <div class="field">
          <label for="projectType">项目类型</label>
          <select
            id="projectType"
            value=${form.projectType}
            onChange=${(e: Event) => set('projectType')((e.target as HTMLSelectElement).value)}
          >
            ${Object.entries(projectTypes).map(([value, name]) => html`<option value=${value}>${name}</option>`)}
          </select>
        </div>
        <${Field}
          label="招标人（单位编号）"
          name="tendererOrg"
          value=${form.tendererOrg}
          onInput=${set('tendererOrg')}
        />
        <${Field}
          label="招标代理（单位编号）"
          name="agencyOrg"
          value=${form.agencyOrg}
          onInput=${set('agencyOrg')}
        />
        <${Field}
          label="估算价（元）"
          name="estimatedPrice"
          value=${form.estimatedPrice}
          onInput=${set('estimatedPrice')}
          inputmode="decimal"
          required
          invalid=${form.estimatedPrice !== '' && price === undefined}
          hint=${amountHint(form.estimatedPrice)}
        />
        <${Field}
          label="标段名称"
          name="tenderName"
          value=${form.tenderName}
          onInput=${set('tenderName')}
          required
        />
        <div class=${`field${issues['body.procedure'] ? ' invalid' : ''}`}>
          <label for="procedure">采购方式</label>
          <select
            id="procedure"
            value=${form.procedure}
            aria-describedby="procedure-hint"
            onChange=${(e: Event) => set('procedure')((e.target as HTMLSelectElement).value)}
          >
            ${Object.values(procedures).map(
              (p) => html`<option value=${p.code}>${p.name}（${p.law}）</option>`,
            )}
          </select>
          <small id="procedure-hint">
            ${issues['body.procedure']?.join('；') ?? html`各方式的期限与法条见 <a href="#/procedures">采购方式</a>`}
          </small>
        </div>
        ${
          procedureOf(termsOf(form).procedure).invitation &&
          html`<div class=${`field${issues['body.invitedBidders'] ? ' invalid' : ''}`}>
            <label for="invitedBidders">受邀投标人（单位编号，每行一个）</label>
            <textarea
              id="invitedBidders"
              value=${form.invitedBidders}
              aria-describedby="invitedBidders-hint"
              onInput=${(e: Event) => set('invitedBidders')((e.target as HTMLTextAreaElement).value)}
            ></textarea>
            <small id="invitedBidders-hint"
              >${issues['body.invitedBidders']?.join('；') ?? '不少于三家'}</small
            >
          </div>`
        }
        ${
          procedureOf(termsOf(form).procedure).justification &&
          html`<div class=${`field${issues['body.singleSource'] ? ' invalid' : ''}`}>
              <label for="singleSourceGround">单一来源的理由</label>
              <select
                id="singleSourceGround"
                value=${form.singleSourceGround}
                onChange=${(e: Event) => set('singleSourceGround')((e.target as HTMLSelectElement).value)}
              >
                ${Object.entries(singleSourceGrounds).map(([value, name]) => html`<option value=${value}>${name}</option>`)}
              </select>
              <small>${issues['body.singleSource']?.join('；') ?? '政府采购法第三十一条'}</small>
            </div>
            <${Field}
              label="唯一供应商（单位编号）"
              name="singleSourceSupplier"
              value=${form.singleSourceSupplier}
              onInput=${set('singleSourceSupplier')}
            />
            <${Field}
              label="公示的理由说明"
              name="singleSourceReasons"
              value=${form.singleSourceReasons}
              onInput=${set('singleSourceReasons')}
            />`
        }
        ${scheduleField('documentsFrom', '招标文件发售起（北京时间）', { type: 'datetime-local', note: '自公告发布之日起' })}
        ${scheduleField('documentsTo', '招标文件发售止（北京时间）', { type: 'datetime-local' })}
        ${scheduleField('bidDeadline', '投标截止（开标）时间（北京时间）', { type: 'datetime-local' })}
        ${scheduleField('openingPlace', '开标地点')}
        ${scheduleField('bidBond', '投标保证金（元）', {
          inputmode: 'decimal',
          note: bond === undefined ? '' : `即 ${yuan(bond)}`,
        })}
        ${scheduleField('bidValidityDays', '投标有效期（日）', { type: 'number' })}
        <p aria-live="polite" class=${Object.keys(issues).length ? 'warning' : 'ok'}>
          ${Object.keys(issues).length ? `尚不合规：${Object.values(issues).flat().length} 处` : '✔ 采购方式与时间安排符合规则'}
        </p>
        <button type="submit" disabled=${create.busy}>登记并创建标段</button>
      </form>
      <${RefusalBox} error=${create.error} />
    <//>
    <${ExpertImportCard} />
  </div>`;
};

/** Staff on a tender: upload documents with progress, publish. */
export const StaffTenderPanel = ({ tender, onChange }: { tender: TenderView; onChange: () => void }) => {
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  const send = useAction(async (key, name: string) => {
    if (!file) throw new Error('请选择文件。');
    const slot = await api<{
      documentId: string;
      version: number;
      uploadUrl: string;
      headers: Record<string, string>;
    }>('POST', `/tenders/${tender.id}/documents`, {
      key,
      body: { fileName: name, contentType: file.type || 'application/octet-stream' },
    });
    setProgress(0);
    await upload(slot.uploadUrl, new Uint8Array(await file.arrayBuffer()), slot.headers, setProgress);
    await api('POST', `/tenders/${tender.id}/documents/${slot.documentId}/versions/${slot.version}/confirm`, {
      key: `${key}-confirm`,
    });
    onChange();
    return name;
  });
  const publish = useAction(async (key) => {
    await api('POST', `/tenders/${tender.id}/publish`, { key });
    onChange();
    return true;
  });
  return html`<${Card} title="交易中心操作">
    ${
      tender.drafts &&
      tender.drafts.length > 0 &&
      html`<p>
        待发布的文件：${tender.drafts.map((d) => `${d.fileName}（第 ${d.version} 版，${d.status === 'stored' ? '已上传' : '待上传'}）`).join('、')}
      </p>`
    }
    ${
      tender.status === 'draft' &&
      html`<form onSubmit=${(e: Event) => (e.preventDefault(), void send.run(file?.name ?? ''))}>
          <div class="field">
            <label for="tenderDocument">上传招标文件</label>
            <input
              id="tenderDocument"
              type="file"
              onChange=${(e: Event) => setFile((e.target as HTMLInputElement).files?.[0])}
            />
            ${file && html`<small>${file.name}（${size(file.size)}）</small>`}
          </div>
          <button type="submit" disabled=${send.busy || !file}>上传</button>
          <${Progress} label="上传" value=${send.busy ? progress : undefined} />
        </form>
        ${send.result && html`<p role="status">✔ ${send.result} 已上传并确认。</p>`}
        <${RefusalBox} error=${send.error} />
        <button type="button" disabled=${publish.busy} onClick=${() => publish.run()}>发布招标公告</button>
        <${RefusalBox} error=${publish.error} />`
    }
    ${
      tender.status === 'published' &&
      html`<p>已发布。${procedureOf(tender.procedure).sealedBids && '开标进度见下方「开标」。'}</p>`
    }
    ${tender.status === 'terminated' && html`<p>已终止，不再办理任何步骤。</p>`}
    <p><a href=${`#/venues?tender=${tender.id}`}>为本标段预约开标室或评标室</a></p>
  <//>`;
};
