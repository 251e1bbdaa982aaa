/**
 * Golden runs: for every status-page format the catalog uses, captured documents of an active
 * and of a resolved incident go through the real adapter, analyzer and correlator, and the
 * incident comes out in the state and with the severity the provider's own words give it.
 * Fixtures and where each comes from: test/fixtures/golden/README.md.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/domain/incident.js';
import { GoldenRun } from './harness.js';

/** The whole real incidents.json (test/fixtures/official/README.md says where it comes from). */
const realCapture = fileURLToPath(new URL('../fixtures/official/gcp-status/gcp_status_incidents_2021-07_2022-07.json', import.meta.url));

function only(run: GoldenRun): Incident {
  const all = run.incidents();
  expect(all).toHaveLength(1);
  return all[0]!;
}

describe('Statuspage (JSON API and history feed)', () => {
  it('when githubstatus.com shows an incident under investigation rated major, then it is confirmed and major', async () => {
    const run = new GoldenRun({ kind: 'statuspage', provider: 'github', tier: 'official' });
    await run.poll('statuspage/github_summary_2022-11-25_ACTIVE_major_incident.json', '2022-11-25T15:51:00Z');
    expect(only(run)).toMatchObject({ provider: 'github', status: 'confirmed', severity: 'major', official_incident_ids: ['ljwdk6qml8z8'] });
  });

  it('when the history feed first shows an incident in progress and then its Resolved update, then it is confirmed, then resolved at that update', async () => {
    const run = new GoldenRun({ kind: 'statuspage', provider: 'digitalocean', tier: 'official' });
    await run.poll('statuspage/digitalocean_history_2020-01-23_DERIVED_as-at-1531Z.atom', '2020-01-23T15:31:00Z');
    // The feed gives no impact rating: confirmed by the provider is major.
    expect(only(run)).toMatchObject({ status: 'confirmed', severity: 'major', official_incident_ids: ['lvyhmpwhvdt4'] });
    await run.poll('statuspage/digitalocean_history_2020-01-23.atom', '2020-01-23T21:40:00Z');
    expect(only(run)).toMatchObject({ status: 'resolved', severity: 'major', resolved_at: '2020-01-23T21:39:00.000Z' });
  });
});

describe("incident.io's Statuspage-compatible API (status.openai.com)", () => {
  it('when the summary shows two incidents under investigation, then each is confirmed: minor as rated, and major where the rating is "none"', async () => {
    const run = new GoldenRun({ kind: 'statuspage', provider: 'openai', tier: 'official' });
    await run.poll('statuspage/openai_incidentio_summary_2026-09-29_ACTIVE_DERIVED.json', '2026-09-29T18:30:00Z');
    const byId = new Map(run.incidents().map((i) => [i.official_incident_ids[0], i]));
    expect(byId.get('01M3Q4RK1SM4EMK445GGPG7C0N')).toMatchObject({ status: 'confirmed', severity: 'minor' });
    expect(byId.get('01M3Q4HMNP8SZ27DTZKW6F5BJ4')).toMatchObject({ status: 'confirmed', severity: 'major' });
  });

  it('when incidents.json is polled through an incident, then it is confirmed while monitoring and resolved by the resolved update', async () => {
    const run = new GoldenRun({ kind: 'statuspage', provider: 'openai', tier: 'official' });
    const file = 'statuspage/openai_incidentio_incidents_2026-09-15_DERIVED.json';
    await run.poll(file, '2026-09-15T07:30:00Z');
    const active = run.incidents().find((i) => i.official_incident_ids.includes('01M2HYH64J2CZMZ63HEV2FCQFA'));
    expect(active).toMatchObject({ status: 'confirmed', severity: 'minor' });
    await run.poll(file, '2026-09-15T08:00:00Z');
    const ended = run.incidents().find((i) => i.official_incident_ids.includes('01M2HYH64J2CZMZ63HEV2FCQFA'));
    expect(ended).toMatchObject({ status: 'resolved', severity: 'minor', resolved_at: '2026-09-15T07:53:36.000Z' });
  });
});

