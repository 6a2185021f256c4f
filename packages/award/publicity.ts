import { DomainError, required, Caller } from '../kernel';
import { addDays, calendarFor, rules, deadlineFor } from '../legal-rules';
import { actorOf } from '../audit-log';
import { procedureOf } from '../procedures';
import { newNotice, objectionAnswerNotice, requireActiveTender, requireTender, withAnswer } from '../tenders';
import { AwardDeps, AwardReads } from './ports';
import { requireEvaluation } from './evaluation';
import { PublicPublicity, Publicity } from './model';
export const requirePublicity = (deps: { store: Pick<AwardReads, 'publicity'> }, tenderId: string) =>
  required(deps.store.publicity(tenderId), 'candidate publicity of tender', tenderId);

/** The publicity for the public route: without who objected. */
export const publicPublicity = async (
  deps: { store: Pick<AwardReads, 'publicity'> },
  tenderId: string,
): Promise<PublicPublicity> => {
  const { version: _version, objections, ...rest } = await requirePublicity(deps, tenderId);
  return { ...rest, objections: objections.map(({ bidderOrg: _objector, ...objection }) => objection) };
};

/**
 * 中标候选人公示: the candidates and their prices go public for at least 3 days (条例54). It should
 * start within 3 days of the report; a late start is allowed but marked, for supervision.
 */
export const startPublicity = async (deps: AwardDeps, caller: Caller, tenderId: string, days: number) => {
  const tender = await requireActiveTender(deps, tenderId);
  const { award } = procedureOf(tender.procedure);
  if (award.by !== 'candidate-publicity') {
    const article = award.by === 'purchaser-confirmation' ? award.rule.article : award.article;
    throw new DomainError(
      'RULE_VIOLATED',
      `A tender by ${procedureOf(tender.procedure).name} has no candidate publicity: the purchaser confirms the winner from the report (${article}).`,
      { field: 'tenderId', rule: article },
    );
  }
  const evaluation = await requireEvaluation(deps, tenderId);
  if (await deps.store.publicity(tenderId)) {
    throw new DomainError('CONFLICT', 'The candidates are already in publicity.', { field: 'tenderId' });
  }
  const minimum = rules['publicity-duration'];
  if (days < minimum.value) {
    throw new DomainError(
      'RULE_VIOLATED',
      `Candidate publicity lasts at least ${minimum.value} days (条例54).`,
      {
        rule: minimum.article,
        field: 'body.days',
      },
    );
  }
  const now = deps.clock.now();
  const calendar = await calendarFor(deps, evaluation.recordedAt, now);
  const late = now > deadlineFor('publicity-start', new Date(evaluation.recordedAt), calendar);
  const endsAt = addDays(now, days, 'calendar', calendar);
  const notice = newNotice(tenderId, tender.projectId, 'candidates', `${tender.name} 中标候选人公示`, now, {
    tenderName: tender.name,
    candidates: evaluation.candidates.map((c, i) => ({ rank: i + 1, ...c })),
    publicityEndsAt: endsAt.toISOString(),
    objections: 'Bidders may object during the publicity; each objection is answered within 3 days (条例54).',
  });
  const publicity: Publicity = {
    tenderId,
    noticeId: notice.id,
    startsAt: now.toISOString(),
    endsAt: endsAt.toISOString(),
    startedBy: caller.user,
    late,
    objections: [],
    version: 0,
  };
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'publicity.started',
      subject: { projectId: tender.projectId, tenderId, noticeId: notice.id },
      data: { endsAt: publicity.endsAt, late, candidates: evaluation.candidates.map((c) => c.bidderOrg) },
    },
    create: [
      { kind: 'publicity', value: publicity },
      { kind: 'notice', value: notice },
    ],
  });
  await deps.milestones.reached(tenderId, 'publicity-started');
  return publicity;
};

const replacePublicity = (
  deps: AwardDeps,
  caller: Caller,
  publicity: Publicity,
  action: string,
  data: Record<string, string | number>,
  updated: Publicity,
) =>
  deps.store.commit({
    entry: { actor: actorOf(caller), action, subject: { tenderId: publicity.tenderId }, data },
    replace: [{ record: { kind: 'publicity', value: updated }, expect: { version: publicity.version } }],
  });

/** A bidder that registered objects to the evaluation result while the publicity runs (条例54). */
export const raisePublicityObjection = async (
  deps: AwardDeps,
  caller: Caller,
  tenderId: string,
  text: string,
) => {
  const publicity = await requirePublicity(deps, tenderId);
  if (!(await deps.store.registration(tenderId, caller.org!))) {
    throw new DomainError('FORBIDDEN', 'Only bidders of this tender may object to its result.', {
      field: 'tenderId',
    });
  }
  const pending = publicity.objections.find((o) => o.bidderOrg === caller.org && !o.answer);
  // The same objection again is a retry; another waits for the answer to the first.
  if (pending?.text === text) return publicity;
  if (pending) {
    throw new DomainError(
      'CONFLICT',
      `Your objection ${pending.number} is not answered yet (due ${pending.answerDueAt}); object again once it is.`,
      { rule: '条例54', field: 'text' },
    );
  }
  const now = deps.clock.now();
  if (now > new Date(publicity.endsAt)) {
    throw new DomainError(
      'DEADLINE_PASSED',
      `The publicity ended at ${publicity.endsAt}; objections are taken during it (条例54).`,
      {
        rule: '条例54',
        field: 'tenderId',
      },
    );
  }
  const calendar = await calendarFor(deps, now);
  const objection = {
    number: publicity.objections.length + 1,
    bidderOrg: caller.org!,
    text,
    raisedAt: now.toISOString(),
    answerDueAt: deadlineFor('publicity-objection-answer', now, calendar).toISOString(),
  };
  const updated = {
    ...publicity,
    objections: [...publicity.objections, objection],
    version: publicity.version + 1,
  };
  await replacePublicity(
    deps,
    caller,
    publicity,
    'publicity.objection-raised',
    { number: objection.number, bidderOrg: caller.org!, text },
    updated,
  );
  return updated;
};

/**
 * Staff answer an objection; the result waits until every objection is answered. The objector
 * receives the answer in its notices (条例54: 作出答复); the same answer again is a retry, which
 * delivers it again and changes nothing else.
 */
export const answerPublicityObjection = async (
  deps: AwardDeps,
  caller: Caller,
  tenderId: string,
  number: number,
  answer: string,
) => {
  const publicity = await requirePublicity(deps, tenderId);
  const tender = await requireTender(deps, tenderId);
  const deliverAnswer = (answered: Publicity) => {
    const objection = answered.objections.find((o) => o.number === number)!;
    return deps.store.deliver(
      [objection.bidderOrg],
      objectionAnswerNotice(
        tender,
        { where: 'publicity', number, answer, answeredAt: objection.answeredAt! },
        { title: '异议答复', article: '条例54' },
      ),
    );
  };
  const already = publicity.objections.find((o) => o.number === number);
  if (already?.answer === answer) {
    await deliverAnswer(publicity);
    await deps.milestones.reached(tenderId, 'objection-answered');
    return publicity;
  }
  const updated = {
    ...publicity,
    objections: withAnswer(publicity.objections, number, answer, deps.clock.now(), caller.user),
    version: publicity.version + 1,
  };
  await replacePublicity(
    deps,
    caller,
    publicity,
    'publicity.objection-answered',
    { number, answer },
    updated,
  );
  await deliverAnswer(updated);
  await deps.milestones.reached(tenderId, 'objection-answered');
  return updated;
};
