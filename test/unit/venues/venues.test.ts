import { committeeMembers, Draw } from '../../../packages/draw-ceremony';
import { requestDraw } from '../../../packages/draw-ceremony/ceremony';
import { DomainError } from '../../../packages/kernel';
import { publishAmendment } from '../../../packages/tenders/amendments';
import { createTender } from '../../../packages/tenders/tenders';
import {
  bookRoom,
  cancelBooking,
  claimCommitteeSeats,
  listRooms,
  roomCalendar,
} from '../../../packages/venues/bookings';
import { afterDeadline, World } from '../draw-ceremony/committee-fixture';
import { bidder, DAY, failure, publishedTender, regulator, staff } from '../tenders/published-tender';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A second tender of the world's project, its bid deadline at `deadline` (a draft is enough to book for). */
const anotherTender = async (world: Awaited<ReturnType<typeof publishedTender>>, deadline: number) => {
  const { tender } = await createTender(world.deps, staff, world.project.id, {
    name: '二标段',
    schedule: { ...world.tender.schedule, bidDeadline: iso(deadline) },
  });
  return tender;
};

const openingOf = (tenderId: string, start: number, hours = 2) => ({
  purpose: 'opening' as const,
  tenderId,
  start: iso(start),
  end: iso(start + hours * HOUR),
});

describe('rooms (场地)', () => {
  it('lists opening halls and evaluation rooms with their capacities and equipment', () => {
    const { rooms } = listRooms();
    expect(rooms.map((r) => r.kind)).toEqual(expect.arrayContaining(['opening-hall', 'evaluation-room']));
    for (const room of rooms) {
      expect(room.capacity).toBeGreaterThan(0);
      expect(room.equipment.length).toBeGreaterThan(0);
    }
  });
});

