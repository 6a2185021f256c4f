import { confirmBid, myBids, requestBidUpload, withdrawBid } from '../../../packages/bidding/bids';
import { custodiansFor } from '../../../packages/custody/custodians';
import {
  decryptBids,
  recordDecryptionFailure,
  startOpening,
  submitShare,
} from '../../../packages/bidding/opening';
import { contentDigest } from '../../../packages/audit-log/new-entry';
import { packBid } from '../../../packages/sealed-bids/bid-package';
import { bidder, publishedTender, regulator, staff } from '../tenders/published-tender';
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
    const refusal = world.log.at(-1)!;
    expect(refusal.action).toBe('bid.refused');
    expect(JSON.stringify(refusal)).not.toContain('ORG-BIDDER-2');
    await expect(withdrawBid(world.deps, bidder(1), world.tender.id)).rejects.toMatchObject({
      code: 'DEADLINE_PASSED',
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
    expect(world.log.at(-1)!.action).toBe('bid.refused');
    expect((await world.deps.store.bid(world.tender.id, 'ORG-BIDDER-1', bidId))!.status).toBe(
      'awaiting-upload',
    );
  });

  it('gives a receipt whose confidential value hashes to the public entry, which names nobody', async () => {
    const world = await publishedTender([1]);
    const receipt = await submit(world, 1, 100);
    expect(contentDigest(receipt.confidential.salt, receipt.confidential.value)).toBe(
      receipt.entry.data.bidSha256,
    );
    expect(receipt.entry.subject).toEqual({});
    expect(JSON.stringify(receipt.entry)).not.toContain(world.tender.id);
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
      submitShare(world.deps, regulator, world.tender.id, await shareOf(world, 'staff2')),
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
      { ...staff, user: 'staff2' },
      world.tender.id,
      await shareOf(world, 'staff2'),
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

  it('starts a failed decryption again when a custodian submits again, as a new run', async () => {
    const world = await publishedTender([1, 2, 3]);
    for (const n of [1, 2, 3]) await submit(world, n, n * 100);
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    await startOpening(world.deps, staff, world.tender.id);
    await submitShare(world.deps, regulator, world.tender.id, await shareOf(world, 'regulator1'));
    const staff2 = { ...staff, user: 'staff2' };
    await submitShare(world.deps, staff2, world.tender.id, await shareOf(world, 'staff2'));
    // A retried submission while the run is under way starts the same run, not a second one.
    await submitShare(world.deps, staff2, world.tender.id, await shareOf(world, 'staff2'));
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
  it('default to the publisher, another staff member and a regulator, and always include a regulator', async () => {
    const world = await publishedTender();
    const chosen = await custodiansFor(world.deps, undefined, staff);
    expect(chosen.keys.map((k) => k.user)).toEqual(['staff1', 'staff2', 'regulator1']);
    expect(chosen.threshold).toBe(2);
    await expect(
      custodiansFor(world.deps, { threshold: 2, users: ['staff1', 'staff2'] }, staff),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      custodiansFor(world.deps, { threshold: 2, users: ['staff1', 'nobody'] }, staff),
    ).rejects.toMatchObject({
      details: { field: 'custodians.users' },
    });
  });
});
