import { localDataDir } from './local-stack-info';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeKey, encodeKey, decryptShare, generateCustodianKey } from '../sealed-bids';
import { call, connect, parseCommand } from './api-client';

const help = `Usage:
  sunlit custodian init  [--key-file FILE] [--user staff1 | --token T] [--url URL] [--data DIR]
  sunlit custodian share --tender ID [--key-file FILE] [--user staff1 | --token T] [--url URL] [--data DIR]

init   makes an X25519 key pair on this machine, keeps it in FILE (readable by you alone) and
       registers only the public half; shares of opening keys of tenders published from then on
       are encrypted to it. Run again, it registers the same key: the file is never overwritten.
share  at the opening (开标), fetches your encrypted share of the tender's opening key, decrypts
       it here with the private key in FILE, checks it against the hash published with the
       tender, and submits it. With K shares the platform opens the bids.

FILE defaults to DIR/custodians/USER.key when --user names a demo custodian of the local stack
(DIR is --data or .local), else custodian.key in the current directory.`;

interface KeyFile {
  user: string;
  publicKey: string;
  privateKey: string;
}

/** --key-file, the local stack's demo key of --user, or custodian.key here. */
const keyFileFor = (values: { 'key-file'?: string; user?: string; data?: string }) => {
  if (values['key-file']) return values['key-file'];
  const demo = values.user && path.join(localDataDir(values.data), 'custodians', `${values.user}.key`);
  return demo && existsSync(demo) ? demo : 'custodian.key';
};

const readKeyFile = (file: string, user: string): KeyFile | undefined => {
  if (!existsSync(file)) return undefined;
  let saved: KeyFile;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  } catch (error) {
    throw new Error(`${file} is not a readable key file: ${(error as Error).message}`);
  }
  if (saved.user !== user) throw new Error(`${file} holds the custodian key of ${saved.user}, not ${user}.`);
  return saved;
};

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const custodianCommand = {
  summary: "a custodian's side of the opening key: init a key pair, submit a share (staff, regulators)",
  async run(args: string[]): Promise<void> {
    const { values, positionals } = parseCommand(args, {
      tender: { type: 'string' },
      'key-file': { type: 'string' },
    });
    const [action] = positionals;
    if (values.help || !action) return console.log(help);
    if (action !== 'init' && action !== 'share')
      throw new Error(`Unknown custodian action "${action}".\n\n${help}`);
    if (action === 'share' && !values.tender) throw new Error(`--tender is required.\n\n${help}`);
    const file = keyFileFor(values);
    const connection = await connect(values);
    const me = await call<{ user: string; role: string }>(connection, 'GET', '/me');
    if (me.role !== 'staff' && me.role !== 'regulator')
      throw new Error(`Only staff and regulators hold shares of opening keys; ${me.user} is ${me.role}.`);

    if (action === 'init') {
      let saved = readKeyFile(file, me.user);
      if (!saved) {
        const pair = await generateCustodianKey();
        saved = {
          user: me.user,
          publicKey: encodeKey(pair.publicKey),
          privateKey: encodeKey(pair.privateKey),
        };
        pair.privateKey.fill(0);
        // 'wx': never replace a key whose public half may already hold shares.
        writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      }
      const key = await call<{ user: string; publicKey: string }>(connection, 'PUT', '/me/custodian-key', {
        publicKey: saved.publicKey,
      });
      return console.log(
        `custodian key of ${key.user} registered: ${key.publicKey}; the private key stays in ${file}.`,
      );
    }

    const tenderId = values.tender!;
    const saved = readKeyFile(file, me.user);
    if (!saved) throw new Error(`${file} not found: pass the --key-file that "sunlit custodian init" wrote.`);
    const mine = await call<{
      custodian: string;
      encryptedShare: string;
      shareSha256: string;
      threshold: number;
    }>(connection, 'GET', `/tenders/${tenderId}/opening-key/mine`);
    const privateKey = decodeKey(saved.privateKey, `${file}: privateKey`);
    let share: Uint8Array | undefined;
    try {
      share = await decryptShare(mine.encryptedShare, privateKey, tenderId, mine.custodian);
      const sha256 = sha256Hex(share);
      if (sha256 !== mine.shareSha256)
        throw new Error(
          `Your decrypted share hashes to ${sha256}, not the ${mine.shareSha256} published for ${mine.custodian}; it was not submitted.`,
        );
      const opening = await call<{
        status: string;
        bidCount: number;
        submittedBy: string[];
        rows?: { outcome: string }[];
      }>(connection, 'POST', `/tenders/${tenderId}/opening/shares`, {
        share: Buffer.from(share).toString('base64url'),
      });
      const decrypted = opening.rows?.filter((row) => row.outcome === 'decrypted').length ?? 0;
      console.log(
        `share submitted (${opening.submittedBy.length} of ${mine.threshold} needed); the opening is ${opening.status}` +
          (opening.status === 'opened' ? `: ${decrypted} of ${opening.bidCount} bids decrypted` : '') +
          (opening.status === 'decrypting'
            ? `: the platform decrypts every bid in the background; the record appears at GET /tenders/${tenderId}/opening`
            : ''),
      );
    } finally {
      privateKey.fill(0);
      share?.fill(0);
    }
  },
};
