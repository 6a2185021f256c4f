import * as z from 'zod';
import { Identifier, Name } from '../kernel';
import { Instant } from '../legal-rules';

/** 开标室 (opening hall, where bids are opened in public) or 评标室 (evaluation room, closed to all but the committee). */
export const RoomKind = z.enum(['opening-hall', 'evaluation-room']);
export type RoomKind = z.infer<typeof RoomKind>;

export const Room = z.object({
  id: Identifier,
  name: Name(),
  kind: RoomKind,
  /** Seats. */
  capacity: z.int().positive(),
  equipment: z.array(z.string()),
});
export type Room = z.infer<typeof Room>;

/** What a room is booked for: a tender's opening (开标) or its committee's sitting (评标). */
export const Purpose = z.enum(['opening', 'evaluation']);
export type Purpose = z.infer<typeof Purpose>;

export const Booking = z.object({
  id: Identifier,
  roomId: Identifier,
  purpose: Purpose,
  tenderId: Identifier,
  start: Instant,
  end: Instant,
  bookedBy: z.string(),
  bookedAt: Instant,
  cancelledAt: Instant.optional(),
});
export type Booking = z.infer<typeof Booking>;

/** What anyone but the center and the regulator sees of an evaluation room's booking. */
export const OccupiedSlot = z.object({
  roomId: Identifier,
  start: Instant,
  end: Instant,
  status: z.literal('occupied'),
});

export const BookingView = z.union([Booking, OccupiedSlot]);
export type BookingView = z.infer<typeof BookingView>;

/** One room's bookings in one record, replaced on its version: two writers cannot both book one slot. */
export interface RoomSchedule {
  roomId: string;
  version: number;
  bookings: Booking[];
}

/**
 * The committee a tender's evaluation rooms must seat (评标), as its draw request claimed it: the one
 * record both an evaluation booking and the committee's draw request write on its version, so a
 * room and a committee checked against each other at the same moment cannot both pass. `members`
 * is absent until a draw request claims it (a booking bumps the version only).
 */
export interface CommitteeSeats {
  tenderId: string;
  members?: number;
  /** The draw request that claimed them: a failed draw's claim no longer counts. */
  drawId?: string;
  version: number;
}

export const BookRoom = z.object({
  purpose: Purpose,
  tenderId: Identifier,
  /** An opening starts at the bid deadline (法34). */
  start: Instant,
  end: Instant,
});
export type BookRoom = z.infer<typeof BookRoom>;

export const CalendarQuery = z.object({ from: Instant.optional(), to: Instant.optional() });
export type CalendarQuery = z.infer<typeof CalendarQuery>;
