import { generateKeyPairSync } from 'node:crypto';
import { localEd25519Signer } from '../../../packages/audit-log';
import { fixedClock } from '../../../packages/kernel/clock';
import {
  deliveryPolicy,
  OutboxMessage,
  relayOutbox,
  Rendered,
  Sender,
  undeliverable,
  verifyAnswerToken,
} from '../../../packages/notifications';
import { InvalidParameterException, PublishCommand } from '@aws-sdk/client-sns';
import { smsBySns } from '../../../functions/notifications/senders';
import { itemOf } from '../../../packages/storage/records';
import { notificationStore } from '../../../packages/storage/stores';
import { memoryTable } from '../../support/memory-table';

const message = (id: string, channel: OutboxMessage['channel'] = 'sms'): OutboxMessage => ({
  id,
  channel,
  to: channel === 'sms' ? '13800000001' : 'expert@example.cn',
  expertId: 'E-00001',
  notice: { kind: 'expert-summons', name: '张三', reportAt: '2026-03-20T09:00:00+08:00', place: '评标区' },
  createdAt: '2026-03-02T01:00:00.000Z',
});

const world = async (messages: OutboxMessage[]) => {
  const clock = fixedClock('2026-03-02T01:00:00Z');
  const { table, log, items } = memoryTable(clock);
  await table.put(messages.map((value) => itemOf({ kind: 'outbox', value })));
  const store = notificationStore(table);
  const sent: { rendered: Rendered; messageId: string }[] = [];
  const sink: Sender = async (rendered, messageId) => void sent.push({ rendered, messageId });
  return { clock, log, items, store, sent, sink };
};

const deliveryOf = (w: Awaited<ReturnType<typeof world>>, id: string) =>
  w.store.delivery({ id, createdAt: '2026-03-02T01:00:00.000Z', channel: 'sms' });

