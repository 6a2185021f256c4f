import { vacancies } from '../draw-ceremony/committee';
import { TradingDeps } from '../tenders/ports';
import { HumanStep } from './model';

type Facts = Record<string, string | number>;

/**
 * Whether the people a step waits for have done their part, read from the tender's own records:
 * the facts the execution carries on, or `undefined` while it must keep waiting.
 */
export const stepDone = async (
  deps: TradingDeps,
  tenderId: string,
  step: HumanStep,
): Promise<Facts | undefined> => {
  const { store } = deps;
  switch (step) {
    case 'shares': {
      const opening = await store.opening(tenderId);
      return opening?.status === 'opened'
        ? { openedAt: opening.openedAt!, bids: opening.bidCount }
        : undefined;
    }
    case 'draw': {
      const committee = await store.committee(tenderId);
      // Seated means notified or confirmed: declines are replaced by reserves or a supplementary draw.
      return committee && vacancies(committee).size === 0 ? { members: committee.seats.length } : undefined;
    }
    case 'report': {
      const evaluation = await store.evaluation(tenderId);
      return evaluation ? { recordedAt: evaluation.recordedAt } : undefined;
    }
    case 'publicity': {
      const publicity = await store.publicity(tenderId);
      return publicity ? { startsAt: publicity.startsAt, endsAt: publicity.endsAt } : undefined;
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
