import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** The rules the project's own lint fires on `code` as if it were the file at `file`. */
const violations = async (file: string, code: string): Promise<(string | null)[]> => {
  let output: string;
  try {
    output = execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/eslint/bin/eslint.js'),
        '--stdin',
        '--stdin-filename',
        file,
        '--format',
        'json',
      ],
      { cwd: root, input: code, encoding: 'utf8' },
    );
  } catch (error) {
    // ESLint exits with 1 when it finds problems; the report is still on stdout.
    output = (error as { stdout: string }).stdout;
  }
  const [result] = JSON.parse(output) as { messages: { ruleId: string | null }[] }[];
  return result!.messages.map((m) => m.ruleId);
};

describe('the boundaries between contexts', () => {
  it('gives every context of packages/ a public entry', () => {
    const contexts = readdirSync(path.join(root, 'packages'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(contexts.length).toBeGreaterThan(10);
    // The command-line tool's too: its room client serves the benchmarks.
    expect(contexts.filter((name) => !existsSync(path.join(root, 'packages', name, 'index.ts')))).toEqual([]);
  });

  it('refuses an import of another context that bypasses its public entry', async () => {
    expect(
      await violations(
        'packages/custody/probe.ts',
        "import { Tender } from '../tenders/model';\nexport type T = Tender;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await violations(
        'functions/probe.ts',
        "import { Tender } from '../packages/tenders/model';\nexport type T = Tender;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await violations(
        'packages/custody/probe.ts',
        "import { Tender } from '../tenders';\nexport type T = Tender;\n",
      ),
    ).toEqual([]);
  });

  it('refuses an import cycle between contexts', async () => {
    // Tenders already use custody (the opening key made at publication); custody using tenders closes a circle.
    const file = 'packages/custody/custodians.ts';
    const code = `import { requireTender } from '../tenders';\nexport const probe = requireTender;\n${readFileSync(path.join(root, file), 'utf8')}`;
    expect(await violations(file, code)).toContain('import-x/no-cycle');
  });
});
