import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { call, connect, parseCommand, progressLine, putFile, send } from './api-client';

const help = `Usage:
  sunlit tender publish  --file tender.json [--user staff1 | --token T] [--url URL]
  sunlit tender register --tender ID [--user bidder1 | --token T] [--url URL]
  sunlit tender terminate --tender ID --ground GROUND --reason TEXT [--user staff1 | --token T] [--url URL]

publish   registers the project in tender.json, accepts it, creates the tender, uploads every
          document (with progress), and publishes it. Re-running the same file is safe: the
          platform recognises the request by its Idempotency-Key.
register  registers the caller's organisation for a tender (投标报名).
terminate ends a published tender before its result (终止) on a ground its procedure gives
          (GET /procedures lists them: cancelled, objection-upheld, no-longer-applicable,
          unlawful-conduct, too-few-suppliers, over-budget) and publishes its notice. Re-running
          the same command answers the same termination.

tender.json: { "project": { name, type, tendererOrg, agencyOrg?, stateFunded, estimatedPrice },
               "tender": { name, schedule: { documentsFrom, documentsTo, bidDeadline, openingPlace,
                                             bidBond, bidValidityDays } },
               "documents": ["path/to/招标文件.pdf", …] }   (paths relative to tender.json; money in fen)`;

const contentTypes: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

interface TenderFile {
  project: Record<string, unknown>;
  tender: Record<string, unknown>;
  documents: string[];
}

const publish = async (file: string, options: Parameters<typeof connect>[0]) => {
  const text = readFileSync(file, 'utf8');
  const spec = JSON.parse(text) as TenderFile;
  const connection = await connect(options);
  // The same file always carries the same key, so a rerun after a failure picks up where it stopped.
  const key = createHash('sha256').update(text).digest('hex').slice(0, 32);
  const project = await call<{ id: string; status: string }>(connection, 'POST', '/projects', spec.project, {
    'idempotency-key': key,
  });
  console.log(`project ${project.id} registered`);
  // A replay answers the project as first registered, so accepting carries the same key too.
  if (project.status === 'registered')
    await call(connection, 'POST', `/projects/${project.id}/accept`, undefined, { 'idempotency-key': key });
  const tender = await call<{ id: string; status: string }>(
    connection,
    'POST',
    `/projects/${project.id}/tenders`,
    spec.tender,
    {
      'idempotency-key': key,
    },
  );
  console.log(`tender ${tender.id} created`);
  // A rerun is answered the first creation again: whether it was published since, the public view tells.
  if (
    tender.status === 'published' ||
    (await send(connection, 'GET', `/tenders/${tender.id}`)).status === 200
  )
    return console.log(`tender ${tender.id} was already published`);
  for (const relative of spec.documents ?? []) {
    const documentPath = path.resolve(path.dirname(file), relative);
    const fileName = path.basename(documentPath);
    const contentType = contentTypes[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
    const slot = await call<{
      documentId: string;
      version: number;
      uploadUrl: string;
      headers: Record<string, string>;
    }>(connection, 'POST', `/tenders/${tender.id}/documents`, { fileName, contentType });
    await putFile(
      slot.uploadUrl,
      documentPath,
      slot.headers,
      progressLine(`uploading ${fileName}`, statSync(documentPath).size),
    );
    const stored = await call<{ sha256: string; size: number }>(
      connection,
      'POST',
      `/tenders/${tender.id}/documents/${slot.documentId}/versions/${slot.version}/confirm`,
    );
    console.log(
      `document ${slot.documentId} v${slot.version}: ${stored.size} bytes, sha256 ${stored.sha256}`,
    );
  }
  const notice = await call<{ id: string; title: string }>(
    connection,
    'POST',
    `/tenders/${tender.id}/publish`,
  );
  console.log(`published: ${notice.title} (notice ${notice.id})`);
};

const terminate = async (
  tenderId: string,
  body: { ground: string; reason: string },
  options: Parameters<typeof connect>[0],
) => {
  // The same command always carries the same key: a rerun after a lost answer gets the first.
  const key = createHash('sha256')
    .update(JSON.stringify([tenderId, body]))
    .digest('hex')
    .slice(0, 32);
  const termination = await call<{ ground: string; article: string; at: string; noticeId: string }>(
    await connect(options),
    'POST',
    `/tenders/${tenderId}/termination`,
    body,
    { 'idempotency-key': key },
  );
  console.log(
    `terminated ${tenderId} on ${termination.ground} (${termination.article}) at ${termination.at}; notice ${termination.noticeId}`,
  );
};

export const tenderCommand = {
  summary: 'publish or terminate a tender (staff), or register for one (bidders)',
  async run(args: string[]): Promise<void> {
    const { values, positionals } = parseCommand(args, {
      file: { type: 'string' },
      tender: { type: 'string' },
      ground: { type: 'string' },
      reason: { type: 'string' },
    });
    const [action] = positionals;
    if (values.help || !action) return console.log(help);
    if (action === 'publish') {
      if (!values.file) throw new Error(`--file is required.\n\n${help}`);
      return publish(values.file, values);
    }
    if (action === 'register') {
      if (!values.tender) throw new Error(`--tender is required.\n\n${help}`);
      const registration = await call(
        await connect(values),
        'POST',
        `/tenders/${values.tender}/registrations`,
      );
      return console.log(
        `registered ${registration.bidderOrg} for ${values.tender} at ${registration.registeredAt}`,
      );
    }
    if (action === 'terminate') {
      const { tender, ground, reason } = values;
      if (!tender || !ground || !reason)
        throw new Error(`--tender, --ground and --reason are required.\n\n${help}`);
      return terminate(tender, { ground, reason }, values);
    }
    throw new Error(`Unknown tender action "${action}".\n\n${help}`);
  },
};
