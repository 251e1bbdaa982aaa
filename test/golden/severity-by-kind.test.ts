/**
 * Severity comes from the provider's own rating in every kind, on one scale: each kind's words,
 * least to worst, give minor, major, critical; a page that rates nothing (Statuspage "none", a
 * generic status feed) leaves the correlator's rule: confirmed by the provider is major.
 * One document per word, in each format's real shape, through the real adapter and correlator.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GoldenRun } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'severity-'));
let n = 0;
/** Writes a document to a temporary file and returns its absolute path. */
function doc(text: string): string {
  const path = join(dir, `doc-${++n}`);
  writeFileSync(path, text);
  return path;
}

const AT = '2024-03-01T12:10:00Z';

async function severityOf(kind: string, provider: string, text: string): Promise<string | undefined> {
  const run = new GoldenRun({ kind, provider, tier: 'official' });
  await run.poll(doc(text), AT);
  const all = run.incidents();
  expect(all).toHaveLength(1);
  expect(all[0]!.status).toBe('confirmed');
  return all[0]!.severity;
}

const statuspage = (impact: string) =>
  JSON.stringify({
    page: { id: 'p', name: 'GitHub', url: 'https://www.githubstatus.com' },
    incidents: [
      {
        id: `inc-${impact}`,
        name: 'Degraded performance',
        status: 'investigating',
        impact,
        incident_updates: [{ id: 'u1', status: 'investigating', body: 'We are investigating.', display_at: '2024-03-01T12:00:00Z' }],
        components: [],
      },
    ],
  });

const slack = (type: string) =>
  JSON.stringify({
    status: 'active',
    active_incidents: [
      {
        id: 7,
        date_created: '2024-03-01T04:00:00-08:00',
        title: 'Trouble sending messages',
        type,
        status: 'active',
        url: 'https://status.slack.com/2024-03/x',
        services: ['Messaging'],
        notes: [{ date_created: '2024-03-01T04:00:00-08:00', body: 'We are looking into it.' }],
      },
    ],
  });

const gcp = (severity: string) =>
  JSON.stringify([
    {
      id: `g-${severity}`,
      begin: '2024-03-01T12:00:00+00:00',
      created: '2024-03-01T12:00:00+00:00',
      external_desc: 'Elevated errors',
      severity,
      service_name: 'Cloud Storage',
      affected_products: [{ title: 'Cloud Storage' }],
      currently_affected_locations: [],
      previously_affected_locations: [],
      updates: [{ when: '2024-03-01T12:00:00+00:00', status: 'SERVICE_DISRUPTION', text: 'We are investigating.', affected_locations: [] }],
    },
  ]);

const aws = (word: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Amazon Simple Storage Service (N. Virginia) Service Status</title><link>http://status.aws.amazon.com/</link>
<item><title>${word}: Increased Error Rates</title><link>http://status.aws.amazon.com/</link><pubDate>Fri, 01 Mar 2024 04:00:00 PST</pubDate>
<guid isPermaLink="false">http://status.aws.amazon.com/#s3-us-east-1_1709294400</guid><description>We are investigating increased error rates.</description></item></channel></rss>`;

const microsoft = (status: string) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Microsoft Admin Center Status</title><link>https://status.cloud.microsoft/</link>
<item><title>Microsoft Admin Center</title><description>Some admins can't reach Service health.</description><pubDate>Fri, 01 Mar 2024 12:00:00 Z</pubDate><status>${status}</status></item></channel></rss>`;

const statusio = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Docker Systems Status Page</title>
<item><title>Degraded Hub performance</title><description><![CDATA[<small>March 1, 2024 04:00 PST</small><br /><b>Investigating</b> - We are investigating latency issues for Hub<br /><br />]]></description>
<link>https://status.io/pages/incident/533c6539221ae15e3f000031/abc</link><guid isPermaLink="false">abc</guid><pubDate>Fri, 01 Mar 2024 12:00:00 GMT</pubDate></item></channel></rss>`;

describe('severity from the provider’s own words, kind by kind', () => {
  it.each([
    ['none', 'major'],
    ['minor', 'minor'],
    ['major', 'major'],
    ['critical', 'critical'],
  ])('Statuspage (and incident.io) impact %s → %s', async (impact, severity) => {
    expect(await severityOf('statuspage', 'github', statuspage(impact))).toBe(severity);
  });

  it.each([
    ['notice', 'minor'],
    ['incident', 'major'],
    ['outage', 'critical'],
  ])('Slack type %s → %s', async (type, severity) => {
    expect(await severityOf('slack-status', 'slack', slack(type))).toBe(severity);
  });

  it.each([
    ['low', 'minor'],
    ['medium', 'major'],
    ['high', 'critical'],
  ])('Google Cloud severity %s → %s', async (level, severity) => {
    expect(await severityOf('gcp-status', 'gcp', gcp(level))).toBe(severity);
  });

  it.each([
    ['Informational message', 'minor'],
    ['Performance issues', 'major'],
    ['Service degradation', 'major'],
    ['Service disruption', 'critical'],
  ])('AWS dashboard "%s" → %s', async (word, severity) => {
    expect(await severityOf('aws-health', 'aws', aws(word))).toBe(severity);
  });

  it.each([
    ['ServiceDegradation', 'minor'],
    ['ServiceInterruption', 'major'],
  ])('Microsoft status feed <status>%s</status> → %s', async (status, severity) => {
    expect(await severityOf('rss', 'microsoft-365', microsoft(status))).toBe(severity);
  });

  it('a status feed that rates nothing (status.io) → major once the provider confirms', async () => {
    expect(await severityOf('rss', 'docker', statusio)).toBe('major');
  });
});
