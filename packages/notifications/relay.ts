import { platformActor } from '../audit-log';
import { DomainError } from '../kernel';
import { Delivery, OutboxMessage } from './model';
import { deliveryPolicy, nextAttemptAt } from './policy';
import { isUndeliverable, RelayDeps } from './ports';
import { answerLink, signAnswerToken } from './answer-link';
import { render } from './render';

type Outcome = 'sent' | 'retrying' | 'failed' | 'unrouted' | 'waiting' | 'raced';

const conflicted = (error: unknown) => error instanceof DomainError && error.code === 'CONFLICT';

/** Commits `next` in place of `current` (or as new), on condition nobody changed it since it was read. */
const save = async (deps: RelayDeps, current: Delivery | undefined, next: Delivery, action: string) => {
  const record = { kind: 'delivery' as const, value: next };
  await deps.store.commit({
    // Which expert a message reaches would name the committee (法37): the entry names only the message.
    entry: {
      actor: platformActor,
      action,
      subject: { messageId: next.messageId },
      data: {
        channel: next.channel,
        status: next.status,
        attempts: next.attempts.length,
        ...(next.failure ? { failure: next.failure } : {}),
      },
    },
    ...(current ? { replace: [{ record, expect: { version: current.version } }] } : { create: [record] }),
  });
};

/**
 * After a failed attempt: failed at once when the sender reported it permanent, failed once no
 * attempt is left, else pending with its backoff.
 */
const afterFailure = (deps: RelayDeps, claimed: Delivery, error: string, permanent = false): Delivery => {
  const policy = deps.policy ?? deliveryPolicy;
  const failures = claimed.attempts.length;
  const last = new Date(claimed.attempts.at(-1)!);
  return permanent || failures >= policy.maxAttempts
    ? {
        ...claimed,
        status: 'failed',
        nextAttemptAt: undefined,
        lastError: error,
        failure: permanent ? 'undeliverable' : 'attempts-exhausted',
        version: claimed.version + 1,
      }
    : {
        ...claimed,
        status: 'pending',
        nextAttemptAt: nextAttemptAt(policy, last, failures).toISOString(),
        lastError: error,
        version: claimed.version + 1,
      };
};

/** The answer link of a summons that names its seat, signed at the attempt, so it expires after the message leaves. */
const linkFor = async (deps: RelayDeps, message: OutboxMessage, now: Date): Promise<string | undefined> => {
  const drawId = message.notice.drawId;
  if (!deps.links || !drawId) return undefined;
  const token = await signAnswerToken(await deps.links.signer(), { drawId, expertId: message.expertId }, now);
  return answerLink(deps.links.portalUrl, token);
};

/**
 * One message's turn: claim an attempt by a conditional write, so that of two relays that read
 * it at once only one sends; send; record the outcome on condition the claim still holds. A
 * claim whose relay stopped counts, once it expires, as a failed attempt.
 */
const deliver = async (deps: RelayDeps, message: OutboxMessage, now: Date): Promise<Outcome> => {
  const policy = deps.policy ?? deliveryPolicy;
  const send = deps.channels[message.channel];
  if (!send) return 'unrouted';
  let current = await deps.store.delivery(message);
  if (current?.status === 'sent' || current?.status === 'failed') return 'waiting';
  if (current?.nextAttemptAt && new Date(current.nextAttemptAt) > now) return 'waiting';
  try {
    if (current?.status === 'sending') {
      const expired = afterFailure(deps, current, 'the attempt did not finish in time');
      await save(
        deps,
        current,
        expired,
        `notification.${expired.status === 'failed' ? 'failed' : 'retrying'}`,
      );
      if (expired.status === 'failed' || new Date(expired.nextAttemptAt!) > now) return 'waiting';
      current = expired;
    }
    const claimed: Delivery = {
      messageId: message.id,
      createdAt: message.createdAt,
      channel: message.channel,
      status: 'sending',
      attempts: [...(current?.attempts ?? []), now.toISOString()],
      nextAttemptAt: new Date(now.getTime() + policy.claimMs).toISOString(),
      version: current ? current.version + 1 : 0,
      ...(current?.lastError ? { lastError: current.lastError } : {}),
    };
    await save(deps, current, claimed, 'notification.attempted');
    let next: Delivery;
    try {
      await send(render(message, await linkFor(deps, message, now)), message.id);
      next = {
        ...claimed,
        status: 'sent',
        nextAttemptAt: undefined,
        sentAt: deps.clock.now().toISOString(),
        version: claimed.version + 1,
      };
    } catch (error) {
      next = afterFailure(deps, claimed, (error as Error).message, isUndeliverable(error));
    }
    await save(deps, claimed, next, `notification.${next.status === 'sent' ? 'sent' : next.status}`);
    return next.status === 'pending' ? 'retrying' : (next.status as 'sent' | 'failed');
  } catch (error) {
    if (conflicted(error)) return 'raced';
    throw error;
  }
};

export type RelayReport = Record<Outcome, number>;

/**
 * The outbox relay (消息发送): every recent message not yet sent or failed gets its attempt when
 * its time has come, one message after another. Run on a schedule; two runs at once deliver each
 * message at most once.
 */
export const relayOutbox = async (deps: RelayDeps): Promise<RelayReport> => {
  const policy = deps.policy ?? deliveryPolicy;
  const now = deps.clock.now();
  const since = new Date(now.getTime() - policy.lookBackMs).toISOString();
  const messages = await deps.store.recentMessages(since);
  const report: RelayReport = { sent: 0, retrying: 0, failed: 0, unrouted: 0, waiting: 0, raced: 0 };
  // Oldest first: a message waiting longest goes first, and a full run leaves the newest for the next.
  for (const message of [...messages].reverse()) {
    if (report.sent + report.retrying + report.failed >= policy.batch) break;
    report[await deliver(deps, message, now)] += 1;
  }
  return report;
};
