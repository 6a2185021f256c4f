import canonicalize from 'canonicalize';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { drawExperts } from '../expert-draw/draw';
import { commitment } from '../expert-draw/secrets';

const help = `Usage:
  sunlit draw run --request request.json --pool pool.json --secret HEX [--secret HEX …] [--expect result.json]

Re-runs an expert draw (sunlit-draw-v1, ../shared/spec/expert-draw.md) on this machine from its
published inputs: the frozen request, the pool snapshot and the revealed secrets in the order of
the request's parties. Prints each secret's commitment and the result as canonical JSON; with
--expect, exits non-zero unless the result is the published one, byte for byte.`;

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

export const drawCommand = {
  summary: 're-run an expert draw from its published inputs and compare it with the published result',
  async run(args: string[]): Promise<void> {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        request: { type: 'string' },
        pool: { type: 'string' },
        secret: { type: 'string', multiple: true },
        expect: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help || positionals[0] !== 'run') return console.log(help);
    if (!values.request || !values.pool) throw new Error(`--request and --pool are required.\n\n${help}`);
    const secrets = values.secret ?? [];
    for (const secret of secrets) console.error(`commitment ${commitment(secret)}`);
    const result = canonicalize(
      drawExperts(readJson(values.request), readJson(values.pool), secrets),
    ) as string;
    console.log(result);
    if (values.expect) {
      const expected = canonicalize(readJson(values.expect)) as string;
      if (expected !== result) throw new Error(`The draw does not reproduce ${values.expect}.`);
      console.error(`OK: the draw reproduces ${values.expect}`);
    }
  },
};
