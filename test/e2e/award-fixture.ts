import { randomBytes } from 'node:crypto';
import { commitment } from '../../packages/expert-draw/secrets';
import { aForm, shareAndOpen, submitBid } from './bidding-client';
import { as } from './client';
import { DAY, Json, publishedTender, schedule, TenderKind } from './tender-fixture';

/** A candidate of the committee's report: a bidder organisation and its evaluated price in fen. */
export interface Candidate {
  bidderOrg: string;
  price: number;
}

/**
 * A tender taken through the API to its opened bids: `registered` register, the first three bid,
 * and the regulators' shares open the bids. Each step runs a little later than the one before, all
 * after the bid deadline; `later` goes on from there, and `elapsed` says how far ahead it acted.
 */
export const openedTender = async (registered: string[], kind: TenderKind = {}) => {
  const { tender } = await publishedTender(registered, schedule(), kind);
  for (const [i, name] of registered.slice(0, 3).entries()) {
    expect((await submitBid(await as(name), tender.id, aForm(90_000_000 - i * 1_000_000))).status).toBe(200);
  }
  let step = new Date(tender.schedule.bidDeadline).getTime() - Date.now();
  const later = async (user: string, days = 0) => as(user, (step += 1000 + days * DAY));

  expect((await (await later('staff1')).post<Json>(`/tenders/${tender.id}/opening`)).body.status).toBe(
    'awaiting-shares',
  );
  // The bids are decrypted in the background; the evaluation follows the published record.
  await shareAndOpen(tender.id, later);
  return { tender, later, elapsed: () => step };
};

/** An opened tender whose committee is drawn and has confirmed. */
export const seatedTender = async (registered: string[], kind: TenderKind = {}) => {
  const { tender, later, elapsed } = await openedTender(registered, kind);

  const draw = (
    await (
      await later('staff1')
    ).post<Json>(`/tenders/${tender.id}/draws`, {
      quotas: [
        { specialty: 'A010101', count: 3, reserves: 1 },
        { specialty: 'A030101', count: 2, reserves: 1 },
      ],
    })
  ).body;
  const secret = randomBytes(32).toString('hex');
  const regulator = await later('regulator1');
  await regulator.post(`/draws/${draw.id}/commitments`, { commitment: commitment(secret) });
  const drawn = (await regulator.post<Json>(`/draws/${draw.id}/reveals`, { secret })).body;
  const members = drawn.result.picks.flatMap((p: Json) => p.primaries);
  const staff = await later('staff1');
  for (const expertId of members) {
    expect(
      (await staff.post(`/tenders/${tender.id}/committee/answers`, { expertId, response: 'confirmed' }))
        .status,
    ).toBe(200);
  }
  return { tender, draw, members: members as string[], later, elapsed };
};

/** A tender taken through the API to the committee's recorded report, which ranks `candidates`. */
export const evaluatedTender = async (registered: string[], candidates: Candidate[]) => {
  const seated = await seatedTender(registered);
  const { tender, members, later } = seated;
  const staff = await later('staff1');

  const slot = (await staff.post<Json>(`/tenders/${tender.id}/evaluation/report-file`)).body;
  expect(
    (await fetch(slot.uploadUrl, { method: 'PUT', body: '%PDF-1.7 评标报告', headers: slot.headers })).status,
  ).toBe(200);
  const report = await staff.put<Json>(`/tenders/${tender.id}/evaluation`, {
    candidates,
    signedBy: members,
    reportFile: slot.objectKey,
  });
  expect(report.status).toBe(200);
  return seated;
};
