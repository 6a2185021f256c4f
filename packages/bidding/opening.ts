import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { Caller, committed, decideOnFreshRecords, DomainError, notFound, required } from '../kernel';
import { AuditActor, actorOf, platformActor } from '../audit-log';
import { BidForm, unpackBid, decodeKey, encodeKey, rebuildOpeningKey, openBid } from '../sealed-bids';
import { newNotice, withAnswer, requireActiveTender, requireTender } from '../tenders';
import { BiddingDeps, BidStore } from './ports';
import { processLogsOf, validBids } from './bids';
import { requireOpeningKey, OpeningKey } from '../custody';
import { bondsGiven } from '../ledger';
import { Bid, Opening, OpeningRow } from './model';
import { rules } from '../legal-rules';
import { failureNoticeTitle, procedureOf } from '../procedures';
/** How long the links to the published ciphertexts stay valid. */
const LINK_SECONDS = 15 * 60;
/** Bids decrypted at once: enough to keep storage busy, few enough to bound memory. */
const PARALLEL = 8;

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const bidsOf = (deps: BiddingDeps): BidStore => {
  if (!deps.bids) throw new Error('This function is not bound to the bids bucket.');
  return deps.bids;
};

const requireOpening = (deps: BiddingDeps, tenderId: string) =>
  required(deps.store.opening(tenderId), 'opening of tender', tenderId);

/** The opening as anyone may see it: the record, and once opened the key and every ciphertext. */
export const viewOpening = async (deps: BiddingDeps, tenderId: string) => {
  const [opening, key] = await Promise.all([
    requireOpening(deps, tenderId),
    requireOpeningKey(deps, tenderId),
  ]);
  // While the opening waits, who has given a share shows live; the shares themselves never do.
  const submittedBy =
    opening.status === 'awaiting-shares'
      ? (await deps.store.shares(tenderId)).map((s) => s.custodian)
      : opening.submittedBy;
  // Only the model's fields go out: a field an older version stored (its shares, say) never does.
  const shown = { ...Opening.parse(opening), submittedBy };
  const ciphertexts =
    opening.status === 'opened'
      ? await Promise.all(
          (await validBids(deps, tenderId)).map(async (bid) => ({
            bidderOrg: bid.bidderOrg,
            bidId: bid.bidId,
            sha256: bid.sha256,
            url: await bidsOf(deps).downloadUrl(bid.objectKey, LINK_SECONDS, bid.s3VersionId),
          })),
        )
      : undefined;
  return {
    ...shown,
    publicKey: key.publicKey,
    ...(key.privateKey ? { privateKey: key.privateKey } : {}),
    ...(ciphertexts ? { ciphertexts } : {}),
  };
};

/**
 * 开标, at the bid deadline (法34), by staff or by the tender's lifecycle. With fewer valid bids
 * than its procedure's minimum the tender fails (流标, 条例44; 废标 under 政府采购法36): a notice says so and nothing is decrypted. Otherwise
 * the opening waits for the custodians' shares. Starting it again returns it as it is.
 */
export const startOpening = (deps: BiddingDeps, actor: AuditActor, tenderId: string) =>
  decideOnFreshRecords({ name: `Tender ${tenderId}`, field: 'tenderId' }, () =>
    tryStartOpening(deps, actor, tenderId),
  );

