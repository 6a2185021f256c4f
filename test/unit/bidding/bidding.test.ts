import { confirmBid, myBids, requestBidUpload, withdrawBid } from '../../../packages/bidding/bids';
import { custodiansFor } from '../../../packages/custody/custodians';
import {
  decryptBids,
  myShare,
  raiseObjection,
  recordDecryptionFailure,
  startOpening,
  submitShare,
} from '../../../packages/bidding/opening';
import { verifyReceipt } from '../../../packages/bidding/receipt';
import { listNotices } from '../../../packages/tenders/notices';
import { packBid } from '../../../packages/sealed-bids/bid-package';
import { bidder, DAY, publishedTender, regulator, regulator2, staff } from '../tenders/published-tender';
import { form, sha256, shareOf, submit, upload } from './sealed-bid-client';

describe('sealed bids', () => {
  it('accepts a bid confirmed at the deadline and refuses one a millisecond later, logging the refusal', async () => {
    const world = await publishedTender([1, 2]);
    const onTime = await upload(world, 1, packBid({ form: form(100), files: [] }));
    const late = await upload(world, 2, packBid({ form: form(200), files: [] }));
    world.clock.advance(world.deadline - world.clock.now().getTime());
    const receipt = await confirmBid(world.deps, bidder(1), world.tender.id, onTime);
    expect(receipt.at).toBe(world.tender.schedule.bidDeadline);
    world.clock.advance(1);
    await expect(confirmBid(world.deps, bidder(2), world.tender.id, late)).rejects.toMatchObject({
      code: 'DEADLINE_PASSED',
      details: { rule: '条例36' },
    });
    const refusal = world.processLogs.get(world.tender.id)!.at(-1)!;
    expect(refusal.action).toBe('bid.refused');
    expect(JSON.stringify(refusal)).not.toContain('ORG-BIDDER-2');
    // The public log holds no bidding activity at all: nothing there counts who bid or tried.
    expect(world.log.map((e) => e.action).filter((a) => a.startsWith('bid.'))).toEqual([]);
    await expect(withdrawBid(world.deps, bidder(1), world.tender.id)).rejects.toMatchObject({
      code: 'DEADLINE_PASSED',
    });
  });

  it('logs the first late attempt of a bidder and counts the ones after it, so the log cannot be flooded', async () => {
    const world = await publishedTender([1]);
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    const sealed = () => world.processLogs.get(world.tender.id) ?? [];
    const entries = sealed().length;
    for (let i = 0; i < 5; i++) {
      await expect(
        requestBidUpload(world.deps, bidder(1), world.tender.id, { size: 10, sha256: 'a'.repeat(64) }),
      ).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
    }
    expect(
      sealed()
        .slice(entries)
        .map((e) => e.action),
    ).toEqual(['bid.refused']);
    expect(await world.deps.store.lateAttempts(world.tender.id, 'ORG-BIDDER-1')).toMatchObject({ count: 5 });
    // Attempts at the same moment all count: none overwrites another's.
    await Promise.all(
      Array.from({ length: 5 }, () =>
        requestBidUpload(world.deps, bidder(1), world.tender.id, { size: 10, sha256: 'a'.repeat(64) }).catch(
          () => undefined,
        ),
      ),
    );
    expect(await world.deps.store.lateAttempts(world.tender.id, 'ORG-BIDDER-1')).toMatchObject({
      count: 10,
    });
  });

  it('refuses a confirmation that passed the check but would be logged after the deadline', async () => {
    const world = await publishedTender([1]);
    const bidId = await upload(world, 1, packBid({ form: form(100), files: [] }));
    world.clock.advance(world.deadline - world.clock.now().getTime());
    const onTime = world.clock.now();
    const late = new Date(world.deadline + 1);
    // The check and the decision read the deadline itself; the log appends a millisecond later.
    jest
      .spyOn(world.clock, 'now')
      .mockReturnValueOnce(onTime)
      .mockReturnValueOnce(onTime)
      .mockReturnValue(late);
    await expect(confirmBid(world.deps, bidder(1), world.tender.id, bidId)).rejects.toMatchObject({
      code: 'DEADLINE_PASSED',
    });
    expect(world.processLogs.get(world.tender.id)!.at(-1)!.action).toBe('bid.refused');
    expect((await world.deps.store.bid(world.tender.id, 'ORG-BIDDER-1', bidId))!.status).toBe(
      'awaiting-upload',
    );
  });

  it('gives a receipt that promises, signed, the entry of the sealed process log, and shows no index or size', async () => {
    const world = await publishedTender([1]);
    const receipt = await submit(world, 1, 100);
    const promise = verifyReceipt(receipt, world.verifierKey);
    const sealed = world.processLogs.get(world.tender.id)!;
    const entry = sealed.find((e) => e.action === 'bid.received')!;
    expect(promise.digest).toBe(entry.data.bidSha256);
    expect(entry.subject).toEqual({});
    expect(JSON.stringify(entry)).not.toContain('ORG-BIDDER-1');
    // Nothing in the receipt tells where the entry is, or how many came before it.
    expect(Object.keys(promise).sort()).toEqual([
      'action',
      'anchor',
      'at',
      'bidId',
      'digest',
      'sha256',
      'size',
      'tenderId',
    ]);
    expect(JSON.stringify(receipt)).not.toMatch(/"index"|inclusionProof|checkpoint/);
    // A receipt changed after signing does not verify.
    expect(() => verifyReceipt({ ...receipt, at: '2030-01-01T00:00:00.000Z' }, world.verifierKey)).toThrow(
      /at/,
    );
    // Confirming again returns the same receipt.
    expect(await confirmBid(world.deps, bidder(1), world.tender.id, receipt.bidId)).toEqual(receipt);
  });

  it('refuses bytes that differ from what was declared, and bidders who did not register', async () => {
    const world = await publishedTender([1]);
    const slot = await requestBidUpload(world.deps, bidder(1), world.tender.id, {
      size: 3,
      sha256: sha256(new Uint8Array([1, 2, 3])),
    });
    world.upload(slot.uploadUrl.replace('memory://', ''), new Uint8Array([9, 9, 9]));
    await expect(confirmBid(world.deps, bidder(1), world.tender.id, slot.bidId)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'sha256' },
    });
    await expect(
      requestBidUpload(world.deps, bidder(5), world.tender.id, {
        size: 3,
        sha256: sha256(new Uint8Array(3)),
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps a replaced bid as superseded and counts only the latest, and withdrawal removes it', async () => {
    const world = await publishedTender([1]);
    const first = await submit(world, 1, 100);
    const second = await submit(world, 1, 90);
    const mine = await myBids(world.deps, bidder(1), world.tender.id);
    expect(mine.current?.bidId).toBe(second.bidId);
    expect(mine.bids.map((b) => [b.bidId, b.status])).toEqual([
      [second.bidId, 'submitted'],
      [first.bidId, 'superseded'],
    ]);
    await withdrawBid(world.deps, bidder(1), world.tender.id);
    expect((await myBids(world.deps, bidder(1), world.tender.id)).current).toBeUndefined();
  });
});

describe('the opening', () => {
  it('fails the tender with fewer than three bids and decrypts nothing', async () => {
    const world = await publishedTender([1, 2]);
    await submit(world, 1, 100);
    await submit(world, 2, 200);
    world.clock.advance(world.deadline - world.clock.now().getTime());
    const opening = await startOpening(world.deps, staff, world.tender.id);
    expect(opening).toMatchObject({ status: 'failed', bidCount: 2 });
    expect((await world.deps.store.tender(world.tender.id))!.status).toBe('failed');
    expect((await world.deps.store.openingKey(world.tender.id))!.privateKey).toBeUndefined();
  });

  it('opens with K shares, names a wrong share, and records an unreadable bid as failed with its reason', async () => {
    const world = await publishedTender([1, 2, 3]);
    await submit(world, 1, 100);
    await submit(world, 2, 200);
    await confirmBid(
      world.deps,
      bidder(3),
      world.tender.id,
      await upload(world, 3, new TextEncoder().encode('not a package')),
    );
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    expect((await startOpening(world.deps, staff, world.tender.id)).status).toBe('awaiting-shares');
    await expect(
      submitShare(world.deps, regulator, world.tender.id, await shareOf(world, 'regulator2')),
    ).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { field: 'shares.regulator1' },
    });
    const waiting = await submitShare(
      world.deps,
      regulator,
      world.tender.id,
      await shareOf(world, 'regulator1'),
    );
    expect(waiting).toMatchObject({ status: 'awaiting-shares', submittedBy: ['regulator1'] });
    expect(waiting.privateKey).toBeUndefined();
    const decrypting = await submitShare(
      world.deps,
      regulator2,
      world.tender.id,
      await shareOf(world, 'regulator2'),
    );
    // K shares are in: the decryption is handed to the background, once, and nothing is read yet.
    expect(decrypting).toMatchObject({ status: 'decrypting', decryption: { runs: 1 } });
    expect(decrypting.rows).toBeUndefined();
    expect(world.queued).toEqual([{ job: 'decrypt-bids', id: world.tender.id, run: 1 }]);
    const opened = await decryptBids(world.deps, world.tender.id);
    expect(opened.status).toBe('opened');
    expect(world.reached).toEqual([{ tenderId: world.tender.id, milestone: 'opening-completed' }]);
    expect(opened.rows!.map((r) => [r.bidderOrg, r.outcome, r.price])).toEqual([
      ['ORG-BIDDER-1', 'decrypted', 100],
      ['ORG-BIDDER-2', 'decrypted', 200],
      ['ORG-BIDDER-3', 'failed', undefined],
    ]);
    expect(opened.rows![2]!.reason).toBeTruthy();
    expect(opened.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(world.log.at(-1)!.data.openingPrivateKey).toBe(opened.privateKey);
  });

  it('takes shares submitted at the same moment, all of them, and decrypts once', async () => {
    const world = await publishedTender([1, 2, 3]);
    for (const n of [1, 2, 3]) await submit(world, n, n * 100);
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    await startOpening(world.deps, staff, world.tender.id);
    const custodians = [staff, regulator, regulator2];
    const shares = await Promise.all(custodians.map((c) => shareOf(world, c.user)));
    const answers = await Promise.all(
      custodians.map((c, i) => submitShare(world.deps, c, world.tender.id, shares[i]!)),
    );
    // No valid share is refused for a race: three in, the opening decrypting, one run started.
    expect(answers.every((a) => a.status === 'awaiting-shares' || a.status === 'decrypting')).toBe(true);
    expect((await world.deps.store.shares(world.tender.id)).map((s) => s.custodian).sort()).toEqual([
      'regulator1',
      'regulator2',
      'staff1',
    ]);
    expect(world.queued).toEqual([{ job: 'decrypt-bids', id: world.tender.id, run: 1 }]);
    expect((await decryptBids(world.deps, world.tender.id)).status).toBe('opened');
  });

  it('fails a government tendering with fewer valid bids than its minimum on its own article (政府采购法36), opening none', async () => {
    const world = await publishedTender(
      [1, 2],
      { procedure: 'gp-open-tendering' },
      {
        type: 'goods',
        holidays: true,
        documentsDays: 8,
      },
    );
    for (const n of [1, 2]) await submit(world, n, n * 100);
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    expect((await startOpening(world.deps, staff, world.tender.id)).status).toBe('failed');
    const failed = world.log.find((e) => e.action === 'opening.failed');
    expect(failed?.data).toEqual({ bidCount: 2, rule: '政府采购法36' });
    const { notices } = await listNotices(world.deps, { type: 'failed-tender', limit: 10 });
    expect(notices.map((n) => n.title)).toEqual([`${world.tender.name} 废标公告`]);
    await expect(myShare(world.deps, regulator, world.tender.id)).rejects.toMatchObject({
      details: { rule: '政府采购法36' },
    });
  });

  it('gives a custodian their share only once the opening has started (法34), and never for a failed tender', async () => {
    const failed = await publishedTender([1, 2]);
    for (const n of [1, 2]) await submit(failed, n, n * 100);
    failed.clock.advance(failed.deadline - failed.clock.now().getTime() + 1);
    await startOpening(failed.deps, staff, failed.tender.id);
    await expect(myShare(failed.deps, regulator, failed.tender.id)).rejects.toMatchObject({
      details: { rule: '条例44' },
    });

    const world = await publishedTender([1, 2, 3]);
    for (const n of [1, 2, 3]) await submit(world, n, n * 100);
    await expect(myShare(world.deps, regulator, world.tender.id)).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '法34' },
    });
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    await expect(myShare(world.deps, regulator, world.tender.id)).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
    });
    await startOpening(world.deps, staff, world.tender.id);
    expect((await myShare(world.deps, regulator, world.tender.id)).custodian).toBe('regulator1');
    await expect(myShare(world.deps, { ...staff, user: 'staff2' }, world.tender.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('takes one objection per bidder at the opening, on the spot: a retry is the same, a second or a late one refused (条例44)', async () => {
    const world = await publishedTender([1, 2, 3]);
    for (const n of [1, 2, 3]) await submit(world, n, n * 100);
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    await startOpening(world.deps, staff, world.tender.id);
    const first = await raiseObjection(world.deps, bidder(1), world.tender.id, '开标时间延迟');
    expect(first.objections).toHaveLength(1);
    expect(
      (await raiseObjection(world.deps, bidder(1), world.tender.id, '开标时间延迟')).objections,
    ).toHaveLength(1);
    await expect(raiseObjection(world.deps, bidder(1), world.tender.id, '另一异议')).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { rule: '条例44' },
    });
    world.clock.advance(DAY + 1);
    await expect(raiseObjection(world.deps, bidder(2), world.tender.id, '迟到的异议')).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '条例44' },
    });
  });

  it('starts a failed decryption again when a custodian submits again, as a new run', async () => {
    const world = await publishedTender([1, 2, 3]);
    for (const n of [1, 2, 3]) await submit(world, n, n * 100);
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    await startOpening(world.deps, staff, world.tender.id);
    await submitShare(world.deps, regulator, world.tender.id, await shareOf(world, 'regulator1'));
    await submitShare(world.deps, regulator2, world.tender.id, await shareOf(world, 'regulator2'));
    // A retried submission while the run is under way starts the same run, not a second one.
    await submitShare(world.deps, regulator2, world.tender.id, await shareOf(world, 'regulator2'));
    const failed = await recordDecryptionFailure(world.deps, world.tender.id, 'Sandbox.Timedout');
    expect(failed).toMatchObject({
      status: 'decrypting',
      decryption: { runs: 1, failure: 'Sandbox.Timedout' },
    });
    await submitShare(world.deps, regulator, world.tender.id, await shareOf(world, 'regulator1'));
    expect(world.queued.map((q) => q.run)).toEqual([1, 1, 2]);
    expect((await decryptBids(world.deps, world.tender.id)).status).toBe('opened');
  });
});

