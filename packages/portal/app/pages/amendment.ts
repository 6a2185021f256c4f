import { html } from 'htm/preact';
import { useRef, useState } from 'preact/hooks';
import { procedureOf } from '../../../procedures';
import { api, upload } from '../api';
import { usePlatformClock } from '../clock';
import { instantOfLocal, localOfInstant } from '../format';
import { Card, Field, FileField, Progress, RefusalBox, SelectField, TextField, useAction } from '../ui';
import type { TenderView } from './tender';

/**
 * 澄清/修改 on a published tender's page, before its deadline: staff write what changes, say
 * whether it may affect how bids are prepared, and may move the deadline and publish a new
 * version of a document (or a new one). The API checks the schedule and the period the procedure
 * leaves before the deadline (条例21, 74号令29…), and every registered bidder receives the notice.
 */

interface Slot {
  documentId: string;
  version: number;
  uploadUrl: string;
  headers: Record<string, string>;
}

/** `''` adds a new document; otherwise the published document the file is a new version of. */
type DocumentChoice = string;

export const AmendmentForm = ({ tender, onPublished }: { tender: TenderView; onPublished: () => void }) => {
  const { amendment } = procedureOf(tender.procedure);
  const [summary, setSummary] = useState('');
  const [affectsBids, setAffectsBids] = useState(false);
  const [deadline, setDeadline] = useState(localOfInstant(tender.schedule.bidDeadline));
  const [replaces, setReplaces] = useState<DocumentChoice>(tender.documents[0]?.documentId ?? '');
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  // Each published amendment starts the next from an empty form (the file input too).
  const [published, setPublished] = useState(0);
  // The version uploaded for this form, kept so a refused amendment is sent again with that same upload.
  const uploaded = useRef<{ identity: string; version: { documentId: string; version: number } }>();
  const movedTo = instantOfLocal(deadline);
  // Moved only when staff changed the minute shown: the stored deadline may carry seconds.
  const moved = deadline !== '' && deadline !== localOfInstant(tender.schedule.bidDeadline);
  const publish = useAction(async (key, body: Record<string, unknown>, fileIdentity: string) => {
    const documents = [];
    if (file) {
      if (uploaded.current?.identity !== fileIdentity) {
        const slot = await api<Slot>('POST', `/tenders/${tender.id}/documents`, {
          key: `${key}-document`,
          body: {
            fileName: file.name,
            contentType: file.type || 'application/octet-stream',
            ...(replaces ? { documentId: replaces } : {}),
          },
        });
        setProgress(0);
        await upload(slot.uploadUrl, new Uint8Array(await file.arrayBuffer()), slot.headers, setProgress);
        await api(
          'POST',
          `/tenders/${tender.id}/documents/${slot.documentId}/versions/${slot.version}/confirm`,
          {
            key: `${key}-confirm`,
          },
        );
        uploaded.current = {
          identity: fileIdentity,
          version: { documentId: slot.documentId, version: slot.version },
        };
      }
      documents.push(uploaded.current.version);
    }
    const { notice } = await api<{ notice: { title: string } }>('POST', `/tenders/${tender.id}/amendments`, {
      key,
      body: { ...body, documents },
    });
    setSummary('');
    setAffectsBids(false);
    setFile(undefined);
    uploaded.current = undefined;
    setPublished((n) => n + 1);
    onPublished();
    return notice.title;
  });
  const body = {
    summary,
    affectsBids,
    // A deadline the page cannot read goes as typed, which the API refuses naming the field.
    ...(moved ? { schedule: { ...tender.schedule, bidDeadline: movedTo ?? deadline } } : {}),
  };
  const fileIdentity = file ? `${file.name}:${file.size}:${file.lastModified}:${replaces}` : '';
  const choices: Record<string, string> = Object.fromEntries([
    ...tender.documents.map((d) => [d.documentId, `${d.fileName}（替换第 ${d.version} 版）`]),
    ['', '新增文件'],
  ]);
  // Past the deadline nothing can be amended (条例21): the form goes.
  const clock = usePlatformClock();
  if (!clock || clock.now() >= Date.parse(tender.schedule.bidDeadline)) return null;
  return html`<${Card} title="澄清与修改">
    <form onSubmit=${(event: Event) => (event.preventDefault(), void publish.run(body, fileIdentity))}>
      <${TextField}
        label="澄清或修改的内容"
        name="amendment-summary"
        value=${summary}
        onInput=${setSummary}
        required
      />
      <div class="field">
        <label>
          <input
            type="checkbox"
            name="amendment-affects-bids"
            checked=${affectsBids}
            onChange=${(event: Event) => setAffectsBids((event.target as HTMLInputElement).checked)}
          />
          可能影响投标文件编制
        </label>
        <small
          >${`可能影响投标文件编制的，须在投标截止前至少 ${amendment.value} ${amendment.days === 'working' ? '个工作日' : '日'}发出（${amendment.article}）；不足的，应顺延投标截止时间。提前截止时间的，一律视为影响投标。`}</small
        >
      </div>
      <${Field}
        label="投标截止时间（北京时间）"
        name="amendment-deadline"
        type="datetime-local"
        value=${deadline}
        onInput=${setDeadline}
        hint=${moved ? '截止时间将改为所填时间，开标室随之改约。' : '不改则保持原截止时间。'}
      />
      <${SelectField}
        label="修改后的文件"
        name="amendment-document"
        value=${replaces}
        options=${choices}
        onChange=${setReplaces}
      />
      <${FileField}
        key=${published}
        label="选择文件（可不选）"
        name="amendment-file"
        accept="*/*"
        onFile=${setFile}
      />
      ${progress !== undefined && publish.busy && html`<${Progress} label="正在上传文件" value=${progress} />`}
      <button type="submit" disabled=${publish.busy}>发布澄清/修改</button>
      ${publish.result && html`<p role="status">✔ 已发布：${publish.result}，已送达每个报名的投标人。</p>`}
      <${RefusalBox} error=${publish.error} />
    </form>
  <//>`;
};
