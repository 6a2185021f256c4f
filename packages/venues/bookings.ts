import { actorOf, NewEntry } from '../audit-log';
import { committeeMembers, Draw } from '../draw-ceremony';
import { Caller, committed, decideOnFreshRecords, DomainError, newId, notFound, required } from '../kernel';
import { formatCst } from '../legal-rules';
import {
  Booking,
  BookingView,
  BookRoom,
  CalendarQuery,
  Purpose,
  CommitteeSeats,
  Room,
  RoomKind,
  RoomSchedule,
} from './model';
import { VenueDeps, VenueRecord } from './ports';
import { roomOf, rooms } from './rooms';

const at = (instant: string) => new Date(instant).getTime();

const isInsider = (caller: Caller) => caller.role === 'staff' || caller.role === 'regulator';

const live = (schedule: RoomSchedule) => schedule.bookings.filter((b) => !b.cancelledAt);

/** The live booking of `schedule` that `start`–`end` overlaps, if any (`except` is the one being moved), told as a sentence. */
const clashIn = (room: Room, schedule: RoomSchedule, start: string, end: string, except?: string) => {
  const clash = live(schedule).find((b) => b.id !== except && at(start) < at(b.end) && at(b.start) < at(end));
  return clash
    ? `${room.name} is booked from ${formatCst(new Date(clash.start))} to ${formatCst(new Date(clash.end))}`
    : undefined;
};

/**
 * Writes a room's schedule as `edit` makes it from the one read, on the version read. When another
 * booking of the room committed in between, the schedule is read again, so a clash with it is
 * refused by name rather than as a bare conflict.
 */
const changeSchedule = async (
  deps: VenueDeps,
  roomId: string,
  edit: (
    schedule: RoomSchedule,
    seats: CommitteeSeats | undefined,
  ) => { bookings: Booking[]; entry: NewEntry } | undefined,
  /** An evaluation booking's tender: its committee's seats are read and written with the schedule. */
  seatsOf?: string,
) => {
  for (let attempt = 1; ; attempt++) {
    const [current, seats] = await Promise.all([
      deps.store.roomSchedule(roomId),
      seatsOf ? deps.store.committeeSeats(seatsOf) : undefined,
    ]);
    const schedule = current ?? { roomId, version: 0, bookings: [] };
    const change = edit(schedule, seats);
    if (!change) return;
    const record = {
      kind: 'roomSchedule' as const,
      value: { roomId, version: schedule.version + 1, bookings: change.bookings },
    };
    const writes = [
      versioned(current, record),
      ...(seatsOf ? [versioned(seats, seatsRecord(seatsOf, seats, {}))] : []),
    ];
    try {
      await deps.store.commit({
        entry: change.entry,
        create: writes.flatMap((w) => w.create),
        replace: writes.flatMap((w) => w.replace),
      });
      return;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'CONFLICT') || attempt === 3) throw error;
    }
  }
};

/** A record written on the version read: created when there was none, else replaced on condition. */
const versioned = (read: { version: number } | undefined, record: VenueRecord) =>
  read
    ? { create: [], replace: [{ record, expect: { version: read.version } }] }
    : { create: [record], replace: [] };

/** The tender's committee seats after a write: the next version, with `claim` when a draw request makes one. */
const seatsRecord = (
  tenderId: string,
  seats: CommitteeSeats | undefined,
  claim: { members?: number; drawId?: string },
) => ({
  kind: 'committeeSeats' as const,
  value: { ...(seats ?? { tenderId }), ...claim, tenderId, version: (seats?.version ?? 0) + 1 },
});

/**
 * The committee a room must seat. The draws tell it once the claiming draw is frozen (a failed one
 * no longer counts); while the claim's draw is not there — its request still running, or refused
 * after it claimed — the larger of the claim and the draws, so no request in flight is seated short.
 */
const membersToSeat = (seats: CommitteeSeats | undefined, draws: Draw[]) => {
  const drawn = committeeMembers(draws);
  if (seats?.members === undefined || draws.some((d) => d.id === seats.drawId)) return drawn;
  return Math.max(seats.members, drawn ?? 0);
};

/** The audit entry of a booking: an evaluation's tender is kept confidential (the committee stays secret). */
const bookingEntry = (caller: Caller, action: string, booking: Booking): NewEntry => {
  const { tenderId, ...rest } = booking;
  const times = { purpose: rest.purpose, start: rest.start, end: rest.end };
  return booking.purpose === 'opening'
    ? {
        actor: actorOf(caller),
        action,
        subject: { roomId: rest.roomId, bookingId: rest.id, tenderId },
        data: times,
      }
    : {
        actor: actorOf(caller),
        action,
        subject: { roomId: rest.roomId, bookingId: rest.id },
        data: times,
        confidential: { tenderId },
      };
};

