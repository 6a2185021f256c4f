import { OpeningView, verifyOpening } from '../bidding';
import { call, connect, parseCommand } from './api-client';

const help = `Usage: sunlit opening verify --tender ID [--url URL] [--data DIR]

Checks a tender's published opening record (开标记录) against its sealed bids, as anyone can once
the bids are opened; no token is needed. Checks that the published opening private key belongs to
the published public key, then downloads every ciphertext, checks its SHA-256, decrypts it with
that key, unpacks it, and compares price, duration, key terms and files (name, size, SHA-256) with
the record's row for that bidder. A row the record marks failed must fail to decrypt or unpack.
Exit 0 when the record agrees with every ciphertext, 1 on any mismatch.`;

export const openingCommand = {
  summary: 'verify a published opening record against the sealed bids (anyone)',
  async run(args: string[]): Promise<void> {
    const { values, positionals } = parseCommand(args, {
      tender: { type: 'string' },
    });
    if (values.help || positionals[0] !== 'verify') return console.log(help);
    const tenderId = values.tender;
    if (!tenderId) throw new Error(`--tender is required.\n\n${help}`);
    const connection = await connect({ url: values.url, data: values.data });
    const opening = OpeningView.parse(await call(connection, 'GET', `/tenders/${tenderId}/opening`));
    const checks = await verifyOpening(tenderId, opening, {
      onProgress: (done, total) =>
        process.stderr.write(`\rchecked ${done}/${total} bids${done === total ? '\n' : ''}`),
    });
    for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.subject} ${c.detail}`);
    const failed = checks.filter((c) => !c.ok).length;
    if (failed > 0) {
      console.log(`MISMATCH: ${failed} problems with the opening record of tender ${tenderId}.`);
      process.exit(1);
    }
    console.log(`MATCH: the opening record agrees with every ciphertext (${checks.length} bids).`);
  },
};
