import { actorOf, AuditActor, withheldComplainant } from '../audit-log';
import { Caller, DomainError, notFound, Role } from '../kernel';
import {
  addDays,
  calendarFor,
  challengeProcedures,
  ChallengeProcedure,
  ChallengeRuleId,
  deadlineFor,
  HolidayCalendar,
  noticeObjection,
  periodDays,
  periodRule,
  TimeLimitId,
} from '../legal-rules';
import { objectionAnswerNotice, requireTender, Tender, withAnswer } from '../tenders';
import { lawOf, takesNoticeObjections } from './law';
import {
  Challenge,
  Challenges,
  ChallengeStep,
  Complaint,
  ComplaintStatus,
  Objection,
  RaiseChallenge,
  Suspension,
} from './model';
import { ComplaintDeps } from './ports';

const procedureOf = (challenges: Challenges): ChallengeProcedure => challengeProcedures[challenges.law];

/** An objection to a single-source notice (74号令39), which its review concludes (74号令40). */
const isNoticeObjection = (c: Challenge): c is Objection =>
  c.kind === 'objection' && c.rule === noticeObjection.objection;

/** The rule an objection's answer runs under: the review of a notice objection, else the law's answer. */
const answerRuleOf = (procedure: ChallengeProcedure, objection: Objection): ChallengeRuleId =>
  isNoticeObjection(objection) ? noticeObjection.review : procedure.objectionAnswer;

/**
 * The challenges with each notice objection's review due 5 working days after the publicity as it
 * now ends (74号令40): an amendment that moves the deadline moves the review with it.
 */
const withReviewsDue = (challenges: Challenges, tender: Tender, calendar: HolidayCalendar): Challenges => {
  const due = deadlineFor(
    noticeObjection.review,
    new Date(tender.schedule.bidDeadline),
    calendar,
  ).toISOString();
  return {
    ...challenges,
    items: challenges.items.map((c) => (isNoticeObjection(c) ? { ...c, answerDueAt: due } : c)),
  };
};

const refuse = (code: 'RULE_VIOLATED' | 'DEADLINE_PASSED', message: string, rule: string, field: string) =>
  new DomainError(code, message, { rule, field });

/** The suspension in force, if any. */
export const suspensionInForce = (challenges: Challenges | undefined): Suspension | undefined =>
  challenges?.suspensions.find((s) => !s.liftedAt);

/** The objection to a single-source notice upheld on review, if any: the purchaser procures by another method (74号令40). */
export const upheldNoticeObjection = (challenges: Challenges | undefined): Objection | undefined =>
  challenges?.items.find((c): c is Objection => isNoticeObjection(c) && c.conclusion === 'upheld');

/**
 * Why the tender's process must wait, if it must: a regulator's suspension (条例62, 法57); where
 * the law pauses it, an objection not yet answered (条例22, 74号令40); or for good, an objection
 * to a single-source notice upheld on review (74号令40). The steps that act on a tender (the
 * negotiation record, the result, the contract, the lifecycle's waits) check it.
 */
export const holdOn = (
  challenges: Challenges | undefined,
): { article: string; reason: string } | undefined => {
  if (!challenges) return undefined;
  const procedure = procedureOf(challenges);
  const suspension = suspensionInForce(challenges);
  if (suspension) {
    return {
      article: procedure.suspension.article,
      reason: `the regulator suspended it on complaint ${suspension.complaint} since ${suspension.since}`,
    };
  }
  const upheld = upheldNoticeObjection(challenges);
  if (upheld) {
    return {
      article: periodRule(noticeObjection.review).article,
      reason: `objection ${upheld.number} to the notice was upheld on review, so the purchaser procures by another method`,
    };
  }
  const notice = challenges.items.find((c) => isNoticeObjection(c) && !c.answer);
  if (notice) {
    return {
      article: periodRule(noticeObjection.objection).article,
      reason: `objection ${notice.number} to the notice awaits the purchaser's review`,
    };
  }
  const open = challenges.items.find((c) => c.kind === 'objection' && !c.answer);
  if (procedure.objectionPauses && open) {
    return {
      article: periodRule(procedure.objection).article,
      reason: `objection ${open.number} to the documents is not answered yet`,
    };
  }
  return undefined;
};