/** One attempt at starting the opening; undefined when the tender changed before it committed. */
const tryStartOpening = async (
  deps: BiddingDeps,
  actor: AuditActor,
  tenderId: string,
): Promise<Awaited<ReturnType<typeof viewOpening>> | undefined> => {
  const tender = await requireActiveTender(deps, tenderId);
  if (await deps.store.opening(tenderId)) return viewOpening(deps, tenderId);
  const now = deps.clock.now();
  if (tender.status !== 'published' || now < new Date(tender.schedule.bidDeadline)) {
    throw new DomainError(
      'RULE_VIOLATED',
      `Bids are opened at the bid deadline, ${tender.schedule.bidDeadline} (法34).`,
      {
        rule: '法34',
        field: 'tenderId',
      },
    );
  }
  // Sealed first: the process log's final anchor commits to every bid before any is counted.
  await processLogsOf(deps).anchorFinal(tenderId);
  const bids = await validBids(deps, tenderId);
  // Fewer valid bids than the procedure's minimum (条例44, 政府采购法36, 74号令12, 214号6): none is opened.
  const procedure = procedureOf(tender.procedure);
  const minimum = procedure.minSuppliers;
  const failed = bids.length < minimum.value;
  const opening: Opening = {
    tenderId,
    status: failed ? 'failed' : 'awaiting-shares',
    bidCount: bids.length,
    startedAt: now.toISOString(),
    startedBy: actor.user,
    submittedBy: [],
    objections: [],
    version: 0,
  };
  const notice = failed
    ? newNotice(
        tenderId,
        tender.projectId,
        'failed-tender',
        `${tender.name} ${failureNoticeTitle(procedure)}`,
        now,
        {
          tenderName: tender.name,
          bidCount: bids.length,
          reason: `Fewer than ${minimum.value} valid bids were received by the deadline; no bid was opened and the tender is to be re-tendered (${minimum.article}).`,
        },
      )
    : undefined;
  // On the tender as read: a termination (终止) committed meanwhile wins, and nothing is opened.
  const started = await committed(
    deps.store.commit({
      entry: {
        actor,
        action: failed ? 'opening.failed' : 'opening.started',
        subject: { projectId: tender.projectId, tenderId, ...(notice ? { noticeId: notice.id } : {}) },
        data: { bidCount: bids.length, ...(failed ? { rule: minimum.article } : {}) },
      },
      create: [
        { kind: 'opening', value: opening },
        ...(notice ? [{ kind: 'notice' as const, value: notice }] : []),
      ],
      replace: [
        {
          record: {
            kind: 'tender',
            value: { ...tender, ...(failed ? { status: 'failed' } : {}), version: tender.version + 1 },
          },
          expect: { version: tender.version },
        },
      ],
    }),
  );
  // Not started when another request started it at the same moment, or the tender changed: then both are read again.
  return started ? viewOpening(deps, tenderId) : undefined;
};

/**
 * The lifecycle's step at the deadline: the opening is started if nobody started it yet, and the
 * answer says whether the tender failed (fewer valid bids than its procedure's minimum) or waits for its shares.
 * A procedure without sealed bids (单一来源) has no opening: its notice's publicity has ended, and
 * the negotiation with the one supplier follows (74号令38–42).
 */
export const closeBidding = async (deps: BiddingDeps, tenderId: string) => {
  const tender = await requireTender(deps, tenderId);
  if (tender.termination) {
    // Terminated (终止): nothing is opened; the final anchor, unless the cadence wrote it already.
    await processLogsOf(deps).anchorFinal(tenderId);
    return { outcome: 'terminated' as const, bids: 0 };
  }
  if (!procedureOf(tender.procedure).sealedBids) {
    // Nothing is opened, so the close itself writes the final anchor the result's publication needs.
    await processLogsOf(deps).anchorFinal(tenderId);
    return { outcome: 'negotiation' as const, bids: 0 };
  }
  // The record, not the view: an opened view links ciphertexts, which the lifecycle has no access to.
  if (!(await deps.store.opening(tenderId))) await startOpening(deps, platformActor, tenderId);
  const opening = (await deps.store.opening(tenderId))!;
  return {
    outcome: opening.status === 'failed' ? ('failed' as const) : ('opening' as const),
    bids: opening.bidCount,
  };
};

/** One bid of the opening record: decrypted and its form read, or failed with the reason. */
const openOne = async (
  deps: BiddingDeps,
  bid: Bid,
  privateKey: Uint8Array,
  bonds: Map<string, string>,
): Promise<OpeningRow> => {
  const row = {
    bidderOrg: bid.bidderOrg,
    bidId: bid.bidId,
    sha256: bid.sha256,
    size: bid.size,
    receivedAt: bid.receivedAt!,
    bond: bonds.get(bid.bidderOrg) ?? 'not-recorded',
  };
  try {
    const sealed = await bidsOf(deps).get(bid.objectKey, bid.s3VersionId);
    if (sha256Hex(sealed) !== bid.sha256)
      throw new Error('the stored ciphertext no longer matches its receipt');
    const plain = await openBid(sealed, {
      openingPrivateKey: privateKey,
      tenderId: bid.tenderId,
      bidderOrg: bid.bidderOrg,
    });
    const { form, files } = unpackBid(plain);
    const read: BidForm = form;
    return {
      ...row,
      outcome: 'decrypted',
      price: read.price,
      durationDays: read.durationDays,
      keyTerms: read.keyTerms,
      files: files.map((f) => ({ name: f.name, size: f.bytes.length, sha256: sha256Hex(f.bytes) })),
    };
  } catch (error) {
    return { ...row, outcome: 'failed', reason: (error as Error).message };
  }
};

