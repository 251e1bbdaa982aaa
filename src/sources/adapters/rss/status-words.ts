/**
 * The words status feeds use for where an incident stands, in the providers' own spelling, and
 * what each means in Statuspage's terms (the domain's statuses). Hosted status pages (status.io,
 * Statuspage, Instatus, StatusCast...) print one of these in bold before each update or in the
 * item title ("Resolved - ...", "[Resolved] API errors"); Microsoft's status feed has a <status>
 * element. A word not listed here says nothing, and an item nothing is read from stays a plain
 * post that the classifier judges (never a guess at the provider's state).
 */
import type { Impact, OfficialStatus } from '../../../domain/post.js';

export interface WordMeaning {
  status: OfficialStatus;
  /** The word belongs to planned work (scheduled, in progress, completed). */
  maintenance: boolean;
}

const ended = (status: OfficialStatus = 'resolved'): WordMeaning => ({ status, maintenance: false });
const ongoing = (status: OfficialStatus): WordMeaning => ({ status, maintenance: false });
const planned = (status: OfficialStatus): WordMeaning => ({ status, maintenance: true });

/**
 * Update and title words. "Mitigated" is Azure's word for the end of customer impact and ends the
 * incident like "Resolved"; "Monitoring" (a fix is out, the page watches) does not.
 */
const WORDS: Record<string, WordMeaning> = {
  resolved: ended(),
  fixed: ended(),
  closed: ended(),
  restored: ended(),
  'service restored': ended(),
  recovered: ended(),
  mitigated: ended(),
  'all clear': ended(),
  postmortem: ended('postmortem'),
  'post mortem': ended('postmortem'),
  'post incident review': ended('postmortem'),
  'post incident report': ended('postmortem'),
  investigating: ongoing('investigating'),
  investigation: ongoing('investigating'),
  identified: ongoing('identified'),
  'fix in progress': ongoing('identified'),
  mitigating: ongoing('identified'),
  monitoring: ongoing('monitoring'),
  recovering: ongoing('monitoring'),
  restoring: ongoing('monitoring'),
  scheduled: planned('scheduled'),
  planned: planned('scheduled'),
  upcoming: planned('scheduled'),
  maintenance: planned('scheduled'),
  'scheduled maintenance': planned('scheduled'),
  'planned maintenance': planned('scheduled'),
  'in progress': planned('in_progress'),
  underway: planned('in_progress'),
  'maintenance in progress': planned('in_progress'),
  verifying: planned('verifying'),
  completed: planned('completed'),
  complete: planned('completed'),
  'maintenance completed': planned('completed'),
};

/** Words that add to an incident without moving it ("Update"): the status before them stands. */
const NEUTRAL = new Set(['update', 'updated', 'information', 'info', 'notice']);

/** "In-Progress " → "in progress". */
export function normalize(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .replace(/[.:!]+$/, '')
    .trim();
}

/**
 * What a status word means. `maintenanceItem` says the item is planned work (its link or title
 * says maintenance): status.io's "Active" is then maintenance in progress, else an ongoing incident.
 */
export function meaningOf(word: string | null | undefined, maintenanceItem: boolean): WordMeaning | null {
  if (!word) return null;
  const w = normalize(word);
  if (w === 'active') return maintenanceItem ? planned('in_progress') : ongoing('investigating');
  return WORDS[w] ?? null;
}

export function isNeutral(word: string | null | undefined): boolean {
  return !!word && NEUTRAL.has(normalize(word));
}

/**
 * Microsoft's status feed (status.cloud.microsoft/api/feed/…) gives each surface a <status>: the
 * page's enum (Available, Operational, ServiceDegradation, ServiceRestored, Unknown) and, in the
 * Microsoft 365 service health vocabulary, ServiceInterruption, RestoringService and the like.
 * Degradation and interruption are Microsoft's two levels of impact (an advisory, an incident).
 */
const MICROSOFT: Record<string, { meaning: WordMeaning; impact: Impact | null }> = {
  available: { meaning: ended(), impact: null },
  operational: { meaning: ended(), impact: null },
  serviceoperational: { meaning: ended(), impact: null },
  servicerestored: { meaning: ended(), impact: null },
  resolved: { meaning: ended(), impact: null },
  resolvedexternal: { meaning: ended(), impact: null },
  mitigated: { meaning: ended(), impact: null },
  mitigatedexternal: { meaning: ended(), impact: null },
  falsepositive: { meaning: ended(), impact: null },
  postincidentreviewpublished: { meaning: ended('postmortem'), impact: null },
  investigating: { meaning: ongoing('investigating'), impact: null },
  reported: { meaning: ongoing('investigating'), impact: null },
  confirmed: { meaning: ongoing('investigating'), impact: null },
  servicedegradation: { meaning: ongoing('investigating'), impact: 'minor' },
  serviceinterruption: { meaning: ongoing('investigating'), impact: 'major' },
  restoringservice: { meaning: ongoing('monitoring'), impact: null },
  verifyingservice: { meaning: ongoing('monitoring'), impact: null },
  extendedrecovery: { meaning: ongoing('monitoring'), impact: null },
};

