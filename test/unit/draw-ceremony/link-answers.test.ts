import { generateKeyPairSync } from 'node:crypto';
import { localEd25519Signer } from '../../../packages/audit-log';
import { answerByLink } from '../../../packages/draw-ceremony';
import { viewCommittee } from '../../../packages/draw-ceremony/committee';
import { OutboxMessage, signAnswerToken } from '../../../packages/notifications';
import { ANSWER_LINK_LIFETIME_MS } from '../../../packages/notifications/answer-link';
import { failure } from '../tenders/published-tender';
import { afterDeadline, ceremony } from './committee-fixture';

const newSigner = () => localEd25519Signer('sunlit-expert-link', generateKeyPairSync('ed25519').privateKey);

/** A drawn committee, its summonses, and the link each would carry. */
const summoned = async () => {
  const world = await afterDeadline();
  const signer = newSigner();
  const deps = { ...world.deps, linkKey: async () => signer.publicKey };
  const { drawn } = await ceremony(world);
  const outbox = () => world.items().filter((item) => item.pk === 'OUTBOX') as unknown as OutboxMessage[];
  const tokenOf = (message: OutboxMessage) =>
    signAnswerToken(
      signer,
      { drawId: message.notice.drawId!, expertId: message.expertId },
      world.clock.now(),
    );
  return { world, deps, drawn, signer, outbox, tokenOf };
};

describe('an expert answering by link', () => {
  it('confirms their seat, as staff see it; the same answer again is the same result and one audit entry', async () => {
    const { world, deps, outbox, tokenOf } = await summoned();
    const [message] = outbox();
    expect(message!.notice.drawId).toBeDefined();
    const token = await tokenOf(message!);

    const first = await answerByLink(deps, { token, response: 'confirmed' });
    world.clock.advance(60_000);
    const again = await answerByLink(deps, { token, response: 'confirmed' });

    expect(again).toEqual(first);
    expect(first).toEqual({ response: 'confirmed', answeredAt: expect.any(String) });
    const seat = (await viewCommittee(world.deps, world.tender.id)).seats.find(
      (s) => s.expertId === message!.expertId,
    );
    expect(seat).toMatchObject({ status: 'confirmed', answeredAt: first.answeredAt });
    const entries = world.log.filter((e) => e.action === 'committee.confirmed');
    expect(entries).toHaveLength(1);
    // The public entry names the link, not the expert (法37); the confidential record holds the answer.
    expect(entries[0]!.actor).toEqual({ role: 'system', user: 'expert-answer-link' });
    expect(JSON.stringify(entries[0])).not.toContain(message!.expertId);
  });

  it('declining seats the next reserve through the committee flow, who is summoned with a link of their own', async () => {
    const { world, deps, drawn, outbox, tokenOf } = await summoned();
    const pick = drawn.result!.picks[0]!;
    const message = outbox().find((m) => m.expertId === pick.primaries[0])!;
    const before = outbox().length;

    await answerByLink(deps, {
      token: await tokenOf(message),
      response: 'declined',
      reason: '与投标人有利害关系',
    });

    const committee = await viewCommittee(world.deps, world.tender.id);
    expect(committee.seats.find((s) => s.expertId === pick.primaries[0])).toMatchObject({
      status: 'declined',
      note: '与投标人有利害关系',
    });
    expect(committee.seats.at(-1)).toMatchObject({ expertId: pick.reserves[0], replaces: pick.primaries[0] });
    const summons = outbox().slice(before);
    expect(summons).toHaveLength(1);
    expect(summons[0]!.notice).toMatchObject({ drawId: drawn.id });
    expect(summons[0]!.expertId).toBe(pick.reserves[0]);
    expect(world.log.at(-1)).toMatchObject({ action: 'committee.replaced' });
  });

  it('refuses another answer once one is recorded, naming the response, and changes nothing', async () => {
    const { world, deps, outbox, tokenOf } = await summoned();
    const token = await tokenOf(outbox()[0]!);
    await answerByLink(deps, { token, response: 'declined' });
    const entries = world.log.length;

    const refusal = await failure(answerByLink(deps, { token, response: 'confirmed' }));

    expect(refusal).toMatchObject({ code: 'CONFLICT', field: 'response' });
    expect(world.log).toHaveLength(entries);
    // The decline itself, again, is still the same result.
    expect(await answerByLink(deps, { token, response: 'declined' })).toMatchObject({ response: 'declined' });
  });

  it('refuses an expired link and one signed by another key, naming the token, and changes nothing', async () => {
    const { world, deps, outbox, tokenOf } = await summoned();
    const [message] = outbox();
    const expired = await tokenOf(message!);
    const forged = await signAnswerToken(
      newSigner(),
      { drawId: message!.notice.drawId!, expertId: message!.expertId },
      world.clock.now(),
    );
    const entries = world.log.length;
    world.clock.advance(ANSWER_LINK_LIFETIME_MS);

    for (const token of [expired, forged]) {
      expect(await failure(answerByLink(deps, { token, response: 'confirmed' }))).toMatchObject({
        code: 'UNAUTHENTICATED',
        field: 'token',
      });
    }
    expect(world.log).toHaveLength(entries);
    const seat = (await viewCommittee(world.deps, world.tender.id)).seats.find(
      (s) => s.expertId === message!.expertId,
    );
    expect(seat!.status).toBe('notified');
  });

  it('records two identical answers sent at once as one, the second reading the committee again', async () => {
    const { world, deps, outbox, tokenOf } = await summoned();
    const token = await tokenOf(outbox()[0]!);
    // Both answers read the committee before either writes: the second loses the version and reads again.
    const released: (() => void)[] = [];
    const barrier = () =>
      new Promise<void>((resolve) => {
        released.push(resolve);
        if (released.length === 2) released.forEach((release) => release());
      });
    let reads = 0;
    const racing = {
      ...deps,
      store: {
        ...deps.store,
        committee: async (tenderId: string) => {
          const committee = await deps.store.committee(tenderId);
          if (++reads <= 2) await barrier();
          return committee;
        },
      },
    };
    const [a, b] = await Promise.all([
      answerByLink(racing, { token, response: 'confirmed' }),
      answerByLink(racing, { token, response: 'confirmed' }),
    ]);
    expect(a).toEqual(b);
    expect(reads).toBeGreaterThan(3);
    expect(world.log.filter((e) => e.action === 'committee.confirmed')).toHaveLength(1);
  });
});
