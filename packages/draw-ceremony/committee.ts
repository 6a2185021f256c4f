import { DomainError, newId, required, Caller } from '../kernel';
import { Expert, nextReserve } from '../experts';
import { actorOf, AuditActor, Writes } from '../audit-log';
import { DrawDeps, CeremonyRecord, DrawStore } from './ports';
import { OutboxMessage } from '../notifications';
import { requireTender, Tender } from '../tenders';
import { Committee, Draw, Seat, SeatResponse, Sitting } from './model';
const holding = (seat: Seat) => seat.status === 'notified' || seat.status === 'confirmed';

/** Open seats per specialty: what each quota asked for, less the seats someone still holds. */
export const vacancies = (committee: Committee): Map<string, number> => {
  const open = new Map<string, number>();
  for (const [specialty, required] of Object.entries(committee.required)) {
    const held = committee.seats.filter((s) => s.specialty === specialty && holding(s)).length;
    if (held < required) open.set(specialty, required - held);
  }
  return open;
};

/**
 * How many sit on the tender's committee: the experts its committee draw asks for and the
 * tenderer's representatives beside them (法37), reserves not counted. The latest committee draw
 * that did not fail decides (a failed one seats nobody, and staff ask again); supplementary draws
 * only fill its seats. Undefined until staff ask for a committee.
 */
export const committeeMembers = (draws: readonly Draw[]): number | undefined => {
  const planned = draws.filter((d) => d.purpose === 'committee' && d.status !== 'failed').at(-1);
  return planned && planned.request.quotas.reduce((n, q) => n + q.count, 0) + planned.tendererRepresentatives;
};

/**
 * The summons an expert receives by SMS, through the relay that reads the outbox: when and where
 * the committee sits (or, without a sitting, the tender's opening place), never which tender,
 * whose bidders the expert would then know.
 */
const notice = (
  expert: Expert,
  seat: Seat,
  tender: Tender,
  sitting: Sitting | undefined,
  at: Date,
): CeremonyRecord => ({
  kind: 'outbox',
  value: {
    id: newId('M', at),
    channel: 'sms',
    to: expert.phone,
    expertId: expert.id,
    notice: {
      kind: 'expert-summons',
      name: expert.name,
      ...(sitting ? { reportAt: sitting.at } : {}),
      place: sitting?.place ?? tender.schedule.openingPlace,
      drawId: seat.drawId,
    },
    createdAt: at.toISOString(),
  } satisfies OutboxMessage,
});

/** The contact data of the experts about to be notified, from the pool as it is now. */
export const contactsOf = async (
  deps: { store: Pick<DrawStore, 'expertPool' | 'expert'> },
  expertIds: string[],
): Promise<Map<string, Expert>> => {
  const head = await deps.store.expertPool();
  const experts = await Promise.all(
    expertIds.map((id) => (head ? deps.store.expert(head.generation, id) : undefined)),
  );
  return new Map(experts.flatMap((e) => (e ? [[e.id, e] as const] : [])));
};

/**
 * Seats a completed draw's primaries and notifies them: the first draw creates the committee,
 * a supplementary one fills its open seats.
 */
export const seatCommittee = (
  draw: Draw,
  tender: Tender,
  committee: Committee | undefined,
  contacts: Map<string, Expert>,
  at: Date,
): Writes<CeremonyRecord> => {
  const seats: Seat[] = draw.result!.picks.flatMap((pick) =>
    pick.primaries.map((expertId) => ({
      specialty: pick.specialty,
      expertId,
      drawId: draw.id,
      status: 'notified' as const,
    })),
  );
  const sitting = draw.sitting ?? committee?.sitting;
  const messages = seats.flatMap((s) => {
    const expert = contacts.get(s.expertId);
    return expert ? [notice(expert, s, tender, sitting, at)] : [];
  });
  if (!committee) {
    const value: Committee = {
      tenderId: draw.tenderId,
      required: Object.fromEntries(draw.request.quotas.map((q) => [q.specialty, q.count])),
      seats,
      draws: [draw.id],
      ...(sitting ? { sitting } : {}),
      version: 0,
    };
    return { create: [{ kind: 'committee', value }, ...messages] };
  }
  const value: Committee = {
    ...committee,
    seats: [...committee.seats, ...seats],
    draws: [...committee.draws, draw.id],
    ...(sitting ? { sitting } : {}),
    version: committee.version + 1,
  };
  return {
    create: messages,
    replace: [{ record: { kind: 'committee', value }, expect: { version: committee.version } }],
  };
};