describe('Slack status API v2', () => {
  it('when current shows an active incident of type "incident", then it is confirmed and major', async () => {
    const run = new GoldenRun({ kind: 'slack-status', provider: 'slack', tier: 'official' });
    await run.poll('slack-status/slack_status_api_v2_current_2023-09-26_active_EXTRACTED.json', '2023-09-26T19:00:00Z');
    expect(only(run)).toMatchObject({ provider: 'slack', status: 'confirmed', severity: 'major' });
  });

  it('when history is polled through an outage, then it is critical, confirmed and then resolved by its closing note; maintenance opens nothing', async () => {
    const run = new GoldenRun({ kind: 'slack-status', provider: 'slack', tier: 'official' });
    const file = 'slack-status/slack_status_api_v2_history_CONSTRUCTED.json';
    await run.poll(file, '2024-02-14T11:30:00Z');
    expect(run.incidents()).toEqual([]);
    await run.poll(file, '2024-02-26T17:00:00Z');
    expect(only(run)).toMatchObject({ status: 'confirmed', severity: 'critical' });
    await run.poll(file, '2024-02-26T18:10:00Z');
    expect(only(run)).toMatchObject({ status: 'resolved', severity: 'critical', resolved_at: '2024-02-26T18:05:12.000Z' });
  });
});

describe('AWS Health Dashboard per-service RSS', () => {
  it('when EC2 Tokyo goes from "Informational message" to "Service degradation" and back to normal, then severity follows the dashboard and the event ends resolved', async () => {
    const run = new GoldenRun({ kind: 'aws-health', provider: 'aws', tier: 'official' });
    const file = 'aws-health/aws_ec2-ap-northeast-1_2019-09-07.rss';
    await run.poll(file, '2019-08-23T04:30:00Z');
    expect(only(run)).toMatchObject({ status: 'confirmed', severity: 'minor' });
    await run.poll(file, '2019-08-23T09:00:00Z');
    expect(only(run)).toMatchObject({ status: 'confirmed', severity: 'major' });
    // The dashboard's own rating wins both ways: back to "Informational message" during recovery.
    await run.poll(file, '2019-08-23T10:00:00Z');
    expect(only(run)).toMatchObject({ status: 'confirmed', severity: 'minor' });
    await run.poll(file, '2019-08-23T11:30:00Z');
    expect(only(run)).toMatchObject({ status: 'resolved', resolved_at: '2019-08-23T11:18:35.000Z' });
  });

  it('when the real S3 feed of 28 Feb 2017 is read, then its items say "Service disruption" (critical) and [RESOLVED]', async () => {
    const run = new GoldenRun({ kind: 'aws-health', provider: 'aws', tier: 'official' });
    const posts = await run.poll('aws-health/aws_s3-us-standard_2017-03-08.rss', '2017-02-28T22:12:00Z');
    expect(posts.map((p) => [p.incident?.status, p.incident?.status_raw, p.incident?.impact])).toEqual([
      ['resolved', 'Service disruption', 'critical'],
      ['resolved', 'Service disruption', 'critical'],
    ]);
  });
});

describe('Google Cloud incidents.json', () => {
  it('when a high-severity outage is polled while on and after AVAILABLE, then it is confirmed critical, then resolved', async () => {
    const run = new GoldenRun({ kind: 'gcp-status', provider: 'gcp', tier: 'official' });
    const file = 'gcp-status/gcp_incidents_2022-06_two_records_DERIVED.json';
    await run.poll(file, '2022-06-02T21:00:00Z');
    expect(only(run)).toMatchObject({ status: 'confirmed', severity: 'critical', official_incident_ids: ['XdQANahFJvMuxxkgA34K'] });
    await run.poll(file, '2022-06-02T22:30:00Z');
    expect(only(run)).toMatchObject({ status: 'resolved', severity: 'critical', resolved_at: '2022-06-02T21:30:00.000Z' });
  });

  it('when an incident gets its end but no AVAILABLE update (NJJp8jkNzFStMyiJZWWD of the real capture), then it is confirmed by its update, then resolved at end', async () => {
    const run = new GoldenRun({ kind: 'gcp-status', provider: 'gcp', tier: 'official' });
    const find = () => run.incidents().find((i) => i.official_incident_ids.includes('NJJp8jkNzFStMyiJZWWD'));
    // Its only update, SERVICE_DISRUPTION, was posted at 04:21:20; the record was last modified
    // (its end of 03:41:13 set by then at the latest) at 05:48:13.
    await run.poll(realCapture, '2021-08-24T04:30:00Z');
    expect(find()).toMatchObject({ status: 'confirmed', severity: 'major', resolved_at: null });
    await run.poll(realCapture, '2021-08-24T06:00:00Z');
    expect(find()).toMatchObject({ status: 'resolved', severity: 'major', resolved_at: '2021-08-24T03:41:13.000Z' });
    // GCP's closing description, two lines, gives the title its first sentence only.
    expect(find()!.title).toBe(
      'gcp Google Cloud Networking: The issue with Cloud Networking has been resolved for all affected users as of Monday, 2021-08-23 20:41:13 PDT.',
    );
  });

  it('when a medium-severity disruption is polled, then it is major', async () => {
    const run = new GoldenRun({ kind: 'gcp-status', provider: 'gcp', tier: 'official' });
    const file = 'gcp-status/gcp_incidents_2022-06_two_records_DERIVED.json';
    await run.poll(file, '2022-06-11T14:00:00Z');
    expect(only(run)).toMatchObject({ status: 'confirmed', severity: 'major' });
    await run.poll(file, '2022-06-11T16:00:00Z');
    expect(only(run)).toMatchObject({ status: 'resolved', severity: 'major' });
  });
});