const openAll = async (
  deps: BiddingDeps,
  bids: Bid[],
  privateKey: Uint8Array,
  bonds: Map<string, string>,
) => {
  const rows: OpeningRow[] = new Array(bids.length);
  let next = 0;
  const worker = async () => {
    while (next < bids.length) {
      const i = next++;
      rows[i] = await openOne(deps, bids[i]!, privateKey, bonds);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, bids.length) }, worker));
  return rows;
};

/** Refuses a share whose SHA-256 is not the one published for its custodian, naming them. */
const checkShare = (key: OpeningKey, custodian: string, share: Uint8Array) => {
  const published = key.shares.find((s) => s.custodian === custodian);
  if (!published)
    throw new DomainError('FORBIDDEN', `${custodian} holds no share of this tender's opening key.`);
  if (sha256Hex(share) !== published.shareSha256) {
    throw new DomainError(
      'RULE_VIOLATED',
      `The share submitted by ${custodian} is not the one published for them.`,
      {
        field: `shares.${custodian}`,
      },
    );
  }
};

const startDecryption = (deps: BiddingDeps, tenderId: string, run: number) => {
  if (!deps.decryption) throw new DomainError('INTERNAL', 'This function cannot start the decryption.');
  return deps.decryption.start(tenderId, run);
};

/** Starts the decryption's run again, or a new run after a failed one; a repeated start is the same run. */
const queueDecryption = async (deps: BiddingDeps, opening: Opening) => {
  const previous = opening.decryption;
  if (previous && !previous.failure) return startDecryption(deps, opening.tenderId, previous.runs);
  const runs = (previous?.runs ?? 0) + 1;
  await deps.store.commit({
    entry: {
      actor: platformActor,
      action: 'opening.decryption-queued',
      subject: { tenderId: opening.tenderId },
      data: { run: runs },
    },
    replace: [
      {
        record: {
          kind: 'opening',
          value: { ...opening, decryption: { runs }, version: opening.version + 1 },
        },
        expect: { version: opening.version },
      },
    ],
  });
  await startDecryption(deps, opening.tenderId, runs);
};

/**
 * A custodian submits their decrypted share. Each share is a record of its own, created once, so
 * custodians submitting at the same moment never refuse each other: a valid share is never lost
 * to a race. The submission that finds K shares in moves the opening to `decrypting` (one wins
 * if several find it at once) and hands the decryption to the background (a large tender holds
 * hundreds of megabytes of bids). A custodian who submits again while it decrypts, or after a
 * failed run, starts it again.
 */
export const submitShare = async (
  deps: BiddingDeps,
  caller: Caller,
  tenderId: string,
  encodedShare: string,
) => {
  // A terminated tender's bids stay sealed (终止): no share opens them.
  await requireActiveTender(deps, tenderId);
  const [opening, key] = await Promise.all([
    requireOpening(deps, tenderId),
    requireOpeningKey(deps, tenderId),
  ]);
  const custodian = key.shares.find((s) => s.custodian === caller.user);
  if (opening.status === 'decrypting' && custodian) {
    await queueDecryption(deps, opening);
    return viewOpening(deps, tenderId);
  }
  if (opening.status !== 'awaiting-shares') {
    if (opening.submittedBy.includes(caller.user)) return viewOpening(deps, tenderId);
    throw new DomainError('CONFLICT', `The opening is ${opening.status}; no share is needed.`, {
      field: 'share',
    });
  }
  checkShare(key, caller.user, Buffer.from(encodedShare, 'base64url'));
  const share = {
    tenderId,
    custodian: caller.user,
    share: encodedShare,
    submittedAt: deps.clock.now().toISOString(),
  };
  await deps.store
    .commit({
      entry: {
        actor: actorOf(caller),
        action: 'opening.share-submitted',
        subject: { tenderId },
        data: { custodian: caller.user },
      },
      create: [{ kind: 'openingShare', value: share }],
    })
    .catch((error: unknown) => {
      // Submitted before (a retry): the share is in, which is all that matters.
      if (!(error instanceof DomainError && error.code === 'CONFLICT')) throw error;
    });
  await completeShares(deps, tenderId, key.threshold);
  return viewOpening(deps, tenderId);
};

