import { createHash, randomBytes } from 'node:crypto';
import { cstDayStart } from '../../packages/legal-rules';
import { as } from './client';

/** Shared steps of the end-to-end tests that need a tender: a lawful schedule, a project and tender, a document. */

export const DAY = 86_400_000;
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
export const iso = (ms: number) => new Date(ms).toISOString();

/** A lawful schedule whose documents became available `startedDaysAgo` days before `now` (the platform's time). */
/**
 * Documents issued "just now": a minute back, so bidders can register at once, but never into
 * yesterday in Beijing, whose documents the schedule rule refuses (条例16) in a day's first minute.
 */
export const issuedJustNow = (now = Date.now()) =>
  Math.max(now - 60_000, cstDayStart(new Date(now)).getTime());

export const schedule = (startedDaysAgo = 0, deadlineDays = 21, now = Date.now()) => {
  const from = startedDaysAgo === 0 ? issuedJustNow(now) : now - startedDaysAgo * DAY - 60_000;
  return {
    documentsFrom: iso(from),
    // Still available today, so bidders can register.
    documentsTo: iso(from + Math.max(7, startedDaysAgo + 2) * DAY),
    bidDeadline: iso(from + deadlineDays * DAY),
    openingPlace: '市公共资源交易中心 第三开标室',
    bidBond: 2_000_000,
    bidValidityDays: 90,
  };
};

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A project registered and accepted by staff1, its name made unique. */
const acceptedProject = async (fields: {
  name: string;
  type: string;
  estimatedPrice: number;
  agencyOrg?: string;
}) => {
  const staff = await as('staff1');
  const project = await staff.post<Json>('/projects', {
    tendererOrg: 'ORG-TENDERER-1',
    stateFunded: true,
    ...fields,
    name: `${fields.name} ${randomBytes(3).toString('hex')}`,
  });
  expect(project.status).toBe(201);
  expect((await staff.post(`/projects/${project.body.id}/accept`)).status).toBe(200);
  return { staff, project };
};

/** What a tender buys and by which procedure; by default works by open tendering (招标投标法). */
export interface TenderKind {
  procedure?: string;
  type?: string;
  estimatedPrice?: number;
}

/** 竞争性谈判 (政府采购法30) of goods, below the open-tendering threshold it is limited to. */
export const competitiveNegotiation: TenderKind = {
  procedure: 'competitive-negotiation',
  type: 'goods',
  estimatedPrice: 3_600_000_00,
};

export const setUpTender = async (tenderSchedule = schedule(), kind: TenderKind = {}) => {
  const { staff, project } = await acceptedProject({
    name: '市政道路改造工程',
    type: kind.type ?? 'works',
    agencyOrg: 'ORG-AGENCY-1',
    estimatedPrice: kind.estimatedPrice ?? 1_000_000_00,
  });
  const tender = await staff.post<Json>(`/projects/${project.body.id}/tenders`, {
    name: '第一标段',
    schedule: tenderSchedule,
    ...(kind.procedure ? { procedure: kind.procedure } : {}),
  });
  // With its body, so a refusal says which rule it met.
  expect({ status: tender.status, body: tender.body }).toMatchObject({ status: 201 });
  return { staff, project: project.body, tender: tender.body };
};

export const uploadDocument = async (
  staff: Awaited<ReturnType<typeof as>>,
  tenderId: string,
  bytes: Uint8Array,
  documentId?: string,
) => {
  const slot = await staff.post<Json>(`/tenders/${tenderId}/documents`, {
    fileName: '招标文件.pdf',
    contentType: 'application/pdf',
    ...(documentId ? { documentId } : {}),
  });
  expect(slot.status).toBe(201);
  const put = await fetch(slot.body.uploadUrl, { method: 'PUT', body: bytes, headers: slot.body.headers });
  expect(put.status).toBe(200);
  const confirmed = await staff.post<Json>(
    `/tenders/${tenderId}/documents/${slot.body.documentId}/versions/${slot.body.version}/confirm`,
  );
  expect(confirmed.status).toBe(200);
  return confirmed.body;
};

/** A published tender with one document, and the demo bidders given registered for it. */
export const publishedTender = async (
  bidders: string[] = [],
  tenderSchedule = schedule(),
  kind: TenderKind = {},
) => {
  const { staff, project, tender } = await setUpTender(tenderSchedule, kind);
  await uploadDocument(staff, tender.id, randomBytes(1000));
  expect((await staff.post(`/tenders/${tender.id}/publish`)).status).toBe(200);
  for (const name of bidders) {
    expect((await (await as(name)).post(`/tenders/${tender.id}/registrations`)).status).toBe(200);
  }
  return { staff, project, tender };
};

/** A published single-source notice (单一来源采购公示) naming ORG-BIDDER-3, public for `days` from now. */
export const singleSourceNotice = async (days = 10) => {
  const { staff, project } = await acceptedProject({
    name: '政务云平台运维服务',
    type: 'services',
    estimatedPrice: 1_800_000_00,
  });
  const publicity = schedule(0, days);
  const tender = await staff.post<Json>(`/projects/${project.body.id}/tenders`, {
    name: '原系统升级运维',
    procedure: 'single-source',
    singleSource: { ground: 'consistency', supplier: 'ORG-BIDDER-3', reasons: '须与原供应商保持一致' },
    // No bond: nobody competes.
    schedule: { ...publicity, documentsTo: publicity.bidDeadline, bidBond: 0 },
  });
  expect({ status: tender.status, body: tender.body }).toMatchObject({ status: 201 });
  await uploadDocument(staff, tender.body.id, randomBytes(500));
  expect((await staff.post(`/tenders/${tender.body.id}/publish`)).status).toBe(200);
  return { staff, tender: tender.body };
};
