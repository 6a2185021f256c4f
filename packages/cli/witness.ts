import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  httpLogClient,
  InconsistentCheckpoint,
  localEd25519Signer,
  openSignedNote,
  requireConsistent,
  verifyCosignature,
  Witness,
  witnessCheckpoint,
  witnessVerifierKey,
} from '../audit-log';
import { systemClock } from '../kernel';
import { call, connect, parseCommand } from './api-client';

export const witnessHelp = `Usage:
  sunlit audit witness init     --key FILE --name NAME
  sunlit audit witness register --key FILE [--user regulator1 | --token T] [--url URL]
  sunlit audit witness run      --key FILE [--log-key VERIFIER_KEY] [--state FILE] [--every SECONDS]
                                [--user regulator1 | --token T] [--url URL]

init      makes a witness key pair in FILE (never replaced) and prints its verifier key.
register  registers the witness's verifier key with the platform (a regulator; logged).
run       reads the log's checkpoint, checks its signature and that it extends the last one this
          witness cosigned (kept in --state, by default FILE.last-checkpoint), cosigns it
          (C2SP cosignature/v1) and hands the cosignature to the platform. An inconsistent
          checkpoint is refused: nothing is cosigned and the command exits non-zero.
          --every repeats the round every SECONDS until stopped.`;

interface WitnessKeyFile {
  name: string;
  privateKey: string;
  verifierKey: string;
}

const readKeyFile = (file: string): WitnessKeyFile => {
  if (!existsSync(file)) throw new Error(`${file} does not exist; make it with "sunlit audit witness init".`);
  return JSON.parse(readFileSync(file, 'utf8')) as WitnessKeyFile;
};

const logKeyOf = async (url: string, pinned: string | undefined) => {
  if (pinned) return pinned;
  console.error('warning: the log key came from the server; pin it with --log-key to prove who signed.');
  return (await httpLogClient(url).publicKey()).verifierKey;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const witnessCommand = async (args: string[]): Promise<void> => {
  const { values, positionals } = parseCommand(args, {
    key: { type: 'string' },
    name: { type: 'string' },
    'log-key': { type: 'string' },
    state: { type: 'string' },
    every: { type: 'string' },
  });
  const [action] = positionals;
  if (values.help || !action) return console.log(witnessHelp);
  if (!values.key) throw new Error(`--key is required.\n\n${witnessHelp}`);
  if (action === 'init') {
    if (!values.name) throw new Error(`--name is required.\n\n${witnessHelp}`);
    const { privateKey } = generateKeyPairSync('ed25519');
    const signer = localEd25519Signer(values.name, privateKey);
    const verifierKey = witnessVerifierKey(values.name, signer.publicKey);
    const file: WitnessKeyFile = {
      name: values.name,
      privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      verifierKey,
    };
    writeFileSync(values.key, `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return console.log(`witness ${values.name}: key pair in ${values.key}; verifier key\n${verifierKey}`);
  }
  const file = readKeyFile(values.key);
  const connection = await connect(values);
  if (action === 'register') {
    await call(connection, 'PUT', `/audit/witnesses/${file.name}`, { verifierKey: file.verifierKey });
    return console.log(`witness ${file.name} registered with ${connection.api}`);
  }
  if (action !== 'run') throw new Error(`Unknown witness action "${action}".\n\n${witnessHelp}`);
  const state = values.state ?? `${values.key}.last-checkpoint`;
  const logKey = await logKeyOf(connection.api, values['log-key']);
  const deps = {
    client: httpLogClient(connection.api),
    logKey,
    witness: localEd25519Signer(file.name, file.privateKey),
    clock: systemClock,
  };
  for (;;) {
    const last = existsSync(state) ? readFileSync(state, 'utf8') : undefined;
    try {
      const round = await witnessCheckpoint(deps, last);
      await call(connection, 'POST', `/audit/witnesses/${file.name}/cosignatures`, {
        checkpoint: round.note,
        cosignature: round.cosignature,
      });
      writeFileSync(state, round.note);
      console.log(
        `cosigned the checkpoint of ${round.checkpoint.size} entries of ${round.checkpoint.origin}`,
      );
    } catch (error) {
      if (error instanceof InconsistentCheckpoint)
        throw new Error(`REFUSED, nothing cosigned: ${error.message}`);
      throw error;
    }
    if (!values.every) return;
    await sleep(Number(values.every) * 1000);
  }
};

/**
 * For `sunlit audit verify --witness VKEY`: each named witness cosigned a checkpoint of this log,
 * and the verified checkpoint extends it. Returns one line per witness; throws naming the first
 * that did not cosign, or whose cosigned checkpoint the log does not extend.
 */
export const requireWitnesses = async (
  url: string,
  logKey: string,
  latestNote: string,
  witnessKeys: string[],
): Promise<string[]> => {
  if (!witnessKeys.length) return [];
  const client = httpLogClient(url);
  // Through the client's call, so a refusal or an unreachable platform is named, not a JSON error.
  const { witnesses } = await call<{ witnesses: Witness[] }>({ api: url }, 'GET', '/audit/witnesses');
  const latest = openSignedNote(latestNote, logKey);
  const lines: string[] = [];
  for (const key of witnessKeys) {
    const name = key.split('+')[0]!;
    const witness = witnesses.find((w) => w.name === name);
    if (!witness?.cosigned) throw new Error(`witness ${name} has cosigned no checkpoint of this log.`);
    const { time } = verifyCosignature(witness.cosigned.checkpoint, key);
    const cosigned = openSignedNote(witness.cosigned.checkpoint, logKey);
    // A witness may have cosigned a newer checkpoint since: then the verified one is its prefix.
    if (cosigned.size <= latest.size) await requireConsistent(client, cosigned, latest);
    else await requireConsistent(client, latest, cosigned);
    lines.push(
      `witness ${name} cosigned ${cosigned.size} entries at ${time.toISOString()}; the verified log extends them`,
    );
  }
  return lines;
};