export const requireCommittee = async (
  deps: { store: Pick<DrawStore, 'tender' | 'committee'> },
  tenderId: string,
): Promise<Committee> => {
  await requireTender(deps, tenderId);
  return required(deps.store.committee(tenderId), 'committee of tender', tenderId);
};

/**
 * Records the answer to the seat at `index`, which the caller found held (notified or confirmed).
 * A decline or absence gives the seat to the next reserve of the same specialty, in the order
 * drawn; when none is left the seat stays open for a supplementary draw. Each answer and each
 * replacement is an audit entry.
 */
export const recordAnswer = async (
  deps: DrawDeps,
  actor: AuditActor,
  committee: Committee,
  index: number,
  answer: SeatResponse,
): Promise<void> => {
  const tenderId = committee.tenderId;
  const at = deps.clock.now();
  const seat = committee.seats[index]!;
  const answered: Seat = {
    ...seat,
    status: answer.response,
    answeredAt: at.toISOString(),
    ...(answer.note ? { note: answer.note } : {}),
  };
  const seats = committee.seats.map((s, i) => (i === index ? answered : s));
  let replacement: Seat | undefined;
  let contacts = new Map<string, Expert>();
  if (answer.response !== 'confirmed') {
    const used = new Set(committee.seats.map((s) => s.expertId));
    const draws = (await Promise.all(committee.draws.map((id) => deps.store.draw(id)))).flatMap((d) =>
      d?.result ? [d] : [],
    );
    for (const draw of draws) {
      const expertId = nextReserve(draw.result!, seat.specialty, used);
      if (!expertId) continue;
      replacement = {
        specialty: seat.specialty,
        expertId,
        drawId: draw.id,
        status: 'notified',
        replaces: seat.expertId,
      };
      break;
    }
    if (replacement) contacts = await contactsOf(deps, [replacement.expertId]);
  }
  const tender = replacement ? await requireTender(deps, tenderId) : undefined;
  const updated: Committee = {
    ...committee,
    seats: replacement ? [...seats, replacement] : seats,
    version: committee.version + 1,
  };
  const expert = replacement && contacts.get(replacement.expertId);
  await deps.store.commit({
    entry: {
      actor,
      action: replacement ? 'committee.replaced' : `committee.${answer.response}`,
      subject: { tenderId },
      data: {
        specialty: seat.specialty,
        ...(answer.response !== 'confirmed' && !replacement ? { seatOpen: true } : {}),
      },
      // Names stay confidential until the result (法37): the public entry holds digests only.
      confidential: { answer: { ...answer, at: at.toISOString() }, ...(replacement ? { replacement } : {}) },
    },
    create:
      expert && tender && replacement ? [notice(expert, replacement, tender, committee.sitting, at)] : [],
    replace: [{ record: { kind: 'committee', value: updated }, expect: { version: committee.version } }],
  });
  await deps.milestones.reached(tenderId, 'committee-changed');
};

/** Staff record an expert's answer, given by phone or in person; the committee as it then stands. */
export const answerNotice = async (
  deps: DrawDeps,
  caller: Caller,
  tenderId: string,
  answer: SeatResponse,
) => {
  const committee = await requireCommittee(deps, tenderId);
  const index = committee.seats.findIndex((s) => s.expertId === answer.expertId && holding(s));
  if (index < 0) {
    throw new DomainError('NOT_FOUND', `Expert ${answer.expertId} holds no seat on this committee.`, {
      field: 'expertId',
    });
  }
  // The same answer again is a retry.
  if (committee.seats[index]!.status !== answer.response) {
    await recordAnswer(deps, actorOf(caller), committee, index, answer);
  }
  return viewCommittee(deps, tenderId);
};

/** The committee with each member's name, employer and phone: for the staff who notify them and for regulators. */
export const viewCommittee = async (
  deps: { store: Pick<DrawStore, 'tender' | 'committee' | 'expertPool' | 'expert'> },
  tenderId: string,
) => {
  const committee = await requireCommittee(deps, tenderId);
  const contacts = await contactsOf(
    deps,
    committee.seats.map((s) => s.expertId),
  );
  return {
    tenderId,
    required: committee.required,
    open: Object.fromEntries(vacancies(committee)),
    draws: committee.draws,
    seats: committee.seats.map((seat) => {
      const expert = contacts.get(seat.expertId);
      return {
        ...seat,
        ...(expert
          ? { name: expert.name, employer: expert.employer, phone: expert.phone, title: expert.title }
          : {}),
      };
    }),
  };
};
