import { validBids } from '../bidding';
import { assertNotHeld, holdOn } from '../complaints';
import { publishDraws } from '../draw-ceremony';
import { DomainError, notFound, Caller } from '../kernel';
import { AuditActor, actorOf, platformActor } from '../audit-log';
import { procedureOf, termOf } from '../procedures';
import { newNotice, Notice, requireActiveTender, requireTender, Tender } from '../tenders';
import { AwardDeps } from './ports';

/** The result needs no documents bucket: the lifecycle's own step publishes it. */
type ResultDeps = Omit<AwardDeps, 'documents'>;
import { requireEvaluation } from './evaluation';
import { Award } from './model';
import { requirePublicity } from './publicity';
/**
 * 中标结果: after the publicity has run and every objection is answered (条例54). A state-funded
 * project's winner is its first candidate (条例55). The result notice is public; the winner gets
 * the award notice and every other bidder its result notice at the same time (法45); the
 * committee's draws become public with it (法37).
 */
export const publishResult = async (
  deps: ResultDeps,
  actor: AuditActor,
  tenderId: string,
  chosen?: string,
) => {
  const tender = await requireActiveTender(deps, tenderId);
  const project = await deps.store.project(tender.projectId);
  if (!project) throw notFound('project', tender.projectId);
  const procedure = procedureOf(tender.procedure);
  const confirmation = confirmationOf(tender);
  // 单一来源: the negotiation record names the one supplier; no publicity, no choice (74号令42).
  const byRecord = procedure.award.by === 'negotiation-record';
  const [evaluation, publicity] = await Promise.all([
    requireEvaluation(deps, tenderId),
    confirmation || byRecord ? undefined : requirePublicity(deps, tenderId),
  ]);
  const done = await deps.store.award(tenderId);
  if (done) {
    // A retry after a failed charge or delivery makes them again; the notices keep their first ids.
    await followResult(deps, done);
    return done;
  }
  // A suspended tender publishes no result (条例62, 法57).
  await assertNotHeld(deps, tenderId, 'the result is published');
  const now = deps.clock.now();
  if (publicity && now < new Date(publicity.endsAt)) {
    throw new DomainError(
      'RULE_VIOLATED',
      `The candidates are in publicity until ${publicity.endsAt} (条例54).`,
      {
        rule: '条例54',
        field: 'tenderId',
      },
    );
  }
  const open = (publicity?.objections ?? []).filter((o) => !o.answer).map((o) => o.number);
  if (open.length > 0) {
    throw new DomainError(
      'RULE_VIOLATED',
      `The result waits for the answer to objection ${open.join(', ')} (条例54).`,
      {
        rule: '条例54',
        field: 'tenderId',
      },
    );
  }
  const first = evaluation.candidates[0]!;
  if (confirmation) {
    if (!chosen)
      throw new DomainError(
        'VALIDATION_FAILED',
        `winner: name the candidate the purchaser confirmed (${confirmation.rule.article})`,
        { field: 'body.winner', rule: confirmation.rule.article },
      );
    if (chosen !== first.bidderOrg)
      throw new DomainError(
        'RULE_VIOLATED',
        `The purchaser confirms the winner in the report's order: ${first.bidderOrg} (${confirmation.rule.article}).`,
        { field: 'body.winner', rule: confirmation.rule.article },
      );
  } else if (project.stateFunded && chosen && chosen !== first.bidderOrg) {
    throw new DomainError(
      'RULE_VIOLATED',
      `A state-funded project awards its first candidate, ${first.bidderOrg} (条例55).`,
      {
        rule: '条例55',
        field: 'body.winner',
      },
    );
  }
  if (!confirmation && !byRecord && !project.stateFunded && !chosen) {
    throw new DomainError('VALIDATION_FAILED', 'winner: name the candidate the tenderer chose', {
      field: 'body.winner',
    });
  }
  const winner = evaluation.candidates.find((c) => c.bidderOrg === (chosen ?? first.bidderOrg));
  if (!winner)
    throw new DomainError('VALIDATION_FAILED', `winner: ${chosen} is not a candidate`, {
      field: 'body.winner',
    });

  const bidders = [...new Set((await validBids(deps, tenderId)).map((b) => b.bidderOrg))];
  const others = bidders.filter((org) => org !== winner.bidderOrg);
  const notice = (type: Notice['type'], title: string, body: Notice['body']): Notice =>
    newNotice(tenderId, project.id, type, title, now, body);
  const facts = {
    tenderName: tender.name,
    winner: winner.bidderOrg,
    price: winner.price,
    awardedAt: now.toISOString(),
  };
  const term = termOf(procedure);
  const publicNotice = notice('result', `${tender.name} ${term}结果公告`, {
    ...facts,
    candidates: evaluation.candidates,
  });
  const awardNotice = notice('award', `${tender.name} ${term}通知书`, facts);
  const resultNotice = notice('result', `${tender.name} ${term}结果通知`, facts);
  const award: Award = {
    tenderId,
    winner,
    noticeId: publicNotice.id,
    awardedAt: now.toISOString(),
    deliveries: { award: awardNotice, result: resultNotice, others },
  };
  const draws = publishDraws(await deps.store.draws(tenderId), now);
  await deps.store.commit({
    entry: {
      actor,
      action: 'tender.awarded',
      subject: { projectId: project.id, tenderId, noticeId: publicNotice.id },
      data: { winner: winner.bidderOrg, price: winner.price, notified: bidders.length },
      confidential: { recipients: { award: winner.bidderOrg, result: others } },
    },
    create: [
      { kind: 'notice', value: publicNotice },
      { kind: 'award', value: award },
    ],
    replace: [
      {
        record: { kind: 'tender', value: { ...tender, status: 'awarded', version: tender.version + 1 } },
        expect: { version: tender.version },
      },
      // An objection raised meanwhile holds the result (条例54).
      ...(publicity
        ? [
            {
              record: { kind: 'publicity' as const, value: publicity },
              expect: { version: publicity.version },
            },
          ]
        : []),
      ...(draws.replace ?? []),
    ],
  });
  await followResult(deps, award);
  return award;
};

