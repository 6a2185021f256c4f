import { randomBytes } from 'node:crypto';
import { callApi } from '../support/local-stack';
import { as } from './client';
import { issuedJustNow } from './tender-fixture';

const DAY = 86_400_000;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A published tender with one document, ready for registrations. */
const publishedTender = async () => {
  const staff = await as('staff2');
  const project = await staff.post<Json>('/projects', {
    name: `医院设备采购 ${randomBytes(3).toString('hex')}`,
    type: 'goods',
    tendererOrg: 'ORG-TENDERER-2',
    stateFunded: true,
    estimatedPrice: 300_000_000,
  });
  await staff.post(`/projects/${project.body.id}/accept`);
  const from = issuedJustNow();
  const tender = await staff.post<Json>(`/projects/${project.body.id}/tenders`, {
    name: '包一',
    schedule: {
      documentsFrom: new Date(from).toISOString(),
      documentsTo: new Date(from + 8 * DAY).toISOString(),
      bidDeadline: new Date(from + 25 * DAY).toISOString(),
      openingPlace: '开标室',
      bidBond: 1_000_000,
      bidValidityDays: 60,
    },
  });
  const slot = await staff.post<Json>(`/tenders/${tender.body.id}/documents`, {
    fileName: 'spec.pdf',
    contentType: 'application/pdf',
  });
  await fetch(slot.body.uploadUrl, { method: 'PUT', body: randomBytes(100), headers: slot.body.headers });
  await staff.post(`/tenders/${tender.body.id}/documents/${slot.body.documentId}/versions/1/confirm`);
  expect((await staff.post(`/tenders/${tender.body.id}/publish`)).status).toBe(200);
  return { staff, tenderId: tender.body.id as string, documentId: slot.body.documentId as string };
};

describe('who registered stays secret until the opening (法22)', () => {
  it('shows the public and staff the same tender whether or not anyone registered', async () => {
    const { staff, tenderId, documentId } = await publishedTender();
    const publicBefore = (await callApi(`/tenders/${tenderId}`)).body;
    const staffBefore = (await staff.get(`/tenders/${tenderId}/manage`)).body;
    for (const user of ['bidder3', 'bidder4']) {
      const bidder = await as(user);
      await bidder.post(`/tenders/${tenderId}/registrations`);
      await bidder.get(`/tenders/${tenderId}/documents/${documentId}`);
    }
    expect((await callApi(`/tenders/${tenderId}`)).body).toEqual(publicBefore);
    expect((await staff.get(`/tenders/${tenderId}/manage`)).body).toEqual(staffBefore);
  });

  it('answers a bidder the same way whether it is the first to register or not', async () => {
    const first = await publishedTender();
    const second = await publishedTender();
    await (await as('bidder6')).post(`/tenders/${second.tenderId}/registrations`);
    const alone = await (await as('bidder7')).post<Json>(`/tenders/${first.tenderId}/registrations`);
    const afterOthers = await (await as('bidder7')).post<Json>(`/tenders/${second.tenderId}/registrations`);
    expect(alone.status).toBe(afterOthers.status);
    expect(Object.keys(alone.body).sort()).toEqual(Object.keys(afterOthers.body).sort());
  });

  it('lets regulators, and nobody else, list registrants', async () => {
    const { tenderId } = await publishedTender();
    await (await as('bidder8')).post(`/tenders/${tenderId}/registrations`);
    const regulator = await (await as('regulator1')).get<Json>(`/tenders/${tenderId}/registrations`);
    expect(regulator.body.registrations.map((r: Json) => r.bidderOrg)).toEqual(['ORG-BIDDER-8']);
    expect((await (await as('staff1')).get(`/tenders/${tenderId}/registrations`)).status).toBe(403);
    expect((await (await as('bidder8')).get(`/tenders/${tenderId}/registrations`)).status).toBe(403);
  });
});
