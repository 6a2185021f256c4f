import canonicalize from 'canonicalize';
import { DomainError, createOnce, newId, notFound, required, Caller } from '../kernel';
import { assertLawfulSchedule, calendarFor } from '../legal-rules';
import { custodiansFor, makeOpeningKey, publishedOpeningKey } from '../custody';
import { actorOf } from '../audit-log';
import { assertLawfulProcedure, dealCodeOf, procedureOf, scheduleRulesOf } from '../procedures';
import { CreateTender, DocumentVersion, Notice, Project, Tender, Termination } from './model';
import { newNotice } from './notices';
import { TenderDeps, TenderReads } from './ports';
/** The latest version of each document with one of `statuses`. */
export const latestVersions = (
  versions: DocumentVersion[],
  statuses: DocumentVersion['status'][],
): DocumentVersion[] => {
  const latest = new Map<string, DocumentVersion>();
  for (const version of versions) {
    if (!statuses.includes(version.status)) continue;
    const seen = latest.get(version.documentId);
    if (!seen || seen.version < version.version) latest.set(version.documentId, version);
  }
  return [...latest.values()].sort((a, b) => a.documentId.localeCompare(b.documentId));
};

export const publishedDocument = (version: DocumentVersion) => ({
  documentId: version.documentId,
  version: version.version,
  fileName: version.fileName,
  contentType: version.contentType,
  sha256: version.sha256!,
  size: version.size!,
});

/** How the audit log records published documents: by version and hash. */
export const documentDigests = (documents: DocumentVersion[]) =>
  documents.map((d) => ({ documentId: d.documentId, version: d.version, sha256: d.sha256! }));

/** The writes that make stored versions published (and immutable), on condition they are still only stored. */
export const publishDocumentVersions = (tenderId: string, documents: DocumentVersion[], amendment?: number) =>
  documents.map((d) => ({
    record: {
      kind: 'document' as const,
      tenderId,
      value: { ...d, status: 'published' as const, ...(amendment ? { amendment } : {}) },
    },
    expect: { status: 'stored' },
  }));

export const requireTender = (
  deps: { store: Pick<TenderReads, 'tender'> },
  tenderId: string,
): Promise<Tender> => required(deps.store.tender(tenderId), 'tender', tenderId);

/**
 * A tender that still takes steps: once terminated (终止公告) it takes none, and the refusal names
 * the termination, its article and its notice.
 */
export const requireActiveTender = async (
  deps: { store: Pick<TenderReads, 'tender'> },
  tenderId: string,
): Promise<Tender> => {
  const tender = await requireTender(deps, tenderId);
  const ended = tender.termination;
  if (ended) {
    throw new DomainError(
      'CONFLICT',
      `The tender was terminated at ${ended.at} (${ended.article}, notice ${ended.noticeId}); it takes no further step.`,
      { rule: ended.article, field: 'tenderId' },
    );
  }
  return tender;
};