describe('the outbox relay', () => {
  it('retries a message that fails twice with a doubling wait, then delivers it, recorded once', async () => {
    const w = await world([message('M-1')]);
    let failures = 2;
    const flaky: Sender = async (rendered, id) => {
      if (failures-- > 0) throw new Error('provider unavailable');
      await w.sink(rendered, id);
    };
    const relay = () => relayOutbox({ store: w.store, clock: w.clock, channels: { sms: flaky } });

    expect(await relay()).toMatchObject({ retrying: 1 });
    // Before its backoff has passed, nothing is attempted.
    w.clock.advance(deliveryPolicy.firstRetryMs - 1);
    expect(await relay()).toMatchObject({ waiting: 1, retrying: 0 });
    w.clock.advance(1);
    expect(await relay()).toMatchObject({ retrying: 1 });
    expect(await deliveryOf(w, 'M-1')).toMatchObject({
      status: 'pending',
      nextAttemptAt: '2026-03-02T01:03:00.000Z',
      lastError: 'provider unavailable',
    });
    w.clock.advance(2 * deliveryPolicy.firstRetryMs);
    expect(await relay()).toMatchObject({ sent: 1 });
    expect(await relay()).toMatchObject({ sent: 0, waiting: 1 });

    expect(await deliveryOf(w, 'M-1')).toMatchObject({
      status: 'sent',
      attempts: ['2026-03-02T01:00:00.000Z', '2026-03-02T01:01:00.000Z', '2026-03-02T01:03:00.000Z'],
      sentAt: '2026-03-02T01:03:00.000Z',
    });
    expect(w.sent.map((s) => s.messageId)).toEqual(['M-1']);
    expect(w.log.filter((e) => e.action === 'notification.sent')).toHaveLength(1);
  });

  it('marks a message failed after its last attempt, and tries it no more', async () => {
    const w = await world([message('M-1')]);
    const down: Sender = async () => {
      throw new Error('number unreachable');
    };
    for (let i = 0; i < deliveryPolicy.maxAttempts; i++) {
      await relayOutbox({ store: w.store, clock: w.clock, channels: { sms: down } });
      w.clock.advance(deliveryPolicy.firstRetryMs * 2 ** i);
    }
    expect(await deliveryOf(w, 'M-1')).toMatchObject({
      status: 'failed',
      lastError: 'number unreachable',
      failure: 'attempts-exhausted',
    });
    expect((await deliveryOf(w, 'M-1'))!.attempts).toHaveLength(deliveryPolicy.maxAttempts);
    w.clock.advance(86_400_000);
    expect(await relayOutbox({ store: w.store, clock: w.clock, channels: { sms: w.sink } })).toMatchObject({
      sent: 0,
      waiting: 1,
    });
  });

  it('stops at once when the sender reports a permanent failure, recording it failed with the reason', async () => {
    const w = await world([message('M-1')]);
    let calls = 0;
    const refusing: Sender = async () => {
      calls += 1;
      throw undeliverable('to: not a mobile number SNS can reach (E.164).', 'to');
    };
    const relay = () => relayOutbox({ store: w.store, clock: w.clock, channels: { sms: refusing } });
    expect(await relay()).toMatchObject({ failed: 1, retrying: 0 });
    const failed = await deliveryOf(w, 'M-1');
    expect(failed).toMatchObject({
      status: 'failed',
      failure: 'undeliverable',
      lastError: 'to: not a mobile number SNS can reach (E.164).',
      attempts: ['2026-03-02T01:00:00.000Z'],
    });
    expect(failed!.nextAttemptAt).toBeUndefined();
    expect(w.log.at(-1)).toMatchObject({
      action: 'notification.failed',
      data: { status: 'failed', attempts: 1, failure: 'undeliverable' },
    });
    // Nothing is tried again, however long the relay runs.
    w.clock.advance(86_400_000);
    expect(await relay()).toMatchObject({ failed: 0, waiting: 1 });
    expect(calls).toBe(1);
  });

  it("fails at once on a number SNS refuses, and retries SNS's throttling as before", async () => {
    const w = await world([message('M-1'), { ...message('M-2'), to: '13800000002' }]);
    const sns = smsBySns(async (command: PublishCommand) => {
      if (command.input.PhoneNumber === '+8613800000001') {
        throw new InvalidParameterException({ message: 'Invalid parameter: PhoneNumber', $metadata: {} });
      }
      throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: {} });
    });
    expect(await relayOutbox({ store: w.store, clock: w.clock, channels: { sms: sns } })).toMatchObject({
      failed: 1,
      retrying: 1,
    });
    expect(await deliveryOf(w, 'M-1')).toMatchObject({
      status: 'failed',
      failure: 'undeliverable',
      lastError: expect.stringContaining('InvalidParameterException'),
    });
    const retrying = await deliveryOf(w, 'M-2');
    expect(retrying).toMatchObject({ status: 'pending', lastError: expect.stringContaining('throttled') });
    expect(retrying!.failure).toBeUndefined();
  });

  it('delivers each message once when two relays run at the same time', async () => {
    const w = await world([message('M-1'), message('M-2'), message('M-3')]);
    // Each send yields, so that the two runs interleave between their reads and their writes.
    const slow: Sender = async (rendered, id) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await w.sink(rendered, id);
    };
    const relay = () => relayOutbox({ store: w.store, clock: w.clock, channels: { sms: slow } });
    const [a, b] = await Promise.all([relay(), relay()]);
    expect(a.sent + b.sent).toBe(3);
    // The two did meet: one of them lost at least one claim to the other.
    expect(a.raced + b.raced).toBeGreaterThan(0);
    expect(a.raced + b.raced + a.waiting + b.waiting).toBe(3);
    expect(w.sent.map((s) => s.messageId).sort()).toEqual(['M-1', 'M-2', 'M-3']);
    expect(w.log.filter((e) => e.action === 'notification.sent')).toHaveLength(3);
  });

  it('counts a claim whose relay stopped as a failed attempt once the claim expires', async () => {
    const w = await world([message('M-1')]);
    const stopped: Sender = () => new Promise(() => undefined);
    void relayOutbox({ store: w.store, clock: w.clock, channels: { sms: stopped } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await deliveryOf(w, 'M-1')).toMatchObject({ status: 'sending' });
    expect(await relayOutbox({ store: w.store, clock: w.clock, channels: { sms: w.sink } })).toMatchObject({
      waiting: 1,
    });
    w.clock.advance(deliveryPolicy.claimMs + deliveryPolicy.firstRetryMs);
    expect(await relayOutbox({ store: w.store, clock: w.clock, channels: { sms: w.sink } })).toMatchObject({
      sent: 1,
    });
    expect((await deliveryOf(w, 'M-1'))!.attempts).toHaveLength(2);
  });

  it('attempts at most a batch per run, the longest waiting first, and reads past a full page', async () => {
    const ids = Array.from({ length: 130 }, (_, i) => `M-${String(i).padStart(3, '0')}`);
    const w = await world(ids.map((id) => message(id)));
    const policy = { ...deliveryPolicy, batch: 120 };
    const relay = () => relayOutbox({ store: w.store, clock: w.clock, channels: { sms: w.sink }, policy });
    expect(await relay()).toMatchObject({ sent: 120 });
    expect(w.sent.map((s) => s.messageId)).toEqual(ids.slice(0, 120));
    expect(await relay()).toMatchObject({ sent: 10, waiting: 120 });
  });

  it('leaves a message of a channel this deployment cannot reach pending, untouched', async () => {
    const w = await world([message('M-1', 'email')]);
    expect(await relayOutbox({ store: w.store, clock: w.clock, channels: { sms: w.sink } })).toMatchObject({
      unrouted: 1,
    });
    expect(w.items().filter((i) => i.pk === 'DELIVERY')).toEqual([]);
  });

  it('links a summons that names its seat to the portal, with a token for that seat signed at the attempt', async () => {
    const seated = { ...message('M-1'), notice: { ...message('M-1').notice, drawId: 'D-2026-AAAABBBB' } };
    const w = await world([seated, message('M-2')]);
    const signer = localEd25519Signer('sunlit-expert-link', generateKeyPairSync('ed25519').privateKey);
    const links = { portalUrl: 'https://portal.example', signer: async () => signer };
    await relayOutbox({ store: w.store, clock: w.clock, channels: { sms: w.sink }, links });

    const [linked, unlinked] = ['M-1', 'M-2'].map((id) => w.sent.find((s) => s.messageId === id)!.rendered);
    const link = /(https:\/\/\S+)$/.exec(linked!.body)?.[1];
    expect(link).toMatch(/^https:\/\/portal\.example\/#\/experts\/answer\?token=/);
    const token = new URL(link!.replace('#/experts/answer', 'experts/answer')).searchParams.get('token')!;
    expect(await verifyAnswerToken(signer.publicKey, token, w.clock.now())).toEqual({
      drawId: 'D-2026-AAAABBBB',
      expertId: 'E-00001',
    });
    // A summons written before links asks for a reply, as it did.
    expect(unlinked!.body).not.toContain('http');
  });
});
