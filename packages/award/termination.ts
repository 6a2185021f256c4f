import { holdOn, suspensionInForce, upheldNoticeObjection } from '../complaints';
import { actorOf } from '../audit-log';
import { Caller, committed, decideOnFreshRecords, DomainError, newId } from '../kernel';
import { BID_OUTCOME_GROUNDS, procedureOf, TerminationGround } from '../procedures';
import { newNotice, Notice, requireTender, Tender, Termination } from '../tenders';
import { TerminateTender } from './model';
import { AwardDeps } from './ports';

const refuse = (message: string, rule: string, field = 'body.ground') =>
  new DomainError('RULE_VIOLATED', message, { rule, field });

/** The ground the tender's procedure allows, with its article; any other is refused, naming those it allows. */
const groundOf = async (deps: AwardDeps, tender: Tender, ground: TerminationGround) => {
  const procedure = procedureOf(tender.procedure);
  const termination = procedure.termination;
  const row = termination.grounds[ground];
  if (!row) {
    const allowed = Object.entries(termination.grounds).map(([id, g]) => `${id} (${g.article})`);
    throw refuse(
      `${procedure.name} ends before its result only on ${allowed.join(' or ')}, not on ${ground} (${termination.article}).`,
      termination.article,
    );
  }
  const challenges = await deps.store.challenges(tender.id);
  if (ground === 'objection-upheld' && !upheldNoticeObjection(challenges)) {
    throw refuse(
      `No objection to the notice was upheld on review; ${row.article} ends the procurement only after one is.`,
      row.article,
    );
  }
  // How many responded and at what price stays sealed until the opening (法22, 法34): a termination on
  // either before it would tell, so these grounds wait for the bids to be opened.
  if (BID_OUTCOME_GROUNDS.has(ground) && (await deps.store.opening(tender.id))?.status !== 'opened') {
    throw refuse(
      `The responses are not opened yet; ${row.article} counts the suppliers and compares their prices only once they are.`,
      row.article,
    );
  }
  // The regulator's suspension (法57, 条例62) holds every act of the purchaser, this one too.
  const hold = suspensionInForce(challenges) && holdOn(challenges);
  if (hold)
    throw refuse(`The tender waits: ${hold.reason}; terminate it after that.`, hold.article, 'tenderId');
  return { ...row, noticeArticle: row.notice?.article ?? termination.article };
};

/**
 * 终止: staff end a published process before its result, on a ground its procedure gives (条例31;
 * 87号令29 for a cancelled procurement task; 74号令40 once an objection to a single-source notice
 * is upheld; 74号令37, 74号令50 and 214号35 for 谈判, 询价 and 磋商). The termination notice is public and names the ground and the reason, never who took
 * part or how many; every registered, invited or named supplier receives it, every bond held
 * becomes a refund due from now, sealed bids stay sealed, and whatever the lifecycle waits for
 * ends. The same termination again returns the first; a different one is refused.
 */
export const terminateTender = (
  deps: AwardDeps,
  caller: Caller,
  tenderId: string,
  input: TerminateTender,
): Promise<Termination> =>
  decideOnFreshRecords({ name: `Tender ${tenderId}`, field: 'tenderId' }, () =>
    tryTerminate(deps, caller, tenderId, input),
  );