/** The kind of room each purpose is booked in. */
const kindFor: Record<Purpose, RoomKind> = { opening: 'opening-hall', evaluation: 'evaluation-room' };

/** The tender's live bookings for `purpose`, in every room of its kind. */
const tenderBookings = async (deps: VenueDeps, tenderId: string, purpose: Purpose) => {
  const fitting = rooms.filter((r) => r.kind === kindFor[purpose]);
  const schedules = await Promise.all(fitting.map((r) => deps.store.roomSchedule(r.id)));
  return schedules.flatMap((s) =>
    s ? live(s).filter((b) => b.purpose === purpose && b.tenderId === tenderId) : [],
  );
};

/**
 * The center's own rule (平台规则, as the rule table names it): an evaluation room seats the whole committee, its experts and
 * the tenderer's representatives. The center seats nobody else with them, so members are all it
 * counts. Refuses naming `field` and the rooms that would seat them.
 */
const assertRoomSeats = (room: Room, members: number, field: string) => {
  if (room.capacity >= members) return;
  const larger = rooms
    .filter((r) => r.kind === 'evaluation-room' && r.capacity >= members)
    .map((r) => `${r.id} (${r.name}, ${r.capacity} seats)`);
  throw new DomainError(
    'RULE_VIOLATED',
    `${room.name} seats ${room.capacity}, and the committee has ${members} members: ${
      larger.length > 0 ? `book ${larger.join(' or ')}` : 'no evaluation room seats them all'
    }.`,
    { field, rule: '平台规则' },
  );
};

/**
 * A committee draw request claims its seats: refused, naming `field`, when an evaluation room booked
 * for the tender's sitting seats fewer than the `members` staff now ask for (the check the booking
 * could not make while the committee's size was unknown); else recorded, so that a room booked from
 * now on, or at this very moment, is checked against them.
 */
export const claimCommitteeSeats = (
  deps: VenueDeps,
  caller: Caller,
  tenderId: string,
  claim: { members: number; drawId: string },
  field: string,
) =>
  // A booking or another claim that comes in between is met by checking the rooms booked then.
  decideOnFreshRecords({ name: `The sitting of tender ${tenderId}`, field: 'tenderId' }, async () => {
    const [seats, booked] = await Promise.all([
      deps.store.committeeSeats(tenderId),
      tenderBookings(deps, tenderId, 'evaluation'),
    ]);
    for (const booking of booked) assertRoomSeats(roomOf(booking.roomId), claim.members, field);
    if (seats?.members === claim.members && seats.drawId === claim.drawId) return true;
    // The committee is confidential (法44): the public entry names neither the tender nor its size.
    const done = await committed(
      deps.store.commit({
        entry: {
          actor: actorOf(caller),
          action: 'venue.committee-seats-claimed',
          subject: {},
          confidential: { tenderId, ...claim },
        },
        ...versioned(seats, seatsRecord(tenderId, seats, claim)),
      }),
    );
    return done || undefined;
  }).then(() => undefined);

/**
 * Staff book a room: an opening hall for a tender's opening, which starts at its bid deadline
 * (法34), or an evaluation room for its committee's sitting, after the opening. A booking that
 * overlaps another of the room is refused; booking a tender's opening again is a retry.
 */
export const bookRoom = async (
  deps: VenueDeps,
  caller: Caller,
  roomId: string,
  request: BookRoom,
  idempotencyKey?: string,
): Promise<{ booking: Booking; created: boolean }> => {
  const room = roomOf(roomId);
  const wanted = kindFor[request.purpose];
  if (room.kind !== wanted) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${room.name} is not an ${wanted}: book one for the ${request.purpose}.`,
      {
        field: 'body.purpose',
      },
    );
  }
  if (at(request.end) <= at(request.start)) {
    throw new DomainError('VALIDATION_FAILED', 'A booking ends after it starts.', { field: 'body.end' });
  }
  const tender = await deps.store.tender(request.tenderId);
  if (!tender) throw notFound('tender', request.tenderId, 'body.tenderId');
  const deadline = at(tender.schedule.bidDeadline);
  if (request.purpose === 'opening' && at(request.start) !== deadline) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `The opening starts at the bid deadline, ${formatCst(new Date(deadline))}.`,
      { field: 'body.start', rule: '法34' },
    );
  }
  if (request.purpose === 'evaluation' && at(request.start) < deadline) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `The committee sits after the opening, at ${formatCst(new Date(deadline))} or later.`,
      { field: 'body.start' },
    );
  }
  // Known once staff ask for the committee; until then the draw request checks the room.
  const draws = request.purpose === 'evaluation' ? await deps.store.draws(tender.id) : [];
  if (request.purpose === 'opening') {
    const [booked] = await tenderBookings(deps, tender.id, 'opening');
    if (booked) {
      if (booked.roomId === roomId && at(booked.end) === at(request.end))
        return { booking: booked, created: false };
      throw new DomainError(
        'CONFLICT',
        `The tender's opening is booked in ${roomOf(booked.roomId).name}: cancel that booking first.`,
        { field: 'body.tenderId' },
      );
    }
  }
  const now = deps.clock.now();
  const booking: Booking = {
    id: newId('BOOKING', now, idempotencyKey ? { user: caller.user, key: idempotencyKey } : undefined),
    roomId,
    ...request,
    bookedBy: caller.user,
    bookedAt: now.toISOString(),
  };
  await changeSchedule(
    deps,
    roomId,
    (schedule, seats) => {
      if (schedule.bookings.some((b) => b.id === booking.id)) return undefined;
      if (request.purpose === 'evaluation') {
        const members = membersToSeat(seats, draws);
        if (members !== undefined) assertRoomSeats(room, members, 'id');
      }
      const clash = clashIn(room, schedule, booking.start, booking.end);
      if (clash) {
        throw new DomainError('CONFLICT', `${clash}: choose another room or time.`, { field: 'body.start' });
      }
      return {
        bookings: [...schedule.bookings, booking],
        entry: bookingEntry(caller, 'venue.booked', booking),
      };
    },
    request.purpose === 'evaluation' ? tender.id : undefined,
  );
  return { booking, created: true };
};

