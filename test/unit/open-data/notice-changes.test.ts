import { noticeChanges } from '../../../packages/open-data';
import { listNotices } from '../../../packages/tenders/notices';
import { awarded, openDataOf } from './open-data-world';

describe('the public change feed of notices', () => {
  it('lists every public notice once, in log order, each at the index of the entry that published it', async () => {
    const world = await awarded({ contract: false });
    const page = await noticeChanges(openDataOf(world), { cursor: 0, limit: 100 });
    expect(page.changes.map((c) => [c.action, c.notice.type])).toEqual([
      ['tender.published', 'announcement'],
      ['opening.completed', 'opening-record'],
      ['publicity.started', 'candidates'],
      ['tender.awarded', 'result'],
    ]);
    for (const change of page.changes) {
      expect(world.log[change.sequence]!.subject.noticeId).toBe(change.notice.id);
    }
    // The same notices as the public feed, none of those delivered to one bidder only. The feed orders
    // by time, and the memory clock stands still between steps: compare them by id.
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const feed = (await listNotices(world.deps, { limit: 100 })).notices;
    expect(page.changes.map((c) => c.notice).sort(byId)).toEqual([...feed].sort(byId));
    expect(page).toMatchObject({ next: world.log.length, more: false });
  });

  it('pages by the log index: following next gives every change once', async () => {
    const world = await awarded({ contract: false });
    const deps = openDataOf(world);
    const all = (await noticeChanges(deps, { cursor: 0, limit: 100 })).changes.map((c) => c.sequence);
    const paged: number[] = [];
    for (let cursor = 0, more = true; more;) {
      const page = await noticeChanges(deps, { cursor, limit: 1 });
      paged.push(...page.changes.map((c) => c.sequence));
      ({ next: cursor, more } = page);
    }
    expect(paged).toEqual(all);
    expect(all).toHaveLength(4);
  });
});
