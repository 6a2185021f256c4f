import { createHash } from 'node:crypto';
import * as z from 'zod';
import { DomainError, createOnce, newId, required, Caller } from '../kernel';
import { actorOf } from '../audit-log';
import { cstDate } from '../legal-rules';
import { ExpertDeps, ExpertRecord, ExpertStore } from './ports';
import { Expert } from './expert';
import { parseExpertImport } from './import-experts';
import { ExpertImport, ExpertPoolHead, StartImport } from './pool-model';
/** How long a staff member has to upload the import file. */
const UPLOAD_SECONDS = 30 * 60;
/** Experts written between two progress reports. */
const CHUNK = 1000;
/** Rejected rows kept in the import record; the count says how many there were in all. */
const REPORTED_ROWS = 1000;

export const requireImport = (deps: ExpertDeps, id: string): Promise<ExpertImport> =>
  required(deps.store.expertImport(id), 'import', id);

/** Staff start an import: the platform reserves a record and a presigned PUT for the file. */
export const startImport = async (
  deps: ExpertDeps,
  caller: Caller,
  input: StartImport,
  idempotencyKey?: string,
) => {
  const now = deps.clock.now();
  const id = newId('I', now, idempotencyKey ? { user: caller.user, key: idempotencyKey } : undefined);
  const { value } = await createOnce({
    keyed: idempotencyKey !== undefined,
    what: 'import',
    read: () => deps.store.expertImport(id),
    sameRequest: (job) => job.fileName === input.fileName && job.format === input.format,
    create: async () => {
      const job: ExpertImport = {
        id,
        ...input,
        objectKey: `imports/experts/${id}.${input.format}`,
        status: 'awaiting-upload',
        rows: 0,
        written: 0,
        rejected: [],
        rejectedCount: 0,
        runs: 0,
        startedBy: caller.user,
        createdAt: now.toISOString(),
      };
      await deps.store.put([{ kind: 'expertImport', value: job }]);
      return job;
    },
  });
  const contentType = value.format === 'csv' ? 'text/csv' : 'application/json';
  return {
    import: value,
    uploadUrl: await deps.documents.uploadUrl(value.objectKey, contentType, UPLOAD_SECONDS),
    method: 'PUT' as const,
    headers: { 'content-type': contentType },
    expiresAt: new Date(now.getTime() + UPLOAD_SECONDS * 1000).toISOString(),
  };
};

const record = (deps: ExpertDeps, job: ExpertImport) =>
  deps.store.put([{ kind: 'expertImport', value: job }]);

/** The import's own generation is current: another run of it finished; record that and say so. */
const finishedElsewhere = async (deps: ExpertDeps, job: ExpertImport): Promise<ExpertImport> => {
  const done: ExpertImport = {
    ...job,
    status: 'imported',
    generation: job.id,
    finishedAt: job.finishedAt ?? deps.clock.now().toISOString(),
  };
  await record(deps, done);
  return done;
};

/** Every row is checked before anything is written; one bad row and nothing is imported. */
const rejectAll = (deps: ExpertDeps, job: ExpertImport, rejected: ExpertImport['rejected']) =>
  finish(deps, {
    ...job,
    status: 'rejected',
    rejected: rejected.slice(0, REPORTED_ROWS),
    rejectedCount: rejected.length,
    message:
      `${new Set(rejected.map((r) => r.row)).size} of ${job.rows} rows were rejected (${rejected.length} problems), so nothing was imported; fix them and upload the file again. ` +
      `The first: row ${rejected[0]!.row}, ${rejected[0]!.field}: ${rejected[0]!.message}.`,
  });

const finish = async (deps: ExpertDeps, job: ExpertImport): Promise<ExpertImport> => {
  const done = { ...job, finishedAt: deps.clock.now().toISOString() };
  await record(deps, done);
  return done;
};

const running = new Set<ExpertImport['status']>(['queued', 'validating', 'writing']);

