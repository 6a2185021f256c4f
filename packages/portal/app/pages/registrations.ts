import { html } from 'htm/preact';
import { api } from '../api';
import { beijing } from '../format';
import { Card, RefusalBox, Table, useLoad } from '../ui';

/**
 * 报名与下载 on a tender's page, for the regulator only (the API refuses anyone else): who
 * registered and who downloaded which document version, confidential until the opening (法22).
 */

interface Registrations {
  registrations: { bidderOrg: string; user: string; registeredAt: string }[];
  downloads: { bidderOrg?: string; user?: string; documentId?: string; version?: number; at?: string }[];
}

export const RegistrationsPanel = ({ tenderId }: { tenderId: string }) => {
  const seen = useLoad(() => api<Registrations>('GET', `/tenders/${tenderId}/registrations`), [tenderId]);
  const data = seen.data;
  return html`<${Card} title="报名与下载（监管可见，开标前保密，法22）">
    <${RefusalBox} error=${seen.error} />
    ${
      data &&
      html`<${Table}
          caption=${`报名的投标人（${data.registrations.length} 家）`}
          head=${['投标人', '报名人', '报名时间']}
          rows=${data.registrations.map((r) => [r.bidderOrg, r.user, beijing(r.registeredAt)])}
        />
        <${Table}
          caption=${`文件下载（${data.downloads.length} 次）`}
          head=${['投标人', '文件', '版本', '下载时间']}
          rows=${data.downloads.map((d) => [d.bidderOrg ?? '—', d.documentId ?? '—', d.version ?? '—', beijing(d.at)])}
        />`
    }
  <//>`;
};
