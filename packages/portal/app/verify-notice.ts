import canonicalize from 'canonicalize';
import { AuditEntry, httpLogClient, proveEntry } from '../../audit-log';

/** What the feed serves: the notice as published. */
export interface Notice {
  id: string;
  type: string;
  tenderId: string;
  projectId: string;
  title: string;
  publishedAt: string;
  body: Record<string, unknown>;
}

export interface NoticeProof {
  /** The log entry that published the notice. */
  index: number;
  action: string;
  /** The size of the signed checkpoint the entry is proven in. */
  logSize: number;
  /** The notice's fields that the entry records too, each found equal. */
  compared: string[];
  /** The log key came from the server, not pinned by the user. */
  keyFromServer: boolean;
}

const PAGE = 100;

/** The log records documents by id, version and hash; a notice shows more of each. */
const asRecorded = (key: string, value: unknown): unknown =>
  key === 'documents' && Array.isArray(value)
    ? value.map((d: { documentId: string; version: number; sha256: string }) => ({
        documentId: d.documentId,
        version: d.version,
        sha256: d.sha256,
      }))
    : value;

/** The entry whose subject names the notice, searched newest first (a notice is usually recent). */
const findEntry = async (
  client: ReturnType<typeof httpLogClient>,
  notice: Notice,
  onProgress: (fraction: number) => void,
): Promise<AuditEntry> => {
  const size = Number((await client.checkpoint()).split('\n')[1]);
  for (let end = size; end > 0; end -= PAGE) {
    const start = Math.max(0, end - PAGE);
    const { entries } = await client.entries(start, end);
    onProgress((size - start) / size / 2);
    const hit = entries.find(
      ({ entry }) => entry.subject.noticeId === notice.id && entry.subject.tenderId === notice.tenderId,
    );
    if (hit) return hit.entry;
  }
  throw new Error(`审计日志中没有发布公告 ${notice.id} 的记录。`);
};

/**
 * Verifies a notice in the browser: finds the log entry that published it, proves that entry is
 * in the tree of the signed checkpoint (the audit log's own verifier, bundled), and checks that
 * every field the entry records equals the notice's. Throws naming what does not hold.
 */
export const verifyNotice = async (
  notice: Notice,
  pinnedKey: string | undefined,
  onProgress: (fraction: number) => void,
): Promise<NoticeProof> => {
  const client = httpLogClient(location.origin);
  const found = await findEntry(client, notice, onProgress);
  const proven = await proveEntry(client, found.index, pinnedKey);
  onProgress(1);
  const compared: string[] = [];
  for (const [key, recorded] of Object.entries(proven.entry.data)) {
    if (!(key in notice.body)) continue;
    if (canonicalize(asRecorded(key, notice.body[key])) !== canonicalize(recorded))
      throw new Error(`公告的「${key}」与审计日志记录不一致（日志第 ${found.index} 条）。`);
    compared.push(key);
  }
  return {
    index: found.index,
    action: proven.entry.action,
    logSize: proven.checkpoint.size,
    compared,
    keyFromServer: proven.keyFromServer,
  };
};
