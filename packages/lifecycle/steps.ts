import { holdOn } from '../complaints';
import { vacancies } from '../draw-ceremony';
import { deadlineFor, deadlineOf, calendarFor } from '../legal-rules';
import { procedureOf } from '../procedures';
import { LifecycleDeps } from './ports';
import { HumanStep } from './model';
import { waitArticle, waitDueAt, waitRule, waitTimestamp } from './wait-limits';
type Facts = Record<string, string | number>;

/**
 * Whether the people a step waits for have done their part, read from the tender's own records:
 * the facts the execution carries on, or `undefined` while it must keep waiting. While the tender
 * is held (suspended by the regulator, or paused by an unanswered objection to its documents) no
 * step is done, so the execution waits where it stands until the hold is lifted. Once the tender
 * is terminated (终止) every wait is over: `terminated` ends the execution.
 */
export const stepDone = async (
  deps: LifecycleDeps,
  tenderId: string,
  step: HumanStep,
): Promise<Facts | undefined> => {
  const { store } = deps;
  const [tender, challenges] = await Promise.all([store.tender(tenderId), store.challenges(tenderId)]);
  if (tender?.termination) return { terminated: tender.termination.at };
  if (holdOn(challenges)) return undefined;
  switch (step) {
    case 'resumption':
      return { suspensions: challenges?.suspensions.length ?? 0 };
    case 'shares': {
      const opening = await store.opening(tenderId);
      return opening?.status === 'opened'
        ? { openedAt: opening.openedAt!, bids: opening.bidCount }
        : undefined;
    }
    case 'draw': {
      const committee = await store.committee(tenderId);
      // Seated means notified or confirmed: declines are replaced by reserves or a supplementary draw.
      if (!committee || vacancies(committee).size > 0) return undefined;
      // 谈判 and 磋商 negotiate and take final quotes before the report (74号令33, 214号21).
      const { finalQuotes } = procedureOf(tender?.procedure);
      return { members: committee.seats.length, then: finalQuotes ? 'negotiation' : 'report' };
    }
    case 'negotiation': {
      const negotiation = await store.negotiation(tenderId);
      return negotiation?.finalCall
        ? { quotesDueAt: waitTimestamp(negotiation.finalCall.quotesDueAt) }
        : undefined;
    }
    case 'report': {
      const evaluation = await store.evaluation(tenderId);
      if (!evaluation) return undefined;
      // What follows the report is the procedure's: candidate publicity (条例54) or the purchaser's confirmation.
      const { award } = procedureOf(tender?.procedure);
      return {
        recordedAt: evaluation.recordedAt,
        then: award.by === 'candidate-publicity' ? 'publicity' : 'result',
      };
    }
    case 'publicity': {
      const publicity = await store.publicity(tenderId);
      return publicity
        ? { startsAt: publicity.startsAt, endsAt: waitTimestamp(publicity.endsAt) }
        : undefined;
    }
    case 'answers': {
      const publicity = await store.publicity(tenderId);
      const open = publicity?.objections.filter((o) => !o.answer).length;
      return open === 0 ? { objections: publicity!.objections.length } : undefined;
    }
    case 'result': {
      const award = await store.award(tenderId);
      return award ? { awardedAt: award.awardedAt, winner: award.winner.bidderOrg } : undefined;
    }
    case 'contract': {
      const contract = await store.contract(tenderId);
      return contract ? { signedOn: contract.signedOn } : undefined;
    }
  }
};

/**
 * When a step is due. Where the law counts from its own event (the report, each objection, the
 * award notice) the time limit runs from there; otherwise from when the wait began.
 */
export const stepDueAt = async (
  deps: LifecycleDeps,
  tenderId: string,
  step: HumanStep,
  since: Date,
): Promise<Date> => {
  const { store } = deps;
  const calendar = await calendarFor(deps, since);
  switch (step) {
    case 'publicity': {
      const evaluation = await store.evaluation(tenderId);
      if (evaluation) return deadlineFor('publicity-start', new Date(evaluation.recordedAt), calendar);
      break;
    }
    case 'answers': {
      const open = (await store.publicity(tenderId))?.objections.filter((o) => !o.answer) ?? [];
      if (open.length > 0) return new Date(Math.min(...open.map((o) => new Date(o.answerDueAt).getTime())));
      break;
    }
    case 'contract': {
      const award = await store.award(tenderId);
      if (award) return deadlineFor('contract-signing', new Date(award.awardedAt), calendar);
      break;
    }
    case 'result': {
      const confirmation = await confirmationOf(deps, tenderId);
      const evaluation = confirmation && (await store.evaluation(tenderId));
      if (evaluation) return deadlineOf(confirmation.rule, new Date(evaluation.recordedAt), calendar);
      break;
    }
  }
  return waitDueAt(step, since);
};

/** The purchaser's confirmation of the winner (87号令68, 74号令36/49, 214号28), where the tender's procedure has one. */
const confirmationOf = async (deps: LifecycleDeps, tenderId: string) => {
  const { award } = procedureOf((await deps.store.tender(tenderId))?.procedure);
  return award.by === 'purchaser-confirmation' ? award : undefined;
};

/**
 * The rule a step's time limit runs under, for the tender's procedure: the confirmation's where the
 * purchaser confirms; the negotiation record's where it stands as the report (单一来源, 74号令42),
 * under the platform's own limit.
 */
export const stepRule = async (
  deps: LifecycleDeps,
  tenderId: string,
  step: HumanStep,
): Promise<{ rule: string; article: string }> => {
  if (step === 'report') {
    const { award } = procedureOf((await deps.store.tender(tenderId))?.procedure);
    if (award.by === 'negotiation-record') return { rule: waitRule(step), article: award.article };
  }
  const confirmation = step === 'result' ? await confirmationOf(deps, tenderId) : undefined;
  return confirmation
    ? { rule: confirmation.rule.id, article: confirmation.rule.article }
    : { rule: waitRule(step), article: waitArticle(step) };
};
