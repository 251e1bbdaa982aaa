import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { officialPipeline, type OfficialPipeline } from '../helpers/official-pipeline.js';
import { allIncidents, eventsOf } from '../../src/store/incidents-repo.js';
import { searchPosts } from '../../src/store/posts-repo.js';
import { withdrawnItemPosts } from '../../src/correlate/withdrawn.js';
import type { Post } from '../../src/domain/post.js';
import { bearer, getJson, newKey, serve } from '../api/helpers.js';

/**
 * Azure's status feed removes an item when its incident ends, without a closing word. The feed
 * is the recorded Azure status RSS (test/fixtures/golden/README.md: the channel of
 * azure_status_feed_2018-11-12_DERIVED_mitigated.xml, with its one item as it read while the
 * incident was on, azure_status_feed_2018-10-27_CONSTRUCTED_active.xml); "no longer lists it" is
 * that same channel with the item taken out, as Azure's feed reads once the incident is over.
 * Served on loopback and read by the real ingest, analyze and correlate stages.
 */
const ACTIVE = readFileSync(new URL('../fixtures/golden/rss/azure_status_feed_2018-10-27_CONSTRUCTED_active.xml', import.meta.url), 'utf8');
const WITHOUT_ITEM = ACTIVE.replace(/<item>[\s\S]*<\/item>/, '').replace('03:40:00 Z', '10:45:00 Z');
const ITEM = 'Virtual Machines/VM Scale Sets - East US 2';

describe('an official feed item that vanishes without a closing word', () => {
  let p: OfficialPipeline;
  let rt: OfficialPipeline['rt'];
  beforeAll(async () => {
    expect(WITHOUT_ITEM).not.toContain('<item>');
    expect(WITHOUT_ITEM).toContain('<title>Azure Status</title>');
    p = await officialPipeline(
      '2018-10-27T03:40:00Z',
      (url) => [{ id: 'azure-status', kind: 'rss', provider: 'azure', trust: 'official', enabled: true, url: `${url}/azure/feed`, interval: 60_000 }],
      { allowPrivate: ['127.0.0.1/32'] },
    );
    rt = p.rt;
  });
  afterAll(() => p?.close());

  const poll = (at: string, doc?: { body: string; status?: number }) =>
    p.poll('azure-status', at, doc && { path: '/azure/feed', body: doc.body, status: doc.status ?? 200, contentType: 'application/rss+xml' });
  const azureIncident = async () => {
    const list = (await allIncidents(rt.ctx.db)).filter((i) => i.provider === 'azure');
    expect(list).toHaveLength(1);
    return list[0]!;
  };

  it('when the feed lists the item as going on, then the incident is confirmed by the provider', async () => {
    expect(await poll('2018-10-27T03:41:00Z', { body: ACTIVE })).toBe('ok');
    expect(await azureIncident()).toMatchObject({ status: 'confirmed', official_incident_ids: [ITEM], resolved_at: null });
  });

  it('when polls fail, answer 304 or give an unreadable body, then nothing is ended', async () => {
    expect(await poll('2018-10-27T03:45:00Z')).toBe('not-modified'); // the same feed, conditional GET
    expect(await poll('2018-10-27T04:00:00Z', { body: 'upstream unavailable', status: 503 })).toBe('fetch-error');
    expect(await poll('2018-10-27T04:30:00Z', { body: 'gateway timeout', status: 504 })).toBe('fetch-error');
    expect(await poll('2018-10-27T05:00:00Z', { body: '<html><body>Service Unavailable</body></html>' })).toBe('parse-error');
    const inc = await azureIncident();
    expect(inc).toMatchObject({ status: 'confirmed', resolved_at: null });
    expect((await eventsOf(rt.ctx.db, inc.id)).map((e) => e.type)).not.toContain('resolved');
    expect(await searchPosts(rt.ctx.db, { source_id: 'azure-status', limit: 50 })).toHaveLength(1);
  });

  it('when a successful poll no longer lists the item, then the incident is resolved as withdrawn by the provider, with a timeline entry saying so', async () => {
    expect(await poll('2018-10-27T10:46:00Z', { body: WITHOUT_ITEM })).toBe('ok');
    const inc = await azureIncident();
    expect(inc).toMatchObject({ status: 'resolved', resolved_at: '2018-10-27T10:46:00.000Z', official_incident_ids: [ITEM] });
    const events = await eventsOf(rt.ctx.db, inc.id);
    const resolved = events.filter((e) => e.type === 'resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.summary).toMatch(
      /^Resolved \(item withdrawn by the provider\): the provider's status page stopped listing its incident without a closing update we could read/,
    );
    const posts = await searchPosts(rt.ctx.db, { source_id: 'azure-status', limit: 50 });
    const closing = posts.find((p) => p.id.startsWith('withdrawn:'));
    expect(closing).toMatchObject({
      kind: 'official',
      published_at: '2018-10-27T10:46:00.000Z',
      title: ITEM,
      incident: { id: ITEM, status: 'resolved', status_raw: 'withdrawn', resolved_at: '2018-10-27T10:46:00.000Z' },
    });
    expect(closing!.text).toContain('no longer lists this incident as going on and gave no closing update we could read');
    expect(resolved[0]!.post_id).toBe(closing!.id);
  });

  it('when support staff ask for the customer notice, then it says the page stopped listing the problem, not that the provider reports it resolved', async () => {
    const api = await serve(rt.ctx);
    try {
      const inc = await azureIncident();
      const res = await getJson(`${api.url}/api/v1/incidents/${encodeURIComponent(inc.id)}/notice`, bearer(await newKey(rt.ctx, 'reader')));
      expect(res.status).toBe(200);
      const body = res.body as { status: string; text: string };
      expect(body.status).toBe('resolved');
      expect(body.text).toMatch(/^Microsoft Azure no longer lists the problem with .+ on its status page, without a closing update\./);
      expect(body.text).not.toContain('has been resolved');
    } finally {
      await api.close();
    }
  });

  it('when the emptied feed is read again, then nothing more happens: one closing update, still resolved', async () => {
    expect(await poll('2018-10-27T10:50:00Z')).toBe('not-modified');
    expect(await poll('2018-10-27T11:00:00Z', { body: WITHOUT_ITEM.replace('10:45:00 Z', '10:59:00 Z') })).toBe('ok');
    const inc = await azureIncident();
    expect(inc.status).toBe('resolved');
    const posts = await searchPosts(rt.ctx.db, { source_id: 'azure-status', limit: 50 });
    expect(posts.filter((p) => p.id.startsWith('withdrawn:'))).toHaveLength(1);
    expect((await eventsOf(rt.ctx.db, inc.id)).filter((e) => e.type === 'resolved')).toHaveLength(1);
  });
});

