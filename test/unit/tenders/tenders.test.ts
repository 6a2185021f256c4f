import { createHash } from 'node:crypto';
import { amendmentDeadline } from '../../../packages/legal-rules/amendment';
import { publishAmendment } from '../../../packages/tenders/amendments';
import {
  confirmDocumentUpload,
  downloadDocument,
  requestDocumentUpload,
} from '../../../packages/tenders/documents';
import { acceptProject, registerProject } from '../../../packages/tenders/projects';
import { registerForTender } from '../../../packages/tenders/registration';
import { createTender, publishTender, viewTender } from '../../../packages/tenders/tenders';
import { PublishAmendment } from '../../../packages/tenders/model';
import { memoryWorld } from '../../support/memory-world';
import { Caller } from '../../../packages/kernel/caller';

const DAY = 86_400_000;
const staff: Caller = { role: 'staff', user: 'staff1', org: 'ORG-CENTER' };
const bidder = (n: number): Caller => ({ role: 'bidder', user: `bidder${n}`, org: `ORG-BIDDER-${n}` });
const project = {
  name: '道路工程',
  type: 'works' as const,
  tendererOrg: 'ORG-TENDERER-1',
  stateFunded: true,
  estimatedPrice: 100_000_000,
};

/** A lawful schedule whose documents open at `now`, with the shortest periods the rules allow. */
const scheduleFrom = (now: number, deadlineDays = 20) => ({
  documentsFrom: new Date(now).toISOString(),
  documentsTo: new Date(now + 5 * DAY).toISOString(),
  bidDeadline: new Date(now + deadlineDays * DAY).toISOString(),
  openingPlace: '开标室',
  bidBond: 2_000_000,
  bidValidityDays: 90,
});

/** An accepted project in a fresh world. */
const acceptedProject = async () => {
  const world = memoryWorld();
  const { project: p } = await registerProject(world.deps, staff, project);
  await acceptProject(world.deps, staff, p.id);
  return { world, projectId: p.id };
};

/** A published tender whose documents opened at the clock's start. */
const published = async (deadlineDays = 20) => {
  const { world, projectId } = await acceptedProject();
  const schedule = scheduleFrom(world.clock.now().getTime(), deadlineDays);
  const { tender } = await createTender(world.deps, staff, projectId, { name: '一标段', schedule });
  const slot = await requestDocumentUpload(world.deps, staff, tender.id, {
    fileName: 'a.pdf',
    contentType: 'application/pdf',
  });
  world.upload(slot.uploadUrl.replace('memory://', ''), new Uint8Array([1, 2, 3]));
  await confirmDocumentUpload(world.deps, staff, tender.id, slot.documentId, 1);
  await publishTender(world.deps, staff, tender.id);
  return { ...world, tender, documentId: slot.documentId, schedule };
};

