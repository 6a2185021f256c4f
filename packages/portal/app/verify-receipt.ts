import {
  anchoringEntries,
  httpLogClient,
  PlatformFault,
  processLogPagePath,
  readPublishedProcessLog,
  VerificationFailed,
} from '../../audit-log';
import { Receipt, verifyReceiptInclusion } from '../../bidding';
import { api, ApiError } from './api';

export interface ReceiptInclusion {
  receipt: Receipt;
  /** The receipt's entry in the tender's process log. */
  index: number;
  entries: number;
  anchors: number;
}

/**
 * Checks a saved receipt after the opening, in the browser, with the code the CLI runs: the
 * platform's signature on its promise; the tender's published process log, page after page,
 * against every anchor and each public entry that carries one (each proven in the signed
 * checkpoint first); and the promised entry in it, under the final anchor. Throws naming what
 * does not hold; before the opening, that the log is not public yet.
 */
export const verifyReceiptFile = async (
  text: string,
  tenderId: string,
  onProgress: (fraction: number) => void,
): Promise<ReceiptInclusion> => {
  let receipt: Receipt;
  try {
    receipt = Receipt.parse(JSON.parse(text));
  } catch {
    throw new Error('所选文件不是平台的投标回执（JSON）。');
  }
  if (receipt.tenderId !== tenderId)
    throw new Error(`该回执属于标段 ${receipt.tenderId}，不是本标段 ${tenderId}。`);
  const { verifierKey } = await api<{ verifierKey: string }>('GET', '/audit/public-key');
  const logPath = `/tenders/${tenderId}/process-log`;
  try {
    const published = await readPublishedProcessLog((cursor) =>
      api('GET', processLogPagePath(logPath, cursor)),
    );
    onProgress(0.2);
    const cited = await anchoringEntries(httpLogClient(location.origin), published, verifierKey, (n, of) =>
      onProgress(0.2 + (0.8 * n) / of),
    );
    const { index } = verifyReceiptInclusion(receipt, published, verifierKey, cited);
    onProgress(1);
    return { receipt, index, entries: published.entries.length, anchors: published.anchors.length };
  } catch (error) {
    if (error instanceof ApiError && error.refusal.status === 404)
      throw new Error('开标前过程日志不公开（法22）：开标后再核验回执是否被收录。');
    // Pages that do not add up, an anchor's entry that is not in the log, a promise not kept.
    if (error instanceof PlatformFault || error instanceof VerificationFailed)
      throw new Error(`平台失信的证据（请保存回执，向监管部门投诉）：${error.message}`);
    throw error;
  }
};