/** Refuses an act on a tender while it is held, citing the article that holds it. */
export const assertNotHeld = async (
  deps: { store: Pick<ComplaintDeps['store'], 'challenges'> },
  tenderId: string,
  act: string,
) => {
  const hold = holdOn(await deps.store.challenges(tenderId));
  if (hold) {
    throw new DomainError(
      'RULE_VIOLATED',
      `The tender waits: ${hold.reason} (${hold.article}); ${act} after that.`,
      {
        rule: hold.article,
        field: 'tenderId',
      },
    );
  }
};

const emptyChallenges = (tender: Tender): Challenges => ({
  tenderId: tender.id,
  law: lawOf(tender),
  items: [],
  suspensions: [],
  version: 0,
});

/** Commits the challenges with one audit entry: created on first use, then replaced by version. */
const save = async (
  deps: ComplaintDeps,
  previous: Challenges | undefined,
  next: Challenges,
  entry: {
    actor: AuditActor;
    action: string;
    data: Record<string, string | number | boolean>;
    confidential?: Record<string, unknown>;
  },
) => {
  const value = { ...next, version: previous ? previous.version + 1 : 0 };
  await deps.store.commit({
    entry: { ...entry, subject: { tenderId: next.tenderId } },
    ...(previous
      ? { replace: [{ record: { kind: 'challenges', value }, expect: { version: previous.version } }] }
      : { create: [{ kind: 'challenges', value }] }),
  });
  return value;
};

/** A bidder's own entries are logged without its name, which the confidential record keeps (法22). */
const bidderEntry = (caller: Caller) => ({
  actor: withheldComplainant,
  confidential: { complainant: { org: caller.org, user: caller.user } },
});

/** Whether an objection is to the single-source notice while it is public, which any supplier may raise (74号令39). */
const toTheNotice = (tender: Tender, request: RaiseChallenge, now: Date) =>
  takesNoticeObjections(tender) &&
  request.kind === 'objection' &&
  request.subject === 'documents' &&
  now <= new Date(tender.schedule.bidDeadline);

/**
 * The tender's registered bidders may challenge it. On a single-source notice any supplier may
 * object to it while it is public (74号令39), and complain of it after (法55), registered or not.
 */
const requireStanding = async (
  deps: ComplaintDeps,
  caller: Caller,
  tender: Tender,
  challenges: Challenges,
  request: RaiseChallenge,
  now: Date,
) => {
  const forbidden = () =>
    new DomainError('FORBIDDEN', 'Only bidders of this tender may challenge it or complain about it.', {
      field: 'tenderId',
    });
  if (!caller.org) throw forbidden();
  const notice = takesNoticeObjections(tender);
  if (notice && toTheNotice(tender, request, now)) return;
  const objected = challenges.items.some((c) => isNoticeObjection(c) && c.bidderOrg === caller.org);
  if (notice && request.kind === 'complaint' && objected) return;
  if (await deps.store.registration(tender.id, caller.org)) return;
  if (notice && request.kind === 'objection') {
    const deadline = new Date(tender.schedule.bidDeadline);
    // Past the publicity, the notice's objections are over; what is left is the suppliers' 质疑.
    if (now > deadline)
      throw late(noticeObjection.objection, deadline, 'Objections to the single-source notice were raised');
    throw refuse(
      'RULE_VIOLATED',
      `An objection to the single-source notice is about the notice itself, subject "documents" (74号令39); other matters are queried by the tender's suppliers (法52).`,
      periodRule(noticeObjection.objection).article,
      'body.subject',
    );
  }
  throw forbidden();
};

const requireKnownAt = (knownAt: string | undefined, now: Date, rule: string): Date => {
  if (!knownAt) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `knownAt: say when you knew of the matter; the time limit runs from it (${rule})`,
      {
        field: 'body.knownAt',
        rule,
      },
    );
  }
  const known = new Date(knownAt);
  if (known > now) {
    throw new DomainError('VALIDATION_FAILED', 'knownAt: must not be in the future', {
      field: 'body.knownAt',
      rule,
    });
  }
  return known;
};

const late = (ruleId: ChallengeRuleId, dueAt: Date, what: string) => {
  const rule = periodRule(ruleId);
  return refuse(
    'DEADLINE_PASSED',
    `${what} by ${dueAt.toISOString()} (${rule.article}: ${rule.description})`,
    rule.article,
    'tenderId',
  );
};

