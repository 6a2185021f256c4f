import * as z from 'zod';
import { Award } from '../award';
import { Opening, OpeningRow } from '../bidding';
import { rules } from '../legal-rules';
import { Project, Tender } from '../tenders';
import { SupervisionDeps } from './ports';

/** 提示 (notice), 预警 (warning), 报警 (alarm): how urgently a regulator should look. */
export const FlagLevel = z.enum(['notice', 'warning', 'alarm']);
export type FlagLevel = z.infer<typeof FlagLevel>;

/** What a red flag is about: one tender as it stands, beside the other tenders of its tenderer. */
export interface TenderFacts {
  tender: Tender;
  project: Project;
  /** Only once the bids are opened: nothing here exists before the opening (法22). */
  opening?: Opening;
  award?: Award;
  /** Every tender of the same tenderer (招标人), this one included, with their awards. */
  siblings: { tender: Tender; project: Project; award?: Award }[];
}

export const RedFlag = z.object({
  tenderId: z.string(),
  rule: z.string(),
  level: FlagLevel,
  article: z.string(),
  rationale: z.string(),
  evidence: z.record(z.string(), z.json()),
});
export type RedFlag = z.infer<typeof RedFlag>;

type Evidence = RedFlag['evidence'];

interface RedFlagRule {
  id: string;
  level: FlagLevel;
  /** The article the sign points to, or `—` where the rule is a rationale rather than an article. */
  article: string;
  rationale: string;
  /** The procedures it applies to: project types here, until the platform knows other procedures. */
  appliesTo: readonly Project['type'][];
  /** The evidence when the sign is there; undefined when it is not. */
  check: (facts: TenderFacts) => Evidence | undefined;
}

const tendering = ['works', 'goods', 'services'] as const;
const DAY_MS = 86_400_000;

const opened = (facts: TenderFacts): OpeningRow[] =>
  (facts.opening?.rows ?? []).filter((row) => row.outcome === 'decrypted');
const prices = (facts: TenderFacts) =>
  opened(facts)
    .map((row) => row.price)
    .filter((price): price is number => price !== undefined)
    .sort((a, b) => a - b);

/** Pairs of different bidders whose bid files have the same SHA-256. */
const sharedFiles = (rows: OpeningRow[]) => {
  const byHash = new Map<string, Set<string>>();
  for (const row of rows)
    for (const file of row.files ?? [])
      byHash.set(file.sha256, (byHash.get(file.sha256) ?? new Set()).add(row.bidderOrg));
  return [...byHash]
    .filter(([, orgs]) => orgs.size > 1)
    .map(([sha256, orgs]) => ({ sha256, bidders: [...orgs].sort() }));
};

/** Sorted prices with one step between neighbours (arithmetic) or one ratio (geometric, in integers). */
const progression = (sorted: number[]) => {
  if (sorted.length < 3) return undefined;
  const steps = sorted.slice(1).map((p, i) => p - sorted[i]!);
  if (steps.every((s) => s === steps[0]) && steps[0] !== 0) return 'arithmetic';
  const geometric = sorted.slice(2).every((p, i) => p * sorted[i]! === sorted[i + 1]! ** 2);
  return geometric && sorted[0] !== sorted[1] ? 'geometric' : undefined;
};

/**
 * The red flags (风险预警), each rule as data: its id, level, article or rationale and the
 * procedures it applies to. 条例40 lists what is deemed collusion among bidders; the others are
 * procedure signs a regulator should look at, not findings.
 */
