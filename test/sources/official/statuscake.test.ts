/** StatusCake public reports (Mailchimp's page): each test's state, no posts from parse, bad input. */
import { describe, expect, it } from 'vitest';
import { documentUrl } from '../../../src/config/catalog-pages.js';
import { componentChangePosts } from '../../../src/sources/component-state.js';
import { isDocumentPolled } from '../../../src/sources/plugin.js';
import { adapterFor, pluginFor } from '../../../src/sources/registry.js';
import { readDocument } from './goldens.js';
import { expectParseError, parseWith } from './helpers.js';

const UP = 'statuscake/mailchimp_statuscake_report_CONSTRUCTED_all_up.json';
const DOWN = 'statuscake/mailchimp_statuscake_report_CONSTRUCTED_one_down.json';
const REPORT = 'https://app.statuscake.com/Workfloor/PublicReportHandler.php?PublicID=58JncZazfp';

function states(doc: string) {
  const p = pluginFor('statuscake');
  if (!p || !isDocumentPolled(p) || !p.componentStates) throw new Error('statuscake reads no component states');
  return p.componentStates(doc);
}

const report = (tests: unknown) => JSON.stringify({ TestData: tests });

describe('statuscake: public report', () => {
  it('reads each test as a component: Up operational, Down a major outage, with no time of its own', () => {
    expect(states(readDocument(UP))?.map((s) => s.status)).toEqual(Array(5).fill('operational'));
    expect(states(readDocument(DOWN))).toEqual([
      { name: 'Marketing Platform', status: 'operational', updated_at: null },
      { name: 'Marketing API', status: 'major_outage', updated_at: null },
      { name: 'Transactional Email', status: 'operational', updated_at: null },
      { name: 'Website and Landing Pages', status: 'operational', updated_at: null },
      { name: 'Login', status: 'operational', updated_at: null },
    ]);
  });

  it('gives no posts from parse (states alone are not posts); a test going down and back up is an official post each way', async () => {
    expect(await parseWith('statuscake', readDocument(UP))).toEqual([]);
    expect(await parseWith('statuscake', readDocument(DOWN))).toEqual([]);
    const source = { id: 'mailchimp-status', kind: 'statuscake', provider: 'mailchimp' };
    const [down] = componentChangePosts(source, states(readDocument(UP)), states(readDocument(DOWN))!, '2026-01-05T10:00:00.000Z');
    expect(down).toMatchObject({
      source_kind: 'statuscake',
      provider: 'mailchimp',
      published_at: '2026-01-05T10:00:00.000Z',
      incident: { id: 'component:Marketing API', status: 'investigating', impact: 'critical', components: ['Marketing API'] },
    });
    const back = componentChangePosts(source, states(readDocument(DOWN)), states(readDocument(UP))!, '2026-01-05T10:30:00.000Z');
    expect(back).toHaveLength(1);
    expect(back[0]!.incident).toMatchObject({ id: 'component:Marketing API', status: 'resolved', resolved_at: '2026-01-05T10:30:00.000Z' });
  });

  it('reads the words in any case, leaves out a state it does not know, keeps one state per name (the worst)', () => {
    const doc = report([
      { Name: 'API', Status: 'DOWN' },
      { Name: 'Web', Status: 'up', TestID: 123, Uptime: 99.9 },
      { Name: 'Batch', Status: 'Paused' },
      { Name: 'Web', Status: 'Down' },
    ]);
    expect(states(doc)).toEqual([
      { name: 'API', status: 'major_outage', updated_at: null },
      { name: 'Web', status: 'major_outage', updated_at: null },
    ]);
    expect(states(report([]))).toEqual([]);
  });

  it('reads the report document the catalog names, as it is', () => {
    expect(documentUrl('statuscake', REPORT)).toBe(REPORT);
    expect(adapterFor('statuscake')?.documents).toEqual(['Workfloor/PublicReportHandler.php?PublicID={id} (JSON)']);
  });

  it('refuses what is not a StatusCake report, in one line naming the document; componentStates then gives null', async () => {
    await expectParseError('statuscake', '<!DOCTYPE html><html><body>Mailchimp Status</body></html>', /not valid JSON/);
    await expectParseError('statuscake', '', /empty document/);
    await expectParseError('statuscake', '[]', /expected an object with a "TestData" list/);
    await expectParseError('statuscake', '{"page":{"id":"x"},"components":[]}', /expected an object with a "TestData" list/);
    await expectParseError('statuscake', '{"TestData":{"Name":"API"}}', /TestData: /);
    await expectParseError('statuscake', report([{ Name: 'API', Status: 'Up' }, { Status: 'Down' }]), /TestData\[1\]\.Name/);
    await expectParseError('statuscake', report([{ Name: '  ', Status: 'Up' }]), /TestData\[0\]\.Name: a test without a name/);
    await expectParseError('statuscake', report([{ Name: 'API', Status: 1 }]), /TestData\[0\]\.Status/);
    expect(states('not json')).toBeNull();
    expect(states('{"TestData": 3}')).toBeNull();
  });
});
