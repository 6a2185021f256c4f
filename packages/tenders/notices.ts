import * as z from 'zod';
import { Notice, NoticeType } from './model';
import { NoticePage, TenderDeps } from './ports';
import { Caller, newId } from '../kernel';
import { dealCodeOf } from '../procedures';

/** A notice (公告) published at `at`, carrying its project's unified deal code (统一交易标识码). */
export const newNotice = (
  tenderId: string,
  projectId: string,
  type: NoticeType,
  title: string,
  at: Date,
  body: Notice['body'],
): Notice => ({
  id: newId('N', at),
  type,
  tenderId,
  projectId,
  title,
  publishedAt: at.toISOString(),
  dealCode: dealCodeOf(projectId),
  body,
});

/**
 * The written answer to an objection (异议/质疑答复), for its objector's notices only, never the
 * public feed: who objected stays confidential (法22). Its id comes from the objection, so
 * delivering it again rewrites the same notice.
 */
export const objectionAnswerNotice = (
  tender: { id: string; projectId: string; name: string },
  objection: { where: 'challenges' | 'publicity'; number: number; answer: string; answeredAt: string },
  more: { title: '异议答复' | '质疑答复'; article: string; conclusion?: string },
): Notice => {
  const at = new Date(objection.answeredAt);
  return {
    ...newNotice(tender.id, tender.projectId, 'objection-answer', `${tender.name} ${more.title}`, at, {
      tenderName: tender.name,
      where: objection.where,
      number: objection.number,
      answer: objection.answer,
      answeredAt: objection.answeredAt,
      article: more.article,
      ...(more.conclusion ? { conclusion: more.conclusion } : {}),
    }),
    id: newId('N', at, { user: tender.id, key: `objection-answer/${objection.where}/${objection.number}` }),
  };
};

export const NoticesQuery = z.object({
  type: NoticeType.optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('published at or after'),
  to: z.iso.datetime({ offset: true }).optional().describe('published before'),
  cursor: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[A-Za-z0-9._-]{1,64}$/, 'must be the `next` value of a previous page')
    .optional(),
  limit: z
    .string()
    .regex(/^[1-9][0-9]?$|^100$/, 'must be a whole number from 1 to 100')
    .transform(Number)
    .default(20),
});
export type NoticesQuery = z.infer<typeof NoticesQuery>;

const normalise = (query: NoticesQuery) => ({
  ...query,
  from: query.from ? new Date(query.from).toISOString() : undefined,
  to: query.to ? new Date(query.to).toISOString() : undefined,
});

/** The public notice feed (公告), newest first. */
export const listNotices = (deps: TenderDeps, query: NoticesQuery): Promise<NoticePage> =>
  deps.store.notices(normalise(query));

/** The notices delivered to the caller's organisation (amendments of tenders it registered for). */
export const myNotices = (deps: TenderDeps, caller: Caller, query: NoticesQuery): Promise<NoticePage> =>
  deps.store.inbox(caller.org!, normalise(query));
