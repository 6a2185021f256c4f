import { Committer } from '../audit-log';
import { CommitteeReads } from '../draw-ceremony';
import { Clock } from '../kernel';
import { TenderReads } from '../tenders';
import { CommitteeSeats, RoomSchedule } from './model';

/** The records this context keeps: one schedule per room, and per tender the committee its rooms seat. */
export type VenueRecord =
  { kind: 'roomSchedule'; value: RoomSchedule } | { kind: 'committeeSeats'; value: CommitteeSeats };

/** The tender's draws tell how many its committee seats. */
export interface VenueStore
  extends Pick<TenderReads, 'tender'>, Pick<CommitteeReads, 'draws'>, Committer<VenueRecord> {
  roomSchedule(roomId: string): Promise<RoomSchedule | undefined>;
  committeeSeats(tenderId: string): Promise<CommitteeSeats | undefined>;
}

export interface VenueDeps {
  store: VenueStore;
  clock: Clock;
}
