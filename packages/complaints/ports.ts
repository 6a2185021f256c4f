import { Committer } from '../audit-log';
import { Clock, Milestones } from '../kernel';
import { NoticeDelivery, TenderReads } from '../tenders';
import { Challenges } from './model';

export type ComplaintRecord = { kind: 'challenges'; value: Challenges };

/** What the steps that act on a tender (the result, the contract, the lifecycle) and supervision read. */
export interface ChallengeReads {
  challenges(tenderId: string): Promise<Challenges | undefined>;
}

/** An objection a bidder raised elsewhere: at the opening (条例44) or in the candidate publicity (条例54). */
export interface PriorObjection {
  number: number;
  raisedAt: string;
  answerDueAt?: string;
  answeredAt?: string;
}

export interface ComplaintStore
  extends
    ChallengeReads,
    Pick<TenderReads, 'tender' | 'registration' | 'calendar'>,
    NoticeDelivery,
    Committer<ComplaintRecord> {
  /** One bidder's objections at the opening or in the publicity, oldest first. */
  objectionsElsewhere(
    tenderId: string,
    org: string,
    where: 'opening' | 'publicity',
  ): Promise<PriorObjection[]>;
}

export interface ComplaintDeps {
  store: ComplaintStore;
  clock: Clock;
  milestones: Milestones;
}
