import { AuditActor } from '../audit-log';
import { DomainError } from '../kernel';
import { verifyAnswerToken } from '../notifications';
import { requireCommittee, recordAnswer } from './committee';
import { LinkAnswer, LinkAnswered, Seat } from './model';
import { DrawDeps } from './ports';

export interface LinkAnswerDeps extends DrawDeps {
  /** The public half of the answer links' signing key (raw Ed25519). */
  linkKey: () => Promise<Uint8Array>;
}

/**
 * Who recorded an answer given by link, in the public log: the link, not the expert, whose name
 * would tell who sits on the committee (法37). The confidential record holds the expert's answer.
 */
const answerLinkActor: AuditActor = { role: 'system', user: 'expert-answer-link' };

const answered = (seat: Seat): LinkAnswered => ({
  response: seat.status as LinkAnswered['response'],
  answeredAt: seat.answeredAt!,
});

/**
 * An expert answers their summons by its signed link (回复): the token names the draw and the
 * expert, the draw its tender, so the answer goes through the committee flow staff use (a decline
 * seats the next reserve). The same answer again is a retry and gets the same result; another
 * answer after one is recorded is refused, and only the center can change it then.
 */
export const answerByLink = async (deps: LinkAnswerDeps, body: LinkAnswer): Promise<LinkAnswered> => {
  const claim = await verifyAnswerToken(await deps.linkKey(), body.token, deps.clock.now());
  const draw = await deps.store.draw(claim.drawId);
  const gone = new DomainError('NOT_FOUND', 'token: the seat this link answers for is no longer held.', {
    field: 'token',
  });
  if (!draw) throw gone;
  // Each turn reads the committee: after recording, to answer with the seat as stored; after
  // losing a race on its version (two answers at once), to judge the answer again, once.
  for (let attempt = 0; ; attempt++) {
    const committee = await requireCommittee(deps, draw.tenderId);
    const index = committee.seats.findIndex(
      (s) => s.drawId === claim.drawId && s.expertId === claim.expertId,
    );
    const seat = committee.seats[index];
    if (!seat) throw gone;
    if (seat.status === body.response) return answered(seat);
    if (seat.status !== 'notified') {
      throw new DomainError(
        'CONFLICT',
        `response: this seat's answer is recorded already (${seat.status}); call the trading center to change it.`,
        { field: 'response' },
      );
    }
    try {
      await recordAnswer(deps, answerLinkActor, committee, index, {
        expertId: claim.expertId,
        response: body.response,
        ...(body.reason ? { note: body.reason } : {}),
      });
    } catch (error) {
      if (attempt === 0 && error instanceof DomainError && error.code === 'CONFLICT') continue;
      throw error;
    }
  }
};
