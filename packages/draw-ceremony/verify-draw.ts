import canonicalize from 'canonicalize';
import { AuditEntry, LogClient, proveEntry } from '../audit-log';
import { drawExperts, poolHash, requestHash, sha256Hex, commitment } from '../expert-draw';
import { DrawRecord } from './record';

/** One thing the verifier checked, and what it found. */
export interface DrawCheck {
  check: string;
  ok: boolean;
  detail: string;
}

const attempt = (check: string, run: () => string): DrawCheck => {
  try {
    return { check, ok: true, detail: run() };
  } catch (error) {
    return { check, ok: false, detail: (error as Error).message };
  }
};

const expectEqual = (what: string, actual: unknown, expected: unknown): string => {
  if (canonicalize(actual) !== canonicalize(expected)) {
    throw new Error(`${what}: expected ${canonicalize(expected)}, got ${canonicalize(actual)}`);
  }
  return `${what} matches`;
};

/**
 * Re-checks a draw from its published record alone, trusting nothing the platform computed:
 * the inputs hash to what the log froze, every secret to its logged commitment, the entries
 * are in the log (inclusion proofs against a signed checkpoint) in the order the spec
 * requires, and re-running the draw gives the logged outcome.
 */
export const verifyDraw = async (
  record: DrawRecord,
  inputs: { request: unknown; pool: unknown },
  log: LogClient,
  pinnedKey?: string,
): Promise<DrawCheck[]> => {
  const checks: DrawCheck[] = [];
  checks.push(
    attempt('request hash', () =>
      expectEqual('requestHash', requestHash(inputs.request), record.requestHash),
    ),
  );
  checks.push(attempt('pool hash', () => expectEqual('poolHash', poolHash(inputs.pool), record.poolHash)));
  for (const party of record.parties) {
    checks.push(
      attempt(`${party} secret`, () =>
        expectEqual(
          `SHA-256 of the ${party}'s secret`,
          commitment(record.secrets[party]!),
          record.commitments[party],
        ),
      ),
    );
  }

  const steps: { name: string; index: number; expect: (entry: AuditEntry) => string }[] = [
    {
      name: 'frozen',
      index: record.entries.frozen,
      expect: (entry) =>
        expectEqual(
          'frozen entry',
          [entry.action, entry.subject.drawId, entry.data.requestHash, entry.data.poolHash],
          ['draw.frozen', record.drawId, record.requestHash, record.poolHash],
        ),
    },
    ...record.parties.map((party) => ({
      name: `${party} commitment`,
      index: record.entries.commitments[party]!,
      expect: (entry: AuditEntry) =>
        expectEqual(
          `${party} commitment entry`,
          [entry.action, entry.subject.drawId, entry.data.party, entry.data.commitment],
          ['draw.committed', record.drawId, party, record.commitments[party]],
        ),
    })),
    ...record.parties.map((party) => ({
      name: `${party} reveal`,
      index: record.entries.reveals[party]!,
      expect: (entry: AuditEntry) =>
        expectEqual(
          `${party} reveal entry`,
          [entry.action, entry.subject.drawId, entry.data.party],
          ['draw.revealed', record.drawId, party],
        ),
    })),
  ];
  let outcome: ReturnType<typeof drawExperts> | undefined;
  checks.push(
    attempt('re-run', () => {
      outcome = drawExperts(
        inputs.request,
        inputs.pool,
        record.parties.map((p) => record.secrets[p]!),
      );
      return expectEqual('the re-run outcome', outcome, record.outcome);
    }),
  );
  steps.push({
    name: 'outcome',
    index: record.entries.completed,
    expect: (entry) => {
      if (!outcome) throw new Error('the draw could not be re-run');
      return 'error' in outcome
        ? expectEqual('failed entry', [entry.action, entry.data.error], ['draw.failed', outcome.error])
        : expectEqual(
            'completed entry',
            [entry.action, entry.data.outcomeSha256],
            ['draw.completed', sha256Hex(canonicalize(outcome)!)],
          );
    },
  });

  for (const step of steps) {
    try {
      const proven = await proveEntry(log, step.index, pinnedKey);
      checks.push(
        attempt(
          `${step.name} entry ${step.index}`,
          () => `${step.expect(proven.entry)}; in the log of ${proven.checkpoint.size}`,
        ),
      );
    } catch (error) {
      checks.push({ check: `${step.name} entry ${step.index}`, ok: false, detail: (error as Error).message });
    }
  }
  checks.push(
    attempt('order of events', () => {
      const { frozen, commitments, reveals, completed } = record.entries;
      const lastCommitment = Math.max(...Object.values(commitments));
      const firstReveal = Math.min(...Object.values(reveals));
      const lastReveal = Math.max(...Object.values(reveals));
      if (!(
        frozen < Math.min(...Object.values(commitments)) &&
        lastCommitment < firstReveal &&
        lastReveal < completed
      )) {
        throw new Error(
          `expected frozen < commitments < reveals < outcome, got ${frozen}, [${Object.values(commitments)}], [${Object.values(reveals)}], ${completed}`,
        );
      }
      return 'frozen, then every commitment, then the reveals, then the outcome';
    }),
  );
  return checks;
};