/**
 * What follows a result, each step safe to take again: the ledger settles it (the winner's service
 * fee, and in government procurement the others' bond refunds), the
 * winner's award notice and every other bidder's result notice go out together (法45), and the
 * milestone is reached.
 */
const followResult = async (deps: ResultDeps, award: Award) => {
  const { deliveries, winner } = award;
  await deps.ledger?.onResult(award.tenderId, winner.bidderOrg, winner.price, new Date(award.awardedAt));
  await Promise.all([
    deps.store.deliver([winner.bidderOrg], deliveries.award as Notice),
    deps.store.deliver(deliveries.others, deliveries.result as Notice),
  ]);
  await deps.milestones.reached(award.tenderId, 'result-published');
};

/** Staff record the signed contract (法46), which ends the contract-signing time limit. */
export const recordContract = async (
  deps: ResultDeps,
  caller: Caller,
  tenderId: string,
  signedOn: string,
) => {
  const tender = await requireTender(deps, tenderId);
  if (tender.status !== 'awarded') {
    throw new DomainError('CONFLICT', 'A contract follows the award notice.', { field: 'tenderId' });
  }
  await assertNotHeld(deps, tenderId, 'the contract is recorded');
  const contract = {
    tenderId,
    signedOn,
    recordedAt: deps.clock.now().toISOString(),
    recordedBy: caller.user,
  };
  await deps.store.commit({
    entry: { actor: actorOf(caller), action: 'contract.recorded', subject: { tenderId }, data: { signedOn } },
    create: [{ kind: 'contract', value: contract }],
  });
  await deps.milestones.reached(tenderId, 'contract-recorded');
  return contract;
};

/** The purchaser's confirmation of the winner, where the procedure has one instead of candidate publicity. */
const confirmationOf = (tender: Tender) => {
  const { award } = procedureOf(tender.procedure);
  return award.by === 'purchaser-confirmation' ? award : undefined;
};

/** Objections to the candidates still unanswered; the result waits for them (条例54). */
const objectionsOpen = async (deps: ResultDeps, tenderId: string) => {
  const publicity = await deps.store.publicity(tenderId);
  return !publicity || publicity.objections.some((o) => !o.answer);
};

/**
 * The lifecycle's step once the publicity has run: the result is published at once for a
 * state-funded project (its first candidate, 条例55); otherwise the tenderer names the winner.
 * Open objections hold it (条例54); so does a suspension (条例62, 法57), until it is lifted.
 */
export const publishWhenClear = async (
  deps: ResultDeps,
  tenderId: string,
): Promise<{
  outcome: 'published' | 'objections-open' | 'held' | 'awaiting-choice' | 'terminated';
  winner?: string;
}> => {
  const tender = await requireTender(deps, tenderId);
  // Terminated while the execution was on its way here: there is no result to publish.
  if (tender.termination) return { outcome: 'terminated' };
  const project = await deps.store.project(tender.projectId);
  if (!project) throw notFound('project', tender.projectId);
  // An award committed by an attempt whose deliveries failed: publishing again delivers them again.
  if (await deps.store.award(tenderId)) {
    await publishResult(deps, platformActor, tenderId);
    return { outcome: 'published' };
  }
  // In government procurement the purchaser confirms the winner (87号令68); a 质疑 holds it through its hold.
  if (confirmationOf(tender)) {
    return holdOn(await deps.store.challenges(tenderId))
      ? { outcome: 'held' }
      : { outcome: 'awaiting-choice' };
  }
  const byRecord = procedureOf(tender.procedure).award.by === 'negotiation-record';
  if (!byRecord && (await objectionsOpen(deps, tenderId))) return { outcome: 'objections-open' };
  if (holdOn(await deps.store.challenges(tenderId))) return { outcome: 'held' };
  if (!byRecord && !project.stateFunded) return { outcome: 'awaiting-choice' };
  try {
    const award = await publishResult(deps, platformActor, tenderId);
    return { outcome: 'published', winner: award.winner.bidderOrg };
  } catch (error) {
    // An objection raised or a suspension made since the checks above holds the result, and the execution waits.
    if (error instanceof DomainError && error.code === 'RULE_VIOLATED') {
      if (await objectionsOpen(deps, tenderId)) return { outcome: 'objections-open' };
      if (holdOn(await deps.store.challenges(tenderId))) return { outcome: 'held' };
    }
    throw error;
  }
};