/** One attempt at the termination; undefined when the tender changed before it committed. */
const tryTerminate = async (
  deps: AwardDeps,
  caller: Caller,
  tenderId: string,
  input: TerminateTender,
): Promise<Termination | undefined> => {
  const tender = await requireTender(deps, tenderId);
  if (tender.termination) return sameTermination(deps, tender, tender.termination, input);
  if (tender.status !== 'published') {
    throw new DomainError(
      'CONFLICT',
      `Only a published tender in progress is terminated; this one is ${tender.status}.`,
      { field: 'tenderId' },
    );
  }
  // The bids are being decrypted: they will be public in a moment, and the termination then follows.
  if ((await deps.store.opening(tenderId))?.status === 'decrypting') {
    throw new DomainError(
      'CONFLICT',
      'The opening is decrypting the bids; terminate the tender once its opening record is out.',
      { field: 'tenderId' },
    );
  }
  const ground = await groundOf(deps, tender, input.ground);
  const now = deps.clock.now();
  const termination: Termination = {
    ground: input.ground,
    article: ground.article,
    reason: input.reason,
    at: now.toISOString(),
    by: caller.user,
    noticeId: newId('N', now),
  };
  const notice = terminationNotice(tender, termination);
  const recipients = await recipientsOf(deps, tender);
  const done = await committed(
    deps.store.commit({
      entry: {
        actor: actorOf(caller),
        action: 'tender.terminated',
        subject: { projectId: tender.projectId, tenderId, noticeId: notice.id },
        data: { ground: input.ground, rule: ground.article, notice: ground.noticeArticle },
        // Who registered would tell who took part (法22): confidential.
        confidential: { recipients },
      },
      create: [{ kind: 'notice', value: notice }],
      replace: [
        {
          record: {
            kind: 'tender',
            value: { ...tender, status: 'terminated', termination, version: tender.version + 1 },
          },
          expect: { version: tender.version },
        },
      ],
    }),
  );
  // The same request at the same moment, or another change to the tender: read it again and decide.
  if (!done) return undefined;
  await settleTermination(deps, tenderId);
  return termination;
};

/** The termination notice, built from the record: the same notice whenever it is delivered again. */
const terminationNotice = (tender: Tender, termination: Termination): Notice => {
  const procedure = procedureOf(tender.procedure);
  const at = new Date(termination.at);
  const row = procedure.termination.grounds[termination.ground];
  const body = {
    tenderName: tender.name,
    procedure: procedure.name,
    ground: termination.ground,
    groundDescription: row?.description ?? '',
    article: termination.article,
    noticeArticle: row?.notice?.article ?? procedure.termination.article,
    reason: termination.reason,
    terminatedAt: termination.at,
  };
  return {
    ...newNotice(
      tender.id,
      tender.projectId,
      'termination',
      `${tender.name} ${row?.notice?.title ?? '终止公告'}`,
      at,
      body,
    ),
    id: termination.noticeId,
  };
};

/** The same request again finishes what the first began (deliveries, the lifecycle); another one is refused. */
const sameTermination = async (
  deps: AwardDeps,
  tender: Tender,
  termination: Termination,
  input: TerminateTender,
) => {
  if (termination.ground !== input.ground || termination.reason !== input.reason) {
    throw new DomainError(
      'CONFLICT',
      `The tender was already terminated at ${termination.at} on ${termination.ground} (${termination.article}).`,
      { field: 'body.ground' },
    );
  }
  await settleTermination(deps, tender.id);
  return termination;
};

/** Who is told in writing (条例31, 87号令29): every registered bidder, and those invited or named who have not registered. */
const recipientsOf = async (deps: Pick<AwardDeps, 'store'>, tender: Tender): Promise<string[]> => {
  const registered = (await deps.store.registrations(tender.id)).map((r) => r.bidderOrg);
  const named = tender.invitedBidders ?? (tender.singleSource ? [tender.singleSource.supplier] : []);
  return [...new Set([...registered, ...named])];
};

/**
 * What follows a termination, each step safe to take again: every bond still held becomes a
 * refund due from the termination (each its own movement, made once), everyone told in writing
 * receives the notice, and whatever the lifecycle waits for ends. The request takes these steps,
 * and the lifecycle takes them again before it ends, so none is left to a client's retry.
 */
export const settleTermination = async (deps: Omit<AwardDeps, 'documents'>, tenderId: string) => {
  const tender = await requireTender(deps, tenderId);
  const termination = tender.termination;
  if (!termination) {
    throw new DomainError('CONFLICT', `Tender ${tenderId} is not terminated.`, { field: 'tenderId' });
  }
  await deps.ledger?.onTermination(tender.id, new Date(termination.at));
  await deps.store.deliver(await recipientsOf(deps, tender), terminationNotice(tender, termination));
  await deps.milestones.reached(tender.id, 'terminated');
  return { terminatedAt: termination.at };
};