/**
 * Staff run an uploaded import: it is queued for the background, where a city's pool has the time
 * it needs, and the import record is where its progress shows. Queuing a run that is already queued
 * or running, or one that finished, changes nothing; a failed import may be run again.
 */
export const queueImport = async (
  deps: ExpertDeps,
  caller: Caller,
  id: string,
): Promise<{ import: ExpertImport; queued: boolean }> => {
  const job = await requireImport(deps, id);
  if (job.status === 'imported' || job.status === 'rejected') return { import: job, queued: false };
  const queue = deps.imports;
  if (!queue) throw new DomainError('INTERNAL', 'This function cannot queue imports.');
  // A retried request for the same run starts the same execution again, which is harmless.
  if (running.has(job.status)) {
    if (job.status === 'queued') await queue.start(job.id, job.runs);
    return { import: job, queued: true };
  }
  if (!(await deps.documents.describe(job.objectKey))) {
    throw new DomainError('CONFLICT', `Upload the file to the import's URL before running it.`, {
      field: 'file',
    });
  }
  const queued: ExpertImport = {
    ...job,
    status: 'queued',
    // Records from before background runs have no count.
    runs: (job.runs ?? 0) + 1,
    runBy: caller.user,
    message: undefined,
    finishedAt: undefined,
  };
  await record(deps, queued);
  await queue.start(queued.id, queued.runs);
  return { import: queued, queued: true };
};

/**
 * Runs a queued import in the background: validates every row, writes the merged pool (the file's
 * experts added or updated, everyone else kept) as a new generation with progress reports, then
 * switches the pool to it in one audited write, on condition nobody changed the pool meanwhile.
 * Every outcome is recorded on the import, not thrown: the staff member reads it there.
 */
export const runImport = async (deps: ExpertDeps, id: string): Promise<ExpertImport> => {
  let job = await requireImport(deps, id);
  if (!running.has(job.status)) return job;
  // A run that switched the pool but died before recording it: never write into a live generation.
  if ((await deps.store.expertPool())?.generation === job.id) return finishedElsewhere(deps, job);
  const actor = { role: 'staff' as const, user: job.runBy ?? job.startedBy };
  const bytes = await deps.documents.get(job.objectKey);
  if (!bytes) return finish(deps, { ...job, status: 'failed', message: 'The uploaded file is gone.' });
  const [head, catalog] = await Promise.all([deps.store.expertPool(), deps.store.specialties()]);
  job = { ...job, status: 'validating', sha256: createHash('sha256').update(bytes).digest('hex') };
  await record(deps, job);
  let parsed: ReturnType<typeof parseExpertImport>;
  try {
    parsed = parseExpertImport(Buffer.from(bytes).toString('utf8'), job.format, new Set(catalog));
  } catch (error) {
    return finish(deps, { ...job, status: 'failed', message: (error as Error).message });
  }
  job = { ...job, rows: parsed.rows };
  if (parsed.rejected.length > 0) return rejectAll(deps, job, parsed.rejected);

  const pool = new Map<string, Expert>();
  for (const expert of head ? await deps.store.experts(head.generation) : []) pool.set(expert.id, expert);
  const added = parsed.experts.filter((e) => !pool.has(e.id)).length;
  for (const expert of parsed.experts) pool.set(expert.id, expert);
  const generation = job.id;
  const experts = [...pool.values()];
  job = { ...job, status: 'writing', generation };
  await record(deps, job);
  try {
    for (let start = 0; start < experts.length; start += CHUNK) {
      const chunk = experts.slice(start, start + CHUNK);
      await deps.store.put(chunk.map((value): ExpertRecord => ({ kind: 'expert', generation, value })));
      job = { ...job, written: start + chunk.length };
      await record(deps, job);
    }
    const now = deps.clock.now().toISOString();
    const next: ExpertPoolHead = {
      generation,
      size: experts.length,
      updatedAt: now,
      version: (head?.version ?? 0) + 1,
    };
    job = { ...job, status: 'imported', added, updated: parsed.experts.length - added, finishedAt: now };
    await deps.store.commit({
      entry: {
        actor,
        action: 'experts.imported',
        subject: { importId: job.id },
        data: {
          fileSha256: job.sha256!,
          rows: job.rows,
          added,
          updated: job.updated!,
          poolSize: experts.length,
          generation,
        },
      },
      create: head ? [] : [{ kind: 'expertPool', value: next }],
      replace: [
        ...(head
          ? [{ record: { kind: 'expertPool' as const, value: next }, expect: { version: head.version } }]
          : []),
        { record: { kind: 'expertImport', value: job }, expect: {} },
      ],
    });
    return job;
  } catch (error) {
    // Two runs of the same import write the same experts; the first to switch wins.
    if ((await deps.store.expertPool())?.generation === job.id) return finishedElsewhere(deps, job);
    const raced = error instanceof DomainError && error.code === 'CONFLICT';
    return finish(deps, {
      ...job,
      status: 'failed',
      message: raced
        ? 'The pool changed while this file was being imported; nothing was imported. Run the import again.'
        : `The import stopped: ${(error as Error).message}. Nothing was imported; run it again.`,
    });
  }
};