describe('bookings', () => {
  it("books a tender's opening at its deadline, and refuses one at another time or in an evaluation room", async () => {
    const world = await publishedTender();
    expect(
      await failure(bookRoom(world.deps, staff, 'HALL-1', openingOf(world.tender.id, world.deadline + HOUR))),
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.start', rule: '法34' });
    expect(
      await failure(bookRoom(world.deps, staff, 'EVAL-1', openingOf(world.tender.id, world.deadline))),
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.purpose' });
    const first = await bookRoom(world.deps, staff, 'HALL-1', openingOf(world.tender.id, world.deadline));
    expect(first.created).toBe(true);
    // Booking it again is a retry; in another hall it is refused.
    const again = await bookRoom(world.deps, staff, 'HALL-1', openingOf(world.tender.id, world.deadline));
    expect(again).toEqual({ booking: first.booking, created: false });
    expect(
      await failure(bookRoom(world.deps, staff, 'HALL-2', openingOf(world.tender.id, world.deadline))),
    ).toMatchObject({ code: 'CONFLICT', field: 'body.tenderId' });
  });

  it('refuses a second booking of a room that overlaps the first, naming the field, and allows one that follows it', async () => {
    const world = await publishedTender();
    await bookRoom(world.deps, staff, 'HALL-1', openingOf(world.tender.id, world.deadline));
    const overlapping = await anotherTender(world, world.deadline + HOUR);
    const entries = world.log.length;
    expect(
      await failure(bookRoom(world.deps, staff, 'HALL-1', openingOf(overlapping.id, world.deadline + HOUR))),
    ).toMatchObject({ code: 'CONFLICT', field: 'body.start' });
    expect(world.log.length).toBe(entries);
    // Back to back is no overlap; the other hall is free.
    await bookRoom(world.deps, staff, 'HALL-2', openingOf(overlapping.id, world.deadline + HOUR));
    const following = await anotherTender(world, world.deadline + 2 * HOUR);
    await bookRoom(world.deps, staff, 'HALL-1', openingOf(following.id, world.deadline + 2 * HOUR));
    const { bookings } = await roomCalendar(world.deps, staff, 'HALL-1', {});
    expect(bookings.map((b) => ('tenderId' in b ? b.tenderId : ''))).toEqual([world.tender.id, following.id]);
  });

  it('of two bookings racing for one room at one time, takes one and refuses the other by name', async () => {
    const world = await publishedTender();
    const other = await anotherTender(world, world.deadline);
    const results = await Promise.allSettled([
      bookRoom(world.deps, staff, 'HALL-1', openingOf(world.tender.id, world.deadline)),
      bookRoom(world.deps, staff, 'HALL-1', openingOf(other.id, world.deadline)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected')!;
    expect((refused.reason as DomainError).toJSON()).toMatchObject({ code: 'CONFLICT', field: 'body.start' });
    expect((await roomCalendar(world.deps, staff, 'HALL-1', {})).bookings).toHaveLength(1);
  });

  it('frees the slot when a booking is cancelled; cancelling again answers the same', async () => {
    const world = await publishedTender();
    const { booking } = await bookRoom(
      world.deps,
      staff,
      'HALL-1',
      openingOf(world.tender.id, world.deadline),
    );
    const cancelled = await cancelBooking(world.deps, staff, 'HALL-1', booking.id);
    expect(cancelled.cancelledAt).toBe(world.clock.now().toISOString());
    expect(await cancelBooking(world.deps, staff, 'HALL-1', booking.id)).toEqual(cancelled);
    expect((await roomCalendar(world.deps, staff, 'HALL-1', {})).bookings).toEqual([]);
    const other = await anotherTender(world, world.deadline);
    await bookRoom(world.deps, staff, 'HALL-1', openingOf(other.id, world.deadline));
    expect(await failure(cancelBooking(world.deps, staff, 'HALL-1', 'BOOKING-NONE'))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'bookingId',
    });
  });
});

describe("an amendment and the opening's hall", () => {
  const amend = (world: Awaited<ReturnType<typeof publishedTender>>, deadline: number) =>
    publishAmendment(world.deps, staff, world.tender.id, {
      summary: '延期开标',
      affectsBids: true,
      schedule: { ...world.tender.schedule, bidDeadline: iso(deadline) },
      documents: [],
    });

  it('moves the opening with the deadline, keeping its hall and length', async () => {
    const world = await publishedTender();
    await bookRoom(world.deps, staff, 'HALL-1', openingOf(world.tender.id, world.deadline, 3));
    const later = world.deadline + 5 * DAY;
    await amend(world, later);
    const { bookings } = await roomCalendar(world.deps, bidder(1), 'HALL-1', {});
    expect(bookings).toEqual([
      expect.objectContaining({ tenderId: world.tender.id, start: iso(later), end: iso(later + 3 * HOUR) }),
    ]);
    expect(world.log.map((e) => e.action).slice(-2)).toEqual(['venue.opening-moved', 'tender.amended']);
  });

  it('refuses the amendment, publishing nothing, when the hall is taken at the new deadline', async () => {
    const world = await publishedTender();
    await bookRoom(world.deps, staff, 'HALL-1', openingOf(world.tender.id, world.deadline));
    const later = world.deadline + 5 * DAY;
    const other = await anotherTender(world, later + HOUR);
    await bookRoom(world.deps, staff, 'HALL-1', openingOf(other.id, later + HOUR));
    const entries = world.log.length;
    expect(await failure(amend(world, later))).toMatchObject({
      code: 'CONFLICT',
      field: 'schedule.bidDeadline',
    });
    expect(world.log.length).toBe(entries);
    expect((await world.deps.store.tender(world.tender.id))!.schedule.bidDeadline).toBe(
      world.tender.schedule.bidDeadline,
    );
  });
});

describe("an evaluation room's booking (评标保密)", () => {
  it('shows only occupied to a bidder, the tender to staff and regulators, and keeps the tender out of the public log', async () => {
    const world = await publishedTender();
    const sitting = {
      purpose: 'evaluation' as const,
      tenderId: world.tender.id,
      start: iso(world.deadline + DAY),
      end: iso(world.deadline + DAY + 8 * HOUR),
    };
    expect(
      await failure(bookRoom(world.deps, staff, 'EVAL-1', { ...sitting, start: iso(world.deadline - HOUR) })),
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.start' });
    await bookRoom(world.deps, staff, 'EVAL-1', sitting);
    const seenBy = async (caller: typeof staff) =>
      (await roomCalendar(world.deps, caller, 'EVAL-1', { from: sitting.start, to: sitting.end })).bookings;
    expect(await seenBy(bidder(1))).toEqual([
      { roomId: 'EVAL-1', start: sitting.start, end: sitting.end, status: 'occupied' },
    ]);
    for (const insider of [staff, regulator]) {
      expect(await seenBy(insider)).toEqual([expect.objectContaining({ tenderId: world.tender.id })]);
    }
    expect(JSON.stringify(world.log.at(-1))).not.toContain(world.tender.id);
    // Outside the window asked for, nothing.
    expect(
      (
        await roomCalendar(world.deps, bidder(1), 'EVAL-1', {
          from: sitting.end,
          to: iso(world.deadline + 3 * DAY),
        })
      ).bookings,
    ).toEqual([]);
  });
});

describe("an evaluation room's capacity and the committee", () => {
  // Eleven members: 10 experts and one tenderer representative (法37: experts ≥ 2/3); EVAL-1 seats 9, EVAL-2 13.
  const eleven = {
    quotas: [
      { specialty: 'A010101', count: 6, reserves: 1 },
      { specialty: 'A030101', count: 4, reserves: 1 },
    ],
    tendererRepresentatives: 1,
    exclusions: [],
  };
  const sittingOf = (world: World) => ({
    purpose: 'evaluation' as const,
    tenderId: world.tender.id,
    start: iso(world.deadline + 2 * DAY),
    end: iso(world.deadline + 2 * DAY + 8 * HOUR),
  });

  it('refuses a room smaller than the committee staff asked for, naming the room and the one that seats it', async () => {
    const world = await afterDeadline();
    await requestDraw(world.deps, staff, world.tender.id, eleven);
    const entries = world.log.length;
    const refused = await failure(bookRoom(world.deps, staff, 'EVAL-1', sittingOf(world)));
    expect(refused).toMatchObject({ code: 'RULE_VIOLATED', field: 'id', rule: '平台规则' });
    expect(refused.message).toContain('seats 9, and the committee has 11 members');
    expect(refused.message).toContain('EVAL-2');
    expect(world.log.length).toBe(entries);
    expect((await roomCalendar(world.deps, staff, 'EVAL-1', {})).bookings).toEqual([]);
    expect((await bookRoom(world.deps, staff, 'EVAL-2', sittingOf(world))).created).toBe(true);
  });

  it('books any room before the committee is known, then refuses a committee the booked room cannot seat', async () => {
    const world = await afterDeadline();
    await bookRoom(world.deps, staff, 'EVAL-1', sittingOf(world));
    expect(await failure(requestDraw(world.deps, staff, world.tender.id, eleven))).toMatchObject({
      code: 'RULE_VIOLATED',
      field: 'quotas',
      rule: '平台规则',
    });
    expect(await world.deps.store.draws(world.tender.id)).toEqual([]);
    // Seven fit the room booked.
    const { draw } = await requestDraw(world.deps, staff, world.tender.id, {
      ...eleven,
      quotas: [{ specialty: 'A010101', count: 7, reserves: 1 }],
      tendererRepresentatives: 0,
    });
    expect(draw.status).toBe('awaiting-commitments');
  });

  it('never lets a room and a committee that do not fit pass at the same moment: one of the two is refused', async () => {
    const world = await afterDeadline();
    // The first commit waits until the other request has read everything and commits too: both
    // decide on what they read before either wrote, the race a shared record must settle.
    const commit = world.deps.store.commit.bind(world.deps.store);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let commits = 0;
    world.deps.store.commit = (async (change: never) => {
      commits += 1;
      if (commits === 1) await held;
      else if (commits === 2) release();
      return commit(change);
    }) as typeof commit;
    const [booked, drawn] = await Promise.allSettled([
      bookRoom(world.deps, staff, 'EVAL-1', sittingOf(world)),
      requestDraw(world.deps, staff, world.tender.id, eleven),
    ]);
    const refused = [booked, drawn].filter((r) => r.status === 'rejected');
    expect(refused.map((r) => (r as PromiseRejectedResult).reason)).toEqual([
      expect.objectContaining({
        code: 'RULE_VIOLATED',
        details: expect.objectContaining({ rule: '平台规则' }),
      }),
    ]);
  });

  it('seats the committee of a draw that did not fail, forgets one that failed, and never seats short for a claim without its draw', async () => {
    const world = await afterDeadline();
    await requestDraw(world.deps, staff, world.tender.id, eleven);
    expect(await world.deps.store.committeeSeats(world.tender.id)).toMatchObject({ members: 11 });
    // The committee's size stays out of the public log: its claim names neither tender nor members.
    const claim = world.log.find((e) => e.action === 'venue.committee-seats-claimed')!;
    expect(claim.subject).toEqual({});
    expect(JSON.stringify(claim)).not.toContain(world.tender.id);
    expect(Object.keys(claim.data ?? {}).sort()).toEqual(['drawIdSha256', 'membersSha256', 'tenderIdSha256']);
    const tooSmall = () => failure(bookRoom(world.deps, staff, 'EVAL-1', sittingOf(world)));
    expect(await tooSmall()).toMatchObject({ code: 'RULE_VIOLATED', field: 'id' });
    // A second request claimed 5 and was then refused before its draw was frozen: the 11 still sit.
    await claimCommitteeSeats(
      world.deps,
      staff,
      world.tender.id,
      { members: 5, drawId: 'DRAW-2026-NEVERMADE' },
      'quotas',
    );
    expect(await tooSmall()).toMatchObject({ code: 'RULE_VIOLATED', field: 'id' });
    const draws = await world.deps.store.draws(world.tender.id);
    await world.deps.store.put([{ kind: 'draw', value: { ...draws[0]!, status: 'failed' } }]);
    // The 11's draw failed; the 5 claimed meanwhile fit the room.
    expect((await bookRoom(world.deps, staff, 'EVAL-1', sittingOf(world))).created).toBe(true);
  });

  it('counts only the latest committee draw that did not fail, and not before one is asked for', () => {
    const draw = (status: Draw['status'], count: number, representatives = 0) =>
      ({
        purpose: 'committee',
        status,
        request: { quotas: [{ specialty: 'A010101', count, reserves: 2 }] },
        tendererRepresentatives: representatives,
      }) as unknown as Draw;
    expect(committeeMembers([])).toBeUndefined();
    expect(committeeMembers([draw('failed', 9)])).toBeUndefined();
    expect(committeeMembers([draw('drawn', 4, 1), draw('failed', 9)])).toBe(5);
    expect(committeeMembers([draw('failed', 9), draw('awaiting-reveals', 6, 1)])).toBe(7);
  });
});
