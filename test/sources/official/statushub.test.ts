/** StatusHub pages (WP Engine's): the service counters as one state, no posts from parse, bad input. */
import { describe, expect, it } from 'vitest';
import { documentUrl } from '../../../src/config/catalog-pages.js';
import { componentChangePosts } from '../../../src/sources/component-state.js';
import { isDocumentPolled } from '../../../src/sources/plugin.js';
import { adapterFor, pluginFor } from '../../../src/sources/registry.js';
import { readDocument } from './goldens.js';
import { expectParseError, parseWith } from './helpers.js';

const UP = 'statushub/wpengine_statushub_statuses_CONSTRUCTED_all_up.json';
const DOWN = 'statushub/wpengine_statushub_statuses_CONSTRUCTED_down.json';

function states(doc: string) {
  const p = pluginFor('statushub');
  if (!p || !isDocumentPolled(p) || !p.componentStates) throw new Error('statushub reads no component states');
  return p.componentStates(doc);
}

const counters = (up: unknown, affected: unknown, down: unknown) =>
  JSON.stringify({ counters: { count_status_1: up, count_status_2: affected, count_status_3: down } });

describe('statushub: /api/statuses', () => {
  it('reads the page as one component: all up operational; any down a major outage; only affected degraded; the counts in words', () => {
    expect(states(readDocument(UP))).toEqual([{ name: 'All services', status: 'operational', updated_at: null, detail: 'all 12 services up' }]);
    expect(states(readDocument(DOWN))).toEqual([
      { name: 'All services', status: 'major_outage', updated_at: null, detail: '1 of 12 services down, 1 affected' },
    ]);
    expect(states(counters(9, 3, 0))).toEqual([
      { name: 'All services', status: 'degraded_performance', updated_at: null, detail: '3 of 12 services affected' },
    ]);
    expect(states(counters(0, 0, 1))).toEqual([{ name: 'All services', status: 'major_outage', updated_at: null, detail: '1 of 1 service down' }]);
    // A page with no services shows no state.
    expect(states(counters(0, 0, 0))).toEqual([]);
  });

  it('gives no posts from parse; the page going down, then degraded, then up is an official post each time, with the counts', async () => {
    expect(await parseWith('statushub', readDocument(UP))).toEqual([]);
    expect(await parseWith('statushub', readDocument(DOWN))).toEqual([]);
    const source = { id: 'wp-engine-status', kind: 'statushub', provider: 'wp-engine' };
    const up = states(readDocument(UP));
    const down = states(readDocument(DOWN))!;
    const degraded = states(counters(11, 1, 0))!;
    const [p1] = componentChangePosts(source, up, down, '2026-01-05T10:00:00.000Z');
    expect(p1).toMatchObject({
      source_kind: 'statushub',
      provider: 'wp-engine',
      title: 'All services: a major outage',
      text: 'All services is now showing a major outage (was operational): 1 of 12 services down, 1 affected.',
      incident: { id: 'component:All services', status: 'investigating', impact: 'critical' },
    });
    const [p2] = componentChangePosts(source, down, degraded, '2026-01-05T10:10:00.000Z');
    expect(p2).toMatchObject({
      text: 'All services is now showing degraded performance (was a major outage): 1 of 12 services affected.',
      incident: { impact: 'minor' },
    });
    const [p3] = componentChangePosts(source, degraded, up!, '2026-01-05T10:30:00.000Z');
    expect(p3!.incident).toMatchObject({ status: 'resolved', resolved_at: '2026-01-05T10:30:00.000Z' });
    // Counts that change within the same state make no post.
    expect(componentChangePosts(source, down, states(counters(8, 2, 2))!, '2026-01-05T10:05:00.000Z')).toEqual([]);
  });

  it('when the page is already down at the first poll, then that is a post of its own (a states-only page has no incident posts to say it); already up says nothing', () => {
    const source = { id: 'wp-engine-status', kind: 'statushub', provider: 'wp-engine' };
    expect(pluginFor('statushub')).toMatchObject({ statesOnly: true });
    const first = componentChangePosts(source, null, states(readDocument(DOWN))!, '2026-01-05T10:00:00.000Z', { statesOnly: true });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      title: 'All services: a major outage',
      text: 'All services is showing a major outage: 1 of 12 services down, 1 affected.',
      incident: { id: 'component:All services', status: 'investigating', impact: 'critical' },
    });
    expect(componentChangePosts(source, null, states(readDocument(UP))!, '2026-01-05T10:00:00.000Z', { statesOnly: true })).toEqual([]);
    // A Statuspage's components at a first poll are covered by its incident posts: still nothing.
    expect(componentChangePosts(source, null, states(readDocument(DOWN))!, '2026-01-05T10:00:00.000Z')).toEqual([]);
  });

  it('reads a StatusHub page’s counters at /api/statuses, that URL as it is', () => {
    expect(documentUrl('statushub', 'https://wpenginestatus.com')).toBe('https://wpenginestatus.com/api/statuses');
    expect(documentUrl('statushub', 'https://wpenginestatus.com/api/statuses')).toBe('https://wpenginestatus.com/api/statuses');
    expect(adapterFor('statushub')?.documents).toEqual(['api/statuses (JSON)']);
  });

  it('refuses what is not StatusHub counters, in one line naming the document; componentStates then gives null', async () => {
    await expectParseError('statushub', '<!DOCTYPE html><html><body>WP Engine Status</body></html>', /not valid JSON/);
    await expectParseError('statushub', '   ', /empty document/);
    await expectParseError('statushub', '{"page":{"id":"x"},"status":{}}', /expected an object with "counters"/);
    await expectParseError('statushub', '{"counters":{"count_status_1":3,"count_status_2":0}}', /counters\.count_status_3/);
    await expectParseError('statushub', counters(3, '1', 0), /counters\.count_status_2/);
    await expectParseError('statushub', counters(3, 0, -1), /counters\.count_status_3: a count of services/);
    await expectParseError('statushub', counters(2.5, 0, 0), /counters\.count_status_1: a whole number of services/);
    expect(states('nope')).toBeNull();
    expect(states('{"counters": null}')).toBeNull();
  });
});
