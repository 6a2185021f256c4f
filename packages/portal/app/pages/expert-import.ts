import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { EXPERT_CSV_COLUMNS } from '../../../experts';
import { api, upload } from '../api';
import { Card, FileField, Progress, RefusalBox, Table, useAction } from '../ui';

/**
 * 评标专家库导入 on the staff home: a CSV or JSON file chosen on the staff member's machine goes
 * straight to storage (with progress), then the import runs in the background: every row is
 * validated and the pool changes all at once or not at all. The page follows the import and shows
 * how far it got, and a rejected file's rows by number, field and rule.
 */

interface ExpertImport {
  id: string;
  status: 'awaiting-upload' | 'queued' | 'validating' | 'writing' | 'imported' | 'rejected' | 'failed';
  rows: number;
  written: number;
  rejected: { row: number; field: string; message: string }[];
  rejectedCount: number;
  added?: number;
  updated?: number;
  message?: string;
}

const finished = (job: ExpertImport) => ['imported', 'rejected', 'failed'].includes(job.status);

const statusNames: Record<ExpertImport['status'], string> = {
  'awaiting-upload': '等待上传',
  queued: '排队中',
  validating: '正在逐行校验',
  writing: '正在写入专家库',
  imported: '已导入',
  rejected: '未导入：文件有误',
  failed: '导入失败',
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long the page follows an import before it leaves it to a later visit. */
const FOLLOW_MS = 10 * 60_000;

export const ExpertImportCard = () => {
  const [file, setFile] = useState<File>();
  const [uploaded, setUploaded] = useState<number>();
  const [job, setJob] = useState<ExpertImport>();
  // Following stops when the page is left.
  const shown = useRef(true);
  useEffect(
    () => () => {
      shown.current = false;
    },
    [],
  );
  const run = useAction(async (key, _fileIdentity: string) => {
    if (!file) throw new Error('请选择专家名单文件（.csv 或 .json）。');
    const format = /\.json$/i.test(file.name) ? 'json' : 'csv';
    const slot = await api<{ import: ExpertImport; uploadUrl: string; headers: Record<string, string> }>(
      'POST',
      '/experts/imports',
      { key, body: { format, fileName: file.name } },
    );
    setJob(slot.import);
    setUploaded(0);
    await upload(slot.uploadUrl, new Uint8Array(await file.arrayBuffer()), slot.headers, setUploaded);
    let current = await api<ExpertImport>('POST', `/experts/imports/${slot.import.id}/run`, {
      key: `${key}-run`,
    });
    setUploaded(undefined);
    // The import runs in the background: follow it until it has finished, for a while at most.
    const until = Date.now() + FOLLOW_MS;
    while (!finished(current) && shown.current) {
      setJob(current);
      if (Date.now() > until)
        throw new Error(
          `导入 ${current.id} 仍在后台进行（${statusNames[current.status]}）；完成后专家库一次性更新，未完成则不作任何改动。`,
        );
      await pause(500);
      current = await api<ExpertImport>('GET', `/experts/imports/${slot.import.id}`);
    }
    setJob(current);
    return current;
  });
  const fileIdentity = file ? `${file.name}:${file.size}:${file.lastModified}` : '';
  return html`<${Card} title="评标专家库导入">
    <p>
      从本机选择专家名单（CSV 的表头：<code>${EXPERT_CSV_COLUMNS.join(',')}</code>；或 JSON
      数组）；每一行都校验通过才一次性导入，有任何一行不合格则不作任何改动。
    </p>
    <form onSubmit=${(event: Event) => (event.preventDefault(), void run.run(fileIdentity))}>
      <${FileField}
        label="专家名单文件"
        name="experts-file"
        accept=".csv,.json,text/csv,application/json"
        onFile=${setFile}
      />
      <button type="submit" disabled=${run.busy}>上传并导入</button>
    </form>
    ${run.busy && uploaded !== undefined && html`<${Progress} label="正在上传专家名单" value=${uploaded} />`}
    ${
      job &&
      html`<p role="status">
        导入 <code>${job.id}</code>：${statusNames[job.status]}
        ${job.status === 'writing' && job.rows > 0 && `（已写入 ${job.written} / ${job.rows} 行）`}
        ${job.status === 'imported' && `：共 ${job.rows} 行，新增 ${job.added ?? 0} 名，更新 ${job.updated ?? 0} 名。`}
        ${job.message && job.status !== 'imported' && html`<br />${job.message}`}
      </p>`
    }
    ${job?.status === 'writing' && job.rows > 0 && html`<${Progress} label="写入专家库" value=${job.written / job.rows} />`}
    ${
      job?.status === 'rejected' &&
      html`<${Table}
        caption=${`不合格的行（共 ${job.rejectedCount} 处${job.rejectedCount > job.rejected.length ? `，列出前 ${job.rejected.length} 处` : ''}）`}
        head=${['行号', '字段', '问题']}
        rows=${job.rejected.map((r) => [`第 ${r.row} 行`, html`<code>${r.field}</code>`, r.message])}
      />`
    }
    <${RefusalBox} error=${run.error} />
  <//>`;
};
