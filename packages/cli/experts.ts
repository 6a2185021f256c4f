import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { ExpertImport } from '../experts/pool-model';
import { call, connect, Connection, parseCommand, progressLine, putFile } from './api-client';

const help = `Usage: sunlit experts import FILE [--format csv|json] [--user staff1 | --token T] [--url URL]

Imports experts into the pool from a CSV (header: id,name,phone,employer,specialties,title,status,
suspendedUntil,suspensionReason,conflicts; lists separated by ";") or a JSON array. Every row is
checked first: if any is rejected, nothing is imported and the rejected rows are listed with their
field and rule. Experts in the file are added or updated; everyone else in the pool stays.`;

/** Follows the import's progress while the run request is under way. */
const follow = (connection: Connection, id: string) => {
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (stopped) break;
      const job = await call<ExpertImport>(connection, 'GET', `/experts/imports/${id}`).catch(
        () => undefined,
      );
      if (job?.status === 'writing' && job.rows)
        process.stderr.write(`\rwriting experts ${job.written}/${job.rows}`);
    }
  })();
  return async () => {
    stopped = true;
    await done;
  };
};

export const expertsCommand = {
  summary: 'import experts into the pool from CSV or JSON (staff)',
  async run(args: string[]): Promise<void> {
    const { values, positionals } = parseCommand(args, {
      format: { type: 'string' },
    });
    const [action, file] = positionals;
    if (values.help || action !== 'import') return console.log(help);
    if (!file) throw new Error(`a FILE is required.\n\n${help}`);
    const format = values.format ?? extname(file).slice(1).toLowerCase();
    if (format !== 'csv' && format !== 'json')
      throw new Error(`--format must be csv or json (got "${format}").`);
    const connection = await connect(values);
    const slot = await call<{ import: ExpertImport; uploadUrl: string; headers: Record<string, string> }>(
      connection,
      'POST',
      '/experts/imports',
      { format, fileName: file.split('/').pop() },
    );
    await putFile(slot.uploadUrl, file, slot.headers, progressLine(`uploading ${file}`, statSync(file).size));
    const stop = follow(connection, slot.import.id);
    let job: ExpertImport;
    try {
      job = await call<ExpertImport>(connection, 'POST', `/experts/imports/${slot.import.id}/run`);
    } catch (error) {
      await stop();
      const report = await call<ExpertImport>(connection, 'GET', `/experts/imports/${slot.import.id}`);
      if (report.status === 'rejected') {
        process.stderr.write('\n');
        for (const row of report.rejected) console.error(`row ${row.row}, ${row.field}: ${row.message}`);
        if (report.rejectedCount > report.rejected.length)
          console.error(`… and ${report.rejectedCount - report.rejected.length} more rejected rows`);
      }
      throw error;
    }
    await stop();
    process.stderr.write('\n');
    console.log(
      `Imported ${job.rows} rows from ${file}: ${job.added} added, ${job.updated} updated (import ${job.id}, sha256 ${job.sha256}).`,
    );
  },
};