/** Once K shares are in, the opening decrypts: the first to see it moves the opening and starts the run. */
const completeShares = async (deps: BiddingDeps, tenderId: string, threshold: number) => {
  const shares = await deps.store.shares(tenderId);
  if (shares.length < threshold) return;
  const opening = await requireOpening(deps, tenderId);
  if (opening.status !== 'awaiting-shares') return;
  const moved = await committed(
    deps.store.commit({
      entry: {
        actor: platformActor,
        action: 'opening.shares-complete',
        subject: { tenderId },
        data: { custodians: shares.map((s) => s.custodian) },
      },
      replace: [
        {
          record: {
            kind: 'opening',
            value: {
              ...opening,
              status: 'decrypting',
              submittedBy: shares.map((s) => s.custodian),
              decryption: { runs: 1 },
              version: opening.version + 1,
            },
          },
          expect: { version: opening.version },
        },
      ],
    }),
  );
  // Not moved when another submission moved it first, and started the run.
  if (moved) await startDecryption(deps, tenderId, 1);
};

/**
 * The decryption, in the background: the platform rebuilds the key from the K shares in memory,
 * checks it against the published public key, decrypts every valid bid, validates each bid form,
 * publishes the opening record (开标记录), and publishes the key itself.
 */
export const decryptBids = async (deps: BiddingDeps, tenderId: string) => {
  const [tender, opening, key] = await Promise.all([
    requireTender(deps, tenderId),
    requireOpening(deps, tenderId),
    requireOpeningKey(deps, tenderId),
  ]);
  // Terminated (终止) while the last shares came in: the bids stay sealed.
  if (opening.status !== 'decrypting' || tender.termination) return viewOpening(deps, tenderId);
  const shares = await deps.store.shares(tenderId);
  const privateKey = await rebuildOpeningKey(
    shares.map((s) => ({ custodian: s.custodian, share: Buffer.from(s.share, 'base64url') })),
    {
      publicKey: decodeKey(key.publicKey, 'publicKey'),
      shareHashes: Object.fromEntries(key.shares.map((s) => [s.custodian, s.shareSha256])),
      threshold: key.threshold,
    },
  );
  const now = deps.clock.now();
  // The ledger's word on each bond; a status staff noted by hand where the ledger has none.
  const noted = new Map<string, string>(
    (await deps.store.bonds(tenderId)).map((b) => [b.bidderOrg, b.status]),
  );
  const bonds = new Map([...noted, ...(await bondsGiven(deps, tenderId, tender.schedule.bidBond))]);
  const rows = await openAll(deps, await validBids(deps, tenderId), privateKey, bonds);
  const published = encodeKey(privateKey);
  privateKey.fill(0);
  const notice = newNotice(tenderId, tender.projectId, 'opening-record', `${tender.name} 开标记录`, now, {
    tenderName: tender.name,
    openingPlace: tender.schedule.openingPlace,
    bidDeadline: tender.schedule.bidDeadline,
    rows,
    openingPrivateKey: published,
  });
  await deps.store.commit({
    entry: {
      actor: platformActor,
      action: 'opening.completed',
      subject: { projectId: tender.projectId, tenderId, noticeId: notice.id },
      data: {
        custodians: opening.submittedBy,
        bidCount: rows.length,
        decrypted: rows.filter((r) => r.outcome === 'decrypted').length,
        openingPrivateKey: published,
        recordSha256: sha256Hex(Buffer.from(canonicalize(rows)!)),
      },
    },
    create: [{ kind: 'notice', value: notice }],
    replace: [
      {
        record: {
          kind: 'opening',
          value: {
            ...opening,
            status: 'opened',
            rows,
            decryption: { runs: opening.decryption?.runs ?? 1 },
            openedAt: now.toISOString(),
            version: opening.version + 1,
          },
        },
        expect: { version: opening.version },
      },
      { record: { kind: 'openingKey', value: { ...key, privateKey: published } }, expect: {} },
    ],
  });
  await deps.milestones.reached(tenderId, 'opening-completed');
  return viewOpening(deps, tenderId);
};