describe('Azure status RSS (rss kind, official)', () => {
  it('when the item first says engineers are investigating and later gives its Summary of Impact and mitigation, then it is confirmed and then resolved', async () => {
    const run = new GoldenRun({ kind: 'rss', provider: 'azure', tier: 'official' });
    await run.poll('rss/azure_status_feed_2018-10-27_CONSTRUCTED_active.xml', '2018-10-27T03:41:00Z');
    expect(only(run)).toMatchObject({ provider: 'azure', status: 'confirmed', severity: 'major' });
    await run.poll('rss/azure_status_feed_2018-11-12_DERIVED_mitigated.xml', '2018-11-12T16:26:00Z');
    expect(only(run)).toMatchObject({ status: 'resolved', severity: 'major' });
  });
});

describe('Microsoft 365 status RSS (rss kind, official)', () => {
  it('when the admin center goes to ServiceDegradation and back to Available, then it is confirmed minor, then resolved', async () => {
    const run = new GoldenRun({ kind: 'rss', provider: 'microsoft-365', tier: 'official' });
    await run.poll('rss/microsoft365_status_feed_CONSTRUCTED_servicedegradation.xml', '2026-04-03T18:06:00Z');
    expect(only(run)).toMatchObject({ provider: 'microsoft-365', status: 'confirmed', severity: 'minor' });
    await run.poll('rss/microsoft365_status_feed_CONSTRUCTED_available.xml', '2026-04-04T04:34:00Z');
    expect(only(run)).toMatchObject({ status: 'resolved', severity: 'minor', resolved_at: '2026-04-04T04:33:00.000Z' });
  });
});

describe('status.io RSS (Docker, GitLab, Let’s Encrypt: rss kind, official)', () => {
  it('when the item shows Investigating and then Resolved, then the incident is confirmed, then resolved, and stays resolved through days of silence', async () => {
    const run = new GoldenRun({ kind: 'rss', provider: 'docker', tier: 'official' });
    await run.poll('rss/docker_statusio_rss_2026-06-04_DERIVED_as-at-1216Z.xml', '2026-06-04T12:16:00Z');
    expect(only(run)).toMatchObject({ provider: 'docker', status: 'confirmed', severity: 'major', official_incident_ids: ['6a216c468614df05b0372d0d'] });
    await run.poll('rss/docker_statusio_rss_2026-06-24.xml', '2026-06-04T13:44:00Z');
    expect(only(run)).toMatchObject({ status: 'resolved', resolved_at: '2026-06-04T13:43:00.000Z' });
    run.silence('2026-06-07T13:44:00Z');
    expect(only(run).status).toBe('resolved');
  });

  it('when the item says Monitoring, then the incident is still open (confirmed)', async () => {
    const run = new GoldenRun({ kind: 'rss', provider: 'docker', tier: 'official' });
    await run.poll('rss/docker_statusio_rss_2026-04-21_monitoring.xml', '2026-04-20T10:00:00Z');
    expect(only(run)).toMatchObject({ status: 'confirmed' });
  });

  it('when the same feed comes from a community source, then its words are not the provider’s: nothing is read as an official update', async () => {
    const run = new GoldenRun({ kind: 'rss', provider: 'docker', tier: 'community' });
    const posts = await run.poll('rss/docker_statusio_rss_2026-06-24.xml', '2026-06-04T13:44:00Z');
    expect(posts.map((p) => [p.kind, p.incident])).toEqual([
      ['news', null],
      ['news', null],
    ]);
    expect(run.incidents().every((i) => i.status !== 'confirmed' && i.status !== 'resolved')).toBe(true);
  });
});
