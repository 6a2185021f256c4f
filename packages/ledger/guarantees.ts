import { actorOf } from '../audit-log';
import { Caller, DomainError } from '../kernel';
import { ceilingOf, cstDate, rules, yuan } from '../legal-rules';
import { Guarantee, RecordGuarantee } from './model';
import { LedgerDeps } from './ports';
import { registeredBidder } from './sub-accounts';
import { requireActiveTender } from '../tenders';

/**
 * A bidder records its e-guarantee (电子保函) in place of a cash bond, before the bid deadline.
 * Like a cash bond it is at most 2 % of the estimated price (条例26), covers the bond the tender
 * asks, and is valid at least as long as the bid (投标有效期, 条例26).
 */
export const recordGuarantee = async (
  deps: LedgerDeps,
  caller: Caller,
  tenderId: string,
  input: RecordGuarantee,
): Promise<Guarantee> => {
  await registeredBidder(deps, caller, tenderId);
  const tender = await requireActiveTender(deps, tenderId);
  const now = deps.clock.now();
  const deadline = new Date(tender.schedule.bidDeadline);
  if (now > deadline) {
    throw new DomainError(
      'DEADLINE_PASSED',
      'The bid deadline has passed: no bond can be given now (条例36).',
      {
        field: 'id',
        rule: '条例36',
      },
    );
  }
  const project = await deps.store.project(tender.projectId);
  const bondRule = rules['bid-bond'];
  const ceiling = ceilingOf(bondRule, project?.estimatedPrice ?? 0);
  const refuse = (field: keyof RecordGuarantee, message: string) =>
    new DomainError('RULE_VIOLATED', message, { field, rule: bondRule.article });
  if (BigInt(input.amount) > ceiling) {
    throw refuse(
      'amount',
      `${bondRule.article}: a bid bond, guaranteed or paid, is at most ${bondRule.value} % of the estimated price: ${ceiling} fen (${yuan(ceiling)} yuan).`,
    );
  }
  if (input.amount < tender.schedule.bidBond) {
    throw refuse(
      'amount',
      `The tender asks a bond of ${tender.schedule.bidBond} fen (${yuan(BigInt(tender.schedule.bidBond))} yuan); the guarantee covers less.`,
    );
  }
  if (input.validFrom > cstDate(deadline)) {
    throw refuse('validFrom', `The guarantee must be valid by the bid deadline, ${cstDate(deadline)}.`);
  }
  // The bid binds its bidder for bidValidityDays from the deadline; the guarantee must last as long.
  const bidValidUntil = cstDate(new Date(deadline.getTime() + tender.schedule.bidValidityDays * 86_400_000));
  if (input.validUntil < bidValidUntil) {
    throw refuse(
      'validUntil',
      `${bondRule.article}: the guarantee must be valid as long as the bid, to ${bidValidUntil} (${tender.schedule.bidValidityDays} days after the bid deadline).`,
    );
  }
  const guarantee: Guarantee = { ...input, tenderId, bidderOrg: caller.org!, recordedAt: now.toISOString() };
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'ledger.guarantee-recorded',
      subject: {},
      process: tenderId,
      confidential: { guarantee },
    },
    // A bidder may give a new guarantee in place of its last, until the deadline.
    replace: [{ record: { kind: 'guarantee', value: guarantee }, expect: {} }],
  });
  return guarantee;
};
