import canonicalize from 'canonicalize';
import { randomBytes } from 'node:crypto';
import { AuditActor, NewEntry, actorOf, platformActor } from '../audit-log';
import { Caller, createOnce, DomainError, newId, notFound, required, Role } from '../kernel';
import {
  drawFrozen,
  freezePool,
  freezeRequest,
  sha256Hex,
  ALGORITHM,
  commitment as commitmentOf,
  drawSeed,
  verifyReveal,
} from '../expert-draw';
import { computeExclusions, assertLawfulCommittee, toPoolExpert, supplementaryExclusions } from '../experts';
import { DrawDeps, DrawStore } from './ports';
import { procedureOf } from '../procedures';
import { Project, requireActiveTender, requireTender, Tender } from '../tenders';
import { contactsOf, seatCommittee, vacancies } from './committee';
import { Draw, PARTIES, Party, RequestDraw, StaffDrawView } from './model';
const platform = platformActor;

export const requireDraw = (deps: { store: Pick<DrawStore, 'draw'> }, drawId: string): Promise<Draw> =>
  required(deps.store.draw(drawId), 'draw', drawId);

/** What the quotas of a supplementary draw may ask for: at most the committee's open seats, per specialty. */
const assertFillsVacancies = (request: RequestDraw, open: Map<string, number>) => {
  request.quotas.forEach((quota, i) => {
    const seats = open.get(quota.specialty) ?? 0;
    if (quota.count > seats) {
      throw new DomainError(
        'RULE_VIOLATED',
        `The committee has ${seats} open seat(s) for ${quota.specialty}; a supplementary draw fills only those.`,
        { rule: '条例46', field: `quotas.${i}.count` },
      );
    }
  });
};

/**
 * 专家抽取: staff ask for a committee once the bid deadline has passed. The platform works out
 * every exclusion (回避) itself, freezes the request and a snapshot of the pool (stored, hashes
 * logged), then logs its own commitment. Nothing after this can change the inputs.
 */
