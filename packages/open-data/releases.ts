import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { DomainError } from '../kernel';
import {
  BID_OUTCOME_GROUNDS,
  dealCodeOf,
  failureNoticeTitle,
  procedureOf,
  TerminationGround,
} from '../procedures';
import { Project, Tender } from '../tenders';
import { LoggedEntry, OcdsConfig, OpenDataStore } from './ports';

/** An OCDS release as published: JSON whose shape the official schema checks. */
export type Release = Record<string, unknown> & { ocid: string; id: string; date: string; tag: string[] };

type Json = Record<string, unknown>;

/** Fen (分, the platform's integer money) as an OCDS value in yuan (元). */
export const yuan = (fen: number) => ({ amount: fen / 100, currency: 'CNY' });

/** `ocds-<prefix>-<tenderId>`: one contracting process per tender (标段). */
export const ocidOf = (config: OcdsConfig, tenderId: string) => `ocds-${config.prefix}-${tenderId}`;

/** The tender id an ocid names under this platform's prefix, or undefined for another publisher's. */
export const tenderIdOf = (config: OcdsConfig, ocid: string): string | undefined => {
  const head = `ocds-${config.prefix}-`;
  return ocid.startsWith(head) ? ocid.slice(head.length) : undefined;
};

/** Project types that are procurement categories in OCDS; land and state property are not. */
const categories: Partial<Record<Project['type'], string>> = {
  works: 'works',
  goods: 'goods',
  services: 'services',
};

/** The public facts of the process a release names beside its entry, read once per tender. */
interface Process {
  project: Project;
  tender: Tender;
  party: (orgId: string, roles: string[]) => Promise<Json>;
}

const processOf = async (store: OpenDataStore, tenderId: string): Promise<Process | undefined> => {
  const tender = await store.tender(tenderId);
  const project = tender && (await store.project(tender.projectId));
  if (!tender || !project) return undefined;
  return {
    tender,
    project,
    party: async (orgId, roles) => ({
      id: orgId,
      name: (await store.organisation(orgId))?.name ?? orgId,
      roles,
    }),
  };
};

const reference = (party: Json) => ({ id: party.id, name: party.name });

/** The notice an entry published, as an OCDS document: its id is the notice's id. */
const noticeDocument = (entry: LoggedEntry, documentType: string, title: string) =>
  entry.entry.subject.noticeId
    ? [{ id: entry.entry.subject.noticeId, documentType, title, datePublished: entry.entry.time }]
    : [];

interface Digest {
  documentId: string;
  version: number;
  sha256: string;
}

/** Tender documents (招标文件) as the entry logged them, by version and SHA-256, titled from their records. */
const tenderDocuments = async (store: OpenDataStore, process: Process, entry: LoggedEntry) => {
  const digests = (entry.entry.data.documents ?? []) as unknown as Digest[];
  const versions = await store.documents(process.tender.id);
  return digests.map((d) => {
    const version = versions.find((v) => v.documentId === d.documentId && v.version === d.version);
    return {
      id: `${d.documentId}-v${d.version}`,
      documentType: 'biddingDocuments',
      title: version?.fileName ?? d.documentId,
      ...(version ? { format: version.contentType } : {}),
      datePublished: entry.entry.time,
      sha256: d.sha256,
    };
  });
};

interface Schedule {
  documentsFrom: string;
  bidDeadline: string;
  maxPrice?: number;
}

/** The bidding period and ceiling price (最高投标限价) of a logged schedule. */
const scheduled = (schedule: Schedule) => ({
  tenderPeriod: { startDate: schedule.documentsFrom, endDate: schedule.bidDeadline },
  ...(schedule.maxPrice !== undefined ? { value: yuan(schedule.maxPrice) } : {}),
});

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

type Builder = (store: OpenDataStore, process: Process, entry: LoggedEntry) => Promise<Json>;

/**
 * What each public step of a tender adds to its contracting process. Only these entries make
 * releases, and each builder reads only what was public once its entry was written: no bidder
 * appears before the opening's entry, and the committee never does.
 */
