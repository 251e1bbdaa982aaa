/** Incident titles: one line, the provider named once, the provider's own headline bounded. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { incidentTitle } from '../../src/correlate/title.js';

/** external_desc of an incident of the real GCP capture (test/fixtures/official/README.md). */
function gcpDescription(id: string): string {
  const file = fileURLToPath(new URL('../fixtures/official/gcp-status/gcp_status_incidents_2021-07_2022-07.json', import.meta.url));
  const all = JSON.parse(readFileSync(file, 'utf8')) as Array<{ id: string; external_desc: string }>;
  return all.find((i) => i.id === id)!.external_desc;
}

const title = (input: Partial<Parameters<typeof incidentTitle>[0]>) =>
  incidentTitle({ providerName: 'Google Cloud', components: [], regions: [], officialTitle: null, status: 'confirmed', ...input });

describe('incident titles', () => {
  it('when GCP ends an incident with a two-line description, then the title is its first sentence on one line, the provider named once', () => {
    const t = title({ components: ['Google Cloud Networking'], officialTitle: gcpDescription('NJJp8jkNzFStMyiJZWWD') });
    expect(t).toBe('Google Cloud Networking: The issue with Cloud Networking has been resolved for all affected users as of Monday, 2021-08-23 20:41:13 PDT.');
  });

  it('when the first sentence is too long for a line, then it is cut at a word and marked …', () => {
    const t = title({ components: ['Google Cloud Dataflow'], officialTitle: gcpDescription('QEcZsLuW9bqYZggLZXgS') });
    expect(t).toBe(
      'Google Cloud Dataflow: We experienced performance issues with Cloud Dataflow between 2021-08-18 20:40 Pacific Time to 2021-08-19 01:40 Pacific…',
    );
    expect(t).not.toContain('\n');
  });

  const later = ' We will provide more information by Tuesday, 2021-08-24 09:00 US/Pacific with current details and workarounds.';

  it('when a sentence mark is not the end of a sentence ("e.g. europe-west1", "U.S. East"), then the headline goes on', () => {
    expect(title({ officialTitle: `Elevated errors, e.g. europe-west1 and us-west2.${later}` })).toBe(
      'Google Cloud: Elevated errors, e.g. europe-west1 and us-west2.',
    );
    expect(title({ officialTitle: `Degraded performance for U.S. East customers.${later}` })).toBe(
      'Google Cloud: Degraded performance for U.S. East customers.',
    );
  });

  it('when the first line fits, then it is the headline whole, abbreviations and all', () => {
    expect(title({ officialTitle: 'Degraded performance for U.S. East customers. Investigating.' })).toBe(
      'Google Cloud: Degraded performance for U.S. East customers. Investigating.',
    );
  });

  it('when a component does not start with the provider’s name, then the provider is named first, as before', () => {
    expect(title({ components: ['Cloud Run'], officialTitle: 'Elevated packet loss in europe-north1' })).toBe(
      'Google Cloud Cloud Run: Elevated packet loss in europe-north1',
    );
    expect(
      incidentTitle({
        providerName: 'AWS',
        components: ['S3'],
        regions: ['us-east-1'],
        officialTitle: 'Service disruption: [RESOLVED] Increased Error Rates',
        status: 'resolved',
      }),
    ).toBe('AWS S3 (us-east-1): Increased Error Rates');
  });

  it('when a name only begins with the provider’s letters ("Google Cloudy"), then the provider is still named', () => {
    expect(title({ components: ['Google Cloudy Thing'] })).toBe('Google Cloud Google Cloudy Thing: service disruption');
  });
});
