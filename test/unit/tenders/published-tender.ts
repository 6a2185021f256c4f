import { confirmDocumentUpload, requestDocumentUpload } from '../../../packages/tenders/documents';
import { acceptProject, registerProject } from '../../../packages/tenders/projects';
import { registerForTender } from '../../../packages/tenders/registration';
import { createTender, publishTender } from '../../../packages/tenders/tenders';
import { memoryWorld } from '../../support/memory-world';
import { demoHolidays2026 } from '../../../packages/legal-rules/calendar';
import { ProcedureTerms, ProjectKind } from '../../../packages/procedures';
import { Caller } from '../../../packages/kernel/caller';
import { DomainError } from '../../../packages/kernel/errors';

export const DAY = 86_400_000;
export const staff: Caller = { role: 'staff', user: 'staff1', org: 'ORG-CENTER' };
export const regulator: Caller = { role: 'regulator', user: 'regulator1', org: 'ORG-REGULATOR' };
/** The second regulator, who holds the third share of every opening key by default. */
export const regulator2: Caller = { role: 'regulator', user: 'regulator2', org: 'ORG-REGULATOR' };
export const bidder = (n: number): Caller => ({ role: 'bidder', user: `bidder${n}`, org: `ORG-BIDDER-${n}` });

/**
 * A memory world with a tender published at the clock's start (bid deadline 20 days later),
 * one document, and the given bidders registered; by open tendering unless `terms` name another procedure.
 */
/** A single-source procurement's terms (单一来源): its ground, its one supplier, ORG-BIDDER-5, and the reasons. */
export const singleSource = {
  procedure: 'single-source',
  singleSource: {
    ground: 'consistency',
    supplier: 'ORG-BIDDER-5',
    reasons: '原有系统的升级，须与原供应商保持一致',
  },
} as const;

export const publishedTender = async (
  bidders: number[] = [],
  terms: ProcedureTerms = {},
  /**
   * Government procurement buys goods and counts working days: its tests name the kind and set the
   * year's holidays, and its open tendering keeps the documents available 5 working days (87号令18).
   */
  {
    type = 'works',
    holidays,
    documentsDays = 5,
  }: { type?: ProjectKind; holidays?: boolean; documentsDays?: number } = {},
) => {
  const world = memoryWorld();
  if (holidays) await world.deps.store.put([{ kind: 'calendar', year: 2026, value: demoHolidays2026 }]);
  const { project } = await registerProject(world.deps, staff, {
    name: '道路工程',
    type,
    tendererOrg: 'ORG-TENDERER-1',
    agencyOrg: 'ORG-AGENCY-1',
    stateFunded: true,
    estimatedPrice: 100_000_000,
  });
  await acceptProject(world.deps, staff, project.id);
  const now = world.clock.now().getTime();
  const { tender } = await createTender(world.deps, staff, project.id, {
    ...terms,
    name: '一标段',
    schedule: {
      documentsFrom: new Date(now).toISOString(),
      documentsTo: new Date(now + documentsDays * DAY).toISOString(),
      bidDeadline: new Date(now + 20 * DAY).toISOString(),
      openingPlace: '开标室',
      bidBond: 2_000_000,
      bidValidityDays: 90,
    },
  });
  const slot = await requestDocumentUpload(world.deps, staff, tender.id, {
    fileName: 'a.pdf',
    contentType: 'application/pdf',
  });
  world.upload(slot.uploadUrl.replace('memory://', ''), new Uint8Array([1]));
  await confirmDocumentUpload(world.deps, staff, tender.id, slot.documentId, 1);
  await publishTender(world.deps, staff, tender.id);
  for (const n of bidders) await registerForTender(world.deps, bidder(n), tender.id);
  return { ...world, tender, project, deadline: new Date(tender.schedule.bidDeadline).getTime() };
};

/** The refusal `promise` ends in, as the API would answer it; fails the test when it succeeds. */
export const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).toJSON();
};
