import { Committer } from '../audit-log';
import { Clock, DomainError } from '../kernel';
import { LinkSigner } from './answer-link';
import { Channel, Delivery, OutboxMessage, Rendered } from './model';
import { DeliveryPolicy } from './policy';

/** The records this context keeps: one delivery per message and channel. */
export type NotificationRecord = { kind: 'delivery'; value: Delivery };

export interface NotificationStore extends Committer<NotificationRecord> {
  /** Every message written since `since`, newest first. */
  recentMessages(since: string): Promise<OutboxMessage[]>;
  delivery(message: Pick<OutboxMessage, 'id' | 'createdAt' | 'channel'>): Promise<Delivery | undefined>;
}

/**
 * The narrow port a channel's provider implements (SNS for SMS, SES for email on AWS; a file sink
 * locally): hand one rendered message over, or throw. A failure no attempt can mend (an invalid
 * number, a refused address) is thrown as {@link undeliverable}, and the relay stops at once; any
 * other is retried by the policy. `messageId` lets a provider that can deduplicate do so.
 */
export type Sender = (rendered: Rendered, messageId: string) => Promise<void>;

/** A sender's permanent failure: the recipient or the message itself is refused, so a retry gets the same answer. */
export const undeliverable = (reason: string, field: string): DomainError =>
  new DomainError('VALIDATION_FAILED', reason, { field });

/** Whether a sender's failure is permanent (see {@link undeliverable}). */
export const isUndeliverable = (error: unknown): boolean =>
  error instanceof DomainError && error.code === 'VALIDATION_FAILED';

export interface RelayDeps {
  store: NotificationStore;
  clock: Clock;
  /** The channels this deployment can reach; a message of another channel waits, pending. */
  channels: Partial<Record<Channel, Sender>>;
  policy?: DeliveryPolicy;
  /** Where experts answer by signed link; without it a summons asks for a reply and carries no link. */
  links?: { portalUrl: string; signer: () => Promise<LinkSigner> };
}