export const requestDraw = async (
  deps: DrawDeps,
  caller: Caller,
  tenderId: string,
  input: RequestDraw,
  idempotencyKey?: string,
): Promise<{ draw: Draw; created: boolean }> => {
  const tender = await requireActiveTender(deps, tenderId);
  const now = deps.clock.now();
  if (tender.status !== 'published' || now < new Date(tender.schedule.bidDeadline)) {
    throw new DomainError(
      'RULE_VIOLATED',
      `Experts are drawn after the bid deadline (${tender.schedule.bidDeadline}).`,
      { field: 'tenderId' },
    );
  }
  const project = await deps.store.project(tender.projectId);
  if (!project) throw notFound('project', tender.projectId);
  const [committee, lock, head, catalog, registrations] = await Promise.all([
    deps.store.committee(tenderId),
    deps.store.drawLock(tenderId),
    deps.store.expertPool(),
    deps.store.specialties(),
    deps.store.registrations(tenderId),
  ]);
  const id = newId('DRAW', now, idempotencyKey ? { user: caller.user, key: idempotencyKey } : undefined);
  // A retry of this very request is answered by createOnce below.
  if (lock?.openDraw && lock.openDraw !== id) {
    throw new DomainError('CONFLICT', 'A draw for this tender is still in progress; finish it first.', {
      field: 'tenderId',
    });
  }
  const known = new Set(catalog);
  input.quotas.forEach((quota, i) => {
    if (!known.has(quota.specialty)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `quotas.${i}.specialty: ${quota.specialty} is not in the catalog`,
        {
          field: `quotas.${i}.specialty`,
        },
      );
    }
  });
  if (committee) {
    const open = vacancies(committee);
    if (open.size === 0) {
      throw new DomainError('CONFLICT', 'The committee has no open seat; there is nothing to draw.', {
        field: 'tenderId',
      });
    }
    assertFillsVacancies(input, open);
  } else {
    const { members } = assertLawfulCommittee({
      quotas: input.quotas,
      tendererRepresentatives: input.tendererRepresentatives,
      body: evaluationBodyFor(tender, project),
    });
    // A room booked before the committee was known must still seat it all, and one booked after it.
    await deps.venues.claimSeats(caller, tenderId, { members, drawId: id }, 'quotas');
  }
  const experts = head ? await deps.store.experts(head.generation) : [];
  // Consistent reads of the committee's own draws, never the index, so nobody drawn is drawn again.
  const earlier = await Promise.all((committee?.draws ?? []).map((drawId) => requireDraw(deps, drawId)));
  const drawnBefore = supplementaryExclusions(earlier.flatMap((d) => (d.result ? [d.result] : [])));
  const exclusions = computeExclusions({
    tendererOrg: project.tendererOrg,
    agencyOrg: project.agencyOrg,
    // Everyone who registered: a superset of the bidders, and known to the platform alone.
    bidderOrgs: registrations.map((r) => r.bidderOrg),
    staffExclusions: [
      ...input.exclusions,
      ...drawnBefore.map((expertId) => ({ expertId, reason: 'drawn before for this tender (条例46)' })),
    ],
    pool: experts,
    at: now,
  });

  const { value, created } = await createOnce({
    keyed: idempotencyKey !== undefined,
    what: 'draw',
    read: () => deps.store.draw(id),
    sameRequest: (existing) => existing.tenderId === tenderId,
    create: async () => {
      const request = freezeRequest({
        algorithm: ALGORITHM,
        drawId: id,
        projectId: project.id,
        quotas: input.quotas,
        excludedOrgs: exclusions.excludedOrgs.map((e) => e.org),
        excludedExperts: exclusions.excludedExperts.map((e) => e.expertId),
        parties: [...PARTIES],
      });
      const pool = freezePool(experts.map((expert) => toPoolExpert(expert, now)));
      const snapshot = { request: `draws/${id}/request.json`, pool: `draws/${id}/pool.json` };
      await deps.documents.put(snapshot.request, canonicalize(request.request)!, 'application/json');
      await deps.documents.put(snapshot.pool, canonicalize(pool.experts)!, 'application/json');
      const draw: Draw = {
        id,
        tenderId,
        projectId: project.id,
        purpose: committee ? 'supplementary' : 'committee',
        status: 'awaiting-commitments',
        request: request.request,
        requestHash: request.hash,
        poolHash: pool.hash,
        poolSize: pool.experts.length,
        snapshot,
        exclusions: {
          orgs: exclusions.excludedOrgs,
          experts: exclusions.excludedExperts,
        },
        staffExclusions: input.exclusions,
        tendererRepresentatives: input.tendererRepresentatives,
        ...(input.sitting ? { sitting: input.sitting } : {}),
        frozen: { at: now.toISOString(), index: 0 },
        commitments: {},
        reveals: {},
        createdAt: now.toISOString(),
        createdBy: caller.user,
        version: 0,
      };
      // The platform's secret is made and stored with the frozen inputs, so a crash before its
      // commitment is logged leaves nothing a retry cannot finish.
      const secret = randomBytes(32).toString('hex');
      const frozen = await deps.store.commit({
        entry: {
          actor: actorOf(caller),
          action: 'draw.frozen',
          subject: { projectId: project.id, tenderId, drawId: id },
          data: {
            algorithm: ALGORITHM,
            requestHash: draw.requestHash,
            poolHash: draw.poolHash,
            poolSize: draw.poolSize,
          },
          confidential: { exclusions: draw.exclusions },
        },
        create: [
          { kind: 'drawSecret', drawId: id, value: { secret } },
          ...(lock ? [] : [{ kind: 'drawLock' as const, value: { tenderId, openDraw: id, version: 0 } }]),
        ],
        // Refused if another draw took the tender since the lock was read.
        replace: lock
          ? [
              {
                record: { kind: 'drawLock', value: { tenderId, openDraw: id, version: lock.version + 1 } },
                expect: { version: lock.version },
              },
            ]
          : [],
        cite: (entry) => ({
          create: [{ kind: 'draw', value: { ...draw, frozen: { at: entry.time, index: entry.index } } }],
        }),
      });
      return { ...draw, frozen: { at: frozen.time, index: frozen.index } };
    },
  });
  return { draw: await withCenterCommitment(deps, value), created };
};

/** Logs the platform's commitment if it is not logged yet: after freezing, or when a crash came between. */
const withCenterCommitment = async (deps: DrawDeps, draw: Draw): Promise<Draw> => {
  if (draw.commitments.center) return draw;
  const secret = await deps.store.drawSecret(draw.id);
  if (!secret) throw new DomainError('INTERNAL', `The platform's secret for draw ${draw.id} is missing.`);
  return logCommitment(deps, draw, 'center', commitmentOf(secret), platform);
};

