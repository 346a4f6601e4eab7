/** The send path's cached lookups: answers kept for the TTL, emptied by any write through the core's repositories. */
import { describe, expect, it } from 'vitest';
import { RecipientCache } from '../src/core/messages/recipient-cache.js';
import type { Repositories } from '../src/core/ports/index.js';
import type { UserRecord } from '../src/core/types.js';

function fakeRepos() {
  const users = new Set<string>(['ann', 'bob']);
  const blocks = new Set<string>();
  const reads = { users: 0, blocks: 0 };
  const repos = {
    users: {
      get: async (_a: string, u: string) => {
        reads.users++;
        return users.has(u) ? ({ username: u } as UserRecord) : undefined;
      },
      insertMany: async (rows: UserRecord[]) => {
        for (const r of rows) users.add(r.username);
        return [];
      },
      delete: async (_a: string, u: string) => users.delete(u),
    },
    relations: {
      has: async (_a: string, o: string, p: string) => {
        reads.blocks++;
        return blocks.has(`${o}>${p}`);
      },
      add: async (_a: string, o: string, p: string) => void blocks.add(`${o}>${p}`),
      remove: async (_a: string, o: string, p: string) => void blocks.delete(`${o}>${p}`),
      removeUser: async () => undefined,
    },
  } as unknown as Repositories;
  return { repos, reads };
}

describe('recipient cache', () => {
  it('answers from memory within the TTL and reads again after it', async () => {
    let now = 1000;
    const cache = new RecipientCache({ now: () => now }, { ttlMs: 100, maxEntries: 10 });
    const { repos, reads } = fakeRepos();
    const v = cache.views(cache.watch(repos));
    expect(await v.users.get('a', 'bob')).toBeTruthy();
    expect(await v.users.get('a', 'bob')).toBeTruthy();
    expect(await v.relations.has('a', 'bob', 'ann', 'block')).toBe(false);
    expect(await v.relations.has('a', 'bob', 'ann', 'block')).toBe(false);
    expect(reads).toEqual({ users: 1, blocks: 1 });
    now += 100;
    await v.users.get('a', 'bob');
    expect(reads.users).toBe(2);
  });

  it('a write through the watched repositories is seen by the next send at once', async () => {
    const cache = new RecipientCache({ now: () => 0 }, { ttlMs: 60_000, maxEntries: 10 });
    const { repos } = fakeRepos();
    const watched = cache.watch(repos);
    const v = cache.views(watched);
    expect(await v.relations.has('a', 'bob', 'ann', 'block')).toBe(false);
    await watched.relations.add('a', 'bob', 'ann', 'block', 0);
    expect(await v.relations.has('a', 'bob', 'ann', 'block')).toBe(true);
    await watched.relations.remove('a', 'bob', 'ann', 'block');
    expect(await v.relations.has('a', 'bob', 'ann', 'block')).toBe(false);
    expect(await v.users.get('a', 'cy')).toBeUndefined();
    await watched.users.insertMany([{ username: 'cy' } as UserRecord]);
    expect(await v.users.get('a', 'cy')).toBeTruthy();
    await watched.users.delete('a', 'cy');
    expect(await v.users.get('a', 'cy')).toBeUndefined();
  });

  it('concurrent sends to one recipient share one read; a failed read is not kept', async () => {
    const cache = new RecipientCache({ now: () => 0 }, { ttlMs: 60_000, maxEntries: 10 });
    const { repos, reads } = fakeRepos();
    const v = cache.views(repos);
    await Promise.all([1, 2, 3].map(() => v.users.get('a', 'bob')));
    expect(reads.users).toBe(1);
    let fail = true;
    const flaky = cache.views({
      ...repos,
      users: { ...repos.users, get: async () => (fail ? Promise.reject(new Error('down')) : undefined) },
    });
    await expect(flaky.users.get('a', 'zed')).rejects.toThrow('down');
    fail = false;
    await expect(flaky.users.get('a', 'zed')).resolves.toBeUndefined();
  });

  it('keeps at most maxEntries answers', async () => {
    const cache = new RecipientCache({ now: () => 0 }, { ttlMs: 60_000, maxEntries: 2 });
    const { repos, reads } = fakeRepos();
    const v = cache.views(repos);
    for (const u of ['ann', 'bob', 'cy', 'ann']) await v.users.get('a', u);
    expect(reads.users).toBe(4); // ann was dropped when cy came in
  });
});
