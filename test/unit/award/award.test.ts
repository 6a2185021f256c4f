import { drawRecord } from '../../../packages/draw-ceremony/record';
import { recordReport } from '../../../packages/award/evaluation';
import {
  answerPublicityObjection,
  raisePublicityObjection,
  startPublicity,
} from '../../../packages/award/publicity';
import { publishResult, recordContract } from '../../../packages/award/result';
import { supervisionAlerts } from '../../../packages/supervision/alerts';
import { bidder, DAY, staff } from '../tenders/published-tender';
import { candidates, evaluated } from './evaluated-tender';

describe('from the evaluation report to the award', () => {
  it('refuses a fourth candidate, a bidder without an opened bid, and a signer off the committee', async () => {
    const { world, members, reportFile } = await evaluated();
    await expect(
      recordReport(world.deps, staff, world.tender.id, {
        candidates: [...candidates, { bidderOrg: 'ORG-BIDDER-4', price: 1 }],
        signedBy: members,
        reportFile,
      }),
    ).rejects.toMatchObject({ details: { field: 'body.candidates.2.bidderOrg' } });
    await expect(
      recordReport(world.deps, staff, world.tender.id, { candidates, signedBy: ['E-99999'], reportFile }),
    ).rejects.toMatchObject({ details: { field: 'body.signedBy.0' } });
  });

  it('publishes candidates for at least 3 days, holds the result for unanswered objections, and awards the first candidate of a state-funded project', async () => {
    const { world, drawn, members, reportFile } = await evaluated();
    const report = await recordReport(world.deps, staff, world.tender.id, {
      candidates,
      signedBy: members,
      reportFile,
    });
    expect(report.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(startPublicity(world.deps, staff, world.tender.id, 2)).rejects.toMatchObject({
      details: { rule: '条例54' },
    });
    const publicity = await startPublicity(world.deps, staff, world.tender.id, 3);
    expect(publicity.late).toBe(false);
    expect(new Date(publicity.endsAt).getTime() - new Date(publicity.startsAt).getTime()).toBe(3 * DAY);

    await raisePublicityObjection(world.deps, bidder(1), world.tender.id, '第一候选人业绩证明不实');
    await expect(
      raisePublicityObjection(world.deps, bidder(9), world.tender.id, '无关方异议'),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(publishResult(world.deps, staff, world.tender.id)).rejects.toMatchObject({
      details: { rule: '条例54' },
    });
    world.clock.advance(3 * DAY);
    await expect(publishResult(world.deps, staff, world.tender.id)).rejects.toThrow(/objection 1/);
    await answerPublicityObjection(world.deps, staff, world.tender.id, 1, '经核查业绩真实有效。');
    // The objector alone receives the answer (条例54), never the public feed; a retry delivers it again, once.
    await answerPublicityObjection(world.deps, staff, world.tender.id, 1, '经核查业绩真实有效。');
    const answers = async (org: string) =>
      (await world.deps.store.inbox(org, { limit: 50 })).notices.filter((x) => x.type === 'objection-answer');
    expect((await answers('ORG-BIDDER-1')).map((x) => [x.title, x.body.answer, x.body.article])).toEqual([
      [`${world.tender.name} 异议答复`, '经核查业绩真实有效。', '条例54'],
    ]);
    expect(await answers('ORG-BIDDER-2')).toEqual([]);
    expect((await world.deps.store.notices({ limit: 100 })).notices.map((x) => x.type)).not.toContain(
      'objection-answer',
    );
    await expect(
      answerPublicityObjection(world.deps, staff, world.tender.id, 1, '另一答复'),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(publishResult(world.deps, staff, world.tender.id, 'ORG-BIDDER-3')).rejects.toMatchObject({
      details: { rule: '条例55' },
    });
    await expect(drawRecord(world.deps, 'public', drawn.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const award = await publishResult(world.deps, staff, world.tender.id);
    expect(award.winner).toEqual(candidates[0]);
    // A retry (say, after a failed delivery) delivers the same notices again and changes nothing else.
    expect(await publishResult(world.deps, staff, world.tender.id)).toEqual(award);
    expect((await world.deps.store.tender(world.tender.id))!.status).toBe('awarded');
    const inbox = async (n: number) =>
      (await world.deps.store.inbox(`ORG-BIDDER-${n}`, { limit: 50 })).notices.map((x) => x.type);
    expect(await inbox(2)).toContain('award');
    for (const n of [1, 3]) expect(await inbox(n)).toContain('result');
    expect(await inbox(4)).not.toContain('result');
    // The committee becomes public with the result (法37).
    expect((await drawRecord(world.deps, 'public', drawn.id)).publishedAt).toBe(award.awardedAt);
  });

  it('raises an alert for each time limit that passes without its step, and clears it when the step is done', async () => {
    const { world, members, reportFile } = await evaluated();
    await recordReport(world.deps, staff, world.tender.id, { candidates, signedBy: members, reportFile });
    const rules = async () => (await supervisionAlerts(world.deps)).alerts.map((a) => [a.rule, a.article]);
    expect(await rules()).toEqual([]);
    world.clock.advance(3 * DAY + 1);
    expect(await rules()).toEqual([['publicity-start', '条例54']]);
    const publicity = await startPublicity(world.deps, staff, world.tender.id, 3);
    expect(publicity.late).toBe(true);
    await raisePublicityObjection(world.deps, bidder(1), world.tender.id, '异议');
    world.clock.advance(3 * DAY + 1);
    expect(await rules()).toContainEqual(['publicity-objection-answer', '条例54']);
    await answerPublicityObjection(world.deps, staff, world.tender.id, 1, '答复');
    await publishResult(world.deps, staff, world.tender.id);
    world.clock.advance(30 * DAY + 1);
    expect(await rules()).toContainEqual(['contract-signing', '法46']);
    await recordContract(world.deps, staff, world.tender.id, '2026-04-30');
    expect(await rules()).not.toContainEqual(['contract-signing', '法46']);
  });
});