/**
 * 异议 to the documents (条例22: at least 10 days before the bid deadline) or 质疑 (法52: within
 * 7 working days of knowing), answered within its law's time limit; or, on a single-source notice
 * while it is public, the objection to it (74号令39), reviewed after the publicity (74号令40).
 * The same challenge again is a retry.
 */
const raiseObjection = async (
  deps: ComplaintDeps,
  caller: Caller,
  tender: Tender,
  previous: Challenges | undefined,
  challenges: Challenges,
  request: Extract<RaiseChallenge, { kind: 'objection' }>,
  calendar: HolidayCalendar,
  now: Date,
) => {
  const raised = (rule: ChallengeRuleId, answerDueAt: string): Challenges => {
    const objection: Objection = {
      number: challenges.items.length + 1,
      kind: 'objection',
      subject: request.subject,
      rule,
      bidderOrg: caller.org!,
      text: request.text,
      ...(request.knownAt ? { knownAt: request.knownAt } : {}),
      raisedAt: now.toISOString(),
      answerDueAt,
    };
    return { ...challenges, items: [...challenges.items, objection] };
  };
  if (toTheNotice(tender, request, now)) {
    // Its review's due date follows the publicity's end, as `withReviewsDue` sets it.
    const next = withReviewsDue(raised(noticeObjection.objection, ''), tender, calendar);
    return saveObjection(deps, caller, previous, next);
  }
  const procedure = procedureOf(challenges);
  const rule = periodRule(procedure.objection);
  if (!procedure.objectionSubjects.includes(request.subject)) {
    throw new DomainError(
      'RULE_VIOLATED',
      `Under the ${challenges.law} this challenge is about ${procedure.objectionSubjects.join(', ')} (${rule.article}); objections at the opening and in the publicity have their own routes.`,
      { rule: rule.article, field: 'body.subject' },
    );
  }
  if (rule.counts === 'before') {
    const latest = deadlineFor(procedure.objection, new Date(tender.schedule.bidDeadline), calendar);
    if (now > latest) throw late(procedure.objection, latest, 'Objections to the documents are raised');
  } else {
    const known = requireKnownAt(request.knownAt, now, rule.article);
    const latest = deadlineFor(procedure.objection, known, calendar);
    if (now > latest) throw late(procedure.objection, latest, 'This challenge had to be raised');
  }
  const answerDueAt = deadlineFor(procedure.objectionAnswer, now, calendar).toISOString();
  return saveObjection(deps, caller, previous, raised(procedure.objection, answerDueAt));
};

/** Saves the challenges with their newest item, an objection, as its `challenge.raised` entry. */
const saveObjection = (
  deps: ComplaintDeps,
  caller: Caller,
  previous: Challenges | undefined,
  next: Challenges,
) => {
  const objection = next.items.at(-1) as Objection;
  return save(deps, previous, next, {
    ...bidderEntry(caller),
    action: 'challenge.raised',
    data: {
      number: objection.number,
      subject: objection.subject,
      rule: periodRule(objection.rule as ChallengeRuleId).article,
      answerDueAt: objection.answerDueAt,
    },
  });
};

/** The challenge that must come before a complaint on `subject` (条例60, 法55), and when its answer period ended. */
const priorChallenge = async (
  deps: ComplaintDeps,
  caller: Caller,
  challenges: Challenges,
  subject: Complaint['subject'],
  now: Date,
): Promise<{ prior?: Complaint['prior']; raisedAt?: Date; answerPeriodEnd?: Date }> => {
  const { priorChallenge: required } = procedureOf(challenges);
  const article = required.subjects[subject];
  if (!article) return {};
  // A subject this context takes no challenges on was objected to at the opening (条例44) or in the publicity (条例54).
  const where = procedureOf(challenges).objectionSubjects.includes(subject)
    ? 'challenges'
    : subject === 'opening'
      ? 'opening'
      : 'publicity';
  const raised =
    where === 'challenges'
      ? challenges.items.filter(
          (c): c is Objection =>
            c.kind === 'objection' && c.bidderOrg === caller.org && c.subject === subject,
        )
      : await deps.store.objectionsElsewhere(challenges.tenderId, caller.org!, where);
  // An objection answered, or one whose answer is overdue, opens the way to the regulator.
  const ended = raised
    .map((o) => ({ o, end: o.answeredAt ?? o.answerDueAt }))
    .find(({ end }) => end !== undefined && new Date(end) <= now);
  if (!ended) {
    throw refuse(
      'RULE_VIOLATED',
      raised.length > 0
        ? `A complaint on this matter follows the answer to your objection ${raised[0]!.number}, or the end of its answer period (${required.article}).`
        : `A complaint on this matter follows an objection to the tenderer first (${required.article}, ${article}).`,
      required.article,
      'body.subject',
    );
  }
  return {
    prior: { where, number: ended.o.number },
    raisedAt: new Date(ended.o.raisedAt),
    answerPeriodEnd: new Date(ended.end!),
  };
};

