import * as z from 'zod';
import { notFound } from '../kernel';
import { compileReleases } from './compile';
import { LogCursor, PageLimit, scanLog } from './log-scan';
import { LoggedEntry, OpenDataDeps } from './ports';
import { makesRelease, Release, releaseOf, tenderIdOf } from './releases';

/** Extensions the packages use: bids at the opening, `links` for paging, and the audit-entry fields. */
export const extensionsOf = (baseUrl: string) => [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_pagination_extension/master/extension.json',
  `${baseUrl}/ocds/extensions/audit-entry/extension.json`,
];

export const ReleasesQuery = z.object({ cursor: LogCursor, limit: PageLimit });
export type ReleasesQuery = z.infer<typeof ReleasesQuery>;

export const OcidPath = z.object({
  ocid: z.string().regex(/^ocds-[a-z0-9]{1,20}-[A-Za-z0-9._-]{1,64}$/, 'must be an ocid, ocds-<prefix>-<id>'),
});

const packageHead = (deps: OpenDataDeps, uri: string) => ({
  uri,
  version: '1.1',
  extensions: extensionsOf(deps.config.baseUrl),
  publishedDate: deps.clock.now().toISOString(),
  publisher: { name: deps.config.publisherName },
});

/** The releases of the entries from `start` on that `keep` accepts. */
const scan = (
  deps: OpenDataDeps,
  start: number,
  limit: number,
  keep: (entry: LoggedEntry) => boolean = () => true,
) => {
  // Each tender's public facts are read once per page, however many of its entries the page holds.
  const processes: Parameters<typeof releaseOf>[3] = new Map();
  return scanLog(deps.log, start, limit, async (entry) =>
    makesRelease(entry) && keep(entry) ? releaseOf(deps.store, deps.config, entry, processes) : undefined,
  );
};

/**
 * The release package of the public log from `cursor` (a log index), oldest first. `links.next`
 * resumes after the last entry read; a mirror that keeps it misses nothing and reads nothing twice.
 */
export const releasePackage = async (deps: OpenDataDeps, query: ReleasesQuery) => {
  const { items: releases, next, more } = await scan(deps, query.cursor, query.limit);
  const page = (cursor: number) =>
    `${deps.config.baseUrl}/ocds/releases?cursor=${cursor}&limit=${query.limit}`;
  return {
    ...packageHead(deps, page(query.cursor)),
    releases,
    ...(more ? { links: { next: page(next) } } : {}),
  };
};

/** The record package of one process: every release of its tender and the compiled release. */
export const recordPackage = async (deps: OpenDataDeps, ocid: string) => {
  const tenderId = tenderIdOf(deps.config, ocid);
  const releases: Release[] = [];
  if (tenderId) {
    // The whole log is read: a process's entries carry its tender id but the log has no index by it.
    for (let cursor = 0, more = true; more;) {
      const page = await scan(
        deps,
        cursor,
        Number.MAX_SAFE_INTEGER,
        (e) => e.entry.subject.tenderId === tenderId,
      );
      releases.push(...page.items);
      ({ next: cursor, more } = page);
    }
  }
  if (releases.length === 0) throw notFound('contracting process', ocid, 'ocid');
  return {
    ...packageHead(deps, `${deps.config.baseUrl}/ocds/records/${ocid}`),
    records: [{ ocid, releases, compiledRelease: compileReleases(releases) }],
  };
};