/** The background decryption failed beyond its retries: the opening says why, and a custodian may start it again. */
export const recordDecryptionFailure = async (deps: BiddingDeps, tenderId: string, error: string) => {
  const opening = await requireOpening(deps, tenderId);
  if (opening.status !== 'decrypting') return viewOpening(deps, tenderId);
  await deps.store.commit({
    entry: {
      actor: platformActor,
      action: 'opening.decryption-failed',
      subject: { tenderId },
      data: { error: error.slice(0, 500) },
    },
    replace: [
      {
        record: {
          kind: 'opening',
          value: {
            ...opening,
            decryption: { runs: opening.decryption?.runs ?? 1, failure: error.slice(0, 2000) },
            version: opening.version + 1,
          },
        },
        expect: { version: opening.version },
      },
    ],
  });
  return viewOpening(deps, tenderId);
};

/** 条例44: a bidder objects at the opening; staff answer on the spot; both are recorded. */
export const raiseObjection = async (deps: BiddingDeps, caller: Caller, tenderId: string, text: string) => {
  const opening = await requireOpening(deps, tenderId);
  if (!(await deps.store.registration(tenderId, caller.org!))) throw notFound('opening of tender', tenderId);
  const mine = opening.objections.find((o) => o.bidderOrg === caller.org);
  // The same objection again is a retry; a second one is not taken (one per bidder, 条例44).
  if (mine?.text === text) return viewOpening(deps, tenderId);
  const window = rules['opening-objection'];
  const closes = new Date(new Date(opening.startedAt).getTime() + window.value * 86_400_000);
  if (opening.status === 'failed' || deps.clock.now() > closes) {
    throw new DomainError(
      'RULE_VIOLATED',
      `Objections to the opening are raised at the opening itself (${window.article}); this one ${opening.status === 'failed' ? 'did not take place' : `closed at ${closes.toISOString()}`}.`,
      { rule: window.article, field: 'tenderId' },
    );
  }
  if (mine) {
    throw new DomainError(
      'CONFLICT',
      `Your organisation objected at this opening already (objection ${mine.number}); it is answered on the spot (${window.article}).`,
      { rule: window.article, field: 'text' },
    );
  }
  const objection = {
    number: opening.objections.length + 1,
    bidderOrg: caller.org!,
    text,
    raisedAt: deps.clock.now().toISOString(),
  };
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'opening.objection-raised',
      subject: { tenderId },
      data: { ...objection },
    },
    replace: [
      {
        record: {
          kind: 'opening',
          value: { ...opening, objections: [...opening.objections, objection], version: opening.version + 1 },
        },
        expect: { version: opening.version },
      },
    ],
  });
  return viewOpening(deps, tenderId);
};

export const answerObjection = async (
  deps: BiddingDeps,
  caller: Caller,
  tenderId: string,
  number: number,
  answer: string,
) => {
  const opening = await requireOpening(deps, tenderId);
  const objections = withAnswer(opening.objections, number, answer, deps.clock.now());
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'opening.objection-answered',
      subject: { tenderId },
      data: { number, answer },
    },
    replace: [
      {
        record: {
          kind: 'opening',
          value: {
            ...opening,
            objections,
            version: opening.version + 1,
          },
        },
        expect: { version: opening.version },
      },
    ],
  });
  return viewOpening(deps, tenderId);
};

/**
 * A custodian's own encrypted share, to decrypt on their machine: given out only once the opening
 * has started, after the bid deadline (法34), so no share leaves the platform before it; never for
 * a failed tender (流标), whose bids stay sealed.
 */
export const myShare = async (deps: BiddingDeps, caller: Caller, tenderId: string) => {
  const tender = await requireActiveTender(deps, tenderId);
  const [key, opening] = await Promise.all([requireOpeningKey(deps, tenderId), deps.store.opening(tenderId)]);
  const share = key.shares.find((s) => s.custodian === caller.user);
  if (!share) throw notFound('share of the opening key for', caller.user, 'user');
  if (!opening || opening.status === 'failed') {
    const rule = opening ? procedureOf(tender.procedure).minSuppliers.article : '法34';
    throw new DomainError(
      'RULE_VIOLATED',
      opening
        ? `The tender failed on too few bids (${rule}): its bids stay sealed and no share is given out.`
        : 'Shares are given out at the opening, once it has started at the bid deadline (法34).',
      { rule, field: 'tenderId' },
    );
  }
  return {
    tenderId,
    custodian: share.custodian,
    encryptedShare: share.encryptedShare,
    shareSha256: share.shareSha256,
    publicKey: key.publicKey,
    threshold: key.threshold,
  };
};
