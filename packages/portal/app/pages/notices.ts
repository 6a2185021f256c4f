import { html } from 'htm/preact';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { procedures, type ProcedureCode } from '../../../procedures';
import { api } from '../api';
import { beijing, instantOfLocal } from '../format';
import { Card, RefusalBox, useLoad } from '../ui';
import { Notice } from '../verify-notice';

export const noticeTypes: Record<string, string> = {
  announcement: '招标（采购）公告',
  amendment: '澄清/修改',
  'failed-tender': '招标失败',
  termination: '终止（废标）公告',
  'opening-record': '开标记录',
  candidates: '中标候选人公示',
  result: '中标结果',
  award: '中标通知',
};

/**
 * The tag a notice shows: an announcement by its procedure's own name (询价公告, 单一来源采购公示 …),
 * a 废标 (政府采购法36) by its own; every other notice by its type.
 */
export const noticeTag = (notice: Pick<Notice, 'type' | 'title' | 'body'>): string => {
  const code = notice.body.procedure;
  if (notice.type === 'announcement' && typeof code === 'string' && code in procedures) {
    return procedures[code as ProcedureCode].announcement;
  }
  if (notice.type === 'termination') return notice.title.endsWith('废标公告') ? '废标公告' : '终止公告';
  // Delivered to its objector only, never in the public feed.
  if (notice.type === 'objection-answer') return notice.title.endsWith('质疑答复') ? '质疑答复' : '异议答复';
  return noticeTypes[notice.type] ?? notice.type;
};

/** One notice in a list: its title linking to its tender, its tag and time, and what else it shows. */
export const NoticeItem = ({ notice, children }: { notice: Notice; children?: ComponentChildren }) =>
  html`<li>
    <a href=${`#/tenders/${notice.tenderId}`}>${notice.title}</a>
    <span class="tag">${noticeTag(notice)}</span>
    <time datetime=${notice.publishedAt}>${beijing(notice.publishedAt)}</time>
    ${children}
  </li>`;

/** The public notice feed: by type and publication time from the API, text search over the page shown. */
export const Notices = () => {
  const [type, setType] = useState('');
  const [from, setFrom] = useState('');
  const [search, setSearch] = useState('');
  const [pages, setPages] = useState<string[]>(['']);
  const query = (cursor: string) =>
    new URLSearchParams({
      limit: '20',
      ...(type ? { type } : {}),
      ...(instantOfLocal(`${from}T00:00`) ? { from: instantOfLocal(`${from}T00:00`)! } : {}),
      ...(cursor ? { cursor } : {}),
    }).toString();
  const feed = useLoad(
    () =>
      Promise.all(
        pages.map((cursor) => api<{ notices: Notice[]; next?: string }>('GET', `/notices?${query(cursor)}`)),
      ),
    [type, from, pages.join('|')],
  );
  const notices = (feed.data ?? []).flatMap((page) => page.notices);
  const next = feed.data?.at(-1)?.next;
  const shown = search.trim()
    ? notices.filter((n) => n.title.includes(search.trim()) || n.tenderId.includes(search.trim()))
    : notices;
  return html`<${Card} title="公告">
    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()}>
      <label
        >类型
        <select
          value=${type}
          onChange=${(e: Event) => (setType((e.target as HTMLSelectElement).value), setPages(['']))}
        >
          <option value="">全部</option>
          ${Object.entries(noticeTypes).map(([value, name]) => html`<option value=${value}>${name}</option>`)}
        </select>
      </label>
      <label
        >发布日期起
        <input
          type="date"
          value=${from}
          onInput=${(e: Event) => (setFrom((e.target as HTMLInputElement).value), setPages(['']))}
      /></label>
      <label
        >搜索
        <input
          type="search"
          value=${search}
          placeholder="项目名称或标段编号"
          onInput=${(e: Event) => setSearch((e.target as HTMLInputElement).value)}
      /></label>
    </form>
    <${RefusalBox} error=${feed.error} />
    ${feed.loading && html`<p aria-live="polite">正在加载…</p>`}
    <ul class="notices">
      ${shown.map((notice) => html`<${NoticeItem} notice=${notice} />`)}
    </ul>
    ${!feed.loading && shown.length === 0 && html`<p>暂无公告。</p>`}
    ${next && html`<button type="button" onClick=${() => setPages([...pages, next])}>加载更多</button>`}
  <//>`;
};