/**
 * 投诉: within 10 days of knowing (条例60), the time the prior objection waited for its answer
 * not counted; or within 15 working days after the query's answer period (法55).
 */
const submitComplaint = async (
  deps: ComplaintDeps,
  caller: Caller,
  previous: Challenges | undefined,
  challenges: Challenges,
  request: Extract<RaiseChallenge, { kind: 'complaint' }>,
  calendar: HolidayCalendar,
  now: Date,
) => {
  const procedure = procedureOf(challenges);
  const rule = periodRule(procedure.complaint);
  const known = requireKnownAt(request.knownAt, now, rule.article);
  const { prior, raisedAt, answerPeriodEnd } = await priorChallenge(
    deps,
    caller,
    challenges,
    request.subject,
    now,
  );
  let latest: Date;
  if (procedure.complaintFrom === 'answer-period-end') {
    latest = deadlineFor(procedure.complaint, answerPeriodEnd!, calendar);
  } else {
    // 条例60: the answer period of the prior objection does not count in the 10 days.
    const waited =
      raisedAt && answerPeriodEnd
        ? Math.max(0, answerPeriodEnd.getTime() - Math.max(raisedAt.getTime(), known.getTime()))
        : 0;
    latest = new Date(deadlineFor(procedure.complaint, known, calendar).getTime() + waited);
  }
  if (now > latest) throw late(procedure.complaint, latest, 'This complaint had to be filed');
  const complaint: Complaint = {
    number: challenges.items.length + 1,
    kind: 'complaint',
    subject: request.subject,
    rule: procedure.complaint,
    bidderOrg: caller.org!,
    text: request.text,
    knownAt: request.knownAt,
    submittedAt: now.toISOString(),
    ...(prior ? { prior } : {}),
    status: 'submitted',
    ...(procedure.acceptance
      ? { acceptDueAt: deadlineFor(procedure.acceptance, now, calendar).toISOString() }
      : {}),
    ...(procedure.decisionFrom === 'submitted'
      ? { decideDueAt: deadlineFor(procedure.decision, now, calendar).toISOString() }
      : {}),
    clockStops: [],
    steps: [{ step: 'submit', at: now.toISOString() }],
  };
  return save(
    deps,
    previous,
    { ...challenges, items: [...challenges.items, complaint] },
    {
      ...bidderEntry(caller),
      action: 'complaint.submitted',
      data: {
        number: complaint.number,
        subject: complaint.subject,
        rule: rule.article,
        ...(complaint.acceptDueAt ? { acceptDueAt: complaint.acceptDueAt } : {}),
      },
    },
  );
};

/** A bidder raises a challenge or files a complaint; the same one again while pending is a retry. */
export const raiseChallenge = async (
  deps: ComplaintDeps,
  caller: Caller,
  tenderId: string,
  request: RaiseChallenge,
) => {
  const tender = await requireTender(deps, tenderId);
  const previous = await deps.store.challenges(tenderId);
  const now = deps.clock.now();
  const challenges = await reviewsDue(deps, previous ?? emptyChallenges(tender), tender);
  await requireStanding(deps, caller, tender, challenges, request, now);
  // The rule it falls under: the same text under another rule (a 质疑 after an objection to the notice) is new.
  const procedure = procedureOf(challenges);
  const rule =
    request.kind === 'complaint'
      ? procedure.complaint
      : toTheNotice(tender, request, now)
        ? noticeObjection.objection
        : procedure.objection;
  const retry = challenges.items.find(
    (c) =>
      c.kind === request.kind &&
      c.rule === rule &&
      c.bidderOrg === caller.org &&
      c.text === request.text &&
      c.subject === request.subject &&
      (c.kind === 'objection' ? !c.answer : !ended.includes(c.status)),
  );
  if (retry) return viewChallenges(challenges, caller, tender);
  const calendar = await calendarFor(
    deps,
    now,
    tender.schedule.bidDeadline,
    ...(request.knownAt ? [request.knownAt] : []),
  );
  const saved =
    request.kind === 'objection'
      ? await raiseObjection(deps, caller, tender, previous, challenges, request, calendar, now)
      : await submitComplaint(deps, caller, previous, challenges, request, calendar, now);
  return viewChallenges(saved, caller, tender);
};

