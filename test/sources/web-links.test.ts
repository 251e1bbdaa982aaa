import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toParseOutput, type Post } from '../../src/domain/post.js';
import { getPost, insertPosts } from '../../src/store/posts-repo.js';
import { testRuntime } from '../helpers/runtime.js';
import { parseWith } from './official/helpers.js';

/**
 * A status page's own links are as hostile as any feed's: Statuspage's page.url and shortlink,
 * Slack's incident url and an AWS feed's <link> went straight into `url`, which API clients and
 * webhooks render as a link. Real captures with their links replaced by javascript: URLs.
 */
const official = join(import.meta.dirname, '../fixtures/official');
const read = (...p: string[]) => readFileSync(join(official, ...p), 'utf8');

const statuspageJson = JSON.stringify({
  page: { id: 'kctbh9vrtdwd', name: 'GitHub', url: 'javascript:alert(document.domain)//' },
  incidents: [
    {
      id: 'evil1',
      name: 'Incident with Git Operations',
      status: 'investigating',
      impact: 'major',
      shortlink: 'javascript:alert(2)',
      created_at: '2023-05-10T14:05:00Z',
      started_at: '2023-05-10T14:05:00Z',
      incident_updates: [{ id: 'u1', status: 'investigating', body: 'We are investigating.', created_at: '2023-05-10T14:05:00Z', affected_components: null }],
      components: [],
    },
  ],
});
const slack = read('slack-status', 'slack_status_api_v2_current_2023-09-26_active_EXTRACTED.json').replace(
  '"url":"https:\\/\\/status.slack.com\\/2023-09\\/badc5543a21e1fa7"',
  '"url":"javascript:alert(1)"',
);
const aws = read('aws-health', 'aws_ec2-ap-northeast-1_2019-09-07.rss').replace(/<link>[^<]*<\/link>/g, '<link>javascript:alert(1)</link>');

const cases: Array<[string, Post['source_kind'], string]> = [
  ['Statuspage JSON (page.url, shortlink)', 'statuspage', statuspageJson],
  ['Slack status (incident url)', 'slack-status', slack],
  ['AWS per-service RSS (<link>)', 'aws-health', aws],
];

describe('only web links leave as url', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(async () => {
    await rt?.cleanup();
  });

  it.each(cases)('when a %s link is javascript:, then parse prints url null and the store keeps null', async (_name, kind, doc) => {
    const posts = await parseWith(kind, doc);
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.some((p) => p.url?.startsWith('javascript:'))).toBe(true); // the document did carry one
    for (const p of posts) expect(toParseOutput(p).url).toBeNull();
    await insertPosts(rt.ctx.db, `${kind}-src`, 'official', posts, new Date().toISOString());
    for (const p of posts) expect((await getPost(rt.ctx.db, p.id))?.url).toBeNull();
  });

  it('when a link is a web link, then it is kept as written', async () => {
    const [post] = await parseWith('slack-status', read('slack-status', 'slack_status_api_v2_current_2023-09-26_active_EXTRACTED.json'));
    expect(toParseOutput(post!).url).toBe('https://status.slack.com/2023-09/badc5543a21e1fa7');
  });
});
