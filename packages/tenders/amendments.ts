import { Caller, DomainError, keyDigest, notFound } from '../kernel';
import { assertLawfulAmendment, assertLawfulSchedule, calendarFor } from '../legal-rules';
import { actorOf } from '../audit-log';
import { procedureOf, scheduleRulesOf } from '../procedures';
import { PublishAmendment, Tender } from './model';
import { newNotice } from './notices';
import { TenderDeps } from './ports';
import { documentDigests, publishDocumentVersions, publishedDocument, requireActiveTender } from './tenders';
/**
 * 澄清/修改: staff publish new document versions and/or a new schedule. An amendment that may
 * affect bids must leave at least 15 days to the deadline (法23, 条例21): the refusal says which
 * deadline would be lawful. Every registered bidder receives it, and each delivery is recorded.
 */
export const publishAmendment = async (
  deps: TenderDeps,
  caller: Caller,
  tenderId: string,
  request: PublishAmendment,
  idempotencyKey?: string,
) => {
  const tender = await requireActiveTender(deps, tenderId);
  // A retry of the amendment that was published: its notice, not a second amendment.
  const digest = idempotencyKey ? keyDigest(caller.user, idempotencyKey) : undefined;
  const last = tender.lastAmendment;
  if (digest && last?.keyDigest === digest) {
    const notice = await deps.store.notice(last.publishedAt, last.noticeId);
    if (notice) {
      // The first attempt may have stopped before delivering it; delivery is idempotent.
      await deps.store.deliver(
        (await deps.store.registrations(tenderId)).map((r) => r.bidderOrg),
        notice,
      );
      return { notice };
    }
  }
  if (tender.status !== 'published') {
    throw new DomainError('CONFLICT', 'Only a published tender can be amended; change the draft instead.', {
      field: 'status',
    });
  }
  const project = await deps.store.project(tender.projectId);
  if (!project) throw notFound('project', tender.projectId);
  const now = deps.clock.now();
  if (now >= new Date(tender.schedule.bidDeadline)) {
    throw new DomainError(
      'DEADLINE_PASSED',
      'The bid deadline has passed: the tender can no longer be amended.',
      {
        rule: '条例21',
        field: 'schedule.bidDeadline',
      },
    );
  }
  const schedule = request.schedule ?? tender.schedule;
  // Moving the deadline earlier shortens every bidder's time: it always counts as affecting bids.
  const affectsBids =
    request.affectsBids || new Date(schedule.bidDeadline) < new Date(tender.schedule.bidDeadline);
  const calendar = await calendarFor(deps, now, schedule.documentsFrom, schedule.bidDeadline);
  const procedure = procedureOf(tender.procedure);
  if (request.schedule) {
    // The documents' issue has begun: their first day stays in the past.
    assertLawfulSchedule(
      schedule,
      {
        estimatedPrice: project.estimatedPrice,
        now,
        documentsIssued: true,
        rules: scheduleRulesOf(procedure),
      },
      calendar,
    );
  }
  assertLawfulAmendment(now, new Date(schedule.bidDeadline), affectsBids, calendar, procedure.amendment);
  if (!request.schedule && request.documents.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'An amendment changes the schedule, the documents, or both.', {
      field: 'body.documents',
    });
  }
  const versions = await deps.store.documents(tenderId);
  const documents = request.documents.map(({ documentId, version }) => {
    const found = versions.find((v) => v.documentId === documentId && v.version === version);
    if (!found || found.status !== 'stored') {
      throw new DomainError(
        'VALIDATION_FAILED',
        `${documentId} v${version} is not an uploaded, unpublished version.`,
        {
          field: 'body.documents',
        },
      );
    }
    return found;
  });
  const number = tender.amendments + 1;
  const recipients = (await deps.store.registrations(tenderId)).map((r) => r.bidderOrg);
  const notice = newNotice(
    tenderId,
    project.id,
    'amendment',
    `${project.name} — ${tender.name} 澄清/修改 第${number}号`,
    now,
    {
      number,
      summary: request.summary,
      affectsBids,
      schedule,
      documents: documents.map((d) => publishedDocument({ ...d, status: 'published' })),
    },
  );
  const amended: Tender = {
    ...tender,
    schedule,
    amendments: number,
    lastAmendment: {
      noticeId: notice.id,
      publishedAt: notice.publishedAt,
      ...(digest ? { keyDigest: digest } : {}),
    },
    version: tender.version + 1,
  };
  // The opening's hall moves first: when it is taken at the new deadline the amendment is refused
  // before anything is published, so the opening never loses its hall. A retry finds it moved.
  if (request.schedule) await deps.venues.moveOpening(caller, tenderId, schedule.bidDeadline);
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'tender.amended',
      subject: { tenderId, noticeId: notice.id },
      confidential: { recipients },
      data: {
        number,
        affectsBids,
        schedule,
        documents: documentDigests(documents),
      },
    },
    create: [{ kind: 'notice', value: notice }],
    replace: [
      { record: { kind: 'tender', value: amended }, expect: { version: tender.version } },
      ...publishDocumentVersions(tenderId, documents, number),
    ],
  });
  // The recipients are recorded, confidentially, in the amendment's own entry: one public entry,
  // whatever the number of registrants, so the log reveals neither who nor how many (法22).
  await deps.store.deliver(recipients, notice);
  // The answer does not say how many received it: that would tell how many registered (法22).
  return { notice };
};