/** Logs one step of the ceremony and records it on the draw, on condition the draw has not changed since. */
const logStep = async (
  deps: DrawDeps,
  draw: Draw,
  entry: NewEntry,
  change: (logged: { at: string; index: number }) => Partial<Draw>,
): Promise<Draw> => {
  let updated = draw;
  await deps.store.commit({
    entry,
    cite: (logged) => {
      updated = { ...draw, ...change({ at: logged.time, index: logged.index }), version: draw.version + 1 };
      return { replace: [{ record: { kind: 'draw', value: updated }, expect: { version: draw.version } }] };
    },
  });
  return updated;
};

const logCommitment = (deps: DrawDeps, draw: Draw, party: Party, commitment: string, actor: AuditActor) =>
  logStep(
    deps,
    draw,
    {
      actor,
      action: 'draw.committed',
      subject: { tenderId: draw.tenderId, drawId: draw.id },
      data: { party, commitment },
    },
    (logged) => {
      const commitments = { ...draw.commitments, [party]: { ...logged, commitment } };
      return {
        commitments,
        status: PARTIES.every((p) => commitments[p]) ? 'awaiting-reveals' : 'awaiting-commitments',
      };
    },
  );

const partyOf = (caller: Caller): Party => {
  if (caller.role === 'regulator') return 'regulator';
  throw new DomainError('FORBIDDEN', 'Only the regulator commits and reveals a secret through the API.');
};

/**
 * The regulator's commitment: SHA-256 of a secret made on the regulator's own machine. Logged
 * once; a second, different commitment is refused, the same one again is a harmless retry.
 */
/** A draw of a tender still in progress: a terminated one (终止) seats no committee, so its draw goes no further. */
const requireLiveDraw = async (deps: DrawDeps, drawId: string): Promise<Draw> => {
  const draw = await requireDraw(deps, drawId);
  await requireActiveTender(deps, draw.tenderId);
  return draw;
};

export const submitCommitment = async (
  deps: DrawDeps,
  caller: Caller,
  drawId: string,
  commitment: string,
): Promise<Draw> => {
  const party = partyOf(caller);
  const draw = await withCenterCommitment(deps, await requireLiveDraw(deps, drawId));
  const existing = draw.commitments[party];
  if (existing) {
    if (existing.commitment === commitment) return draw;
    throw new DomainError('CONFLICT', `The ${party} has already committed to a different secret.`, {
      field: 'commitment',
    });
  }
  return logCommitment(deps, draw, party, commitment, actorOf(caller));
};

const logReveal = (deps: DrawDeps, draw: Draw, party: Party, secret: string, actor: AuditActor) =>
  logStep(
    deps,
    draw,
    {
      actor,
      action: 'draw.revealed',
      subject: { tenderId: draw.tenderId, drawId: draw.id },
      data: { party, commitment: draw.commitments[party]!.commitment },
      confidential: { secret },
    },
    (logged) => ({ reveals: { ...draw.reveals, [party]: { ...logged, secret } } }),
  );

/** Runs the draw exactly as the spec says, on the frozen inputs, and records the outcome. */
const completeDraw = async (deps: DrawDeps, draw: Draw): Promise<Draw> => {
  const [requestBytes, poolBytes] = await Promise.all([
    deps.documents.get(draw.snapshot.request),
    deps.documents.get(draw.snapshot.pool),
  ]);
  const request = freezeRequest(JSON.parse(Buffer.from(requestBytes!).toString('utf8')));
  const pool = freezePool(JSON.parse(Buffer.from(poolBytes!).toString('utf8')));
  if (request.hash !== draw.requestHash || pool.hash !== draw.poolHash) {
    throw new DomainError(
      'INTERNAL',
      `The stored inputs of draw ${draw.id} no longer match their logged hashes.`,
    );
  }
  const secrets = PARTIES.map((party) => draw.reveals[party]!.secret);
  const outcome = drawFrozen(request, pool, secrets);
  const failed = 'error' in outcome;
  let updated = draw;
  const lock = (await deps.store.drawLock(draw.tenderId))!;
  const committee = failed ? undefined : await deps.store.committee(draw.tenderId);
  const tender = failed ? undefined : await requireTender(deps, draw.tenderId);
  const contacts = failed
    ? new Map()
    : await contactsOf(
        deps,
        outcome.picks.flatMap((p) => p.primaries),
      );
  const now = deps.clock.now();
  await deps.store.commit({
    entry: {
      actor: platform,
      action: failed ? 'draw.failed' : 'draw.completed',
      subject: { tenderId: draw.tenderId, drawId: draw.id },
      data: failed
        ? { error: outcome.error, seed: drawSeed(draw.requestHash, draw.poolHash, secrets) }
        : { outcomeSha256: sha256Hex(canonicalize(outcome)!) },
      // The picks are the committee's names in all but name (法37): regulators read them in the record.
      ...(failed ? {} : { confidential: { picks: outcome.picks } }),
    },
    cite: (entry) => {
      const completed = { at: entry.time, index: entry.index };
      updated = failed
        ? { ...draw, status: 'failed', failure: outcome, completed, version: draw.version + 1 }
        : { ...draw, status: 'drawn', result: outcome, completed, version: draw.version + 1 };
      const seating = tender ? seatCommittee(updated, tender, committee, contacts, now) : {};
      return {
        create: seating.create,
        replace: [
          { record: { kind: 'draw', value: updated }, expect: { version: draw.version } },
          // The tender is free for its next draw (a supplementary one, or a retry of an infeasible one).
          {
            record: { kind: 'drawLock', value: { ...lock, openDraw: '', version: lock.version + 1 } },
            expect: { openDraw: draw.id },
          },
          ...(seating.replace ?? []),
        ],
      };
    },
  });
  return updated;
};

