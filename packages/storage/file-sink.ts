import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Rendered, Sender } from '../notifications';

/**
 * A channel that delivers into a folder, one `<messageId>.json` per message: what the local
 * stack uses instead of SNS or SES, and what its tests read. Written whole, then renamed, so a
 * reader never sees half a message.
 */
export const fileSink =
  (folder: string): Sender =>
  async (rendered: Rendered, messageId: string) => {
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, `${messageId}.json`);
    await writeFile(`${file}.tmp`, JSON.stringify(rendered, null, 2));
    await rename(`${file}.tmp`, file);
  };
