import { assertNotHeld } from '../complaints';
import { vacancies } from '../draw-ceremony';
import { DomainError, newId, required, Caller } from '../kernel';
import { actorOf } from '../audit-log';
import { AwardDeps, AwardReads } from './ports';
import { procedureOf } from '../procedures';
import { requireActiveTender, Tender } from '../tenders';
import { Evaluation, RecordReport } from './model';
/** How long staff have to upload the report file. */
const UPLOAD_SECONDS = 30 * 60;

export const requireEvaluation = (deps: { store: Pick<AwardReads, 'evaluation'> }, tenderId: string) =>
  required(deps.store.evaluation(tenderId), 'evaluation report of tender', tenderId);

/** A presigned PUT for the signed report file (PDF); its hash is taken from the stored bytes. */
export const reportUploadSlot = async (deps: AwardDeps, tenderId: string) => {
  await requireActiveTender(deps, tenderId);
  const now = deps.clock.now();
  const objectKey = `evaluation/${tenderId}/${newId('R', now)}.pdf`;
  return {
    objectKey,
    uploadUrl: await deps.documents.uploadUrl(objectKey, 'application/pdf', UPLOAD_SECONDS),
    method: 'PUT' as const,
    headers: { 'content-type': 'application/pdf' },
    expiresAt: new Date(now.getTime() + UPLOAD_SECONDS * 1000).toISOString(),
  };
};

/** 谈判, 磋商: the report follows the close of the final quotes, and ranks them at their prices (74号令35). */
const assertRanksFinalQuotes = async (deps: AwardDeps, tender: Tender, report: RecordReport) => {
  const { finalQuotes, name } = procedureOf(tender.procedure);
  if (!finalQuotes) return;
  const negotiation = await deps.store.negotiation(tender.id);
  const call = negotiation?.finalCall;
  if (!call || deps.clock.now() < new Date(call.quotesDueAt)) {
    throw new DomainError(
      'CONFLICT',
      `In ${name} the report follows the final quotes${call ? `, due by ${call.quotesDueAt}` : ''} (${finalQuotes.article}).`,
      { field: 'tenderId', rule: finalQuotes.article },
    );
  }
  report.candidates.forEach((c, i) => {
    const quote = negotiation.quotes.find((q) => q.bidderOrg === c.bidderOrg);
    if (quote?.price !== c.price) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `candidates.${i}.price: ${c.bidderOrg}'s final quote is ${quote ? `${quote.price} fen` : 'missing'}; a candidate is ranked at its final quote (${finalQuotes.article})`,
        { field: `body.candidates.${i}.price`, rule: finalQuotes.article },
      );
    }
  });
};

/**
 * Staff record the committee's report (评标报告): at most three ranked candidates, each a bidder
 * whose bid was decrypted at the opening; signed by members of the drawn committee; the file's
 * hash logged. Recorded once: a report is evidence, not a draft.
 */
