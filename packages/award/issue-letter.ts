import { createHash } from 'node:crypto';
import { cstDate, calendarFor, deadlineFor } from '../legal-rules';
import { platformActor } from '../audit-log';
import { AwardDeps } from './ports';
import { requireTender } from '../tenders';
import { renderAwardLetter } from './award-letter';
import { AwardLetter } from './model';
import { notFound, required } from '../kernel';
import { procedureOf, termOf } from '../procedures';

const requireAward = (deps: AwardDeps, tenderId: string) =>
  required(deps.store.award(tenderId), 'award of tender', tenderId);

const nameOf = async (deps: AwardDeps, org: string) => (await deps.store.organisation(org))?.name ?? org;

/**
 * 中标通知书 (法45; in government procurement 中标 or 成交通知书, 政府采购法46): the tenderer's award letter to the winner, made by the platform as a PDF once
 * the result is out, stored beside the tender's documents with its SHA-256 logged. The same award
 * always renders the same bytes, so a retry stores and logs the very same letter.
 */
export const issueAwardLetter = async (
  deps: AwardDeps & { font: Uint8Array },
  tenderId: string,
): Promise<AwardLetter> => {
  const issued = await deps.store.awardLetter(tenderId);
  if (issued) return issued;
  const [tender, award] = await Promise.all([requireTender(deps, tenderId), requireAward(deps, tenderId)]);
  const project = await deps.store.project(tender.projectId);
  if (!project) throw notFound('project', tender.projectId);
  const procedure = procedureOf(tender.procedure);
  const { law } = procedure;
  const awardedAt = new Date(award.awardedAt);
  const contractDue = deadlineFor('contract-signing', awardedAt, await calendarFor(deps, awardedAt));
  const pdf = await renderAwardLetter(
    {
      tenderId,
      tenderName: tender.name,
      projectName: project.name,
      winnerOrg: award.winner.bidderOrg,
      winnerName: await nameOf(deps, award.winner.bidderOrg),
      // Prices are kept in fen (分); the letter states yuan.
      price: award.winner.price / 100,
      awardedAt: award.awardedAt,
      contractDueOn: cstDate(contractDue),
      issuerName: await nameOf(deps, project.tendererOrg),
      noticeId: award.noticeId,
      law,
      term: termOf(procedure),
    },
    deps.font,
  );
  const letter: AwardLetter = {
    tenderId,
    winner: award.winner.bidderOrg,
    objectKey: `awards/${tenderId}/award-letter.pdf`,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    size: pdf.length,
    issuedAt: deps.clock.now().toISOString(),
  };
  await deps.documents.put(letter.objectKey, pdf, 'application/pdf');
  await deps.store.commit({
    entry: {
      actor: platformActor,
      action: 'award.letter-issued',
      subject: { projectId: project.id, tenderId, noticeId: award.noticeId },
      data: { winner: letter.winner, sha256: letter.sha256, size: letter.size },
    },
    create: [{ kind: 'awardLetter', value: letter }],
  });
  return letter;
};
