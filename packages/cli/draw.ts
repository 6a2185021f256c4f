import canonicalize from 'canonicalize';
import { readFileSync, writeFileSync } from 'node:fs';
import { httpLogClient } from '../audit-log';
import {
  DrawRecord,
  DrawSecretFile,
  drawSecretText,
  newDrawSecret,
  parseDrawSecret,
  verifyDraw,
} from '../draw-ceremony';
import { DomainError } from '../kernel';
import { drawExperts } from '../expert-draw';
import { call, connect, parseCommand } from './api-client';

const help = `Usage:
  sunlit draw commit --draw ID [--secret-file FILE] [--user regulator1 | --token T] [--url URL]
  sunlit draw reveal --draw ID [--secret-file FILE] [--user regulator1 | --token T] [--url URL]
  sunlit draw verify --draw ID [--key VERIFIER_KEY] [--user regulator1 | --token T] [--url URL]
  sunlit draw replay FILE

commit  makes the regulator's 32-byte secret on this machine, keeps it in FILE (default
        draw-ID.secret, readable by you alone) and sends only its SHA-256. Run again, it sends
        the same commitment: the file is never overwritten.
reveal  sends the secret from FILE (the file commit wrote, or the secret alone as 64 hex
        digits); the platform checks it against the commitment, reveals its own and runs the draw.
verify  downloads a completed draw's record and inputs (the public record once the result is
        out; with a regulator's token, at once), checks the inputs' hashes, every secret
        against its commitment, each step's entry in the audit log and their order, re-runs the
        draw and reports match or mismatch. Exit 0 on a match, 1 on any mismatch.
replay  re-runs a draw from FILE = { "request", "pool", "secrets" } (the shape of each case in
        draw-vectors.json) and prints the spec's result object as JSON.
        Exit codes: 0 drawn; 3 infeasible (the result names the specialty short of experts); 2 bad input.`;

/** Exit codes a script can branch on. */
const MISMATCH = 1;
const BAD_INPUT = 2;
const INFEASIBLE = 3;

const fail = (message: string): never => {
  console.error(`sunlit draw: ${message}`);
  process.exit(BAD_INPUT);
};

/** The secret file, or undefined when there is none yet; a file of another shape or draw ends the command. */
const readSecret = (file: string, drawId: string): DrawSecretFile | undefined => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return parseDrawSecret(text, drawId, file);
  } catch (error) {
    return fail((error as Error).message);
  }
};

const replay = (file: string | undefined) => {
  if (!file) return fail(`a FILE is required.\n\n${help}`);
  let input: { request?: unknown; pool?: unknown; secrets?: unknown };
  try {
    input = JSON.parse(readFileSync(file, 'utf8')) as typeof input;
  } catch (error) {
    return fail(`${file} is not readable JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(input.secrets) || !input.secrets.every((s) => typeof s === 'string')) {
    return fail(`${file}: "secrets" must be an array of hex strings.`);
  }
  let result: ReturnType<typeof drawExperts>;
  try {
    result = drawExperts(input.request, input.pool, input.secrets as string[]);
  } catch (error) {
    if (error instanceof DomainError) return fail(`${file}: ${error.message}`);
    throw error;
  }
  console.log(canonicalize(result));
  if ('error' in result) process.exit(INFEASIBLE);
};

const download = async (url: string): Promise<unknown> => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Downloading a draw input answered ${response.status}.`);
  return response.json();
};

export const drawCommand = {
  summary: "the regulator's side of an expert draw: commit, reveal, verify, replay",
  async run(args: string[]): Promise<void> {
    const { values, positionals } = parseCommand(args, {
      draw: { type: 'string' },
      'secret-file': { type: 'string' },
      key: { type: 'string' },
    });
    const [action, file] = positionals;
    if (values.help || !action) return console.log(help);
    if (action === 'replay') return replay(file);
    if (!['commit', 'reveal', 'verify'].includes(action))
      return fail(`unknown action "${action}".\n\n${help}`);
    const drawId = values.draw ?? fail(`--draw is required.\n\n${help}`);
    const secretFile = values['secret-file'] ?? `draw-${drawId}.secret`;
    const connection = await connect(values);

    if (action === 'commit') {
      let saved = readSecret(secretFile, drawId);
      if (!saved) {
        saved = newDrawSecret(drawId);
        // 'wx': never replace a secret that may already be committed.
        writeFileSync(secretFile, drawSecretText(saved), { flag: 'wx', mode: 0o600 });
      }
      const draw = await call<{ status: string }>(connection, 'POST', `/draws/${drawId}/commitments`, {
        commitment: saved.commitment,
      });
      console.log(
        `Committed ${saved.commitment} for draw ${drawId} (now ${draw.status}); the secret stays in ${secretFile}.`,
      );
    } else if (action === 'reveal') {
      const saved =
        readSecret(secretFile, drawId) ??
        fail(`${secretFile} not found: reveal needs the file commit wrote.`);
      const draw = await call<{
        status: string;
        result?: { seed: string; picks: { specialty: string; primaries: string[] }[] };
        failure?: { error: string };
      }>(connection, 'POST', `/draws/${drawId}/reveals`, { secret: saved.secret });
      if (draw.failure) console.log(`Draw ${drawId} failed: ${draw.failure.error}.`);
      else
        console.log(
          `Draw ${drawId} is ${draw.status}: seed ${draw.result?.seed}; ` +
            draw.result?.picks.map((p) => `${p.specialty} ${p.primaries.length} drawn`).join(', '),
        );
    } else {
      const path = connection.token ? `/draws/${drawId}/record` : `/public/draws/${drawId}`;
      const record = DrawRecord.parse(await call(connection, 'GET', path));
      const [request, pool] = await Promise.all([download(record.requestUrl), download(record.poolUrl)]);
      const checks = await verifyDraw(record, { request, pool }, httpLogClient(connection.api), values.key);
      for (const check of checks)
        console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.check}: ${check.detail}`);
      const failed = checks.filter((c) => !c.ok).length;
      if (!values.key)
        console.error('warning: the log key came from the server; pin it with --key to prove who signed.');
      if (failed) {
        console.log(`MISMATCH: ${failed} of ${checks.length} checks failed for draw ${drawId}.`);
        process.exit(MISMATCH);
      }
      console.log(`MATCH: draw ${drawId} re-verified from its published record (${checks.length} checks).`);
    }
  },
};
