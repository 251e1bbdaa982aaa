import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeMarkdown, escapeSlack, fitMarkdown, fitSlack, neutralizeMentions, truncate } from '../../src/domain/markup-escape.js';
import type { WebhookEvent } from '../../src/outputs/webhooks/event.js';
import { renderBody } from '../../src/outputs/webhooks/formats/index.js';

// Titles and summaries come from social posts: anyone can write these.
const HOSTILE = '<!channel> @everyone @here S3 down [click me](https://evil.example/x) *now* <@U024BE7LH> & <https://evil.example|docs>';

function event(over: Partial<WebhookEvent['data']['incident']> = {}): WebhookEvent {
  return {
    type: 'incident.opened',
    timestamp: '2017-02-28T17:45:00.000Z',
    data: {
      event_seq: 7,
      summary: HOSTILE,
      link: 'https://radar.example.com/api/v1/incidents/inc-1',
      incident: {
        id: 'inc-1',
        provider: 'aws',
        provider_name: 'Amazon Web Services',
        title: HOSTILE,
        status: 'corroborated',
        severity: 'major',
        confidence: 0.72,
        components: ['S3'],
        regions: ['us-east-1'],
        first_seen_at: '2017-02-28T17:37:00.000Z',
        official_lag_seconds: null,
        silent_for_seconds: 480,
        official_page: { state: 'healthy', last_success_at: '2017-02-28T17:44:00.000Z', text: 'silent for 8 min' },
        affects: [{ id: 'uploads', name: 'File uploads' }],
        affected_features: [{ id: 'uploads', name: 'File uploads' }],
        updated_at: '2017-02-28T17:44:00.000Z',
        ...over,
      },
    },
  };
}

