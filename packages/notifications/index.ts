/** Notifications (消息通知): the relay that delivers the outbox by SMS and email, once per channel, with retries. */
export { AnswerToken, answerLink, signAnswerToken, verifyAnswerToken } from './answer-link';
export type { LinkSigner, SeatClaim } from './answer-link';
export { Channel, Delivery, ExpertSummons, OutboxMessage } from './model';
export type { Rendered } from './model';
export { deliveryPolicy } from './policy';
export type { DeliveryPolicy } from './policy';
export { undeliverable } from './ports';
export type { NotificationRecord, NotificationStore, RelayDeps, Sender } from './ports';
export { relayOutbox } from './relay';
export type { RelayReport } from './relay';
export { render } from './render';
