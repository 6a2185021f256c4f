import canonicalize from 'canonicalize';
import { answerNotice, viewCommittee } from '../../../packages/draw-ceremony/committee';
import {
  requestDraw,
  revealSecret,
  submitCommitment,
  viewDraw,
} from '../../../packages/draw-ceremony/ceremony';
import { drawRecord, publishDraws } from '../../../packages/draw-ceremony/record';
import { terminateTender } from '../../../packages/award/termination';
import { drawExperts } from '../../../packages/expert-draw/draw';
import { sha256Hex } from '../../../packages/expert-draw/freeze';
import { commitment } from '../../../packages/expert-draw/secrets';
import { DAY, regulator, staff } from '../tenders/published-tender';
import { afterDeadline, ask, ceremony, quotas, secret } from './committee-fixture';

describe('the expert draw ceremony', () => {
  it('refuses a draw before the bid deadline', async () => {
    const world = await afterDeadline();
    world.clock.advance(-2 * DAY);
    await expect(ask(world)).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
  });

  it('refuses a committee that breaks 法37', async () => {
    const world = await afterDeadline();
    await expect(ask(world, [{ specialty: 'A010101', count: 4, reserves: 0 }])).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '法37' },
    });
  });

  it('logs freeze, commitments, reveals and result in the order of the spec, and draws what anyone re-runs', async () => {
    const world = await afterDeadline();
    const { draw } = await ask(world);
    const mine = secret();
    await expect(revealSecret(world.deps, regulator, draw.id, mine)).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
    });
    await submitCommitment(world.deps, regulator, draw.id, commitment(mine));
    await expect(revealSecret(world.deps, regulator, draw.id, secret())).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { field: 'secret' },
    });
    const drawn = await revealSecret(world.deps, regulator, draw.id, mine);
    expect(drawn.status).toBe('drawn');

    const actions = world.log
      .filter((e) => e.subject.drawId === draw.id)
      .map((e) => [e.action, e.data.party ?? '']);
    expect(actions).toEqual([
      ['draw.frozen', ''],
      ['draw.committed', 'center'],
      ['draw.committed', 'regulator'],
      ['draw.revealed', 'regulator'],
      ['draw.revealed', 'center'],
      ['draw.completed', ''],
    ]);

    // Re-run from the stored snapshot and the revealed secrets alone.
    const stored = (key: string) => JSON.parse(Buffer.from(world.objects.get(key)!).toString('utf8'));
    const rerun = drawExperts(stored(draw.snapshot.request), stored(draw.snapshot.pool), [
      drawn.reveals.center!.secret,
      mine,
    ]);
    expect(rerun).toEqual(drawn.result);
    const completed = world.log.find((e) => e.action === 'draw.completed')!;
    expect(completed.data.outcomeSha256).toBe(sha256Hex(canonicalize(rerun)!));
    expect(JSON.stringify(completed)).not.toContain(drawn.result!.picks[0]!.primaries[0]);

    // Avoidance: nobody employed by the tenderer, the agency or a bidder, nobody suspended or conflicted.
    const byId = new Map(world.experts.map((e) => [e.id, e]));
    const avoided = new Set([
      'ORG-TENDERER-1',
      'ORG-AGENCY-1',
      'ORG-BIDDER-1',
      'ORG-BIDDER-2',
      'ORG-BIDDER-3',
    ]);
    for (const id of drawn.result!.picks.flatMap((p) => [...p.primaries, ...p.reserves])) {
      const expert = byId.get(id)!;
      expect(avoided.has(expert.employer)).toBe(false);
      expect(expert.status.state).toBe('active');
      expect(expert.conflicts.some((org) => avoided.has(org))).toBe(false);
    }
    // A retried reveal changes nothing.
    expect(await revealSecret(world.deps, regulator, draw.id, mine)).toEqual(drawn);
  });

  it('gives the same draw to a retried request with the same Idempotency-Key and refuses a second draw while one is open', async () => {
    const world = await afterDeadline();
    const first = await ask(world, quotas, 'k1');
    expect(await ask(world, quotas, 'k1')).toEqual({ draw: first.draw, created: false });
    await expect(ask(world)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('finishes a draw whose platform commitment was lost to a crash after freezing', async () => {
    const world = await afterDeadline();
    const commit = world.deps.store.commit.bind(world.deps.store);
    const crash = jest
      .spyOn(world.deps.store, 'commit')
      .mockImplementationOnce(commit)
      .mockRejectedValueOnce(new Error('the function stopped'));
    await expect(ask(world, quotas, 'k1')).rejects.toThrow('the function stopped');
    crash.mockRestore();
    const { draw } = await ask(world, quotas, 'k1');
    expect(draw.status).toBe('awaiting-commitments');
    expect(Object.keys(draw.commitments)).toEqual(['center']);
    const mine = secret();
    await submitCommitment(world.deps, regulator, draw.id, commitment(mine));
    expect((await revealSecret(world.deps, regulator, draw.id, mine)).status).toBe('drawn');
  });

  it('seats reserves in order on declines, then a supplementary draw that excludes everyone drawn before', async () => {
    const world = await afterDeadline();
    const { drawn: first } = await ceremony(world);
    const pick = first.result!.picks[0]!;
    await answerNotice(world.deps, staff, world.tender.id, {
      expertId: pick.primaries[0]!,
      response: 'declined',
    });
    const afterOne = await viewCommittee(world.deps, world.tender.id);
    expect(afterOne.seats.at(-1)).toMatchObject({
      expertId: pick.reserves[0],
      replaces: pick.primaries[0],
      status: 'notified',
    });

    await answerNotice(world.deps, staff, world.tender.id, {
      expertId: pick.primaries[1]!,
      response: 'absent',
    });
    const open = await viewCommittee(world.deps, world.tender.id);
    expect(open.open).toEqual({ A010101: 1 });
    expect(world.log.at(-1)!.data.seatOpen).toBe(true);

    await expect(ceremony(world, [{ specialty: 'A010101', count: 2, reserves: 0 }])).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '条例46' },
    });
    const { drawn: second } = await ceremony(world, [{ specialty: 'A010101', count: 1, reserves: 1 }]);
    expect(second.purpose).toBe('supplementary');
    const before = first.result!.picks.flatMap((p) => [...p.primaries, ...p.reserves]);
    expect(second.request.excludedExperts).toEqual(expect.arrayContaining(before));
    const full = await viewCommittee(world.deps, world.tender.id);
    expect(full.open).toEqual({});
    expect(full.draws).toEqual([first.id, second.id]);
    const outbox = world.items().filter((item) => item.pk === 'OUTBOX');
    // Five primaries, one reserve, one supplementary primary: each notified once.
    expect(outbox).toHaveLength(7);
  });

  it('shows staff their own exclusions only, never whom the platform avoided, until the result', async () => {
    const world = await afterDeadline();
    const { draw } = await requestDraw(world.deps, staff, world.tender.id, {
      quotas,
      tendererRepresentatives: 0,
      exclusions: [{ expertId: 'E-00001', reason: '本人申报回避' }],
    });
    const seen = viewDraw(draw, 'staff');
    expect(seen).toMatchObject({ staffExclusions: [{ expertId: 'E-00001', reason: '本人申报回避' }] });
    expect(seen).not.toHaveProperty('request');
    expect(seen).not.toHaveProperty('exclusions');
    // Nor its hash: staff know every other field, so the hash would confirm a guessed set of exclusions.
    expect(seen).not.toHaveProperty('requestHash');
    expect(JSON.stringify(seen)).not.toContain(draw.requestHash);
    // The registered bidders are among the platform's exclusions, which staff never see.
    expect(draw.exclusions.orgs.map((o) => o.org)).toContain('ORG-BIDDER-1');
    expect(JSON.stringify(seen)).not.toContain('ORG-BIDDER-1');
    expect(viewDraw(draw, 'regulator')).toEqual(draw);
    expect(viewDraw({ ...draw, publishedAt: world.clock.now().toISOString() }, 'staff')).toHaveProperty(
      'request',
    );
  });

  it('shows staff no secret, seed or request hash of a drawn draw, which would check a guess of the request against it', async () => {
    const world = await afterDeadline();
    const { drawn, mine } = await ceremony(world);
    const seen = viewDraw(drawn, 'staff');
    const text = JSON.stringify(seen);
    for (const hidden of [drawn.requestHash, drawn.result!.seed, drawn.reveals.center!.secret, mine]) {
      expect(text).not.toContain(hidden);
    }
    // What staff need stays: when each party revealed, and whom the draw picked.
    expect(seen.reveals).toEqual({
      center: { at: drawn.reveals.center!.at, index: drawn.reveals.center!.index },
      regulator: { at: drawn.reveals.regulator!.at, index: drawn.reveals.regulator!.index },
    });
    expect(seen.result?.picks).toEqual(drawn.result!.picks);
    expect(viewDraw({ ...drawn, publishedAt: world.clock.now().toISOString() }, 'staff')).toEqual({
      ...drawn,
      publishedAt: world.clock.now().toISOString(),
    });
  });

  it('takes no commitment or reveal once the tender is terminated: no committee is seated for it', async () => {
    const world = await afterDeadline();
    const { draw } = await requestDraw(world.deps, staff, world.tender.id, {
      quotas,
      tendererRepresentatives: 0,
      exclusions: [],
    });
    await terminateTender(world.deps, staff, world.tender.id, { ground: 'cancelled', reason: '项目取消' });
    const mine = secret();
    await expect(submitCommitment(world.deps, regulator, draw.id, commitment(mine))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { rule: '条例31', field: 'tenderId' },
    });
    await expect(revealSecret(world.deps, regulator, draw.id, mine)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { rule: '条例31' },
    });
  });

  it('keeps the record from the public until the result notice publishes it', async () => {
    const world = await afterDeadline();
    const { drawn, mine } = await ceremony(world);
    const draw = drawn;
    await expect(drawRecord(world.deps, 'public', draw.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const forRegulator = await drawRecord(world.deps, 'regulator', draw.id);
    expect(forRegulator.secrets).toEqual({ center: drawn.reveals.center!.secret, regulator: mine });
    const publication = publishDraws([drawn], world.clock.now());
    await world.deps.store.commit({
      entry: { actor: { role: 'staff', user: 'staff1' }, action: 'tender.result-published', subject: {} },
      ...publication,
    });
    expect((await drawRecord(world.deps, 'public', draw.id)).publishedAt).toBe(
      world.clock.now().toISOString(),
    );
  });
});
