import type { BenchResult } from './types.js';
import { openPglite } from '../src/store/pglite.js';
import { migrate } from '../src/store/migrations.js';
import { insertPosts } from '../src/store/posts-repo.js';
import type { Post } from '../src/domain/post.js';

const post = (i: number, run: string): Post => ({
  id: `bench:${run}:${i}`,
  kind: 'social',
  source_kind: 'twitter',
  provider: 'aws',
  author: `user${i % 97}`,
  url: null,
  published_at: new Date(1488303000000 + i * 1000).toISOString(),
  title: null,
  text: `S3 errors in us-east-1 for us too (${i})`,
  incident: null,
});

/**
 * Storing posts: the batched insert the ingest stage uses, against one INSERT per post on the
 * same embedded database in the same run. Target: at least 3× the baseline.
 */
export async function benchStore(n = 3000): Promise<BenchResult[]> {
  const db = await openPglite(null);
  try {
    await migrate(db);
    const at = new Date(1488303000000).toISOString();
    const batch = Array.from({ length: n }, (_, i) => post(i, 'batch'));
    let t = process.hrtime.bigint();
    await insertPosts(db, 'bench', 'public', batch, at);
    const batched = n / (Number(process.hrtime.bigint() - t) / 1e9);
    const single = Array.from({ length: n }, (_, i) => post(i, 'single'));
    t = process.hrtime.bigint();
    for (const p of single) await insertPosts(db, 'bench', 'public', [p], at);
    const oneByOne = n / (Number(process.hrtime.bigint() - t) / 1e9);
    const ratio = batched / oneByOne;
    return [
      {
        name: 'store-posts',
        value: Math.round(batched),
        unit: 'posts/s',
        baseline_name: 'one INSERT per post (PGlite)',
        baseline: Math.round(oneByOne),
        ratio: Math.round(ratio * 100) / 100,
        target: 3,
        higher_is_better: true,
        met: ratio >= 3,
      },
    ];
  } finally {
    await db.close();
  }
}
