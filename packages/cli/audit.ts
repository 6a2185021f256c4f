import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { httpLogClient, httpTileClient, proveEntry, verifyLog, verifyTiles } from '../audit-log';
import { requireWitnesses, witnessCommand, witnessHelp } from './witness';
const help = `Usage:
  sunlit audit verify --url URL [--key VERIFIER_KEY] [--checkpoint OLD_FILE] [--save FILE]
  sunlit audit verify --url URL --tiles [--key VERIFIER_KEY] [--save FILE]
  sunlit audit prove  --url URL --index I [--key VERIFIER_KEY]
  sunlit audit verify … --witness WITNESS_KEY [--witness …]
  sunlit audit witness init|register|run … (see sunlit audit witness --help)

verify  checks the latest checkpoint's signature, recomputes the root from every entry, and,
        with --checkpoint, proves the log only grew since that older checkpoint.
prove   checks that entry I is included in the latest checkpoint.
--tiles verifies from the C2SP tiles (/audit/tile/…) instead: every entry bundle against
        its hash tile, the tiles against the signed root; names the first entry that differs.
--key   the log's verifier key, pinned from a trusted source; without it the key the
        server offers is used, which proves consistency but not who signed.
--save  writes the verified checkpoint, to pass as --checkpoint next time.
--witness requires that this witness cosigned a checkpoint of the log and that the verified
        log extends it (C2SP tlog-cosignature); repeat it to require several.

${witnessHelp}`;

const progress = (done: number, total: number, started: number) => {
  const seconds = (Date.now() - started) / 1000;
  const rate = seconds > 0 ? Math.round(done / seconds) : done;
  process.stderr.write(
    `\rverified ${done}/${total} entries (${Math.round((done / Math.max(total, 1)) * 100)}%, ${rate} entries/s)`,
  );
  if (done === total) process.stderr.write('\n');
};

export const auditCommand = {
  summary: 'verify the audit log offline: signature, every entry, consistency, inclusion',
  async run(args: string[]): Promise<void> {
    // The witness has options of its own (a key file, a regulator's sign-in).
    if (args[0] === 'witness') return witnessCommand(args.slice(1));
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        key: { type: 'string' },
        checkpoint: { type: 'string' },
        save: { type: 'string' },
        index: { type: 'string' },
        tiles: { type: 'boolean' },
        witness: { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    });
    const [action] = positionals;
    if (values.help || !action) return console.log(help);
    if (!values.url) throw new Error(`--url is required.\n\n${help}`);
    const client = httpLogClient(values.url);
    if (action === 'verify' && values.tiles) {
      const started = Date.now();
      const result = await verifyTiles(httpTileClient(values.url), {
        pinnedKey: values.key,
        onProgress: (done, total) => progress(done, total, started),
      });
      if (result.keyFromServer)
        console.error('warning: the key came from the server; pin it with --key to prove who signed.');
      if (values.save) writeFileSync(values.save, result.note);
      console.log(
        `OK: ${result.checkpoint.size} entries verified from tiles against the checkpoint of ${result.checkpoint.origin}`,
      );
    } else if (action === 'verify') {
      const started = Date.now();
      const olderNote = values.checkpoint ? readFileSync(values.checkpoint, 'utf8') : undefined;
      const result = await verifyLog(client, {
        pinnedKey: values.key,
        olderNote,
        onProgress: (done, total) => progress(done, total, started),
      });
      if (result.keyFromServer)
        console.error('warning: the key came from the server; pin it with --key to prove who signed.');
      if (values.save) writeFileSync(values.save, result.note);
      const logKey = values.key ?? (await client.publicKey()).verifierKey;
      for (const line of await requireWitnesses(values.url, logKey, result.note, values.witness ?? []))
        console.log(line);
      const { size, root } = result.checkpoint;
      console.log(
        `OK: ${size} entries verified against the checkpoint of ${result.checkpoint.origin} (root ${Buffer.from(root).toString('base64')})` +
          (result.olderSize !== undefined
            ? `; consistent with the older checkpoint of ${result.olderSize} entries`
            : ''),
      );
    } else if (action === 'prove') {
      const index = Number(values.index);
      if (values.index === undefined || !Number.isSafeInteger(index) || index < 0) {
        throw new Error(`--index must be a whole number ≥ 0.\n\n${help}`);
      }
      const result = await proveEntry(client, index, values.key);
      if (result.keyFromServer)
        console.error('warning: the key came from the server; pin it with --key to prove who signed.');
      console.log(
        `OK: entry ${index} (${result.entry.action}, leaf ${result.leafHash}) is in the log of ${result.checkpoint.size} entries.`,
      );
    } else {
      throw new Error(`Unknown audit action "${action}".\n\n${help}`);
    }
  },
};