describe('custodians', () => {
  it('default to the publisher and two regulators, 2 of 3, and refuse any set the center alone could open', async () => {
    const world = await publishedTender();
    const chosen = await custodiansFor(world.deps, undefined, staff);
    expect(chosen.keys.map((k) => k.user)).toEqual(['staff1', 'regulator1', 'regulator2']);
    expect(chosen.threshold).toBe(2);
    // Two staff of three reach a threshold of two without the regulator.
    await expect(
      custodiansFor(world.deps, { threshold: 2, users: ['staff1', 'staff2', 'regulator1'] }, staff),
    ).rejects.toMatchObject({ code: 'RULE_VIOLATED', details: { field: 'custodians.threshold' } });
    await expect(
      custodiansFor(world.deps, { threshold: 2, users: ['staff1', 'staff2'] }, staff),
    ).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
    // With all three needed, every quorum includes the regulator.
    expect(
      (await custodiansFor(world.deps, { threshold: 3, users: ['staff1', 'staff2', 'regulator1'] }, staff))
        .threshold,
    ).toBe(3);
    await expect(
      custodiansFor(world.deps, { threshold: 2, users: ['staff1', 'nobody'] }, staff),
    ).rejects.toMatchObject({
      details: { field: 'custodians.users' },
    });
  });
});
