import { actorOf, withheldBidder } from '../audit-log';
import { vacancies } from '../draw-ceremony';
import { Caller, DomainError, notFound } from '../kernel';
import { procedureOf } from '../procedures';
import { requireActiveTender, requireTender, Tender } from '../tenders';
import { AwardDeps } from './ports';
import { Negotiation, NegotiationView } from './model';
import type * as z from 'zod';

/**
 * 谈判 and 磋商 (74号令32–33, 214号21): after the opening the team negotiates with the suppliers
 * in rounds, which staff record; then it closes them and asks every supplier whose response was
 * opened for a final quote (最后报价) by a set time. Each quote is given once, seen by nobody
 * else before that time, and the report ranks the final quotes.
 */

/** The procedure's final-quote row, or a refusal naming the procedure that has none. */
const finalQuotesOf = (tender: Tender) => {
  const procedure = procedureOf(tender.procedure);
  if (!procedure.finalQuotes) {
    throw new DomainError(
      'RULE_VIOLATED',
      `A tender by ${procedure.name} has no negotiation rounds or final quotes; they belong to 竞争性谈判 (74号令33) and 竞争性磋商 (214号21).`,
      { field: 'tenderId', rule: '74号令33' },
    );
  }
  return procedure.finalQuotes;
};

const requireOpenedAndSeated = async (deps: AwardDeps, tenderId: string) => {
  const [opening, committee] = await Promise.all([
    deps.store.opening(tenderId),
    deps.store.committee(tenderId),
  ]);
  if (opening?.status !== 'opened' || !committee || vacancies(committee).size > 0) {
    throw new DomainError('CONFLICT', 'The negotiation follows the opening and the seating of the team.', {
      field: 'tenderId',
    });
  }
  return opening;
};

/**
 * The longest the team may give for final quotes: the law leaves the time to the team ("规定时间"),
 * usually hours; the platform caps it so the lifecycle's wait for them stays bounded.
 */
export const FINAL_QUOTES_MAX_DAYS = 3;
const DAY_MS = 86_400_000;

const empty = (tenderId: string): Negotiation => ({ tenderId, rounds: [], quotes: [], version: 0 });

/** Writes the negotiation with its entry: created on first use, then replaced on its version. */
const save = (
  deps: AwardDeps,
  previous: Negotiation | undefined,
  next: Negotiation,
  entry: Parameters<AwardDeps['store']['commit']>[0]['entry'],
) =>
  deps.store.commit({
    entry,
    ...(previous
      ? {
          replace: [
            {
              record: { kind: 'negotiation', value: { ...next, version: previous.version + 1 } },
              expect: { version: previous.version },
            },
          ],
        }
      : { create: [{ kind: 'negotiation', value: next }] }),
  });

/** Staff record a round the team held; none after the call for final quotes. */
export const recordRound = async (deps: AwardDeps, caller: Caller, tenderId: string, summary: string) => {
  const tender = await requireActiveTender(deps, tenderId);
  const { article } = finalQuotesOf(tender);
  await requireOpenedAndSeated(deps, tenderId);
  const previous = await deps.store.negotiation(tenderId);
  if (previous?.finalCall) {
    throw new DomainError('CONFLICT', `The rounds closed with the call for final quotes (${article}).`, {
      field: 'tenderId',
      rule: article,
    });
  }
  const current = previous ?? empty(tenderId);
  const round = {
    number: current.rounds.length + 1,
    summary,
    at: deps.clock.now().toISOString(),
    by: caller.user,
  };
  const next = { ...current, rounds: [...current.rounds, round] };
  await save(deps, previous, next, {
    actor: actorOf(caller),
    action: 'negotiation.round',
    subject: { projectId: tender.projectId, tenderId },
    data: { round: round.number },
    // What was said to the suppliers is theirs and the team's (74号令32), not the public's.
    confidential: { round },
  });
  return viewFor(next, caller, deps.clock.now());
};