describe('withdrawnItemPosts: when a missing item counts as withdrawn', () => {
  const update = (id: string, title: string, at: string, status: 'investigating' | 'resolved' = 'investigating'): Post => ({
    id: `rss:x:${id}:${at}`,
    kind: 'official',
    source_kind: 'rss',
    provider: 'azure',
    author: 'Azure Status',
    url: null,
    published_at: at,
    title,
    text: `${title}: ${status}`,
    incident: { id, status, impact: null, components: [], regions: [], started_at: null, resolved_at: status === 'resolved' ? at : null },
  });
  const base = { sourceId: 'azure-status', provider: 'azure', atIso: '2018-10-27T12:00:00.000Z' };
  const a = update('A', 'Storage - West Europe', '2018-10-27T09:00:00.000Z');
  const b = update('B', 'SQL Database - East US', '2018-10-27T11:00:00.000Z');

  it('when the document brought new items, all newer than the missing one, then it may have been pushed out: nothing is ended', () => {
    expect(withdrawnItemPosts({ ...base, listedBefore: [a], listedNow: [b], newItems: true })).toEqual([]);
  });

  it('when the document still lists an older item, or brought nothing new, then the missing one was withdrawn', () => {
    const older = update('C', 'DNS - Global', '2018-10-27T08:00:00.000Z');
    expect(withdrawnItemPosts({ ...base, listedBefore: [a], listedNow: [b, older], newItems: true }).map((p) => p.incident?.id)).toEqual(['A']);
    expect(withdrawnItemPosts({ ...base, listedBefore: [a], listedNow: [b], newItems: false }).map((p) => p.incident?.id)).toEqual(['A']);
  });

  it('when the item is still there but its words cannot be read this time, then its title keeps it open', () => {
    const unreadable: Post = { ...a, id: 'rss:x:A', incident: null, text: 'An update without a status word' };
    expect(withdrawnItemPosts({ ...base, listedBefore: [a], listedNow: [unreadable], newItems: true })).toEqual([]);
  });

  it('when the last word was already a closing one, then its removal adds nothing', () => {
    const closed = update('A', 'Storage - West Europe', '2018-10-27T10:00:00.000Z', 'resolved');
    expect(withdrawnItemPosts({ ...base, listedBefore: [a, closed], listedNow: [], newItems: false })).toEqual([]);
  });
});
