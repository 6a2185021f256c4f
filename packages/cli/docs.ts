import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { call, connect, parseCommand, progressLine } from './api-client';

const help = `Usage: sunlit docs download --tender ID --document ID [--out FILE] [--user bidder1 | --token T] [--url URL]

Downloads the current version of a tender document (register first), with progress, and checks
that the bytes received hash to the SHA-256 the platform recorded; exits non-zero if not.`;

export const docsCommand = {
  summary: 'download a tender document and check its hash (registered bidders)',
  async run(args: string[]): Promise<void> {
    const { values, positionals } = parseCommand(args, {
      tender: { type: 'string' },
      document: { type: 'string' },
      out: { type: 'string' },
    });
    if (values.help || positionals[0] !== 'download') return console.log(help);
    if (!values.tender || !values.document)
      throw new Error(`--tender and --document are required.\n\n${help}`);
    const connection = await connect(values);
    const link = await call<{ url: string; fileName: string; sha256: string; size: number; version: number }>(
      connection,
      'GET',
      `/tenders/${values.tender}/documents/${values.document}`,
    );
    // The platform's file name, never a path of its choosing.
    const out = path.resolve(values.out ?? path.basename(link.fileName));
    const response = await fetch(link.url);
    if (!response.ok || !response.body) throw new Error(`The download answered ${response.status}.`);
    const hash = createHash('sha256');
    const file = createWriteStream(out);
    const report = progressLine(`downloading ${link.fileName}`, link.size);
    let done = 0;
    for await (const chunk of response.body) {
      hash.update(chunk);
      if (!file.write(chunk)) await once(file, 'drain');
      report((done += chunk.length));
    }
    file.end();
    await once(file, 'finish');
    const sha256 = hash.digest('hex');
    if (sha256 !== link.sha256)
      throw new Error(`${out}: received bytes hash to ${sha256}, but the platform recorded ${link.sha256}.`);
    console.log(
      `saved ${out}: version ${link.version}, ${done} bytes, sha256 ${sha256} — matches the platform's record`,
    );
  },
};
