import { Committer } from '../audit-log';
import { Clock } from '../kernel';
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
 * locally): hand one rendered message over, or throw. `messageId` lets a provider that can
 * deduplicate do so.
 */
export type Sender = (rendered: Rendered, messageId: string) => Promise<void>;

export interface RelayDeps {
  store: NotificationStore;
  clock: Clock;
  /** The channels this deployment can reach; a message of another channel waits, pending. */
  channels: Partial<Record<Channel, Sender>>;
  policy?: DeliveryPolicy;
  /** Where experts answer by signed link; without it a summons asks for a reply and carries no link. */
  links?: { portalUrl: string; signer: () => Promise<LinkSigner> };
}