/** The named organisations must be registered bidders: invitations (法17) and a single source go to suppliers. */
const requireBidders = async (
  deps: TenderDeps,
  orgs: readonly string[],
  fieldAt: (index: number) => string,
) => {
  const found = await Promise.all(orgs.map((id) => deps.store.organisation(id)));
  const index = found.findIndex((org) => org?.kind !== 'bidder');
  if (index >= 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${fieldAt(index)}: ${orgs[index]} is not a registered bidder organisation.`,
      {
        field: fieldAt(index),
      },
    );
  }
};

/** The catalog's check of the procedure for the project (目录统一), and the procedure's own terms. */
const assertProcedureFor = async (deps: TenderDeps, project: Project, request: CreateTender) => {
  const procedure = assertLawfulProcedure(
    {
      kind: project.type,
      estimatedPrice: project.estimatedPrice,
      constructionRelated: project.constructionRelated,
    },
    request,
    deps.thresholds,
  );
  if (request.invitedBidders) {
    await requireBidders(deps, request.invitedBidders, (index) => `body.invitedBidders.${index}`);
  }
  if (request.singleSource) {
    await requireBidders(deps, [request.singleSource.supplier], () => 'body.singleSource.supplier');
  }
  return procedure;
};

/** Staff create a tender (标段) under an accepted project; its procedure and schedule must already be lawful. */
export const createTender = async (
  deps: TenderDeps,
  caller: Caller,
  projectId: string,
  request: CreateTender,
  idempotencyKey?: string,
): Promise<{ tender: Tender; created: boolean }> => {
  const project = await deps.store.project(projectId);
  if (!project) throw notFound('project', projectId);
  if (project.status !== 'accepted') {
    throw new DomainError('CONFLICT', `Project ${projectId} must be accepted before it gets tenders.`, {
      field: 'projectId',
    });
  }
  const procedure = await assertProcedureFor(deps, project, request);
  const calendar = await calendarFor(deps, request.schedule.documentsFrom, request.schedule.bidDeadline);
  // Refused now what publication would refuse: a schedule in the past, or beyond a year.
  assertLawfulSchedule(
    request.schedule,
    { estimatedPrice: project.estimatedPrice, now: deps.clock.now(), rules: scheduleRulesOf(procedure) },
    calendar,
  );
  // Custodians named now must already hold keys: better refused here than at publication.
  if (request.custodians) await custodiansFor(deps, request.custodians, caller);
  const now = deps.clock.now();
  const id = newId('T', now, idempotencyKey ? { user: caller.user, key: idempotencyKey } : undefined);
  const { value, created } = await createOnce({
    keyed: idempotencyKey !== undefined,
    what: 'tender',
    read: () => deps.store.tender(id),
    sameRequest: (existing) =>
      existing.projectId === projectId &&
      existing.name === request.name &&
      canonicalize(existing.schedule) === canonicalize(request.schedule) &&
      (['custodians', 'procedure', 'invitedBidders', 'singleSource'] as const).every(
        (key) => canonicalize(existing[key] ?? null) === canonicalize(request[key] ?? null),
      ),
    create: async () => {
      const tender: Tender = {
        ...request,
        id,
        projectId,
        status: 'draft',
        createdAt: now.toISOString(),
        amendments: 0,
        version: 0,
      };
      await deps.store.commit({
        entry: {
          actor: actorOf(caller),
          action: 'tender.created',
          subject: { projectId, tenderId: id },
          data: { name: tender.name, schedule: tender.schedule, procedure: procedure.code },
          // Who is invited is the tenderer's to know, not the public's, until the opening (法22).
          ...(tender.invitedBidders ? { confidential: { invitedBidders: tender.invitedBidders } } : {}),
        },
        create: [{ kind: 'tender', value: tender }],
      });
      return tender;
    },
  });
  return { tender: value, created };
};

/**
 * Publishes a draft tender: its stored documents become immutable, the announcement (招标公告)
 * enters the public feed, and the tender becomes visible. The schedule is checked again, now.
 */
export const publishTender = async (deps: TenderDeps, caller: Caller, tenderId: string): Promise<Notice> => {
  const tender = await requireTender(deps, tenderId);
  if (tender.status !== 'draft') {
    // A retry after the publication committed still makes sure its lifecycle runs.
    if (tender.status === 'published') await deps.lifecycle?.start(tenderId, deps.clock.now().toISOString());
    throw new DomainError('CONFLICT', `Tender ${tenderId} is already published.`, { field: 'status' });
  }
  const project = await deps.store.project(tender.projectId);
  if (!project) throw notFound('project', tender.projectId);
  const now = deps.clock.now();
  const procedure = procedureOf(tender.procedure);
  const calendar = await calendarFor(deps, tender.schedule.documentsFrom, tender.schedule.bidDeadline);
  assertLawfulSchedule(
    tender.schedule,
    { estimatedPrice: project.estimatedPrice, now, rules: scheduleRulesOf(procedure) },
    calendar,
  );
  const documents = latestVersions(await deps.store.documents(tenderId), ['stored']);
  const custodians = await custodiansFor(deps, tender.custodians, caller);
  if (documents.length === 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'Upload and confirm at least one tender document before publishing.',
      {
        field: 'documents',
      },
    );
  }
  const publishedAt = now.toISOString();
  const openingKey = await makeOpeningKey(tenderId, custodians, now);
  const notice = newNotice(
    tenderId,
    project.id,
    'announcement',
    `${project.name} — ${tender.name} ${procedure.announcement}`,
    now,
    {
      projectName: project.name,
      projectType: project.type,
      tenderName: tender.name,
      procedure: procedure.code,
      procedureName: procedure.name,
      law: procedure.law,
      ...(tender.singleSource ? { singleSource: tender.singleSource } : {}),
      schedule: tender.schedule,
      documents: documents.map(publishedDocument),
      openingKey: publishedOpeningKey(openingKey),
    },
  );
  const published: Tender = { ...tender, status: 'published', publishedAt, version: tender.version + 1 };
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'tender.published',
      subject: { projectId: project.id, tenderId, noticeId: notice.id },
      data: {
        schedule: tender.schedule,
        documents: documentDigests(documents),
        openingKey: publishedOpeningKey(openingKey),
      },
    },
    create: [
      { kind: 'notice', value: notice },
      { kind: 'openingKey', value: openingKey },
      // From now on the cadence anchors the tender's sealed process log.
      { kind: 'sealedProcess', value: { id: tenderId, of: 'tender' } },
    ],
    replace: [
      { record: { kind: 'tender', value: published }, expect: { version: tender.version } },
      ...publishDocumentVersions(tenderId, documents),
    ],
  });
  await deps.lifecycle?.start(tenderId, deps.clock.now().toISOString());
  return notice;
};

/**
 * A tender as the public sees it once published: schedule and published documents with their
 * hashes. Nothing here depends on who registered (法22). Staff and regulators also see drafts.
 */
const omitBy = ({ by: _by, ...termination }: Termination) => termination;

export const viewTender = async (deps: TenderDeps, audience: 'public' | 'insiders', tenderId: string) => {
  // One round trip: the three reads go together, as nothing they return is confidential.
  const [tender, versions, openingKey] = await Promise.all([
    deps.store.tender(tenderId),
    deps.store.documents(tenderId),
    deps.store.openingKey(tenderId),
  ]);
  // Insiders (staff and regulators, as the managing route allows) also see drafts.
  const insider = audience === 'insiders';
  if (!tender || (tender.status === 'draft' && !insider)) throw notFound('tender', tenderId);
  const { code, law } = procedureOf(tender.procedure);
  return {
    id: tender.id,
    projectId: tender.projectId,
    name: tender.name,
    dealCode: dealCodeOf(tender.projectId),
    procedure: code,
    law,
    // 74号令38: the single-source notice states the reasons and the supplier.
    ...(tender.singleSource ? { singleSource: tender.singleSource } : {}),
    status: tender.status,
    publishedAt: tender.publishedAt,
    amendments: tender.amendments,
    schedule: tender.schedule,
    documents: latestVersions(versions, ['published']).map(publishedDocument),
    ...(openingKey ? { openingKey: publishedOpeningKey(openingKey) } : {}),
    // 终止: public as its notice is; who entered it, for insiders only.
    ...(tender.termination ? { termination: insider ? tender.termination : omitBy(tender.termination) } : {}),
    ...(insider ? { drafts: latestVersions(versions, ['awaiting-upload', 'stored']) } : {}),
    ...(insider && tender.invitedBidders ? { invitedBidders: tender.invitedBidders } : {}),
  };
};