/** The meaning of a Microsoft <status> value ("ServiceDegradation", "Service degradation"); null for Unknown. */
export function microsoftStatus(value: string | null | undefined): { meaning: WordMeaning; impact: Impact | null } | null {
  if (!value) return null;
  return MICROSOFT[value.toLowerCase().replace(/[^a-z]/g, '')] ?? null;
}

const TITLE_BRACKET = /\[\s*([A-Za-z][A-Za-z -]{2,30}?)\s*\]/g;
const TITLE_PREFIX = /^\s*([A-Za-z][A-Za-z -]{2,30}?)\s*[:|–—-]\s+(\S[\s\S]*)$/;
const TITLE_SUFFIX = /^([\s\S]*?\S)\s*(?:[:|–—-]\s*|\(\s*)([A-Za-z][A-Za-z -]{2,30}?)\s*\)?\s*$/;

/**
 * A status word the title carries ("[Resolved] API errors", "RESOLVED: API errors",
 * "API errors - Resolved"), with the title without it: the incident's own name.
 */
export function titleWord(title: string, maintenanceItem: boolean): { word: string; meaning: WordMeaning | null; rest: string } | null {
  for (const m of title.matchAll(TITLE_BRACKET)) {
    const meaning = meaningOf(m[1], maintenanceItem);
    if (meaning || isNeutral(m[1])) return { word: m[1]!.trim(), meaning, rest: clean(title.replace(m[0], ' ')) };
  }
  const pre = TITLE_PREFIX.exec(title);
  if (pre && (meaningOf(pre[1], maintenanceItem) || isNeutral(pre[1])))
    return { word: pre[1]!.trim(), meaning: meaningOf(pre[1], maintenanceItem), rest: clean(pre[2]!) };
  const suf = TITLE_SUFFIX.exec(title);
  if (suf && meaningOf(suf[2], maintenanceItem)) return { word: suf[2]!.trim(), meaning: meaningOf(suf[2], maintenanceItem), rest: clean(suf[1]!) };
  return null;
}

/** "Resolved - This incident has been resolved." → the leading word, when it is a status word. */
export function leadingWord(text: string, maintenanceItem: boolean): { word: string; meaning: WordMeaning } | null {
  const m = /^\s*([A-Za-z][A-Za-z -]{2,30}?)\s*[:–—-]\s/.exec(text);
  const meaning = m ? meaningOf(m[1], maintenanceItem) : null;
  return m && meaning ? { word: m[1]!.trim(), meaning } : null;
}

/**
 * Prose that ends an incident or says it is going on, for feeds that write no status word
 * (Azure's items: "Summary of Impact: Between 02:50 and 10:37 UTC …, Mitigation: …" once over).
 * Read only when no word was found; the first rule that matches wins, ending rules first, each
 * anchored on phrasing a status page uses of its own incident.
 */
const PROSE: ReadonlyArray<[RegExp, string, WordMeaning]> = [
  [/\bsummary of impact:\s*between\b/i, 'Mitigated', ended()],
  [/\b(?:has|have) (?:now )?been (?:fully )?mitigated\b|\bis (?:now )?(?:fully )?mitigated\b/i, 'Mitigated', ended()],
  [/\b(?:has|have) (?:now )?been (?:fully )?(?:resolved|fixed)\b|\bis (?:now )?(?:fully )?resolved\b/i, 'Resolved', ended()],
  [/\b(?:has|have) (?:now )?been (?:fully )?restored\b|\b(?:has|have) (?:now )?fully recovered\b|\bis (?:now )?operating normally\b/i, 'Resolved', ended()],
  [/\bwe(?: are|'re| continue to be) monitoring\b|\bare (?:closely )?monitoring (?:the|for|recovery)\b/i, 'Monitoring', ongoing('monitoring')],
  [/\b(?:we have|we've|engineers have|have) identified\b|\bhas been identified\b/i, 'Identified', ongoing('identified')],
  [
    /\b(?:are|is|we're) (?:currently |actively |still )?investigating\b|\b(?:are|is) aware of\b|\bare (?:currently )?experiencing\b/i,
    'Investigating',
    ongoing('investigating'),
  ],
];

export function proseWord(text: string): { word: string; meaning: WordMeaning } | null {
  for (const [re, word, meaning] of PROSE) if (re.test(text)) return { word, meaning };
  return null;
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/^[\s:|–—-]+|[\s:|–—-]+$/g, '');
}