/** Staff cancel a booking; it stays in the schedule, marked, so cancelling again answers the same. */
export const cancelBooking = async (deps: VenueDeps, caller: Caller, roomId: string, bookingId: string) => {
  roomOf(roomId);
  const now = deps.clock.now().toISOString();
  await changeSchedule(deps, roomId, (schedule) => {
    const booking = schedule.bookings.find((b) => b.id === bookingId);
    if (!booking) throw notFound('booking', bookingId, 'bookingId');
    if (booking.cancelledAt) return undefined;
    return {
      bookings: schedule.bookings.map((b) => (b.id === bookingId ? { ...b, cancelledAt: now } : b)),
      entry: bookingEntry(caller, 'venue.booking-cancelled', booking),
    };
  });
  const schedule = await required(deps.store.roomSchedule(roomId), 'booking', bookingId);
  return schedule.bookings.find((b) => b.id === bookingId)!;
};

/**
 * Moves a tender's opening to its new bid deadline, keeping its length and its hall. When the hall
 * is taken then, the move is refused naming `schedule.bidDeadline`, and the amendment with it: the
 * opening never silently loses its hall. Moving it to where it is changes nothing.
 */
export const moveOpening = async (deps: VenueDeps, caller: Caller, tenderId: string, bidDeadline: string) => {
  for (const booked of await tenderBookings(deps, tenderId, 'opening')) {
    const room = roomOf(booked.roomId);
    await changeSchedule(deps, room.id, (schedule) => {
      const booking = live(schedule).find((b) => b.id === booked.id);
      if (!booking || at(booking.start) === at(bidDeadline)) return undefined;
      const end = new Date(at(bidDeadline) + at(booking.end) - at(booking.start)).toISOString();
      const moved = { ...booking, start: new Date(bidDeadline).toISOString(), end };
      const clash = clashIn(room, schedule, moved.start, moved.end, booking.id);
      if (clash) {
        throw new DomainError(
          'CONFLICT',
          `${clash}: the opening cannot move there with the deadline. Cancel its booking, publish the amendment, then book another hall at the new deadline; nothing was published.`,
          { field: 'schedule.bidDeadline' },
        );
      }
      return {
        bookings: schedule.bookings.map((b) => (b.id === booking.id ? moved : b)),
        entry: bookingEntry(caller, 'venue.opening-moved', moved),
      };
    });
  }
};

/** `GET /venues`: the rooms with their capacities and equipment. */
export const listRooms = () => ({ rooms: [...rooms] });

/**
 * A room's calendar between `from` and `to`. Staff and regulators see every booking; anyone else
 * sees an evaluation room's booking only as occupied: no tender, so no committee (评标保密).
 */
export const roomCalendar = async (
  deps: VenueDeps,
  caller: Caller,
  roomId: string,
  query: CalendarQuery,
): Promise<{ room: Room; bookings: BookingView[] }> => {
  const room = roomOf(roomId);
  const schedule = (await deps.store.roomSchedule(roomId)) ?? { roomId, version: 0, bookings: [] };
  const from = query.from ? at(query.from) : -Infinity;
  const to = query.to ? at(query.to) : Infinity;
  const bookings = live(schedule)
    .filter((b) => at(b.start) < to && from < at(b.end))
    .sort((a, b) => at(a.start) - at(b.start))
    .map((b): BookingView =>
      isInsider(caller) || b.purpose === 'opening'
        ? b
        : { roomId: b.roomId, start: b.start, end: b.end, status: 'occupied' },
    );
  return { room, bookings };
};
