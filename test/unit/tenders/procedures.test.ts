import { demoHolidays2026 } from '../../../packages/legal-rules/calendar';
import { setHolidayCalendar } from '../../../packages/tenders/calendar';
import { dealCodeOf } from '../../../packages/procedures';
import { acceptProject, getProject, registerProject } from '../../../packages/tenders/projects';
import { registerForTender } from '../../../packages/tenders/registration';
import { createTender, publishTender, viewTender } from '../../../packages/tenders/tenders';
import { confirmDocumentUpload, requestDocumentUpload } from '../../../packages/tenders/documents';
import { CreateTender } from '../../../packages/tenders/model';
import { Caller } from '../../../packages/kernel/caller';
import { memoryWorld } from '../../support/memory-world';

const YUAN = 100;
const DAY = 86_400_000;
const staff: Caller = { role: 'staff', user: 'staff1', org: 'ORG-CENTER' };
const bidder = (n: number): Caller => ({ role: 'bidder', user: `bidder${n}`, org: `ORG-BIDDER-${n}` });

/** An accepted project of `type` at `yuan`, in a world whose clock stands on Monday 2 March 2026. */
const accepted = async (type: 'works' | 'goods' | 'services', yuan: number) => {
  const world = memoryWorld();
  const { deps } = world;
  await setHolidayCalendar(deps, staff, 2026, demoHolidays2026);
  const { project } = await registerProject(deps, staff, {
    name: '办公设备采购',
    type,
    tendererOrg: 'ORG-TENDERER-1',
    stateFunded: true,
    estimatedPrice: yuan * YUAN,
  });
  await acceptProject(deps, staff, project.id);
  return { world, deps, projectId: project.id };
};

const from = (world: ReturnType<typeof memoryWorld>, docsDays: number, deadlineDays: number) => {
  const now = world.clock.now().getTime();
  return {
    documentsFrom: new Date(now).toISOString(),
    documentsTo: new Date(now + docsDays * DAY).toISOString(),
    bidDeadline: new Date(now + deadlineDays * DAY).toISOString(),
    openingPlace: '开标室',
    bidBond: 0,
    bidValidityDays: 90,
  };
};