/** The background run itself failed (a timeout, a crash): the import says so and may be run again. */
export const recordImportFailure = async (deps: ExpertDeps, id: string, error: string) => {
  const job = await requireImport(deps, id);
  if (!running.has(job.status)) return job;
  return finish(deps, { ...job, status: 'failed', message: `The import stopped: ${error}. Run it again.` });
};

/** What staff may change about one expert; each change is an audit entry. Absent fields stay as they are. */
export const UpdateExpert = z
  .strictObject({
    status: Expert.shape.status.optional(),
    conflicts: Expert.shape.conflicts.unwrap().optional(),
    phone: Expert.shape.phone.optional(),
    title: Expert.shape.title.optional(),
    specialties: Expert.shape.specialties.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'must change at least one field');
export type UpdateExpert = z.infer<typeof UpdateExpert>;

const requireHead = (deps: ExpertDeps): Promise<ExpertPoolHead> =>
  required(deps.store.expertPool(), 'expert pool', 'current');

export const getExpert = async (deps: ExpertDeps, id: string): Promise<Expert> => {
  const head = await requireHead(deps);
  return required(deps.store.expert(head.generation, id), 'expert', id);
};

/** Suspends, reinstates or corrects one expert; refused if the pool changed since it was read. */
export const updateExpert = async (
  deps: ExpertDeps,
  caller: Caller,
  id: string,
  patch: UpdateExpert,
): Promise<Expert> => {
  const head = await requireHead(deps);
  const expert = await required(deps.store.expert(head.generation, id), 'expert', id);
  if (patch.specialties) {
    const known = new Set(await deps.store.specialties());
    patch.specialties.forEach((code, i) => {
      if (!known.has(code)) {
        throw new DomainError('VALIDATION_FAILED', `specialties.${i}: ${code} is not in the catalog`, {
          field: `specialties.${i}`,
        });
      }
    });
  }
  // A suspension that ended before today suspends nothing: a mistyped year, refused rather than kept.
  const today = cstDate(deps.clock.now());
  if (patch.status?.state === 'suspended' && patch.status.until < today) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `status.until: ${patch.status.until} is before today (${today}); a suspension runs through a day to come.`,
      { field: 'body.status.until' },
    );
  }
  const updated = Expert.parse({ ...expert, ...patch });
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'experts.updated',
      subject: { expertId: id },
      data: { fields: Object.keys(patch).sort() },
      confidential: { before: expert, after: updated },
    },
    replace: [
      { record: { kind: 'expert', generation: head.generation, value: updated }, expect: {} },
      {
        record: {
          kind: 'expertPool',
          value: { ...head, updatedAt: deps.clock.now().toISOString(), version: head.version + 1 },
        },
        expect: { version: head.version },
      },
    ],
  });
  return updated;
};

/** The specialty catalog (专业目录) that quotas and experts name. */
export const listSpecialties = async (deps: { store: Pick<ExpertStore, 'specialties'> }) => ({
  specialties: await deps.store.specialties(),
});