export const redFlagRules: readonly RedFlagRule[] = [
  {
    id: 'identical-bid-files',
    level: 'alarm',
    article: '条例40',
    rationale:
      'Different bidders’ bids hold byte-identical files: bids made by one hand, or mixed up (条例40 (一)(五)).',
    appliesTo: tendering,
    check: (facts) => {
      const shared = sharedFiles(opened(facts));
      return shared.length > 0 ? { files: shared } : undefined;
    },
  },
  {
    id: 'regular-price-pattern',
    level: 'warning',
    article: '条例40',
    rationale: 'Bid prices in an arithmetic or geometric progression: a regular difference (条例40 (四)).',
    appliesTo: tendering,
    check: (facts) => {
      const sorted = prices(facts);
      const pattern = progression(sorted);
      return pattern ? { pattern, prices: sorted } : undefined;
    },
  },
  {
    id: 'prices-too-close',
    level: 'warning',
    article: '条例40',
    rationale: 'Every bid price within 0.1 % of the others: abnormally alike (条例40 (四)).',
    appliesTo: tendering,
    check: (facts) => {
      const sorted = prices(facts);
      // In integers: (max − min) / min ≤ 1/1000.
      return sorted.length >= 2 && (sorted.at(-1)! - sorted[0]!) * 1000 <= sorted[0]!
        ? { prices: sorted }
        : undefined;
    },
  },
  {
    id: 'few-valid-bids',
    level: 'warning',
    article: '法42',
    rationale:
      'Fewer than three bids decrypted at the opening: the competition may be too thin to award (法42).',
    appliesTo: tendering,
    check: (facts) => {
      const valid = opened(facts).length;
      return facts.opening?.status === 'opened' && valid < 3
        ? { validBids: valid, bids: facts.opening.rows?.length ?? 0 }
        : undefined;
    },
  },
  {
    id: 'minimum-period-late-amendment',
    level: 'warning',
    article: rules['bid-period'].article,
    rationale: `A bidding period at its legal minimum (${rules['bid-period'].value} days, ${rules['bid-period'].article}) and an amendment within ${rules['amendment-notice'].value} days of the deadline (${rules['amendment-notice'].article}): little time to bid on the changed terms.`,
    appliesTo: tendering,
    check: ({ tender }) => {
      const deadline = Date.parse(tender.schedule.bidDeadline);
      const periodDays = (deadline - Date.parse(tender.schedule.documentsFrom)) / DAY_MS;
      const amendedAt = tender.lastAmendment?.publishedAt;
      if (!amendedAt || periodDays >= rules['bid-period'].value + 1) return undefined;
      const daysBefore = (deadline - Date.parse(amendedAt)) / DAY_MS;
      return daysBefore < rules['amendment-notice'].value
        ? {
            periodDays: Math.round(periodDays * 10) / 10,
            amendmentDaysBeforeDeadline: Math.round(daysBefore * 10) / 10,
          }
        : undefined;
    },
  },
  {
    id: 'winner-at-ceiling',
    level: 'warning',
    article: '条例27',
    rationale:
      'The winning price within 1 % of the ceiling price (最高投标限价, 条例27), or of the estimate when there is none: a sign of a known price or little competition.',
    appliesTo: tendering,
    check: ({ award, tender, project }) => {
      if (!award) return undefined;
      const reference = tender.schedule.maxPrice ?? project.estimatedPrice;
      // In integers: |price − reference| ≤ reference / 100.
      return Math.abs(award.winner.price - reference) * 100 <= reference
        ? {
            price: award.winner.price,
            reference,
            of: tender.schedule.maxPrice !== undefined ? 'maxPrice' : 'estimatedPrice',
          }
        : undefined;
    },
  },
  {
    id: 'repeat-winner',
    level: 'warning',
    article: '条例41',
    rationale:
      'The same bidder has won three or more of this tenderer’s tenders: a sign of a tenderer favouring a bidder (条例41).',
    appliesTo: tendering,
    check: ({ award, siblings }) => {
      if (!award) return undefined;
      const won = siblings
        .filter((s) => s.award?.winner.bidderOrg === award.winner.bidderOrg)
        .map((s) => s.tender.id);
      return won.length >= 3 ? { winner: award.winner.bidderOrg, tenders: won.sort() } : undefined;
    },
  },
  {
    id: 'repeated-failures',
    level: 'notice',
    article: '条例44',
    rationale: 'Two or more failed tenders (流标) in one project: the terms may keep bidders away (条例44).',
    appliesTo: tendering,
    check: ({ tender, siblings }) => {
      const failed = siblings.filter(
        (s) => s.tender.projectId === tender.projectId && s.tender.status === 'failed',
      );
      return tender.status === 'failed' && failed.length >= 2
        ? { project: tender.projectId, failedTenders: failed.map((s) => s.tender.id).sort() }
        : undefined;
    },
  },
];

/** The red flags one tender raises now. */
export const redFlagsOf = (facts: TenderFacts): RedFlag[] =>
  redFlagRules
    .filter((rule) => rule.appliesTo.includes(facts.project.type))
    .flatMap((rule) => {
      const evidence = rule.check(facts);
      return evidence
        ? [
            {
              tenderId: facts.tender.id,
              rule: rule.id,
              level: rule.level,
              article: rule.article,
              rationale: rule.rationale,
              evidence,
            },
          ]
        : [];
    });

/**
 * Every tender's red flags, for regulators, alarms first. They are computed from what the opening
 * and the result made known, so none can speak of a bid before its opening.
 */
export const supervisionRedFlags = async (deps: SupervisionDeps): Promise<{ flags: RedFlag[] }> => {
  const tenders = await deps.store.tenders();
  const facts = await Promise.all(
    tenders.map(async (tender) => {
      const [project, opening, award] = await Promise.all([
        deps.store.project(tender.projectId),
        deps.store.opening(tender.id),
        deps.store.award(tender.id),
      ]);
      return { tender, project: project!, opening, award };
    }),
  );
  const order: FlagLevel[] = ['alarm', 'warning', 'notice'];
  const flags = facts.flatMap((one) =>
    redFlagsOf({
      ...one,
      siblings: facts.filter((other) => other.project.tendererOrg === one.project.tendererOrg),
    }),
  );
  return { flags: flags.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level)) };
};
