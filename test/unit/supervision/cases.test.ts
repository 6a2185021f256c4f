import { CaseStep } from '../../../packages/supervision/cases';
import { listCases, openCase, viewCase, takeCaseStep } from '../../../packages/supervision';
import { failure, regulator, staff } from '../tenders/published-tender';
import { collusiveTender } from './collusive-tender';

/** 监督检查: a regulator's monitoring case on a tender, from its red flags to its completion. */

const concern = '两家投标人的技术标文件相同，价格等差';

describe('monitoring cases (监督检查)', () => {
  it('runs draft → active → addressed → completed, staff answering, every step an audit entry', async () => {
    const { world, open } = await collusiveTender();
    await open();
    const { case: opened } = await openCase(world.deps, regulator, {
      tenderId: world.tender.id,
      flags: ['identical-bid-files'],
      concern,
    });
    expect(opened).toMatchObject({
      status: 'draft',
      tenderId: world.tender.id,
      openedBy: 'regulator1',
      flags: [{ rule: 'identical-bid-files', level: 'alarm', article: '条例40' }],
    });
    // The flag's evidence as it stood when the case was opened.
    expect(opened.flags[0]!.evidence).toMatchObject({
      files: [{ bidders: ['ORG-BIDDER-1', 'ORG-BIDDER-2'] }],
    });
    // A draft is the regulator's own: staff neither list nor read it, and the log does not name its tender.
    expect((await listCases(world.deps, staff, {})).cases).toEqual([]);
    expect(await failure(viewCase(world.deps, staff, opened.id))).toMatchObject({ code: 'NOT_FOUND' });
    const draftEntry = world.log.find((e) => e.action === 'case.opened')!;
    expect(draftEntry.subject).toEqual({ caseId: opened.id });
    expect(JSON.stringify(draftEntry)).not.toContain(world.tender.id);

    const step = (who: typeof staff, s: CaseStep) => takeCaseStep(world.deps, who, opened.id, s);
    await step(regulator, { step: 'activate' });
    expect((await listCases(world.deps, staff, { status: 'active' })).cases.map((c) => c.id)).toEqual([
      opened.id,
    ]);
    await step(staff, { step: 'answer', text: '两家文件由同一代理公司制作，已要求说明' });
    await step(regulator, {
      step: 'conclude',
      finding: 'violation',
      article: '条例40',
      text: '视为串通投标，责令重新评审',
    });
    // Completion waits for the staff's correction report (整改报告).
    expect(await failure(step(regulator, { step: 'complete', text: '结案' }))).toMatchObject({
      code: 'RULE_VIOLATED',
      field: 'body.step',
    });
    await step(staff, { step: 'answer', text: '已重新评审，两家投标均被否决' });
    const done = await step(regulator, { step: 'complete', text: '整改到位，结案' });
    expect(done.status).toBe('completed');
    expect(done.history.map((e) => [e.step, e.role, e.status])).toEqual([
      ['open', 'regulator', 'draft'],
      ['activate', 'regulator', 'active'],
      ['answer', 'staff', 'active'],
      ['conclude', 'regulator', 'addressed'],
      ['answer', 'staff', 'addressed'],
      ['complete', 'regulator', 'completed'],
    ]);
    const entries = world.log.filter((e) => e.action.startsWith('case.'));
    expect(entries.map((e) => [e.action, e.data.status])).toEqual([
      ['case.opened', 'draft'],
      ['case.activate', 'active'],
      ['case.answer', 'active'],
      ['case.conclude', 'addressed'],
      ['case.answer', 'addressed'],
      ['case.complete', 'completed'],
    ]);
    // The words are in the confidential record, not the public entry.
    expect(JSON.stringify(entries)).not.toContain('整改到位');
    expect(entries.slice(1).every((e) => e.subject.tenderId === world.tender.id)).toBe(true);
  });

  it('closes a case without a violation straight from its conclusion', async () => {
    const { world } = await collusiveTender();
    const { case: opened } = await openCase(world.deps, regulator, { tenderId: world.tender.id, concern });
    expect(opened.flags).toEqual([]);
    await takeCaseStep(world.deps, regulator, opened.id, { step: 'activate' });
    const declined = await takeCaseStep(world.deps, regulator, opened.id, {
      step: 'conclude',
      finding: 'no-violation',
      text: '未发现违规',
    });
    expect(declined.status).toBe('declined');
    expect(
      (await takeCaseStep(world.deps, regulator, opened.id, { step: 'complete', text: '结案' })).status,
    ).toBe('completed');
  });

  it('refuses a flag the tender does not raise, a step out of turn or by the wrong role, and a violation without its article', async () => {
    const { world, open } = await collusiveTender();
    // Before the opening no flag exists, and naming one says which the tender raises: none.
    expect(
      await failure(
        openCase(world.deps, regulator, {
          tenderId: world.tender.id,
          flags: ['identical-bid-files'],
          concern,
        }),
      ),
    ).toMatchObject({ code: 'RULE_VIOLATED', rule: '平台规则', field: 'body.flags.0' });
    await open();
    expect(
      await failure(
        openCase(world.deps, regulator, {
          tenderId: world.tender.id,
          flags: ['regular-price-pattern', 'few-valid-bids'],
          concern,
        }),
      ),
    ).toMatchObject({ field: 'body.flags.1' });
    expect(await failure(openCase(world.deps, regulator, { tenderId: 'T-NONE', concern }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(world.log.filter((e) => e.action === 'case.opened')).toEqual([]);

    const { case: opened } = await openCase(world.deps, regulator, { tenderId: world.tender.id, concern });
    const step = (who: typeof staff, s: CaseStep) => failure(takeCaseStep(world.deps, who, opened.id, s));
    expect(await step(regulator, { step: 'answer', text: '说明' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await step(regulator, { step: 'complete', text: '结案' })).toMatchObject({
      code: 'CONFLICT',
      field: 'body.step',
    });
    // Staff cannot act on a draft they cannot see.
    expect(await step(staff, { step: 'answer', text: '说明' })).toMatchObject({ code: 'NOT_FOUND' });
    await takeCaseStep(world.deps, regulator, opened.id, { step: 'activate' });
    expect(await step(staff, { step: 'activate' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await step(regulator, { step: 'conclude', finding: 'violation', text: '存在违规' })).toMatchObject(
      { code: 'VALIDATION_FAILED', field: 'body.article' },
    );
    expect((await viewCase(world.deps, regulator, opened.id)).history).toHaveLength(2);
  });

  it('answers a retried step or opening with the case as it stands, taking nothing twice', async () => {
    const { world, open } = await collusiveTender();
    await open();
    const request = { tenderId: world.tender.id, flags: ['identical-bid-files'], concern };
    const { case: opened } = await openCase(world.deps, regulator, request, 'open-case-1');
    expect(await openCase(world.deps, regulator, request, 'open-case-1')).toEqual({
      case: opened,
      created: false,
    });
    expect(
      await failure(openCase(world.deps, regulator, { ...request, concern: '另一关注事项' }, 'open-case-1')),
    ).toMatchObject({ code: 'CONFLICT', field: 'Idempotency-Key' });
    const answer = { step: 'answer', text: '已要求两家投标人说明' } as const;
    await takeCaseStep(world.deps, regulator, opened.id, { step: 'activate' });
    expect((await takeCaseStep(world.deps, regulator, opened.id, { step: 'activate' })).status).toBe(
      'active',
    );
    // Sent twice at the same moment: both read the case before either commits, one commit wins, and
    // the other, deciding again, finds its own step already taken.
    const [answered, atOnce] = await Promise.all([
      takeCaseStep(world.deps, staff, opened.id, answer),
      takeCaseStep(world.deps, staff, opened.id, answer),
    ]);
    expect(atOnce).toEqual(answered);
    // And again later: the same case.
    expect(await takeCaseStep(world.deps, staff, opened.id, answer)).toEqual(answered);
    expect(answered.history.map((e) => e.step)).toEqual(['open', 'activate', 'answer']);
    expect(world.log.filter((e) => e.action.startsWith('case.')).map((e) => e.action)).toEqual([
      'case.opened',
      'case.activate',
      'case.answer',
    ]);
    // Another staff member's identical words are their own answer.
    const other = await takeCaseStep(world.deps, { ...staff, user: 'staff2' }, opened.id, answer);
    expect(other.history).toHaveLength(4);
  });

  it('answers a staff member asking for a draft exactly as for a case that does not exist', async () => {
    const { world } = await collusiveTender();
    const { case: opened } = await openCase(world.deps, regulator, { tenderId: world.tender.id, concern });
    const draft = await failure(viewCase(world.deps, staff, opened.id));
    const missing = await failure(viewCase(world.deps, staff, 'MC-2026-NOSUCHID'));
    expect(JSON.stringify(draft).replace(opened.id, '<id>')).toBe(
      JSON.stringify(missing).replace('MC-2026-NOSUCHID', '<id>'),
    );
  });

  it('refuses an article for a conclusion that finds no violation, and names the first place of a repeated flag it refuses', async () => {
    const { world, open } = await collusiveTender();
    await open();
    expect(
      await failure(
        openCase(world.deps, regulator, {
          tenderId: world.tender.id,
          flags: ['identical-bid-files', 'identical-bid-files', 'no-such-flag', 'no-such-flag'],
          concern,
        }),
      ),
    ).toMatchObject({ code: 'RULE_VIOLATED', field: 'body.flags.2' });
    const { case: opened } = await openCase(world.deps, regulator, {
      tenderId: world.tender.id,
      flags: ['identical-bid-files', 'identical-bid-files'],
      concern,
    });
    expect(opened.flags.map((f) => f.rule)).toEqual(['identical-bid-files']);
    await takeCaseStep(world.deps, regulator, opened.id, { step: 'activate' });
    expect(
      await failure(
        takeCaseStep(world.deps, regulator, opened.id, {
          step: 'conclude',
          finding: 'no-violation',
          article: '条例40',
          text: '未发现违规',
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.article' });
    expect((await viewCase(world.deps, regulator, opened.id)).status).toBe('active');
  });

  it('validates its input at the boundary, naming the field', () => {
    const bad = CaseStep.safeParse({ step: 'conclude', finding: 'maybe', text: '说明' });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'))).toEqual(['finding']);
  });
});
