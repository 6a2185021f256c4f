import { Committer } from '../audit-log';
import { CommitteeReads } from '../draw-ceremony';
import { Clock } from '../kernel';
import { TenderReads } from '../tenders';
import { RoomSchedule } from './model';

/** The records this context keeps: one schedule per room. */
export type VenueRecord = { kind: 'roomSchedule'; value: RoomSchedule };

/** The tender's draws tell how many its committee seats. */
export interface VenueStore
  extends Pick<TenderReads, 'tender'>, Pick<CommitteeReads, 'draws'>, Committer<VenueRecord> {
  roomSchedule(roomId: string): Promise<RoomSchedule | undefined>;
}

export interface VenueDeps {
  store: VenueStore;
  clock: Clock;
}
