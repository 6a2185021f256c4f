import { Committer } from '../audit-log';
import { PoolReads } from '../experts';
import { Caller, Clock, DocumentStore, Milestones } from '../kernel';
import { TenderReads } from '../tenders';
import { OutboxMessage } from '../notifications';
import { Committee, Draw, DrawLock } from './model';

/** The records this context keeps. */
export type CeremonyRecord =
  | { kind: 'draw'; value: Draw }
  | { kind: 'drawSecret'; drawId: string; value: { secret: string } }
  | { kind: 'committee'; value: Committee }
  | { kind: 'drawLock'; value: DrawLock }
  | { kind: 'outbox'; value: OutboxMessage };

/** What the result reads of a tender's draws: its committee and the draws that become public with it. */
export interface CommitteeReads {
  committee(tenderId: string): Promise<Committee | undefined>;
  /** A tender's draws, oldest first. */
  draws(tenderId: string): Promise<Draw[]>;
}

export interface DrawStore
  extends
    CommitteeReads,
    PoolReads,
    Pick<TenderReads, 'tender' | 'project' | 'registrations'>,
    Committer<CeremonyRecord> {
  draw(id: string): Promise<Draw | undefined>;
  /** The platform's own draw secret: no route ever returns it before its reveal. */
  drawSecret(id: string): Promise<string | undefined>;
  drawLock(tenderId: string): Promise<DrawLock | undefined>;
}

/** Where the committee sits (评标室): the venues context, wired in by the function. */
export interface CommitteeVenue {
  /**
   * Claims the committee's seats for the draw: refused, naming `field`, when a room booked for the
   * tender's sitting seats fewer than `members`; rooms booked later are checked against them.
   */
  claimSeats(
    caller: Caller,
    tenderId: string,
    claim: { members: number; drawId: string },
    field: string,
  ): Promise<void>;
}

export interface DrawDeps {
  store: DrawStore;
  venues: CommitteeVenue;
  documents: Pick<DocumentStore, 'put' | 'get' | 'downloadUrl'>;
  clock: Clock;
  milestones: Milestones;
}
