/** What a body looks like, judged from its bytes alone, on real captures of each format. */
import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../src/sources/kit/sniff.js';
import { readDocument } from './official/goldens.js';

describe('sniffFormat', () => {
  it.each([
    ['statuspage/github_summary_2022-11-25_ACTIVE_major_incident.json', 'statuspage-json'],
    ['statuspage/openai_status_summary_2026-07-09.json', 'statuspage-json'],
    ['statuspage/github-incidents/0685jv9vz0cp.json', 'statuspage-json'],
    ['statuspage/digitalocean_history_2020-01-23.atom', 'rss-or-atom'],
    ['statuspage/parse_history_2014-01-09.rss', 'rss-or-atom'],
    ['gcp-status/gcp_status_incidents_2021-07_2022-07.json', 'gcp-incidents-json'],
    ['slack-status/slack_status_api_v2_current_2023-09-26_active_EXTRACTED.json', 'slack-status-json'],
    ['aws-health/aws_status_data_json_2021-06_2022-06.json', 'aws-health-json'],
    ['aws-health/aws_currentevents_CONSTRUCTED_utf16be.json', 'aws-health-json'],
    ['salesforce-trust/salesforce_trust_v1_incidents_CONSTRUCTED.json', 'salesforce-trust-json'],
    ['zendesk-status/zendesk_ssp_incidents_CONSTRUCTED.json', 'zendesk-status-json'],
    ['sorry/postmark_sorry_notices_CONSTRUCTED.json', 'sorry-json'],
    ['algolia-status/algolia_monitoring_incidents_CONSTRUCTED.json', 'algolia-status-json'],
    ['hund/bitwarden_hund_state_feed_CONSTRUCTED.atom', 'hund-atom'],
    ['adyen-status/adyen_incident_messages_active_CONSTRUCTED.json', 'adyen-status-json'],
    ['adyen-status/adyen_incident_messages_history_CONSTRUCTED.json', 'adyen-status-json'],
    ['auth0-status/auth0_status_page_active_CONSTRUCTED.html', 'auth0-status-data'],
    ['auth0-status/auth0_status_page_operational_CONSTRUCTED.html', 'auth0-status-data'],
    ['statuscake/mailchimp_statuscake_report_CONSTRUCTED_one_down.json', 'statuscake-json'],
    ['statushub/wpengine_statushub_statuses_CONSTRUCTED_down.json', 'statushub-json'],
  ])('%s looks like %s', (file, expected) => {
    expect(sniffFormat(readDocument(file))).toBe(expected);
  });

  it('tells pages, other JSON, bad JSON and empty bodies apart', () => {
    expect(sniffFormat('\uFEFF<!DOCTYPE html><html lang="en"><body>x</body></html>')).toBe('html');
    expect(sniffFormat('<?xml version="1.0"?><note/>')).toBe('other-xml');
    expect(sniffFormat('{"ok":true}')).toBe('other-json');
    expect(sniffFormat('[1,2]')).toBe('other-json');
    expect(sniffFormat('[{"id":1,"subject":"s","state":"resolved"}]')).toBe('sorry-json');
    expect(sniffFormat('{"incidents":{"c1-br":"down"}}')).toBe('other-json');
    expect(sniffFormat('{"page": ')).toBe('text');
    expect(sniffFormat('  \n')).toBe('empty');
  });
});
