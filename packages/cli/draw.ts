import canonicalize from 'canonicalize';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DomainError } from '../errors/domain-error';
import { drawExperts } from '../expert-draw/draw';

const help = `Usage: sunlit draw replay FILE

Re-runs an expert draw (sunlit-draw-v1) on this machine from its published inputs. FILE holds
{ "request", "pool", "secrets" }, the shape of each case in draw-vectors.json, secrets in the order of
the request's parties. Prints the spec's result object as JSON.
Exit codes: 0 drawn; 3 infeasible (the result names the specialty short of experts); 2 bad input.`;

/** Exit codes a script can branch on. */
const INFEASIBLE = 3;
const BAD_INPUT = 2;

const fail = (message: string): never => {
  console.error(`sunlit draw: ${message}`);
  process.exit(BAD_INPUT);
};

export const drawCommand = {
  summary: 're-run an expert draw from its published inputs (regulators)',
  async run(args: string[]): Promise<void> {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { help: { type: 'boolean' } },
    });
    const [action, file] = positionals;
    if (values.help || action !== 'replay') return console.log(help);
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
  },
};
