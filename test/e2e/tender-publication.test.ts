import { randomBytes } from 'node:crypto';
import { httpLogClient } from '../../packages/audit-log/http-log-client';
import { verifyLog } from '../../packages/audit-log/offline-verifier';
import { callApi, stackInfo } from '../support/local-stack';
import { as } from './client';
import { DAY, iso, Json, schedule, setUpTender, sha256, uploadDocument } from './tender-fixture';

describe('publishing a tender and obtaining its documents', () => {
  it('takes a tender from registration to byte-identical downloads, its public steps in the audit log and the bidders’ in its sealed one', async () => {
    const before = (await verifyLog(httpLogClient(stackInfo().api))).checkpoint.size;
    const { staff, tender } = await setUpTender();
    const bytes = randomBytes(200_000);
    const stored = await uploadDocument(staff, tender.id, bytes);
    expect(stored).toMatchObject({ sha256: sha256(bytes), size: bytes.length, status: 'stored' });

    expect((await callApi(`/tenders/${tender.id}`)).status).toBe(404);
    const announcement = await staff.post<Json>(`/tenders/${tender.id}/publish`);
    expect(announcement.status).toBe(200);
    expect(announcement.body.type).toBe('announcement');

    const feed = await callApi<Json>('/notices?type=announcement&limit=50');
    expect(feed.body.notices.map((n: Json) => n.tenderId)).toContain(tender.id);
    const view = await callApi<Json>(`/tenders/${tender.id}`);
    expect(view.body.documents).toEqual([
      expect.objectContaining({ documentId: stored.documentId, sha256: sha256(bytes) }),
    ]);

    const bidder = await as('bidder1');
    expect((await bidder.get(`/tenders/${tender.id}/documents/${stored.documentId}`)).status).toBe(403);
    const registration = await bidder.post<Json>(`/tenders/${tender.id}/registrations`);
    expect(registration.status).toBe(200);
    expect((await bidder.post<Json>(`/tenders/${tender.id}/registrations`)).body).toEqual(registration.body);

    const download = await bidder.get<Json>(`/tenders/${tender.id}/documents/${stored.documentId}`);
    expect(download.status).toBe(200);
    const downloaded = new Uint8Array(await (await fetch(download.body.url)).arrayBuffer());
    expect(sha256(downloaded)).toBe(download.body.sha256);
    expect(sha256(downloaded)).toBe(sha256(bytes));

    const log = await verifyLog(httpLogClient(stackInfo().api));
    const { entries } = await httpLogClient(stackInfo().api).entries(before, log.checkpoint.size);
    const actions = entries.map((e) => e.entry.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'project.registered',
        'project.accepted',
        'tender.created',
        'document.stored',
        'tender.published',
      ]),
    );
    // Registrations and downloads are in the tender's sealed process log, never in the public one.
    expect(actions).not.toContain('tender.registered');
    expect(actions).not.toContain('document.downloaded');
    expect(JSON.stringify(entries)).not.toContain('ORG-BIDDER-1');
  });

  it('publishes an amendment to registered bidders, refusing one that leaves under 15 days and naming the lawful deadline', async () => {
    // Published today with a deadline 20 days out; the amendment comes 10 days later.
    const { tender } = await setUpTender(schedule(0, 20));
    const staffNow = await as('staff1');
    const first = await uploadDocument(staffNow, tender.id, randomBytes(1000));
    expect((await staffNow.post(`/tenders/${tender.id}/publish`)).status).toBe(200);
    const bidder = await as('bidder2');
    expect((await bidder.post(`/tenders/${tender.id}/registrations`)).status).toBe(200);

    const later = 10 * DAY;
    const staff = await as('staff1', later);
    const changed = randomBytes(2000);
    const second = await uploadDocument(staff, tender.id, changed, first.documentId);
    expect(second.version).toBe(2);
    const refused = await staff.post<Json>(`/tenders/${tender.id}/amendments`, {
      summary: '工程量清单修改',
      affectsBids: true,
      documents: [{ documentId: first.documentId, version: 2 }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'RULE_VIOLATED',
      rule: '条例21',
      field: 'schedule.bidDeadline',
    });

    const moved = {
      ...tender.schedule,
      documentsTo: iso(Date.now() + later + 6 * DAY),
      bidDeadline: iso(Date.now() + later + 16 * DAY),
    };
    const amended = await staff.post<Json>(`/tenders/${tender.id}/amendments`, {
      summary: '工程量清单修改，投标截止时间顺延',
      affectsBids: true,
      schedule: moved,
      documents: [{ documentId: first.documentId, version: 2 }],
    });
    expect(amended.status).toBe(201);
    expect(Object.keys(amended.body)).toEqual(['notice']);
    const inbox = await bidder.get<Json>('/me/notices');
    expect(inbox.body.notices.map((n: Json) => n.id)).toContain(amended.body.notice.id);
    const download = await bidder.get<Json>(`/tenders/${tender.id}/documents/${first.documentId}`);
    expect(download.body).toMatchObject({ version: 2, sha256: sha256(changed) });
  });
});
