import { requestDraw, revealSecret, submitCommitment } from '../../../packages/draw-ceremony/ceremony';
import { answerNotice } from '../../../packages/draw-ceremony/committee';
import { commitment } from '../../../packages/expert-draw/secrets';
import { OutboxMessage, render } from '../../../packages/notifications';
import { afterDeadline, quotas, secret } from '../draw-ceremony/committee-fixture';
import { regulator, staff } from '../tenders/published-tender';

type World = Awaited<ReturnType<typeof afterDeadline>>;

/** Everything of the tender and its bidders that no expert's summons may carry (法44, 法22). */
const secretsOf = (world: World) => [
  world.tender.id,
  world.tender.projectId,
  world.tender.name,
  '道路工程',
  'ORG-BIDDER-1',
  'ORG-BIDDER-2',
  'ORG-BIDDER-3',
];

/** A completed draw whose request named the committee's sitting; returns the messages it wrote. */
const drawWithSitting = async (world: World, sitting?: { at: string; place: string }) => {
  const { draw } = await requestDraw(world.deps, staff, world.tender.id, {
    quotas,
    tendererRepresentatives: 0,
    exclusions: [],
    ...(sitting ? { sitting } : {}),
  });
  const mine = secret();
  await submitCommitment(world.deps, regulator, draw.id, commitment(mine));
  await revealSecret(world.deps, regulator, draw.id, mine);
  return world.items().filter((item) => item.pk === 'OUTBOX') as unknown as OutboxMessage[];
};

describe('what a channel carries of a summons', () => {
  it('holds, and renders on each channel, when and where to report, and nothing of the tender', async () => {
    const world = await afterDeadline();
    const messages = await drawWithSitting(world, {
      at: '2026-03-25T09:00:00+08:00',
      place: '交易中心三楼评标室',
    });
    expect(messages).toHaveLength(5);
    for (const message of messages) {
      for (const channel of ['sms', 'email'] as const) {
        const rendered = render({ ...message, channel });
        expect(rendered.body).toContain('2026-03-25 09:00');
        expect(rendered.body).toContain('交易中心三楼评标室');
        for (const hidden of secretsOf(world)) {
          expect(JSON.stringify(rendered)).not.toContain(hidden);
          expect(JSON.stringify(message)).not.toContain(hidden);
        }
      }
    }
  });

  it('summons a reserve who takes over a declined seat to the same sitting', async () => {
    const world = await afterDeadline();
    const sitting = { at: '2026-03-25T09:00:00+08:00', place: '交易中心三楼评标室' };
    const [first] = await drawWithSitting(world, sitting);
    await answerNotice(world.deps, staff, world.tender.id, {
      expertId: first!.expertId,
      response: 'declined',
    });
    const messages = world.items().filter((item) => item.pk === 'OUTBOX') as unknown as OutboxMessage[];
    expect(messages).toHaveLength(6);
    expect(messages.map((m) => m.notice)).toEqual(
      Array(6).fill(expect.objectContaining({ reportAt: sitting.at, place: sitting.place })),
    );
  });

  it('names the opening place and leaves the time to the center when the draw named no sitting', async () => {
    const world = await afterDeadline();
    const [message] = await drawWithSitting(world);
    const sms = render(message!);
    expect(sms.body).toContain(world.tender.schedule.openingPlace);
    expect(sms.body).toContain('时间另行告知');
    expect(sms.body).not.toContain(world.tender.id);
  });

  it('ends a line with the answer link when the relay signed one, on each channel', async () => {
    const world = await afterDeadline();
    const [message] = await drawWithSitting(world);
    const link = 'https://portal.example/#/experts/answer?token=a.b.c';
    for (const channel of ['sms', 'email'] as const) {
      const { body } = render({ ...message!, channel }, link);
      expect(body.split('\n').some((line) => line.endsWith(` ${link}`))).toBe(true);
      expect(render({ ...message!, channel }).body).not.toContain('http');
    }
  });
});
