import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { callApi, stackInfo } from '../support/local-stack';
import { as } from './client';
import { DAY, Json, publishedTender } from './tender-fixture';

const projectRoot = path.resolve(__dirname, '..', '..');
const sunlit = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(projectRoot, 'bin/sunlit.cjs'), ...args, '--url', stackInfo().api], {
    encoding: 'utf8',
  });

/** The regulator's CLI, on this test's secret file. */
const regulatorCli = (action: string, drawId: string, secretFile: string) =>
  sunlit('draw', action, '--draw', drawId, '--secret-file', secretFile, '--user', 'regulator1');

/** After the bid deadline of a tender published now (21 days ahead). */
const AFTER_DEADLINE = 22 * DAY;

const quotas = [
  { specialty: 'A010101', count: 3, reserves: 2 },
  { specialty: 'A030101', count: 2, reserves: 1 },
];

describe('the expert draw ceremony through the API and the CLI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sunlit-draw-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('freezes, takes both commitments, reveals, draws, seats, replaces and re-verifies', async () => {
    const { tender } = await publishedTender(['bidder1', 'bidder2', 'bidder3']);
    const staff = await as('staff1', AFTER_DEADLINE);
    const regulator = await as('regulator1', AFTER_DEADLINE);
    const bidder = await as('bidder1', AFTER_DEADLINE);

    expect((await (await as('staff1')).post(`/tenders/${tender.id}/draws`, { quotas })).body).toMatchObject({
      error: { code: 'RULE_VIOLATED', field: 'tenderId' },
    });
    const unlawful = await staff.post<Json>(`/tenders/${tender.id}/draws`, {
      quotas: [{ specialty: 'A010101', count: 4, reserves: 1 }],
    });
    expect(unlawful.status).toBe(422);
    expect(unlawful.body.error.rule).toBe('法37');

    const requested = await staff.post<Json>(`/tenders/${tender.id}/draws`, {
      quotas,
      exclusions: [{ expertId: 'E-00001', reason: '与投标人存在利害关系（本人申报）' }],
    });
    expect(requested.status).toBe(201);
    const draw = requested.body;
    expect(draw).toMatchObject({ status: 'awaiting-commitments', purpose: 'committee' });
    expect(Object.keys(draw.commitments)).toEqual(['center']);
    // Staff see their own exclusions only: whom the platform avoided would tell who registered (法22).
    expect(draw.request).toBeUndefined();
    expect(draw.exclusions).toBeUndefined();
    expect(draw.staffExclusions).toEqual([
      { expertId: 'E-00001', reason: '与投标人存在利害关系（本人申报）' },
    ]);
    expect(JSON.stringify(draw)).not.toContain('ORG-BIDDER');
    expect(JSON.stringify((await staff.get<Json>(`/draws/${draw.id}`)).body)).not.toContain('ORG-BIDDER');
    // The regulator sees the whole frozen request, which the logged hash commits to.
    const full = (await regulator.get<Json>(`/draws/${draw.id}`)).body;
    expect(full.request.excludedOrgs).toEqual(
      expect.arrayContaining([
        'ORG-TENDERER-1',
        'ORG-AGENCY-1',
        'ORG-BIDDER-1',
        'ORG-BIDDER-2',
        'ORG-BIDDER-3',
      ]),
    );
    expect(full.request.excludedExperts).toContain('E-00001');
    expect(draw.frozen.index).toBeLessThan(draw.commitments.center.index);
    // The tender's draws, listed as each role may see them: how the regulator finds this one.
    const listedFor = async (client: typeof staff) =>
      (await client.get<Json>(`/tenders/${tender.id}/draws`)).body.draws as Json[];
    expect((await listedFor(regulator)).map((d) => [d.id, d.request.excludedExperts])).toEqual([
      [draw.id, full.request.excludedExperts],
    ]);
    const staffList = await listedFor(staff);
    expect(staffList.map((d) => [d.id, d.request])).toEqual([[draw.id, undefined]]);
    expect(JSON.stringify(staffList)).not.toContain('ORG-BIDDER');
    expect((await bidder.get(`/tenders/${tender.id}/draws`)).status).toBe(403);

    // Only staff and regulators see a draw; the public record waits for the result notice.
    expect((await bidder.get(`/draws/${draw.id}`)).status).toBe(403);
    expect((await callApi(`/public/draws/${draw.id}`)).status).toBe(404);

    const early = await regulator.post<Json>(`/draws/${draw.id}/reveals`, { secret: 'ab'.repeat(32) });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain('waiting for: regulator');

    const secretFile = path.join(dir, 'regulator.secret');
    const committed = regulatorCli('commit', draw.id, secretFile);
    expect(committed.stderr).toBe('');
    expect(committed.status).toBe(0);
    const saved = JSON.parse(readFileSync(secretFile, 'utf8')) as { secret: string; commitment: string };
    expect(committed.stdout).toContain(saved.commitment);
    // A second run sends the same commitment and keeps the file.
    expect(regulatorCli('commit', draw.id, secretFile).status).toBe(0);
    expect(JSON.parse(readFileSync(secretFile, 'utf8'))).toEqual(saved);
    expect(
      (await regulator.post<Json>(`/draws/${draw.id}/commitments`, { commitment: 'cd'.repeat(32) })).status,
    ).toBe(409);

    const wrong = await regulator.post<Json>(`/draws/${draw.id}/reveals`, { secret: 'ab'.repeat(32) });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toContain('does not match its commitment');

    // A file that holds no secret is refused, saying what it should hold.
    const garbled = path.join(dir, 'garbled.secret');
    writeFileSync(garbled, 'not a secret\n');
    const refused = regulatorCli('reveal', draw.id, garbled);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('or the secret alone, as 64 hex digits');
    // The secret alone, as 64 hex digits, is taken as it is.
    const bare = path.join(dir, 'bare.secret');
    writeFileSync(bare, `${saved.secret}\n`);
    const revealed = regulatorCli('reveal', draw.id, bare);
    expect(revealed.stderr).toBe('');
    expect(revealed.stdout).toContain('is drawn');
    const drawn = (await staff.get<Json>(`/draws/${draw.id}`)).body;
    expect(drawn.status).toBe('drawn');
    expect(drawn.result.picks.map((p: Json) => [p.specialty, p.primaries.length, p.reserves.length])).toEqual(
      [
        ['A010101', 3, 2],
        ['A030101', 2, 1],
      ],
    );
    const drawnIds = drawn.result.picks.flatMap((p: Json) => [...p.primaries, ...p.reserves]);
    expect(drawnIds).not.toContain('E-00001');

    // Names: staff who notify and regulators only, never bidders or the log.
    const committee = await staff.get<Json>(`/tenders/${tender.id}/committee`);
    expect(committee.status).toBe(200);
    expect(committee.body.seats).toHaveLength(5);
    expect(committee.body.seats.every((s: Json) => s.status === 'notified' && s.name && s.phone)).toBe(true);
    expect((await bidder.get(`/tenders/${tender.id}/committee`)).status).toBe(403);
    const entries = await callApi<Json>(
      `/audit/entries?start=${draw.frozen.index}&end=${drawn.completed.index + 1}`,
    );
    const publicLog = JSON.stringify(entries.body);
    for (const id of drawnIds) expect(publicLog).not.toContain(id);
    for (const seat of committee.body.seats) expect(publicLog).not.toContain(seat.name);

    // A decline seats the next reserve of the same specialty, in drawn order.
    const first = drawn.result.picks[0];
    const answered = await staff.post<Json>(`/tenders/${tender.id}/committee/answers`, {
      expertId: first.primaries[0],
      response: 'declined',
      note: '出差',
    });
    expect(answered.status).toBe(200);
    expect(answered.body.seats.find((s: Json) => s.expertId === first.reserves[0])).toMatchObject({
      status: 'notified',
      replaces: first.primaries[0],
    });
    expect(answered.body.open).toEqual({});

    const verified = sunlit('draw', 'verify', '--draw', draw.id, '--user', 'regulator1');
    expect(verified.stdout).toContain(`MATCH: draw ${draw.id}`);
    expect(verified.stdout).not.toContain('FAIL');
    expect(verified.status).toBe(0);
  });
});
