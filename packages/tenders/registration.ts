import { DomainError, createOnce, notFound, Caller } from '../kernel';
import { withheldBidder } from '../audit-log';
import { procedureOf } from '../procedures';
import { Registration } from './model';
import { TenderDeps } from './ports';
import { requireActiveTender, requireTender } from './tenders';
/**
 * 投标报名: a bidder organisation registers for a published tender while its documents are
 * available (条例16). Registering again returns the same registration. Nothing in the answer
 * depends on whether anyone else registered (法22).
 */
export const registerForTender = async (
  deps: TenderDeps,
  caller: Caller,
  tenderId: string,
): Promise<Registration> => {
  const tender = await requireActiveTender(deps, tenderId);
  if (tender.status !== 'published') throw notFound('tender', tenderId);
  const org = caller.org!;
  // Invited tendering takes its invited bidders only (法17), single source its one supplier (政府采购法31).
  const named = tender.invitedBidders ?? (tender.singleSource ? [tender.singleSource.supplier] : undefined);
  if (named && !named.includes(org)) {
    const procedure = procedureOf(tender.procedure);
    const rule = procedure.invitation?.article ?? procedure.justification?.article ?? '法17';
    throw new DomainError(
      'RULE_VIOLATED',
      `${rule}: this tender is by ${procedure.name}; only the organisations it names may register, and ${org} is not one of them.`,
      { rule, field: 'tenderId' },
    );
  }
  // One registration per organisation: a repeat, or two of its users at once, get the first.
  const { value } = await createOnce({
    keyed: true,
    what: 'registration',
    read: () => deps.store.registration(tenderId, org),
    sameRequest: () => true,
    create: async () => {
      const now = deps.clock.now();
      const { documentsFrom, documentsTo } = tender.schedule;
      if (now < new Date(documentsFrom) || now > new Date(documentsTo)) {
        throw new DomainError(
          'RULE_VIOLATED',
          `Registration is open while the documents are available, from ${documentsFrom} to ${documentsTo}.`,
          { rule: '条例16', field: 'tenderId' },
        );
      }
      const registration: Registration = {
        tenderId,
        bidderOrg: org,
        user: caller.user,
        registeredAt: now.toISOString(),
      };
      await deps.store.commit({
        entry: {
          actor: withheldBidder,
          action: 'tender.registered',
          subject: {},
          process: tenderId,
          confidential: { registration },
        },
        create: [{ kind: 'registration', value: registration }],
      });
      return registration;
    },
  });
  return value;
};

/** Who registered, for regulators only: the one list that exists before the opening. */
export const listRegistrations = async (deps: TenderDeps, tenderId: string) => {
  await requireTender(deps, tenderId);
  const [registrations, downloads] = await Promise.all([
    deps.store.registrations(tenderId),
    deps.store.downloads(tenderId),
  ]);
  return { registrations, downloads };
};