/** The team closes the rounds and asks for final quotes by `quotesDueAt`. */
export const callFinalQuotes = async (
  deps: AwardDeps,
  caller: Caller,
  tenderId: string,
  quotesDueAt: string,
) => {
  const tender = await requireActiveTender(deps, tenderId);
  const { article } = finalQuotesOf(tender);
  await requireOpenedAndSeated(deps, tenderId);
  const previous = await deps.store.negotiation(tenderId);
  if (previous?.finalCall) {
    // A retry answers what the caller may see: never the quotes given since, before their time.
    if (previous.finalCall.quotesDueAt === new Date(quotesDueAt).toISOString())
      return viewFor(previous, caller, deps.clock.now());
    throw new DomainError(
      'CONFLICT',
      `Final quotes were already called for by ${previous.finalCall.quotesDueAt}.`,
      {
        field: 'body.quotesDueAt',
        rule: article,
      },
    );
  }
  if (!previous?.rounds.length) {
    throw new DomainError(
      'CONFLICT',
      `Final quotes follow the negotiation: record its rounds first (${article}).`,
      {
        field: 'tenderId',
        rule: article,
      },
    );
  }
  const now = deps.clock.now();
  const due = new Date(quotesDueAt).getTime();
  if (due <= now.getTime() || due > now.getTime() + FINAL_QUOTES_MAX_DAYS * DAY_MS) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `quotesDueAt: must be later than now and within ${FINAL_QUOTES_MAX_DAYS} days of the call`,
      { field: 'body.quotesDueAt' },
    );
  }
  const next = {
    ...previous,
    finalCall: { at: now.toISOString(), quotesDueAt: new Date(quotesDueAt).toISOString() },
  };
  await save(deps, previous, next, {
    actor: actorOf(caller),
    action: 'negotiation.final-call',
    subject: { projectId: tender.projectId, tenderId },
    data: { rounds: next.rounds.length, quotesDueAt: next.finalCall.quotesDueAt, rule: article },
  });
  await deps.milestones.reached(tenderId, 'final-quotes-called');
  return viewFor(next, caller, now);
};

/** A supplier whose response was opened gives its final quote, once, before the time set. */
export const submitFinalQuote = async (deps: AwardDeps, caller: Caller, tenderId: string, price: number) => {
  const tender = await requireActiveTender(deps, tenderId);
  const { article } = finalQuotesOf(tender);
  const opening = await deps.store.opening(tenderId);
  const org = caller.org!;
  const opened = (opening?.rows ?? []).some((r) => r.bidderOrg === org && r.outcome === 'decrypted');
  const negotiation = await deps.store.negotiation(tenderId);
  // Only a supplier still in learns that a call exists: to anyone else it is not there.
  if (!opened || !negotiation?.finalCall) throw notFound('call for final quotes of tender', tenderId);
  const mine = negotiation.quotes.find((q) => q.bidderOrg === org);
  if (mine) {
    if (mine.price === price) return viewFor(negotiation, caller, deps.clock.now());
    throw new DomainError(
      'CONFLICT',
      `Your final quote (${mine.price} fen) is given and cannot change (${article}).`,
      {
        field: 'body.price',
        rule: article,
      },
    );
  }
  const now = deps.clock.now();
  if (now >= new Date(negotiation.finalCall.quotesDueAt)) {
    throw new DomainError(
      'DEADLINE_PASSED',
      `Final quotes were due by ${negotiation.finalCall.quotesDueAt} (${article}).`,
      {
        field: 'tenderId',
        rule: article,
      },
    );
  }
  const quote = { bidderOrg: org, price, at: now.toISOString() };
  const next = { ...negotiation, quotes: [...negotiation.quotes, quote] };
  await save(deps, negotiation, next, {
    actor: withheldBidder,
    action: 'negotiation.final-quote',
    // Who quoted what stays sealed until the quotes close.
    subject: {},
    confidential: { quote: { tenderId, ...quote } },
  });
  return viewFor(next, caller, now);
};

const viewFor = (negotiation: Negotiation, caller: Caller, now: Date): z.infer<typeof NegotiationView> => {
  const closed = negotiation.finalCall !== undefined && now >= new Date(negotiation.finalCall.quotesDueAt);
  const team = caller.role === 'staff' || caller.role === 'regulator';
  return {
    tenderId: negotiation.tenderId,
    rounds: negotiation.rounds.map(({ number, at, summary }) => ({
      number,
      at,
      ...(team ? { summary } : {}),
    })),
    ...(negotiation.finalCall ? { finalCall: negotiation.finalCall } : {}),
    quotes: negotiation.quotes.filter((q) => (closed && team) || q.bidderOrg === caller.org),
  };
};

/** The negotiation as the caller may see it: staff and regulators all of it once the quotes closed. */
export const viewNegotiation = async (deps: AwardDeps, caller: Caller, tenderId: string) => {
  const tender = await requireTender(deps, tenderId);
  finalQuotesOf(tender);
  if (caller.role === 'bidder') {
    const opening = await deps.store.opening(tenderId);
    const opened = (opening?.rows ?? []).some((r) => r.bidderOrg === caller.org && r.outcome === 'decrypted');
    if (!opened) throw notFound('negotiation of tender', tenderId);
  }
  const negotiation = (await deps.store.negotiation(tenderId)) ?? empty(tenderId);
  return viewFor(negotiation, caller, deps.clock.now());
};
