import * as z from 'zod';

/** How a message reaches its recipient: a text message or an email. */
export const Channel = z.enum(['sms', 'email']);
export type Channel = z.infer<typeof Channel>;

/**
 * An expert's summons (评标专家通知): when and where to report, and nothing of the tender. Which
 * tender it is would tell the expert whom they judge, and anyone who reads the phone whom to
 * approach (法44, 条例49), so the outbox never holds it.
 */
export const ExpertSummons = z.object({
  kind: z.literal('expert-summons'),
  name: z.string(),
  /** Absent when the draw named no sitting: the center then tells the time when the expert answers. */
  reportAt: z.iso.datetime({ offset: true }).optional(),
  place: z.string(),
  /**
   * The draw that seated the expert: with the expert, the seat an answer link answers for. A
   * draw's id means nothing outside the platform. Absent from summonses written before links.
   */
  drawId: z.string().optional(),
});
export type ExpertSummons = z.infer<typeof ExpertSummons>;

/** A message for the relay to deliver (the outbox): facts to render, never text written ahead. */
export const OutboxMessage = z.object({
  id: z.string(),
  channel: Channel,
  /** A mobile number for SMS, an address for email. */
  to: z.string(),
  expertId: z.string(),
  notice: ExpertSummons,
  createdAt: z.iso.datetime(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

/** Where a message stands on its channel: pending → sending (claimed by one relay) → sent | failed. */
export const DeliveryStatus = z.enum(['pending', 'sending', 'sent', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const Delivery = z.object({
  messageId: z.string(),
  /** The message's own time, so that deliveries sort as their messages do. */
  createdAt: z.iso.datetime(),
  channel: Channel,
  status: DeliveryStatus,
  /** When each attempt was claimed, oldest first. */
  attempts: z.array(z.iso.datetime()),
  /** While pending: not before; while sending: the claim's end, after which its attempt counts as failed. */
  nextAttemptAt: z.iso.datetime().optional(),
  lastError: z.string().optional(),
  /** Why a failed delivery stopped: its sender refused it for good, or its attempts ran out. */
  failure: z.enum(['undeliverable', 'attempts-exhausted']).optional(),
  sentAt: z.iso.datetime().optional(),
  version: z.int().nonnegative(),
});
export type Delivery = z.infer<typeof Delivery>;

/** A message as its channel carries it. */
export interface Rendered {
  to: string;
  subject?: string;
  body: string;
}