/** Each complaint step: who takes it (the role the law names), from which states, and to which. */
type ArticleOf = (procedure: ChallengeProcedure) => string;
const acceptance: ArticleOf = (p) => periodRule(p.acceptance ?? p.decision).article;
const decision: ArticleOf = (p) => periodRule(p.decision).article;
const suspension: ArticleOf = (p) => p.suspension.article;
const filing: ArticleOf = (p) => periodRule(p.complaint).article;

const complaintSteps: Record<
  Exclude<ChallengeStep['step'], 'answer'>,
  { role: Role; article: ArticleOf; from: readonly ComplaintStatus[]; to?: ComplaintStatus }
> = {
  accept: { role: 'regulator', article: acceptance, from: ['submitted'], to: 'accepted' },
  refuse: { role: 'regulator', article: acceptance, from: ['submitted'], to: 'refused' },
  investigate: { role: 'regulator', article: decision, from: ['accepted'], to: 'under-investigation' },
  'stop-clock': { role: 'regulator', article: decision, from: ['under-investigation'] },
  'restart-clock': { role: 'regulator', article: decision, from: ['under-investigation'] },
  uphold: { role: 'regulator', article: decision, from: ['accepted', 'under-investigation'], to: 'upheld' },
  dismiss: {
    role: 'regulator',
    article: decision,
    from: ['accepted', 'under-investigation'],
    to: 'dismissed',
  },
  withdraw: {
    role: 'bidder',
    article: filing,
    from: ['submitted', 'accepted', 'under-investigation'],
    to: 'withdrawn',
  },
  suspend: { role: 'regulator', article: suspension, from: ['submitted', 'accepted', 'under-investigation'] },
  lift: { role: 'regulator', article: suspension, from: ComplaintStatus.options },
};

const ended: readonly ComplaintStatus[] = ['refused', 'upheld', 'dismissed', 'withdrawn'];

/**
 * When the decision is due: 30 working days from acceptance (条例61) or receipt (法56), plus the
 * working days its clock stood stopped for inspection or expert review; none while it is stopped.
 */
const decisionDue = (procedure: ChallengeProcedure, complaint: Complaint, calendar: HolidayCalendar) => {
  const start =
    procedure.decisionFrom === 'accepted'
      ? complaint.steps.find((s) => s.step === 'accept')?.at
      : complaint.submittedAt;
  if (!start || complaint.clockStops.some((s) => !s.to)) return undefined;
  const stopped = complaint.clockStops.reduce(
    (days, s) => days + periodDays(new Date(s.from), new Date(s.to!), 'working', calendar),
    0,
  );
  return addDays(
    new Date(start),
    periodRule(procedure.decision).value + stopped,
    'working',
    calendar,
  ).toISOString();
};

/**
 * The complaint steps `role` may take on a complaint in `status`, as the table above has them:
 * what the portal offers. The API still decides each one.
 */
export const complaintStepsOpen = (role: Role, status: ComplaintStatus): (keyof typeof complaintSteps)[] =>
  (Object.keys(complaintSteps) as (keyof typeof complaintSteps)[]).filter(
    (step) => complaintSteps[step].role === role && complaintSteps[step].from.includes(status),
  );

/** The role a step needs and the article that gives it that role. */
const requireRole = (caller: Caller, role: Role, article: string, step: string) => {
  if (caller.role !== role) {
    throw new DomainError(
      'FORBIDDEN',
      `Only ${role === 'staff' ? 'the tenderer (staff)' : `the ${role}`} may ${step} (${article}).`,
      {
        rule: article,
        field: 'body.step',
      },
    );
  }
};

const findChallenge = (challenges: Challenges | undefined, number: number) => {
  const found = challenges?.items.find((c) => c.number === number);
  if (!found) throw notFound('challenge', String(number), 'number');
  return found;
};

