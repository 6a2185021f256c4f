import * as z from 'zod';
import { Fen, TenderSchedule } from '../legal-rules';
import { Identifier, LongText, Name } from '../kernel';
import { Custodians } from '../custody';
import { ProcedureTerms, ProjectKind, TerminationGround } from '../procedures';

export const ProjectType = ProjectKind;

/** 进场登记: what staff submit to register a trading project. */
export const RegisterProject = z.strictObject({
  name: Name(),
  type: ProjectType,
  tendererOrg: Identifier,
  agencyOrg: Identifier.optional(),
  stateFunded: z.boolean(),
  estimatedPrice: Fen.min(1, 'must be more than 0').describe('estimated price in fen (分)'),
  /** Goods or services of a construction project (与工程建设有关的货物、服务): 必须招标 covers them too. */
  constructionRelated: z.boolean().optional(),
});
export type RegisterProject = z.infer<typeof RegisterProject>;

export const Project = RegisterProject.extend({
  id: Identifier,
  /** 统一交易标识码: derived from the id (see `dealCodeOf`), the same in every notice and release. */
  dealCode: z.string().optional(),
  status: z.enum(['registered', 'accepted']),
  registeredAt: z.iso.datetime(),
  registeredBy: z.string(),
  acceptedAt: z.iso.datetime().optional(),
  version: z.int().nonnegative(),
});
export type Project = z.infer<typeof Project>;

/** A tender document (招标文件) version: its hash and size are computed from the stored object. */
export const DocumentVersion = z.object({
  documentId: Identifier,
  version: z.int().positive(),
  fileName: z.string(),
  contentType: z.string(),
  objectKey: z.string(),
  status: z.enum(['awaiting-upload', 'stored', 'published']),
  sha256: z.string().optional(),
  size: z.int().nonnegative().optional(),
  s3VersionId: z.string().optional(),
  /** The amendment that published this version, when it was not published with the tender. */
  amendment: z.int().positive().optional(),
  /** The digest of the Idempotency-Key the upload slot was asked with: a retry gets the same slot. */
  keyDigest: z.string().optional(),
});
export type DocumentVersion = z.infer<typeof DocumentVersion>;

/**
 * 招标公告, 澄清/修改, 流标公告 (废标公告), 终止公告, 开标记录, 中标候选人公示, 中标结果公告 (and a
 * bidder's result notice), 中标通知书; and the answer to an objection (异议/质疑答复), which only its
 * objector receives.
 */
export const NoticeType = z.enum([
  'announcement',
  'amendment',
  'failed-tender',
  'termination',
  'opening-record',
  'candidates',
  'result',
  'award',
  'objection-answer',
]);
export type NoticeType = z.infer<typeof NoticeType>;

/** A public notice (公告) in the feed. */
export const Notice = z.object({
  id: z.string(),
  type: NoticeType,
  tenderId: Identifier,
  projectId: Identifier,
  title: z.string(),
  publishedAt: z.iso.datetime(),
  /** 统一交易标识码 of the project; absent from notices published before it existed. */
  dealCode: z.string().optional(),
  body: z.record(z.string(), z.json()),
});
export type Notice = z.infer<typeof Notice>;

export const TenderStatus = z.enum(['draft', 'published', 'failed', 'terminated', 'awarded', 'closed']);

/** 终止: staff ended the process before its result, on a ground of its procedure, with the notice that says so. */
export const Termination = z.object({
  ground: TerminationGround,
  /** The ground's article (条例31, 政府采购法36, 74号令40). */
  article: z.string(),
  reason: z.string(),
  at: z.iso.datetime(),
  by: z.string(),
  noticeId: z.string(),
});
export type Termination = z.infer<typeof Termination>;

/** What staff submit to create a tender (标段) under an accepted project, and by which procedure. */
export const CreateTender = ProcedureTerms.extend({
  name: Name(),
  schedule: TenderSchedule,
  /** Who holds shares of the opening key (K of N); by default the publisher, another staff member and a regulator, 2 of 3. */
  custodians: Custodians.optional(),
});
export type CreateTender = z.infer<typeof CreateTender>;

export const Tender = CreateTender.extend({
  id: Identifier,
  projectId: Identifier,
  status: TenderStatus,
  createdAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().optional(),
  amendments: z.int().nonnegative(),
  /** The latest amendment's notice, and the digest of the Idempotency-Key it was published with. */
  lastAmendment: z
    .object({ noticeId: z.string(), publishedAt: z.iso.datetime(), keyDigest: z.string().optional() })
    .optional(),
  termination: Termination.optional(),
  version: z.int().nonnegative(),
});
export type Tender = z.infer<typeof Tender>;

/** 投标报名: a bidder organisation's registration; confidential until the opening (法22). */
export const Registration = z.object({
  tenderId: Identifier,
  bidderOrg: Identifier,
  user: z.string(),
  registeredAt: z.iso.datetime(),
});
export type Registration = z.infer<typeof Registration>;

/** 澄清/修改: new document versions and/or a new schedule, after publication. */
export const PublishAmendment = z.strictObject({
  summary: LongText(),
  /** Whether the change may affect how bids are prepared (条例21). */
  affectsBids: z.boolean(),
  schedule: TenderSchedule.optional(),
  /** Stored, not yet published document versions this amendment publishes. */
  documents: z
    .array(z.strictObject({ documentId: Identifier, version: z.int().positive() }))
    .max(50)
    .refine(
      (docs) => new Set(docs.map((d) => d.documentId)).size === docs.length,
      'must name each document once',
    )
    .default([]),
});
export type PublishAmendment = z.infer<typeof PublishAmendment>;
