import { DomainError } from '../errors/domain-error';
import { Caller } from '../identity/caller';
import { notFound, withheldBidder } from './access';
import { Registration } from './model';
import { TradingDeps } from './ports';
import { requireTender } from './tenders';

/**
 * 投标报名: a bidder organisation registers for a published tender while its documents are
 * available (条例16). Registering again returns the same registration. Nothing in the answer
 * depends on whether anyone else registered (法22).
 */
export const registerForTender = async (
  deps: TradingDeps,
  caller: Caller,
  tenderId: string,
): Promise<Registration> => {
  const tender = await requireTender(deps, tenderId);
  if (tender.status !== 'published') throw notFound('tender', tenderId);
  const org = caller.org!;
  const existing = await deps.store.registration(tenderId, org);
  if (existing) return existing;
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
  try {
    await deps.store.commit({
      entry: {
        actor: withheldBidder,
        action: 'tender.registered',
        subject: {},
        confidential: { registration },
      },
      create: [{ kind: 'registration', value: registration }],
    });
  } catch (error) {
    // Two of the organisation's users registered at once: the first stands.
    if (error instanceof DomainError && error.code === 'CONFLICT') {
      const first = await deps.store.registration(tenderId, org);
      if (first) return first;
    }
    throw error;
  }
  return registration;
};

/** Who registered, for regulators only: the one list that exists before the opening. */
export const listRegistrations = async (deps: TradingDeps, tenderId: string) => {
  await requireTender(deps, tenderId);
  const [registrations, downloads] = await Promise.all([
    deps.store.registrations(tenderId),
    deps.store.downloads(tenderId),
  ]);
  return { registrations, downloads };
};