const builders: Record<string, Builder> = {
  'tender.published': async (store, { project, tender, party }, entry) => {
    const buyer = await party(
      project.tendererOrg,
      project.agencyOrg ? ['buyer'] : ['buyer', 'procuringEntity'],
    );
    // 招标代理: the agency runs the procedure for the tenderer.
    const agency = project.agencyOrg ? await party(project.agencyOrg, ['procuringEntity']) : undefined;
    const category = categories[project.type];
    const procedure = procedureOf(tender.procedure);
    return {
      tag: ['tender'],
      parties: agency ? [buyer, agency] : [buyer],
      buyer: reference(buyer),
      // 统一交易标识码: the project's code, the same in every notice of the deal.
      planning: { budget: { projectID: dealCodeOf(project.id), project: project.name } },
      tender: {
        id: tender.id,
        title: `${project.name} ${tender.name}`,
        status: 'active',
        procuringEntity: reference(agency ?? buyer),
        procurementMethod: procedure.ocdsMethod,
        procurementMethodDetails: procedure.name,
        ...(category ? { mainProcurementCategory: category } : {}),
        submissionMethod: ['electronicSubmission'],
        ...scheduled(entry.entry.data.schedule as unknown as Schedule),
        documents: [
          ...noticeDocument(entry, 'tenderNotice', '招标公告'),
          ...(await tenderDocuments(store, { project, tender, party }, entry)),
        ],
      },
    };
  },
  'tender.amended': async (store, process, entry) => {
    const { number, affectsBids } = entry.entry.data as { number: number; affectsBids: boolean };
    return {
      tag: ['tenderAmendment'],
      tender: {
        id: process.tender.id,
        status: 'active',
        ...scheduled(entry.entry.data.schedule as unknown as Schedule),
        documents: [
          ...noticeDocument(entry, 'clarifications', `澄清/修改 第${number}号`),
          ...(await tenderDocuments(store, process, entry)),
        ],
        amendments: [
          {
            id: String(number),
            date: entry.entry.time,
            description: affectsBids ? 'may affect how bids are prepared (条例21)' : 'does not affect bids',
          },
        ],
      },
    };
  },
  // 流标 (条例44), or 废标 in government procurement (政府采购法36): fewer bids than the procedure's
  // minimum; the count is in the public notice, no bidder is named.
  'opening.failed': async (_store, { tender }, entry) => ({
    tag: ['tenderCancellation'],
    tender: {
      id: tender.id,
      status: 'unsuccessful',
      numberOfTenderers: entry.entry.data.bidCount,
      documents: noticeDocument(entry, 'tenderNotice', failureNoticeTitle(procedureOf(tender.procedure))),
    },
  }),
  // 终止 (条例31, 87号令29, 74号令40): the ground and its article; nobody who took part is named. Too
  // few suppliers or every price over the budget is a process that failed (废标, 政府采购法36), not one
  // called off: OCDS says unsuccessful.
  'tender.terminated': async (_store, { tender }, entry) => {
    const ground = entry.entry.data.ground as TerminationGround;
    const notice = procedureOf(tender.procedure).termination.grounds[ground]?.notice;
    return {
      tag: ['tenderCancellation'],
      tender: {
        id: tender.id,
        status: BID_OUTCOME_GROUNDS.has(ground) ? 'unsuccessful' : 'cancelled',
        documents: noticeDocument(entry, 'tenderNotice', notice?.title ?? '终止公告'),
      },
    };
  },
  // 开标记录: published at the opening, so from here on the bidders are public.
  'opening.completed': async (store, { tender, party }, entry) => {
    const rows = (await store.opening(tender.id))?.rows ?? [];
    if (sha256Hex(canonicalize(rows) ?? '') !== entry.entry.data.recordSha256) {
      throw new DomainError(
        'INTERNAL',
        `The opening record of ${tender.id} differs from log entry ${entry.index}.`,
      );
    }
    const tenderers = await Promise.all(
      [...new Set(rows.map((r) => r.bidderOrg))].map((org) => party(org, ['tenderer'])),
    );
    return {
      tag: ['tenderUpdate'],
      parties: tenderers,
      tender: {
        id: tender.id,
        status: 'active',
        numberOfTenderers: tenderers.length,
        tenderers: tenderers.map(reference),
        documents: noticeDocument(entry, 'tenderNotice', '开标记录'),
      },
      bids: {
        statistics: [{ id: 'bids', measure: 'bids', value: rows.length }],
        details: rows.map((row) => ({
          id: row.bidId,
          date: row.receivedAt,
          // Opened, not yet evaluated; a bid that did not decrypt is out of the competition.
          status: row.outcome === 'decrypted' ? 'pending' : 'disqualified',
          tenderers: [reference(tenderers.find((t) => t.id === row.bidderOrg)!)],
          ...(row.price !== undefined ? { value: yuan(row.price) } : {}),
          // The sealed bid's ciphertext hash, as its receipt gave it.
          documents: [{ id: row.bidId, title: '投标文件', sha256: row.sha256 }],
        })),
      },
    };
  },
  'tender.awarded': async (_store, { tender, party }, entry) => {
    const { winner, price } = entry.entry.data as { winner: string; price: number };
    const supplier = await party(winner, ['tenderer', 'supplier']);
    return {
      tag: ['award'],
      parties: [supplier],
      tender: { id: tender.id, status: 'complete' },
      awards: [
        {
          id: tender.id,
          status: 'active',
          date: entry.entry.time,
          value: yuan(price),
          suppliers: [reference(supplier)],
          documents: noticeDocument(entry, 'awardNotice', '中标结果公告'),
        },
      ],
    };
  },
  'contract.recorded': async (store, { tender }, entry) => {
    const award = await store.award(tender.id);
    return {
      tag: ['contract'],
      contracts: [
        {
          id: tender.id,
          awardID: tender.id,
          status: 'active',
          // 签订日期 is a calendar date in China's time zone.
          dateSigned: `${entry.entry.data.signedOn as string}T00:00:00+08:00`,
          ...(award ? { value: yuan(award.winner.price) } : {}),
        },
      ],
    };
  },
};

/** Whether an entry makes a release. */
export const makesRelease = (entry: LoggedEntry) =>
  entry.entry.action in builders && entry.entry.subject.tenderId !== undefined;

/**
 * The release an audit entry makes, or undefined when it makes none. Its `id` is the entry's index
 * and `auditEntry` holds the index and leaf hash, so anyone can check the release against the log.
 */
export const releaseOf = async (
  store: OpenDataStore,
  config: OcdsConfig,
  entry: LoggedEntry,
  processes = new Map<string, Promise<Process | undefined>>(),
): Promise<Release | undefined> => {
  const builder = builders[entry.entry.action];
  const tenderId = entry.entry.subject.tenderId;
  if (!builder || !tenderId) return undefined;
  if (!processes.has(tenderId)) processes.set(tenderId, processOf(store, tenderId));
  const process = await processes.get(tenderId);
  if (!process) return undefined;
  const { tag, ...content } = await builder(store, process, entry);
  const ocid = ocidOf(config, tenderId);
  return {
    ocid,
    id: `${ocid}-${entry.index}`,
    date: entry.entry.time,
    tag: tag as string[],
    initiationType: 'tender',
    language: 'zh',
    ...content,
    auditEntry: { index: entry.index, leafHash: entry.leafHash, action: entry.entry.action },
  };
};