/**
 * The regulator reveals its secret. Refused until every party's commitment is logged, and when
 * the secret does not match its commitment. The platform then reveals its own and runs the draw.
 */
export const revealSecret = async (
  deps: DrawDeps,
  caller: Caller,
  drawId: string,
  secret: string,
): Promise<Draw> => {
  const party = partyOf(caller);
  let draw = await withCenterCommitment(deps, await requireLiveDraw(deps, drawId));
  const missing = PARTIES.filter((p) => !draw.commitments[p]);
  if (missing.length > 0) {
    throw new DomainError(
      'RULE_VIOLATED',
      `No secret is revealed before every commitment is logged; waiting for: ${missing.join(', ')}.`,
      { field: 'secret' },
    );
  }
  verifyReveal(secret, draw.commitments[party]!.commitment);
  if (!draw.reveals[party]) draw = await logReveal(deps, draw, party, secret, actorOf(caller));
  if (!draw.reveals.center) {
    const own = await deps.store.drawSecret(draw.id);
    if (!own) throw new DomainError('INTERNAL', `The platform's secret for draw ${draw.id} is missing.`);
    draw = await logReveal(deps, draw, 'center', own, platform);
  }
  // A retry after a crash between the reveals and the result finishes the draw here.
  if (draw.status === 'awaiting-reveals') draw = await completeDraw(deps, draw);
  if (draw.status === 'drawn') await deps.milestones.reached(draw.tenderId, 'committee-changed');
  return draw;
};

/**
 * The body the tender's procedure asks for: its name, article and least size, the larger one
 * where the budget reaches it (87号令47: ≥ 7 from 10 million yuan).
 */
const evaluationBodyFor = (tender: Tender, project: Project) => {
  const body = procedureOf(tender.procedure).evaluationBody;
  if (!body) return undefined;
  const large = body.large && project.estimatedPrice >= body.large.fromFen;
  return { ...body, minSize: large ? body.large!.minSize : body.minSize };
};

/** What `role` may see of a draw: the whole of it for regulators, and for everyone once the result published it. */
/** A tender's draws, oldest first, each as {@link viewDraw} shows it to the caller's role. */
export const listDraws = async (
  deps: { store: Pick<DrawStore, 'tender' | 'draws'> },
  role: Role,
  tenderId: string,
): Promise<{ draws: (Draw | StaffDrawView)[] }> => {
  await requireTender(deps, tenderId);
  return { draws: (await deps.store.draws(tenderId)).map((draw) => viewDraw(draw, role)) };
};

export const viewDraw = (draw: Draw, role: Role): Draw | StaffDrawView => {
  if (role === 'regulator' || draw.publishedAt) return draw;
  const {
    request,
    exclusions: _platformExclusions,
    requestHash: _requestHash,
    reveals,
    result,
    failure,
    ...rest
  } = draw;
  return {
    ...rest,
    quotas: request.quotas,
    staffExclusions: draw.staffExclusions ?? [],
    reveals: Object.fromEntries(
      Object.entries(reveals).map(([party, { at, index }]) => [party, { at, index }]),
    ),
    ...(result ? { result: { algorithm: result.algorithm, picks: result.picks } } : {}),
    ...(failure ? { failure: { algorithm: failure.algorithm, error: failure.error } } : {}),
  };
};
