import { parseArgs } from 'node:util';
import { localStackInfo } from './local-stack-info';

const help = `Usage: sunlit token --user <name> [--url <api url>] [--data <dir>]

Prints an ID token for a demo user of the local stack, for "Authorization: Bearer <token>".
The local stack must be running (npm start); --url defaults to its API.`;

export const tokenCommand = {
  summary: 'print a token for a demo user of the local stack',
  async run(args: string[]): Promise<void> {
    const { values } = parseArgs({
      args,
      options: {
        user: { type: 'string', short: 'u' },
        url: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) return console.log(help);
    if (!values.user) throw new Error(`--user is required.\n\n${help}`);
    const api = values.url ?? localStackInfo(values.data).api;
    let response: Response;
    try {
      response = await fetch(`${api}/.local/issuer/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: values.user }),
      });
    } catch {
      throw new Error(`Cannot reach the local stack at ${api}. Is "npm start" running?`);
    }
    const body = (await response.json()) as { idToken?: string; message?: string };
    if (!response.ok || !body.idToken)
      throw new Error(body.message ?? `The issuer answered ${response.status}.`);
    console.log(body.idToken);
  },
};
