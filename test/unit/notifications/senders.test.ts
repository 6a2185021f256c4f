import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  InternalErrorException,
  InvalidParameterException,
  PublishCommand,
  ThrottledException,
  AuthorizationErrorException,
} from '@aws-sdk/client-sns';
import {
  InternalServiceErrorException,
  MessageRejected,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { emailBySes, notificationChannels, smsBySns } from '../../../functions/notifications/senders';

const sms = {
  to: '13800000001',
  body: '张三您好：您被抽取为评标专家。请尽快确认是否参加： https://p.example/#/x',
};
const email = { to: 'expert@example.cn', subject: '评标专家通知', body: '张三您好：\n请尽快确认是否参加。' };
const metadata = { $metadata: {} };

/** The client's command layer, replaced: records each command and answers as told. */
const fakeSend = <C>(answer: () => unknown = () => ({})) => {
  const sent: C[] = [];
  return {
    sent,
    send: async (command: C) => {
      sent.push(command);
      const outcome = answer();
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
};

describe('the SMS adapter (SNS)', () => {
  it('publishes the body to the number in E.164, as a transactional message', async () => {
    const sns = fakeSend<PublishCommand>();
    await smsBySns(sns.send)(sms, 'M-1');
    expect(sns.sent).toHaveLength(1);
    expect(sns.sent[0]).toBeInstanceOf(PublishCommand);
    expect(sns.sent[0]!.input).toEqual({
      PhoneNumber: '+8613800000001',
      Message: sms.body,
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
  });

  it('keeps a number already in E.164, and refuses one SNS cannot reach without calling it or naming it', async () => {
    const sns = fakeSend<PublishCommand>();
    await smsBySns(sns.send)({ ...sms, to: '+85291234567' }, 'M-1');
    expect(sns.sent[0]!.input.PhoneNumber).toBe('+85291234567');
    const refusal = smsBySns(sns.send)({ ...sms, to: '010-8888' }, 'M-2');
    await expect(refusal).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'to' } });
    await expect(refusal).rejects.not.toThrow('8888');
    expect(sns.sent).toHaveLength(1);
  });

  it.each([
    ['throttling', 'UNAVAILABLE', new ThrottledException({ message: 'Rate exceeded', ...metadata })],
    ['a fault on its side', 'UNAVAILABLE', new InternalErrorException({ message: 'boom', ...metadata })],
    ['no answer', 'UNAVAILABLE', Object.assign(new Error('socket hang up'), { name: 'TimeoutError' })],
    [
      'an invalid number',
      'VALIDATION_FAILED',
      new InvalidParameterException({ message: 'Invalid parameter: PhoneNumber', ...metadata }),
    ],
    ['a refused deployment', 'INTERNAL', new AuthorizationErrorException({ message: 'denied', ...metadata })],
  ])(
    'maps %s to %s (only VALIDATION_FAILED is permanent: the relay retries the others)',
    async (_, code, error) => {
      const sns = fakeSend<PublishCommand>(() => error);
      await expect(smsBySns(sns.send)(sms, 'M-1')).rejects.toMatchObject({
        code,
        message: expect.stringContaining(`SNS`),
      });
    },
  );
});

describe('the email adapter (SES v2)', () => {
  it('sends a plain UTF-8 text email from the configured address, tagged with the message id', async () => {
    const ses = fakeSend<SendEmailCommand>();
    await emailBySes(ses.send, 'notices@sunlit.example')(email, 'M-2026-ABCD');
    expect(ses.sent[0]).toBeInstanceOf(SendEmailCommand);
    expect(ses.sent[0]!.input).toEqual({
      FromEmailAddress: 'notices@sunlit.example',
      Destination: { ToAddresses: ['expert@example.cn'] },
      Content: {
        Simple: {
          Subject: { Data: '评标专家通知', Charset: 'UTF-8' },
          Body: { Text: { Data: email.body, Charset: 'UTF-8' } },
        },
      },
      EmailTags: [{ Name: 'message', Value: 'M-2026-ABCD' }],
    });
  });

  it('refuses an email without a subject before calling SES', async () => {
    const ses = fakeSend<SendEmailCommand>();
    await expect(
      emailBySes(ses.send, 'a@b.example')({ to: email.to, body: 'x' }, 'M-1'),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'subject' },
    });
    expect(ses.sent).toEqual([]);
  });

  it.each([
    ['throttling', 'UNAVAILABLE', new TooManyRequestsException({ message: 'slow down', ...metadata })],
    [
      'a fault on its side',
      'UNAVAILABLE',
      new InternalServiceErrorException({ message: 'boom', ...metadata }),
    ],
    [
      'a rejected address',
      'VALIDATION_FAILED',
      new MessageRejected({ message: 'Email address is not verified', ...metadata }),
    ],
  ])('maps %s to %s', async (_, code, error) => {
    const ses = fakeSend<SendEmailCommand>(() => error);
    await expect(emailBySes(ses.send, 'a@b.example')(email, 'M-1')).rejects.toMatchObject({
      code,
      message: expect.stringContaining('SES'),
    });
  });
});

describe('the channels the relay picks', () => {
  it('are file sinks on the local stack, which names its sink folder', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'sunlit-sink-'));
    const channels = notificationChannels({ NOTIFICATIONS_SINK_DIR: folder });
    await channels.sms(sms, 'M-1');
    await channels.email(email, 'M-2');
    expect(JSON.parse(readFileSync(path.join(folder, 'sms', 'M-1.json'), 'utf8'))).toEqual(sms);
    expect(existsSync(path.join(folder, 'email', 'M-2.json'))).toBe(true);
  });

  it('are SNS and SES elsewhere, refusing to start without the address email goes from', () => {
    expect(() => notificationChannels({})).toThrow('EMAIL_FROM');
    expect(
      Object.keys(
        notificationChannels({ EMAIL_FROM: 'notices@sunlit.example', AWS_REGION: 'cn-north-1' }),
      ).sort(),
    ).toEqual(['email', 'sms']);
  });
});
