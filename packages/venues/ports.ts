import { Committer } from '../audit-log';
import { Clock } from '../kernel';
import { TenderReads } from '../tenders';
import { RoomSchedule } from './model';

/** The records this context keeps: one schedule per room. */
export type VenueRecord = { kind: 'roomSchedule'; value: RoomSchedule };

export interface VenueStore extends Pick<TenderReads, 'tender'>, Committer<VenueRecord> {
  roomSchedule(roomId: string): Promise<RoomSchedule | undefined>;
}

export interface VenueDeps {
  store: VenueStore;
  clock: Clock;
}