/** Every string value in a JSON document. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

describe('escaping', () => {
  it('when text has Slack control characters, then exactly &, < and > become entities', () => {
    expect(escapeSlack('<!channel> a & b > c')).toBe('&lt;!channel&gt; a &amp; b &gt; c');
    expect(escapeSlack('*bold* _it_')).toBe('*bold* _it_');
  });

  it('when text has markdown, then links, emphasis and tags turn literal', () => {
    expect(escapeMarkdown('[x](https://e) *b* _i_ `c` ~s~ ||sp|| <@1> \\* us-east-1')).toBe(
      '\\[x\\](https://e) \\*b\\* \\_i\\_ \\`c\\` \\~s\\~ \\|\\|sp\\|\\| \\<@1\\> \\\\\\* us-east-1',
    );
  });

  it('when text mentions everyone or here, then a zero-width space breaks the mention', () => {
    expect(neutralizeMentions('@everyone and @HERE')).toBe('@\u200beveryone and @\u200bHERE');
  });

  it('when text is too long, then it is cut on a character boundary with an ellipsis', () => {
    expect(truncate('a🙂bcdef', 4)).toBe('a🙂b…');
    expect(truncate('abc', 3)).toBe('abc');
  });

  it('when escaped text is too long, then it is cut after escaping, between whole escapes, with an ellipsis', () => {
    expect(fitMarkdown('*'.repeat(300), 256)).toBe('\\*'.repeat(127) + '…');
    expect(fitSlack('a&b', 6)).toBe('a…');
    expect(fitSlack('a&b', 7)).toBe('a&amp;b');
    expect(fitSlack('\\&', 5)).toBe('\\…');
    expect(fitMarkdown('a🙂🙂', 4)).toBe('a🙂…');
    const markdown = (s: string) => neutralizeMentions(escapeMarkdown(s));
    const text = fc.string({ unit: fc.constantFrom('*', '_', '\\', '[', '&', '<', '@', '@everyone', 'a', '🙂'), maxLength: 400 });
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 300 }), fc.boolean(), (t, max, slack) => {
        const escape = slack ? escapeSlack : markdown;
        const cut = slack ? fitSlack(t, max) : fitMarkdown(t, max, neutralizeMentions);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (cut === escape(t)) return;
        expect(cut.endsWith('…')).toBe(true);
        const kept = cut.slice(0, -1);
        expect(escape(t).startsWith(kept)).toBe(true);
        // No escape cut in half: no lone trailing backslash, no partial entity.
        if (!slack) expect(/(^|[^\\])(\\\\)*\\$/.test(kept)).toBe(false);
        if (slack) expect(kept).not.toMatch(/&(a|am|l|g|lt|gt|amp)?$/);
        expect(kept).not.toMatch(/[\uD800-\uDBFF]$/);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});

describe('formats', () => {
  it('when the generic format renders, then the body is the event as minified JSON', () => {
    const ev = event();
    const body = renderBody('generic', ev);
    expect(JSON.parse(body)).toEqual(ev);
    expect(body).not.toMatch(/\n/);
  });

  it('when Slack renders hostile text, then no mention, link or entity survives unescaped', () => {
    const body = JSON.parse(renderBody('slack', event())) as { text: string; blocks: unknown[] };
    const all = strings(body);
    for (const s of all.filter((x) => x.includes('S3 down'))) {
      expect(s).not.toContain('<!channel>');
      expect(s).not.toContain('<@U024BE7LH>');
      expect(s).not.toContain('<https://evil.example|docs>');
      expect(s).toContain('&lt;!channel&gt;');
      expect(s).toContain('&amp;');
    }
    // Our own link is the only Slack link in the message.
    const links = all.join('\n').match(/<[^&<>]+\|[^<>]+>/g);
    expect(links).toEqual(['<https://radar.example.com/api/v1/incidents/inc-1|Open in outage-radar>']);
    expect(JSON.stringify(body)).not.toContain('link_names');
    expect(all).toContain('*Confidence*\n72%');
  });

  it('when Teams renders hostile text, then markdown links and emphasis are escaped and the link is an action', () => {
    const body = JSON.parse(renderBody('teams', event())) as {
      attachments: Array<{ contentType: string; content: { body: Array<{ text?: string }>; actions: Array<{ url: string }> } }>;
    };
    const card = body.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const summary = card.content.body[1]!.text!;
    expect(summary).toContain('\\[click me\\](https://evil.example/x)');
    expect(summary).toContain('\\*now\\*');
    expect(summary).not.toMatch(/(^|[^\\])\[click me\]/);
    expect(card.content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open in outage-radar', url: 'https://radar.example.com/api/v1/incidents/inc-1' }]);
  });

  it('when Discord renders hostile text, then nobody can be pinged and markdown is literal', () => {
    const body = JSON.parse(renderBody('discord', event())) as {
      content?: string;
      allowed_mentions: unknown;
      embeds: Array<{ title: string; description: string; url: string; color: number; fields: Array<{ name: string; value: string }> }>;
    };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).toBeUndefined();
    const embed = body.embeds[0]!;
    for (const s of [embed.title, embed.description]) {
      expect(s).not.toMatch(/@everyone|@here/);
      expect(s).toContain('@\u200beveryone');
      expect(s).toContain('\\[click me\\](https://evil.example/x)');
      expect(s).toContain('\\<@U024BE7LH\\>');
    }
    expect(embed.url).toBe('https://radar.example.com/api/v1/incidents/inc-1');
    expect(embed.title.length).toBeLessThanOrEqual(256);
    expect(embed.fields.find((f) => f.name === 'Affects us')?.value).toBe('File uploads');
    expect(embed.fields.find((f) => f.name === 'Status page')?.value).toBe('silent for 8 min');
  });

  it('when a post is huge, then every chat format stays inside its platform limits', () => {
    const huge = event({ title: 'x'.repeat(10_000) });
    huge.data.summary = 'y'.repeat(10_000);
    const discord = JSON.parse(renderBody('discord', huge)) as { embeds: Array<{ title: string; description: string }> };
    expect(discord.embeds[0]!.title.length).toBeLessThanOrEqual(256);
    expect(discord.embeds[0]!.description.length).toBeLessThanOrEqual(4096);
    const slack = JSON.parse(renderBody('slack', huge)) as { blocks: Array<{ text?: { text: string } }> };
    expect(slack.blocks[0]!.text!.text.length).toBeLessThanOrEqual(3000);
  });

  it('when a huge post is all markup, then the escaped text still fits every platform limit, cut with an ellipsis', () => {
    // Escaping doubles `*` (Discord) and makes `&` five characters (Slack): cutting before
    // escaping let the text grow past the limit, and the platform refused the message.
    const ev = event({ title: '*'.repeat(10_000), components: Array.from({ length: 400 }, (_, i) => `S3_${i}`), regions: ['_'.repeat(2_000)] });
    ev.data.summary = '_&'.repeat(5_000);
    const discord = JSON.parse(renderBody('discord', ev)) as {
      embeds: Array<{ title: string; description: string; fields: Array<{ name: string; value: string }>; footer: { text: string } }>;
    };
    const embed = discord.embeds[0]!;
    expect(embed.title.length).toBeLessThanOrEqual(256);
    expect(embed.title).toMatch(/^New incident · Amazon Web Services: (\\\*)+…$/);
    expect(embed.description.length).toBeLessThanOrEqual(4096);
    expect(embed.description).toMatch(/^(\\_&)+(\\_)?…$/);
    for (const f of embed.fields) expect(f.value.length).toBeLessThanOrEqual(1024);
    const total =
      embed.title.length + embed.description.length + embed.footer.text.length + embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);

    ev.data.incident.title = '&'.repeat(10_000);
    const slack = JSON.parse(renderBody('slack', ev)) as { text: string; blocks: Array<{ text?: { text: string }; fields?: Array<{ text: string }> }> };
    expect(slack.text).toMatch(/^New incident · Amazon Web Services: (&amp;)+…$/);
    expect(slack.text.length).toBeLessThanOrEqual(150);
    expect(slack.blocks[0]!.text!.text.length).toBeLessThanOrEqual(3000);
    expect(slack.blocks[0]!.text!.text).toMatch(/\n(_&amp;)+_?…$/);
    for (const f of slack.blocks[1]!.fields!) expect(f.text.length).toBeLessThanOrEqual(2000);
  });
});