describe('registering a project', () => {
  it('returns the same project for a retried request with the same idempotency key, and refuses the key for another request', async () => {
    const { deps } = memoryWorld();
    const first = await registerProject(deps, staff, project, 'key-1');
    const retry = await registerProject(deps, staff, project, 'key-1');
    expect(retry).toEqual({ project: first.project, created: false });
    await expect(
      registerProject(deps, staff, { ...project, name: '别的工程' }, 'key-1'),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a tenderer that is not a tenderer organisation, naming the field', async () => {
    const { deps } = memoryWorld();
    await expect(
      registerProject(deps, staff, { ...project, tendererOrg: 'ORG-BIDDER-1' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'body.tendererOrg' },
    });
  });

  it('gives two racing retries with the same key the one project the first created', async () => {
    const { deps } = memoryWorld();
    const [a, b] = await Promise.all([
      registerProject(deps, staff, project, 'race'),
      registerProject(deps, staff, project, 'race'),
    ]);
    expect(a.project.id).toBe(b.project.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
  });

  it('will not give tenders to a project before it is accepted', async () => {
    const world = memoryWorld();
    const { project: p } = await registerProject(world.deps, staff, project);
    await expect(
      createTender(world.deps, staff, p.id, { name: 'x', schedule: {} as never }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('creating a tender', () => {
  it('refuses what publication would refuse: a deadline already passed, documents from a past day, or a deadline beyond a year, writing nothing', async () => {
    const { world, projectId } = await acceptedProject();
    const now = world.clock.now().getTime();
    const entries = world.log.length;
    const refusal = (schedule: ReturnType<typeof scheduleFrom>) =>
      createTender(world.deps, staff, projectId, { name: '一标段', schedule }).catch((e: unknown) => e);
    expect(await refusal(scheduleFrom(now - 30 * DAY))).toMatchObject({
      code: 'RULE_VIOLATED',
      details: { field: 'schedule.bidDeadline', rule: '法24' },
    });
    expect(await refusal(scheduleFrom(now - 2 * DAY, 25))).toMatchObject({
      details: { field: 'schedule.documentsFrom', rule: '条例16' },
    });
    expect(await refusal({ ...scheduleFrom(now), bidDeadline: '9999-12-31T00:00:00.000Z' })).toMatchObject({
      details: { field: 'schedule.bidDeadline', rule: '平台规则' },
    });
    expect(world.log.length).toBe(entries);
  });

  it('refuses a hostile name before anything is written: a lone surrogate, a bidi override, a control character', async () => {
    const { CreateTender } = await import('../../../packages/tenders/model');
    const schedule = scheduleFrom(Date.parse('2026-03-02T01:00:00Z'));
    for (const name of ['ab\ud800cd', '标段\u202e名称', 'a\u0000b', 'zero\u200bwidth', '两行\n名称']) {
      const parsed = CreateTender.safeParse({ name, schedule });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0]!.path).toEqual(['name']);
    }
    // Normalized to NFC and trimmed: the name is kept as it reads.
    expect(CreateTender.parse({ name: '  Cafe\u0301 一标段 ', schedule }).name).toBe('Caf\u00e9 一标段');
  });
});

describe('publishing and registering', () => {
  it('refuses to publish a tender without a confirmed document', async () => {
    const { world, projectId } = await acceptedProject();
    const schedule = scheduleFrom(world.clock.now().getTime());
    const { tender } = await createTender(world.deps, staff, projectId, { name: '一标段', schedule });
    await expect(publishTender(world.deps, staff, tender.id)).rejects.toMatchObject({
      details: { field: 'documents' },
    });
  });

  it('registers a bidder while documents are available, once, and not after they close (条例16)', async () => {
    const world = await published();
    const first = await registerForTender(world.deps, bidder(1), world.tender.id);
    expect(await registerForTender(world.deps, bidder(1), world.tender.id)).toEqual(first);
    world.clock.advance(5 * DAY + 1);
    await expect(registerForTender(world.deps, bidder(2), world.tender.id)).rejects.toMatchObject({
      details: { rule: '条例16' },
    });
  });

  it('refuses downloads to unregistered bidders and records them for registered ones, naming nobody publicly', async () => {
    const world = await published();
    await expect(
      downloadDocument(world.deps, bidder(3), world.tender.id, world.documentId),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await registerForTender(world.deps, bidder(3), world.tender.id);
    const download = await downloadDocument(world.deps, bidder(3), world.tender.id, world.documentId);
    expect(download.sha256).toBe(
      createHash('sha256')
        .update(new Uint8Array([1, 2, 3]))
        .digest('hex'),
    );
    const publicLog = JSON.stringify(world.log.slice(-2));
    expect(publicLog).not.toContain('ORG-BIDDER-3');
    expect(publicLog).not.toContain('bidder3');
  });

  it('shows the same public tender however many registered', async () => {
    const world = await published();
    const before = await viewTender(world.deps, 'public', world.tender.id);
    for (const n of [1, 2, 3]) await registerForTender(world.deps, bidder(n), world.tender.id);
    expect(await viewTender(world.deps, 'public', world.tender.id)).toEqual(before);
  });
});

describe('amending a tender', () => {
  it('refuses any amendment once the bid deadline has passed', async () => {
    const world = await published();
    world.clock.advance(20 * DAY);
    await expect(
      publishAmendment(world.deps, staff, world.tender.id, {
        summary: '补充说明',
        affectsBids: false,
        schedule: world.schedule,
        documents: [],
      }),
    ).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
  });

  it('treats moving the deadline earlier as affecting bids, whatever staff declare', async () => {
    // Deadline 25 days out; 12 days later, one day earlier still meets 法24 but leaves 12 days (条例21).
    const world = await published(25);
    world.clock.advance(12 * DAY);
    const earlier = {
      ...world.schedule,
      bidDeadline: new Date(new Date(world.schedule.bidDeadline).getTime() - DAY).toISOString(),
    };
    await expect(
      publishAmendment(world.deps, staff, world.tender.id, {
        summary: '提前截止',
        affectsBids: false,
        schedule: earlier,
        documents: [],
      }),
    ).rejects.toMatchObject({ code: 'RULE_VIOLATED', details: { rule: '条例21' } });
  });

  it('refuses an amendment that names a document twice', () => {
    const parsed = PublishAmendment.safeParse({
      summary: '修改',
      affectsBids: true,
      documents: [
        { documentId: 'D-1', version: 2 },
        { documentId: 'D-1', version: 3 },
      ],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['documents']);
  });

  it('needs a new schedule or documents', async () => {
    const world = await published();
    await expect(
      publishAmendment(world.deps, staff, world.tender.id, {
        summary: '说明',
        affectsBids: false,
        documents: [],
      }),
    ).rejects.toMatchObject({
      details: { field: 'body.documents' },
    });
  });

  it('moves the deadline to exactly the earliest lawful one and delivers it to every registrant', async () => {
    const world = await published();
    await registerForTender(world.deps, bidder(1), world.tender.id);
    await registerForTender(world.deps, bidder(2), world.tender.id);
    world.clock.advance(10 * DAY);
    const verdict = amendmentDeadline(
      {
        publishedAt: world.clock.now(),
        currentDeadline: new Date(world.schedule.bidDeadline),
        affectsBids: true,
      },
      { holidays: [], makeUpWorkdays: [] },
    );
    expect(verdict).toEqual({
      lawful: false,
      earliestDeadline: new Date(world.clock.now().getTime() + 15 * DAY),
    });
    const earliest = (verdict as { earliestDeadline: Date }).earliestDeadline.toISOString();
    const schedule = {
      ...world.schedule,
      documentsTo: new Date(world.clock.now().getTime() + DAY).toISOString(),
      bidDeadline: earliest,
    };
    const { notice } = await publishAmendment(world.deps, staff, world.tender.id, {
      summary: '延期',
      affectsBids: true,
      schedule,
      documents: [],
    });
    const inboxes = world.items().filter((item) => item.pk.startsWith('INBOX#'));
    expect(inboxes.map((item) => item.pk.replace('INBOX#', '')).sort()).toEqual([
      'ORG-BIDDER-1',
      'ORG-BIDDER-2',
    ]);
    expect(notice.body).toMatchObject({ number: 1, affectsBids: true });
    expect(JSON.stringify(world.log.at(-1))).not.toContain('ORG-BIDDER');
  });
});
