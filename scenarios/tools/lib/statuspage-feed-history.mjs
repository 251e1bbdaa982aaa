// Real Statuspage history → the page's history feed (`history.atom`, `history.rss`) as served at
// any moment. Statuspage writes one entry per incident (not per update): its content lists the
// updates published so far, newest first, each "<p><small>Nov <var data-var='date'>20</var>,
// <var data-var='time'>03:25</var> UTC</small><br><strong>Resolved</strong> - body</p>"; the
// word is the update's status when it changed, else "Update". The entry's `published` is its
// latest update's time and `updated` the incident's last change (later for an incident written
// up after the fact); entries are ordered by `published`, newest first, and the feed keeps 25.
// The markup is copied from the real captures (githubstatus.com history.atom of 2019-11-22,
// DigitalOcean's history.rss of 2020-01-05): the tool's test rebuilds GitHub's capture from the
// incident documents and compares the entries byte for byte.
//
// Uses the incidents as loadHistory() normalises them (display_at, appears_at on each update).

/** Entries a Statuspage history feed keeps (every real capture holds 25). */
export const FEED_LIMIT = 25;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WORDS = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

/** Text in XML element content (the HTML inside <content> is escaped once more by the feed). */
const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Statuspage's RSS escapes quotes too. */
const xmlRss = (s) => xml(s).replace(/'/g, '&apos;').replace(/"/g, '&quot;');
/** The update body as Statuspage renders it: HTML-escaped, line breaks as <br />. */
const bodyHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '<br />');
/** Whole seconds, "Z": the capture writes times as 2019-11-20T03:25:47Z. */
const isoSeconds = (iso) => iso.replace(/\.\d+Z$/, 'Z');
/** RFC 822 as Statuspage's RSS writes it: "Sun, 05 Jan 2020 03:38:39 +0000". */
function rfc822(iso) {
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** One update's paragraph; `word` as Statuspage prints it. The page's zone is UTC (GitHub's Etc/UTC). */
function updateHtml(u, word) {
  const d = new Date(u.display_at);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `<p><small>${MONTHS[d.getUTCMonth()]} <var data-var='date'>${day}</var>, <var data-var='time'>${time}</var> UTC</small><br><strong>${word}</strong> - ${bodyHtml(u.body)}</p>`;
}

/** The incident's entry as served at `t`, or null before its first update appeared. */
export function entryAt(h, t) {
  const shown = h.incident.incident_updates.filter((u) => u.appears_at <= t);
  if (!shown.length) return null;
  // Oldest first: the word is the status when it changed from the update before, else "Update".
  const words = shown.map((u, n) => (n > 0 && shown[n - 1].status === u.status ? 'Update' : (WORDS[u.status] ?? 'Update')));
  const html = shown
    .map((u, n) => updateHtml(u, words[n]))
    .reverse()
    .join('');
  const latest = shown.reduce((a, u) => (u.display_at > a.display_at ? u : a));
  const written = shown.reduce((a, u) => (u.appears_at > a ? u.appears_at : a), latest.display_at);
  // Once every update is out, the incident's own updated_at (a second or so later: Statuspage
  // touches the incident after writing the update), unless that lies after `t`.
  const all = shown.length === h.incident.incident_updates.length;
  const touched = all && h.incident.updated_at > written && h.incident.updated_at <= t ? h.incident.updated_at : written;
  return {
    code: h.incident.id,
    name: h.incident.name,
    published: latest.display_at,
    // The incident's updated_at: its latest update's time, or when it was written when later (backdated).
    updated: touched,
    html,
  };
}

/** Entries shown at `t`, newest `published` first, at most `limit`. */
export function entriesAt(history, t, limit = FEED_LIMIT) {
  return history
    .map((h) => entryAt(h, t))
    .filter(Boolean)
    .sort((a, b) => b.published.localeCompare(a.published) || b.code.localeCompare(a.code))
    .slice(0, limit);
}

/**
 * Statuspage's Atom entry id is "tag:{host},2005:Incident/{number}", a number the incident
 * documents do not carry. The pipeline reads the incident from the link's code; the number here is
 * a stable stand-in derived from the code (base 36), not GitHub's.
 */
const entryNumber = (code) => parseInt(code, 36) % 10_000_000;

/** history.atom at `t`. */
export function atomAt(history, t, { host = 'www.githubstatus.com', name = 'GitHub', limit = FEED_LIMIT } = {}) {
  const base = `https://${host}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">',
    `  <id>tag:${host},2005:/history</id>`,
    `  <link rel="alternate" type="text/html" href="${base}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${base}/history.atom"/>`,
    `  <title>${xml(name)} Status - Incident History</title>`,
    `  <updated>${isoSeconds(t)}</updated>`,
    '  <author>',
    `    <name>${xml(name)}</name>`,
    '  </author>',
  ];
  for (const e of entriesAt(history, t, limit)) {
    lines.push(
      '  <entry>',
      `    <id>tag:${host},2005:Incident/${entryNumber(e.code)}</id>`,
      `    <published>${isoSeconds(e.published)}</published>`,
      `    <updated>${isoSeconds(e.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${base}/incidents/${e.code}"/>`,
      `    <title>${xml(e.name)}</title>`,
      `    <content type="html">${xml(e.html)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>');
  return lines.join('\n') + '\n';
}

/** history.rss at `t` (DigitalOcean's capture: pubDate is the entry's published, guid its link). */
export function rssAt(history, t, { host = 'www.githubstatus.com', name = 'GitHub', limit = FEED_LIMIT } = {}) {
  const base = `https://${host}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <channel>',
    `    <title>${xmlRss(name)} Status - Incident History</title>`,
    `    <link>${base}</link>`,
    '    <description>Statuspage</description>',
    `    <pubDate>${rfc822(t)}</pubDate>`,
  ];
  for (const e of entriesAt(history, t, limit)) {
    lines.push(
      '    <item>',
      `      <title>${xmlRss(e.name)}</title>`,
      `      <description>\n${xmlRss(e.html)}      </description>`,
      `      <pubDate>${rfc822(e.published)}</pubDate>`,
      `      <link>${base}/incidents/${e.code}</link>`,
      `      <guid>${base}/incidents/${e.code}</guid>`,
      '    </item>',
    );
  }
  lines.push('  </channel>', '</rss>');
  return lines.join('\n') + '\n';
}
