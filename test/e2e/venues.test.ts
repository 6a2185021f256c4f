import { callApi } from '../support/local-stack';
import { as } from './client';
import { DAY, iso, Json, publishedTender, schedule, setUpTender } from './tender-fixture';

const HOUR = 3_600_000;
const opening = (tender: Json, hours = 2) => ({
  purpose: 'opening',
  tenderId: tender.id,
  start: tender.schedule.bidDeadline,
  end: iso(Date.parse(tender.schedule.bidDeadline) + hours * HOUR),
});

describe('venues, through the API', () => {
  it('lists the rooms to anyone', async () => {
    const listed = await callApi<Json>('/venues');
    expect(listed.status).toBe(200);
    expect(listed.body.rooms).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'HALL-2', kind: 'opening-hall' }),
        expect.objectContaining({ id: 'EVAL-2', kind: 'evaluation-room' }),
      ]),
    );
  });

  it("books a tender's opening, refuses an overlapping booking, and moves the opening with an amendment", async () => {
    const { staff, tender } = await publishedTender([], schedule(0, 20));
    const booked = await staff.post<Json>('/venues/HALL-2/bookings', opening(tender));
    expect(booked.status).toBe(201);
    expect((await staff.post<Json>('/venues/HALL-2/bookings', opening(tender))).status).toBe(200);

    const { tender: clashing } = await setUpTender(schedule(0, 20));
    const refused = await staff.post<Json>('/venues/HALL-2/bookings', opening(clashing));
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CONFLICT', field: 'body.start' });

    // Ten days later the deadline moves 6 days on; the opening's booking moves with it.
    const later = 10 * DAY;
    const staffLater = await as('staff1', later);
    const moved = {
      ...tender.schedule,
      documentsTo: iso(Date.now() + later + 6 * DAY),
      bidDeadline: iso(Date.now() + later + 16 * DAY),
    };
    const amended = await staffLater.post<Json>(`/tenders/${tender.id}/amendments`, {
      summary: '投标截止时间顺延',
      affectsBids: true,
      schedule: moved,
      documents: [],
    });
    expect(amended.status).toBe(201);
    const bidder = await as('bidder1');
    const calendar = await bidder.get<Json>(
      `/venues/HALL-2/bookings?from=${encodeURIComponent(moved.bidDeadline)}`,
    );
    expect(calendar.body.bookings).toEqual([
      expect.objectContaining({
        id: booked.body.id,
        tenderId: tender.id,
        end: iso(Date.parse(moved.bidDeadline) + 2 * HOUR),
      }),
    ]);
    expect(Date.parse(calendar.body.bookings[0].start)).toBe(Date.parse(moved.bidDeadline));
    // The hall it left is free again.
    expect((await staff.post<Json>('/venues/HALL-2/bookings', opening(clashing))).status).toBe(201);
  });

  it('of two bookings racing for one hall at one time, takes one and refuses the other', async () => {
    const at = schedule(0, 30);
    const [first, second] = await Promise.all([setUpTender(at), setUpTender(at)]);
    const staff = first.staff;
    const answers = await Promise.all(
      [first.tender, second.tender].map((t) => staff.post<Json>('/venues/HALL-2/bookings', opening(t))),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error).toMatchObject({ field: 'body.start' });
  });

  it("shows an evaluation room's booking only as occupied to a bidder, in full to staff and regulators; staff cancel it", async () => {
    const { staff, tender } = await setUpTender(schedule(0, 40));
    const start = iso(Date.parse(tender.schedule.bidDeadline) + DAY);
    const end = iso(Date.parse(start) + 8 * HOUR);
    const booked = await staff.post<Json>('/venues/EVAL-2/bookings', {
      purpose: 'evaluation',
      tenderId: tender.id,
      start,
      end,
    });
    expect(booked.status).toBe(201);
    const window = `?from=${encodeURIComponent(start)}&to=${encodeURIComponent(end)}`;
    const bidder = await as('bidder2');
    const seen = await bidder.get<Json>(`/venues/EVAL-2/bookings${window}`);
    expect(seen.body.bookings).toEqual([{ roomId: 'EVAL-2', start, end, status: 'occupied' }]);
    expect(JSON.stringify(seen.body)).not.toContain(tender.id);
    for (const insider of [staff, await as('regulator1')]) {
      const full = await insider.get<Json>(`/venues/EVAL-2/bookings${window}`);
      expect(full.body.bookings).toEqual([expect.objectContaining({ tenderId: tender.id })]);
    }
    expect((await bidder.post<Json>('/venues/EVAL-2/bookings', {})).status).toBe(403);

    const cancelled = await staff.delete<Json>(`/venues/EVAL-2/bookings/${booked.body.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelledAt).toEqual(expect.any(String));
    expect((await staff.get<Json>(`/venues/EVAL-2/bookings${window}`)).body.bookings).toEqual([]);
  });
});