export const recordReport = async (
  deps: AwardDeps,
  caller: Caller,
  tenderId: string,
  report: RecordReport,
) => {
  const tender = await requireActiveTender(deps, tenderId);
  const [opening, committee, existing] = await Promise.all([
    deps.store.opening(tenderId),
    deps.store.committee(tenderId),
    deps.store.evaluation(tenderId),
  ]);
  if (existing)
    throw new DomainError('CONFLICT', 'The evaluation report is already recorded.', { field: 'tenderId' });
  if (procedureOf(tender.procedure).award.by === 'negotiation-record') {
    await assertNegotiationRecord(deps, tender, report);
    return storeReport(deps, caller, tender, report);
  }
  if (opening?.status !== 'opened' || !committee) {
    throw new DomainError('CONFLICT', 'A report follows the opening and the drawing of the committee.', {
      field: 'tenderId',
    });
  }
  const decrypted = new Set(
    (opening.rows ?? []).filter((r) => r.outcome === 'decrypted').map((r) => r.bidderOrg),
  );
  report.candidates.forEach((c, i) => {
    if (!decrypted.has(c.bidderOrg)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `candidates.${i}.bidderOrg: ${c.bidderOrg} has no opened bid`,
        {
          field: `body.candidates.${i}.bidderOrg`,
        },
      );
    }
  });
  // 法37: the committee that reports is the whole drawn committee, every member confirmed.
  if (vacancies(committee).size > 0 || committee.seats.some((s) => s.status === 'notified')) {
    throw new DomainError(
      'CONFLICT',
      'Every seat of the committee must be filled and confirmed before it reports.',
      {
        field: 'tenderId',
        rule: '法37',
      },
    );
  }
  await assertRanksFinalQuotes(deps, tender, report);
  const members = new Set(committee.seats.filter((s) => s.status === 'confirmed').map((s) => s.expertId));
  report.signedBy.forEach((id, i) => {
    if (!members.has(id)) {
      throw new DomainError('VALIDATION_FAILED', `signedBy.${i}: ${id} does not sit on this committee`, {
        field: `body.signedBy.${i}`,
      });
    }
  });
  return storeReport(deps, caller, tender, report);
};

/**
 * 单一来源: no bids and no committee. After the notice's publicity (74号令38) the purchaser's staff
 * agree the price with the one supplier and write the negotiation record (谈判记录, 74号令41–42),
 * which stands as the report: the supplier the notice named as its one candidate, at the agreed
 * price, signed by the staff who negotiated. An objection to the notice holds it until its review,
 * and for good once upheld (74号令40).
 */
const assertNegotiationRecord = async (deps: AwardDeps, tender: Tender, report: RecordReport) => {
  if (deps.clock.now() <= new Date(tender.schedule.bidDeadline)) {
    throw new DomainError(
      'RULE_VIOLATED',
      `The single-source notice is public until ${tender.schedule.bidDeadline}; the negotiation follows it (74号令38).`,
      { field: 'tenderId', rule: '74号令38' },
    );
  }
  await assertNotHeld(deps, tender.id, 'the negotiation is recorded');
  const supplier = tender.singleSource?.supplier;
  if (report.candidates.length !== 1 || report.candidates[0]!.bidderOrg !== supplier) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `candidates: the negotiation record names the one supplier of the single-source notice, ${supplier}, at the agreed price (74号令42)`,
      { field: 'body.candidates', rule: '74号令42' },
    );
  }
};

/** The report as recorded, its file's hash taken from the stored bytes; the signers stay confidential until the result. */
const storeReport = async (deps: AwardDeps, caller: Caller, tender: Tender, report: RecordReport) => {
  const tenderId = tender.id;
  if (!report.reportFile.startsWith(`evaluation/${tenderId}/`)) {
    throw new DomainError('VALIDATION_FAILED', 'reportFile: must be the key of this tender’s report upload', {
      field: 'body.reportFile',
    });
  }
  const stored = await deps.documents.describe(report.reportFile);
  if (!stored)
    throw new DomainError('CONFLICT', 'Upload the report file before recording the report.', {
      field: 'body.reportFile',
    });
  const evaluation: Evaluation = {
    tenderId,
    candidates: report.candidates,
    signedBy: report.signedBy,
    file: { objectKey: report.reportFile, sha256: stored.sha256, size: stored.size },
    recordedAt: deps.clock.now().toISOString(),
    recordedBy: caller.user,
  };
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'evaluation.recorded',
      subject: { projectId: tender.projectId, tenderId },
      data: { reportSha256: stored.sha256, candidates: report.candidates.length },
      // The signers are the committee, whose names stay confidential until the result (法37).
      confidential: { evaluation },
    },
    create: [{ kind: 'evaluation', value: evaluation }],
  });
  await deps.milestones.reached(tenderId, 'report-recorded');
  return evaluation;
};
