import path from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DomainError } from '../../packages/kernel';
import { Channel, Rendered, Sender, undeliverable } from '../../packages/notifications';
import { fileSink, requiredEnv } from '../../packages/storage';

/** A client's `send`, narrowed to the one command an adapter uses: what a unit test replaces. */
export type Send<C> = (command: C) => Promise<unknown>;

interface SdkError {
  name?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: unknown;
  $retryable?: { throttling?: boolean };
}

const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'KMSThrottlingException',
]);

/** What the provider refuses for this message itself: another attempt gets the same answer. */
const REFUSED = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'ValidationException',
  'OptedOutException',
  'BadRequestException',
  'MessageRejected',
]);

/**
 * A provider's error as a value the relay records (`lastError`): throttling and faults on AWS's
 * side (or no answer) are UNAVAILABLE and pass, retried by `deliveryPolicy`; a refused recipient or
 * message is undeliverable, a permanent failure the relay stops at; a refused deployment
 * (permissions, an unverified identity, a paused account) is INTERNAL, retried for operators to fix
 * within the retries.
 */
export const deliveryError = (service: string, error: unknown): DomainError => {
  const { name = 'Error', message = '', $fault, $metadata, $retryable } = (error ?? {}) as SdkError;
  if (THROTTLED.has(name) || $retryable?.throttling) {
    return new DomainError('UNAVAILABLE', `${service} throttled the message (${name}): ${message}`);
  }
  if ($fault === 'server' || $metadata === undefined) {
    return new DomainError('UNAVAILABLE', `${service} did not take the message (${name}): ${message}`);
  }
  if (REFUSED.has(name)) {
    return undeliverable(`${service} refused the message (${name}): ${message}`, 'to');
  }
  return new DomainError('INTERNAL', `${service} refused this deployment (${name}): ${message}`);
};

/** SNS takes E.164: a mainland mobile number (as the pool holds it) gets +86. The number stays out of the error. */
const e164 = (to: string): string => {
  if (/^1[3-9]\d{9}$/.test(to)) return `+86${to}`;
  if (/^\+[1-9]\d{7,14}$/.test(to)) return to;
  throw undeliverable('to: not a mobile number SNS can reach (E.164).', 'to');
};

const sending = async (service: string, attempt: () => Promise<unknown>): Promise<void> => {
  try {
    await attempt();
  } catch (error) {
    throw deliveryError(service, error);
  }
};

/** SMS by SNS, straight to the phone number, as a transactional message, which SNS routes for reliability rather than cost. */
export const smsBySns =
  (send: Send<PublishCommand>): Sender =>
  async (rendered: Rendered) => {
    const command = new PublishCommand({
      PhoneNumber: e164(rendered.to),
      Message: rendered.body,
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
    await sending('SNS', () => send(command));
  };

/** Email by SES v2 from `from` (an address of the identity the function may send as), tagged with the message's id. */
export const emailBySes =
  (send: Send<SendEmailCommand>, from: string): Sender =>
  async (rendered: Rendered, messageId: string) => {
    if (!rendered.subject) {
      throw undeliverable('subject: an email needs one.', 'subject');
    }
    const command = new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: [rendered.to] },
      Content: {
        Simple: {
          Subject: { Data: rendered.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: rendered.body, Charset: 'UTF-8' } },
        },
      },
      EmailTags: [{ Name: 'message', Value: messageId }],
    });
    await sending('SES', () => send(command));
  };

/**
 * The channels the relay reaches: on the local stack, which names its sink folder
 * (`NOTIFICATIONS_SINK_DIR`, `<data>/outbox-sink`), a file sink per channel, since SNS and SES
 * have no emulator; on AWS, SNS and SES, from the address `EMAIL_FROM`. Clients are made once.
 */
export const notificationChannels = (env: NodeJS.ProcessEnv = process.env): Record<Channel, Sender> => {
  const folder = env.NOTIFICATIONS_SINK_DIR;
  if (folder) return { sms: fileSink(path.join(folder, 'sms')), email: fileSink(path.join(folder, 'email')) };
  const sns = new SNSClient({});
  const ses = new SESv2Client({});
  return {
    sms: smsBySns((command) => sns.send(command)),
    email: emailBySes((command) => ses.send(command), requiredEnv('EMAIL_FROM', env)),
  };
};