describe('creating a tender by its procedure', () => {
  it('creates an open tender under 招标投标法 when no procedure is named, as before', async () => {
    const { world, deps, projectId } = await accepted('works', 1_000_000);
    const { tender } = await createTender(deps, staff, projectId, {
      name: '一标段',
      schedule: from(world, 5, 20),
    });
    expect(await viewTender(deps, 'insiders', tender.id)).toMatchObject({
      procedure: 'open-tendering',
      law: '招标投标法',
      dealCode: dealCodeOf(projectId),
    });
    // 统一交易标识码: given at registration, derived from the id alone, so it never changes.
    expect((await getProject(deps, projectId)).dealCode).toBe(`SL${projectId.replace(/-/g, '')}`);
  });

  it('creates a government open tender and shows its procedure and law; refuses its bid period a millisecond short (政府采购法35)', async () => {
    const { world, deps, projectId } = await accepted('goods', 4_000_000);
    const schedule = from(world, 8, 20);
    const request: CreateTender = { name: '一包', procedure: 'gp-open-tendering', schedule };
    const { tender } = await createTender(deps, staff, projectId, request);
    expect(tender.procedure).toBe('gp-open-tendering');
    expect(await viewTender(deps, 'insiders', tender.id)).toMatchObject({
      procedure: 'gp-open-tendering',
      law: '政府采购法',
    });
    const short = { ...schedule, bidDeadline: new Date(Date.parse(schedule.bidDeadline) - 1).toISOString() };
    await expect(createTender(deps, staff, projectId, { ...request, schedule: short })).rejects.toMatchObject(
      {
        code: 'RULE_VIOLATED',
        details: { rule: '政府采购法35', field: 'schedule.bidDeadline' },
      },
    );
  });

  it('creates and publishes a competitive negotiation 3 working days out, which 法24 would have refused', async () => {
    const { world, deps, projectId } = await accepted('goods', 3_999_999);
    // Monday 2 March: the third working day after it ends at 24:00 Thursday 5 March.
    const { tender } = await createTender(deps, staff, projectId, {
      name: '一包',
      procedure: 'competitive-negotiation',
      schedule: { ...from(world, 2, 2), bidDeadline: '2026-03-06T00:00:00+08:00' },
    });
    const slot = await requestDocumentUpload(deps, staff, tender.id, {
      fileName: 'a.pdf',
      contentType: 'application/pdf',
    });
    world.upload(slot.uploadUrl.replace('memory://', ''), new Uint8Array([1]));
    await confirmDocumentUpload(deps, staff, tender.id, slot.documentId, 1);
    const notice = await publishTender(deps, staff, tender.id);
    expect(notice.body).toMatchObject({
      procedure: 'competitive-negotiation',
      procedureName: '竞争性谈判',
      law: '政府采购法',
    });
  });

  it('refuses a competitive negotiation at the open-tendering threshold, citing 政府采购法27', async () => {
    const { world, deps, projectId } = await accepted('goods', 4_000_000);
    await expect(
      createTender(deps, staff, projectId, {
        name: '一包',
        procedure: 'competitive-negotiation',
        schedule: from(world, 5, 5),
      }),
    ).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '政府采购法27', field: 'body.procedure' },
    });
  });

  it('takes only invited bidder organisations for invited tendering, and only they may register (法17)', async () => {
    const { world, deps, projectId } = await accepted('works', 5_000_000);
    const base = { name: '一标段', procedure: 'invited-tendering' as const, schedule: from(world, 5, 20) };
    await expect(
      createTender(deps, staff, projectId, { ...base, invitedBidders: ['ORG-BIDDER-1', 'ORG-BIDDER-2'] }),
    ).rejects.toMatchObject({ details: { rule: '法17', field: 'body.invitedBidders' } });
    await expect(
      createTender(deps, staff, projectId, {
        ...base,
        invitedBidders: ['ORG-BIDDER-1', 'ORG-TENDERER-1', 'ORG-BIDDER-3'],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'body.invitedBidders.1' } });
    const { tender } = await createTender(deps, staff, projectId, {
      ...base,
      invitedBidders: ['ORG-BIDDER-1', 'ORG-BIDDER-2', 'ORG-BIDDER-3'],
    });
    expect(await viewTender(deps, 'insiders', tender.id)).toMatchObject({
      invitedBidders: ['ORG-BIDDER-1', 'ORG-BIDDER-2', 'ORG-BIDDER-3'],
    });
    const slot = await requestDocumentUpload(deps, staff, tender.id, {
      fileName: 'a.pdf',
      contentType: 'application/pdf',
    });
    world.upload(slot.uploadUrl.replace('memory://', ''), new Uint8Array([1]));
    await confirmDocumentUpload(deps, staff, tender.id, slot.documentId, 1);
    await publishTender(deps, staff, tender.id);
    expect(await viewTender(deps, 'public', tender.id)).not.toHaveProperty('invitedBidders');
    // The public log names no invited bidder: the list is in the creation entry's confidential record (法22).
    expect(JSON.stringify(world.log)).toContain('tender.created');
    expect(JSON.stringify(world.log)).not.toMatch(/ORG-BIDDER-/);
    await expect(registerForTender(deps, bidder(2), tender.id)).resolves.toMatchObject({
      bidderOrg: 'ORG-BIDDER-2',
    });
    await expect(registerForTender(deps, bidder(4), tender.id)).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '法17', field: 'tenderId' },
    });
  });

  it('refuses single source without a justification (政府采购法31) and with a supplier that is no bidder', async () => {
    const { world, deps, projectId } = await accepted('services', 500_000);
    const base = { name: '运维服务', procedure: 'single-source' as const, schedule: from(world, 5, 8) };
    await expect(createTender(deps, staff, projectId, base)).rejects.toMatchObject({
      details: { rule: '政府采购法31', field: 'body.singleSource' },
    });
    const justification = {
      ground: 'consistency' as const,
      supplier: 'ORG-AGENCY-1',
      reasons: '原有系统的升级，须与原供应商保持一致',
    };
    await expect(
      createTender(deps, staff, projectId, { ...base, singleSource: justification }),
    ).rejects.toMatchObject({ details: { field: 'body.singleSource.supplier' } });
    const { tender } = await createTender(deps, staff, projectId, {
      ...base,
      singleSource: { ...justification, supplier: 'ORG-BIDDER-5' },
    });
    expect(await viewTender(deps, 'insiders', tender.id)).toMatchObject({
      procedure: 'single-source',
      singleSource: { supplier: 'ORG-BIDDER-5', ground: 'consistency' },
    });
  });
});