/**
 * The tenderer answers an objection or query (条例22, 法53), or the purchaser concludes its review
 * of an objection to a single-source notice once the publicity is over (74号令40); an answer that
 * ends a pause resumes the process.
 */
const answer = async (
  deps: ComplaintDeps,
  caller: Caller,
  tender: Tender,
  challenges: Challenges,
  objection: Objection,
  { answer: text, conclusion }: Extract<ChallengeStep, { step: 'answer' }>,
) => {
  const article = periodRule(answerRuleOf(procedureOf(challenges), objection)).article;
  requireRole(caller, 'staff', article, 'answer it');
  // The objector receives the answer in its notices (条例22, 法53); a retry delivers it again.
  const deliverAnswer = (answeredAt: string) =>
    objection.bidderOrg
      ? deps.store.deliver(
          [objection.bidderOrg],
          objectionAnswerNotice(
            tender,
            { where: 'challenges', number: objection.number, answer: text, answeredAt },
            {
              // An objection to a single-source notice is an 异议 (74号令39), whatever the law.
              title:
                challenges.law === '政府采购法' && !isNoticeObjection(objection) ? '质疑答复' : '异议答复',
              article,
              ...(conclusion ? { conclusion } : {}),
            },
          ),
        )
      : Promise.resolve();
  if (objection.answer === text && objection.conclusion === conclusion) {
    await deliverAnswer(objection.answeredAt!);
    return challenges;
  }
  const now = deps.clock.now();
  if (isNoticeObjection(objection)) {
    if (!conclusion) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `conclusion: the review concludes that the objection is upheld or dismissed (${article})`,
        { field: 'body.conclusion', rule: article },
      );
    }
    if (now <= new Date(tender.schedule.bidDeadline)) {
      throw refuse(
        'RULE_VIOLATED',
        `The review follows the publicity, which ends at ${tender.schedule.bidDeadline}, so that it weighs every objection (${article}).`,
        article,
        'number',
      );
    }
  } else if (conclusion) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `conclusion: only the review of an objection to a single-source notice concludes one (74号令40); answer this ${challenges.law} challenge in words`,
      { field: 'body.conclusion', rule: article },
    );
  }
  const items = withAnswer(
    challenges.items.filter((c): c is Objection => c.kind === 'objection'),
    objection.number,
    text,
    now,
  );
  const answered = {
    ...items.find((o) => o.number === objection.number)!,
    ...(conclusion ? { conclusion } : {}),
  };
  const saved = await save(
    deps,
    challenges,
    { ...challenges, items: challenges.items.map((c) => (c.number === objection.number ? answered : c)) },
    {
      actor: actorOf(caller),
      action: 'challenge.answered',
      data: {
        number: objection.number,
        answer: text,
        ...(conclusion ? { conclusion } : {}),
        onTime: answered.answeredAt! <= objection.answerDueAt,
      },
    },
  );
  await deliverAnswer(answered.answeredAt!);
  if (holdOn(challenges) && !holdOn(saved)) await deps.milestones.reached(challenges.tenderId, 'hold-lifted');
  return saved;
};

/** A step on a challenge or complaint by the role its law names, each an audit entry; a retry of the last step changes nothing. */
export const takeChallengeStep = async (
  deps: ComplaintDeps,
  caller: Caller,
  tenderId: string,
  number: number,
  request: ChallengeStep,
) => {
  const tender = await requireTender(deps, tenderId);
  const challenges = await reviewsDue(deps, await deps.store.challenges(tenderId), tender);
  const challenge = findChallenge(challenges, number);
  if (challenge.kind === 'objection') {
    if (request.step !== 'answer') {
      throw new DomainError('CONFLICT', `Challenge ${number} is an objection: the tenderer answers it.`, {
        field: 'body.step',
      });
    }
    return viewChallenges(
      await answer(deps, caller, tender, challenges!, challenge, request),
      caller,
      tender,
    );
  }
  if (request.step === 'answer') {
    throw new DomainError('CONFLICT', `Challenge ${number} is a complaint: the regulator handles it.`, {
      field: 'body.step',
    });
  }
  const saved = await stepComplaint(deps, caller, challenges!, challenge, request);
  return viewChallenges(saved, caller, tender);
};

