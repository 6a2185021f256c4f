import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { ExpertImport } from '../experts';
import { call, connect, Connection, parseCommand, progressLine, putFile } from './api-client';

const help = `Usage: sunlit experts import FILE [--format csv|json] [--user staff1 | --token T] [--url URL]

Imports experts into the pool from a CSV (header: id,name,phone,employer,specialties,title,status,
suspendedUntil,suspensionReason,conflicts; lists separated by ";") or a JSON array. Every row is
checked first: if any is rejected, nothing is imported and the rejected rows are listed with their
field and rule. Experts in the file are added or updated; everyone else in the pool stays.`;

const finished = new Set<ExpertImport['status']>(['imported', 'rejected', 'failed']);

/** Follows the queued import at its record until it finishes, showing how many experts are written. */
const follow = async (connection: Connection, id: string): Promise<ExpertImport> => {
  for (;;) {
    const job = await call<ExpertImport>(connection, 'GET', `/experts/imports/${id}`);
    if (finished.has(job.status)) return job;
    if (job.status === 'writing' && job.rows)
      process.stderr.write(`\rwriting experts ${job.written}/${job.rows}`);
    else process.stderr.write(`\r${job.status}…`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
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
    await call<ExpertImport>(connection, 'POST', `/experts/imports/${slot.import.id}/run`);
    const job = await follow(connection, slot.import.id);
    process.stderr.write('\n');
    if (job.status !== 'imported') {
      for (const row of job.rejected) console.error(`row ${row.row}, ${row.field}: ${row.message}`);
      if (job.rejectedCount > job.rejected.length)
        console.error(`… and ${job.rejectedCount - job.rejected.length} more rejected rows`);
      throw new Error(`The import ${job.id} was ${job.status}: ${job.message ?? 'nothing was imported'}`);
    }
    console.log(
      `Imported ${job.rows} rows from ${file}: ${job.added} added, ${job.updated} updated (import ${job.id}, sha256 ${job.sha256}).`,
    );
  },
};
