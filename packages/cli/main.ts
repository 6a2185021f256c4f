import { parseArgs } from 'node:util';
import { auctionCommand } from './auction';
import { auditCommand } from './audit';
import { bidCommand } from './bid';
import { custodianCommand } from './custodian';
import { docsCommand } from './docs';
import { demoCommand } from './demo';
import { drawCommand } from './draw';
import { expertsCommand } from './experts';
import { openingCommand } from './opening';
import { tenderCommand } from './tender';
import { tokenCommand } from './token';

const commands: Record<string, { summary: string; run(args: string[]): Promise<void> }> = {
  token: tokenCommand,
  audit: auditCommand,
  tender: tenderCommand,
  docs: docsCommand,
  draw: drawCommand,
  demo: demoCommand,
  experts: expertsCommand,
  custodian: custodianCommand,
  bid: bidCommand,
  opening: openingCommand,
  auction: auctionCommand,
};

const usage = () =>
  `Usage: sunlit <command> [options]\n\nCommands:\n${Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
    .join('\n')}\n\nRun "sunlit <command> --help" for a command's options.`;

const main = async () => {
  const { positionals } = parseArgs({ allowPositionals: true, strict: false });
  const [name] = positionals;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(name ? `Unknown command "${name}".\n\n${usage()}` : usage());
    process.exit(2);
  }
  await command.run(process.argv.slice(process.argv.indexOf(name as string) + 1));
};

main().catch((error: unknown) => {
  console.error(`sunlit: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