const stepComplaint = async (
  deps: ComplaintDeps,
  caller: Caller,
  challenges: Challenges,
  complaint: Complaint,
  request: Exclude<ChallengeStep, { step: 'answer' }>,
) => {
  const procedure = procedureOf(challenges);
  const rule = complaintSteps[request.step];
  const article = rule.article(procedure);
  requireRole(caller, rule.role, article, `${request.step} a complaint`);
  if (request.step === 'withdraw' && complaint.bidderOrg !== caller.org) {
    throw new DomainError('FORBIDDEN', 'Only the complainant may withdraw its complaint.', {
      field: 'number',
    });
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  const suspension = suspensionInForce(challenges);
  // The same step again (a retry) finds its work done.
  if (rule.to && complaint.status === rule.to) return challenges;
  if (request.step === 'suspend' && suspension?.complaint === complaint.number) return challenges;
  if (request.step === 'lift' && !suspension) return challenges;
  if (request.step === 'lift' && suspension!.complaint !== complaint.number) {
    throw new DomainError(
      'CONFLICT',
      `The suspension in force was made on complaint ${suspension!.complaint}; lift it there.`,
      { field: 'number', rule: article },
    );
  }
  if (!rule.from.includes(complaint.status)) {
    throw new DomainError(
      'CONFLICT',
      `Complaint ${complaint.number} is ${complaint.status}; it cannot ${request.step} now.`,
      {
        field: 'body.step',
        rule: article,
      },
    );
  }
  const calendar = await calendarFor(deps, complaint.submittedAt, now);
  let next: Complaint = { ...complaint, steps: [...complaint.steps, { step: request.step, at }] };
  let suspensions = challenges.suspensions;
  const data: Record<string, string | number | boolean> = { number: complaint.number, rule: article };
  switch (request.step) {
    case 'stop-clock':
    case 'restart-clock': {
      if (!procedure.clockStops) {
        throw refuse(
          'RULE_VIOLATED',
          `The ${challenges.law} does not stop the decision's clock (${article}).`,
          article,
          'body.step',
        );
      }
      const open = complaint.clockStops.some((s) => !s.to);
      if (open === (request.step === 'stop-clock')) {
        throw new DomainError(
          'CONFLICT',
          `The decision's clock is ${open ? 'stopped' : 'running'} already.`,
          { field: 'body.step' },
        );
      }
      next.clockStops =
        request.step === 'stop-clock'
          ? [...complaint.clockStops, { reason: request.reason, from: at }]
          : complaint.clockStops.map((s) => (s.to ? s : { ...s, to: at }));
      data.rule = procedure.clockStops;
      break;
    }
    case 'suspend': {
      if (suspension) {
        throw new DomainError(
          'CONFLICT',
          `The tender is suspended already, on complaint ${suspension.complaint}.`,
          { field: 'body.step' },
        );
      }
      const limit = procedure.suspension.limit;
      suspensions = [
        ...suspensions,
        {
          complaint: complaint.number,
          reason: request.reason,
          since: at,
          ...(limit ? { limitAt: deadlineFor(limit, now, calendar).toISOString() } : {}),
        },
      ];
      data.reason = request.reason;
      break;
    }
    case 'refuse':
    case 'uphold':
    case 'dismiss':
      next.outcome = { text: request.step === 'refuse' ? request.reason : request.decision, at };
      data.outcome = next.outcome.text;
      break;
  }
  if (rule.to) next.status = rule.to;
  if (request.step === 'accept' || request.step === 'restart-clock' || request.step === 'stop-clock') {
    const { decideDueAt: _, ...rest } = next;
    const due = decisionDue(procedure, next, calendar);
    next = due ? { ...rest, decideDueAt: due } : rest;
  }
  if (next.decideDueAt) data.decideDueAt = next.decideDueAt;
  // A complaint that ends lifts the suspension made on it: the process goes on.
  const lifting =
    request.step === 'lift' || (ended.includes(next.status) && suspension?.complaint === complaint.number);
  if (lifting && suspension) {
    suspensions = suspensions.map((s) => (s === suspension ? { ...s, liftedAt: at } : s));
    data.suspensionLifted = true;
  }
  data.status = next.status;
  const saved = await save(
    deps,
    challenges,
    {
      ...challenges,
      items: challenges.items.map((c) => (c.number === complaint.number ? next : c)),
      suspensions,
    },
    {
      ...(caller.role === 'bidder' ? bidderEntry(caller) : { actor: actorOf(caller) }),
      action: `complaint.${request.step}`,
      data,
    },
  );
  if (lifting && suspension && !holdOn(saved))
    await deps.milestones.reached(challenges.tenderId, 'hold-lifted');
  return saved;
};

/**
 * What a caller sees: regulators see every complainant; a bidder sees its own; staff and other
 * bidders see who challenged only once the result is out, since before it the name would tell
 * who takes part (法22).
 */
export const viewChallenges = (challenges: Challenges | undefined, caller: Caller, tender: Tender) => {
  const resultOut = tender.status === 'awarded' || tender.status === 'closed';
  const items = (challenges?.items ?? []).map((c): Challenge => {
    if (resultOut || caller.role === 'regulator' || c.bidderOrg === caller.org) return c;
    const { bidderOrg: _withheld, ...rest } = c;
    return rest;
  });
  const { version: _version, items: _items, ...rest } = challenges ?? emptyChallenges(tender);
  // Where anyone may object to the notice, and until when (74号令39).
  const notice = takesNoticeObjections(tender)
    ? {
        noticeObjections: {
          until: tender.schedule.bidDeadline,
          article: periodRule(noticeObjection.objection).article,
        },
      }
    : {};
  return { ...rest, items, hold: holdOn(challenges), ...notice };
};

export const listChallenges = async (deps: ComplaintDeps, caller: Caller, tenderId: string) => {
  const tender = await requireTender(deps, tenderId);
  return viewChallenges(
    await reviewsDue(deps, await deps.store.challenges(tenderId), tender),
    caller,
    tender,
  );
};

/** `withReviewsDue`, with the calendar read only where a notice objection needs it. */
export const reviewsDue = async <C extends Challenges | undefined>(
  deps: { store: Pick<ComplaintDeps['store'], 'calendar'> },
  challenges: C,
  tender: Tender,
): Promise<C> => {
  if (!challenges?.items.some(isNoticeObjection)) return challenges;
  const calendar = await calendarFor(deps, tender.schedule.bidDeadline);
  return withReviewsDue(challenges, tender, calendar) as C;
};

/** A clock of the challenges: when its step was due, when it was done, if it was, and what it is late for. */
export interface ChallengeClock {
  rule: TimeLimitId;
  dueAt: Date;
  doneAt?: Date;
  late: string;
}

/**
 * Every clock of a tender's challenges for supervision: each answer (条例22, 法53), each decision
 * to accept (条例61) and each decision (条例61, 法56), and each capped suspension (法57).
 */
export const challengeClocks = (challenges: Challenges | undefined): ChallengeClock[] => {
  if (!challenges) return [];
  const procedure = procedureOf(challenges);
  const at = (time: string | undefined) => (time ? new Date(time) : undefined);
  const stepAt = (c: Complaint, steps: string[]) => at(c.steps.find((s) => steps.includes(s.step))?.at);
  const clocks = challenges.items.flatMap((c): ChallengeClock[] => {
    if (c.kind === 'objection') {
      return [
        {
          rule: answerRuleOf(procedure, c),
          dueAt: new Date(c.answerDueAt),
          doneAt: at(c.answeredAt),
          late: `challenge ${c.number} was not answered in time`,
        },
      ];
    }
    return [
      ...(procedure.acceptance && c.acceptDueAt
        ? [
            {
              rule: procedure.acceptance,
              dueAt: new Date(c.acceptDueAt),
              doneAt: stepAt(c, ['accept', 'refuse', 'withdraw']),
              late: `complaint ${c.number} was not accepted or refused in time`,
            },
          ]
        : []),
      ...(c.decideDueAt
        ? [
            {
              rule: procedure.decision,
              dueAt: new Date(c.decideDueAt),
              doneAt: stepAt(c, ['uphold', 'dismiss', 'withdraw', 'refuse']),
              late: `complaint ${c.number} was not decided in time`,
            },
          ]
        : []),
    ];
  });
  const limit = procedure.suspension.limit;
  const suspensions = limit
    ? challenges.suspensions.map((s) => ({
        rule: limit,
        dueAt: new Date(s.limitAt!),
        doneAt: at(s.liftedAt),
        late: `the suspension on complaint ${s.complaint} lasted past its limit`,
      }))
    : [];
  return [...clocks, ...suspensions];
};
