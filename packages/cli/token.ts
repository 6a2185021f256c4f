import { parseArgs } from 'node:util';
import { connect } from './api-client';

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
    const { token } = await connect(values);
    console.log(token);
  },
};
