/**
 * Which parts of a post say that something is *not* affected: "us-west-2 and eu-west-1 are not
 * affected", "S3 is down in us-east-1, us-west-2 is fine". A component or region named only in
 * such a part is not one the post reports as failing, so it must not join an incident's regions
 * (and from there the impact map's "affects us").
 *
 * The text is cut into clauses at sentence ends, semicolons, commas, dashes and "but", "while",
 * "whereas", "however". A clause says "fine" when it holds an unaffected phrase ("not affected",
 * "unaffected", "no impact", "is fine", "working fine", "not down") and, with those phrases taken
 * out, no disruption word; a question is never "fine" ("is us-east-1 fine for you?"), nor is a
 * recovery ("us-east-1 is fine again", "now working normally": it was affected). A short clause
 * with neither (a list item: "S3, EC2 and Lambda are not affected") takes the state of the
 * clause after it.
 */

const CLAUSE_BREAK = /[.;!?]+(?=\s|$)|\n+|,\s*|\s+[-–—]\s+|\s+(?:but|while|whereas|however)\s+/giu;

const FINE =
  /\b(?:not|never|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)\s+(?:been\s+|being\s+)?(?:affected|impacted|down)\b|\bun(?:affected|impacted)\b|\bno\s+(?:impact|issues?|problems?)\b|\b(?:is|are|seems?|looks?|remains?)\s+(?:fine|ok|okay|good|healthy)\b|['’]s\s+(?:fine|ok|okay|good)\b|\b(?:working|works|running)\s+(?:fine|ok|okay|normally|as expected)\b|\bfine\s+(?:for\s+me|here)\b/giu;

const DISRUPTION =
  /\b(?:down|outages?|disrupt\w*|degrad\w*|errors?|fail\w*|unavailable|issues?|problems?|impact\w*|affected|broken|slow\w*|latenc\w*|elevated|increased|offline|incident|investigat\w*|unable|cannot|can['’]?t|not\s+working|unreachable|timeouts?|timing\s+out)\b/iu;

const RECOVERY = /\b(?:now|again|back|restored|recovered|recovering|resolved|returned|mitigated|fixed)\b/iu;

/** A clause this short with no cue of its own is a list item that belongs to the next clause. */
const LIST_ITEM_WORDS = 4;

type State = 'fine' | 'other' | 'open';

interface Clause {
  start: number;
  end: number;
  state: State;
}

function stateOf(text: string, question: boolean): State {
  FINE.lastIndex = 0;
  const fine = FINE.test(text);
  FINE.lastIndex = 0;
  const rest = text.replace(FINE, ' ');
  if (DISRUPTION.test(rest)) return 'other';
  if (fine) return question || RECOVERY.test(text) ? 'other' : 'fine';
  return text.split(/\s+/).filter(Boolean).length <= LIST_ITEM_WORDS ? 'open' : 'other';
}

/**
 * A test of character offsets in `text`: true where the offset lies in a clause that says things
 * there are fine. Cheap when the text says nothing of the kind (no unaffected phrase at all).
 */
export function unaffectedAt(text: string): ((offset: number) => boolean) | null {
  FINE.lastIndex = 0;
  if (!FINE.test(text)) return null;
  const clauses: Clause[] = [];
  let from = 0;
  const cut = (to: number): void => {
    if (to <= from) return;
    // A clause belongs to a question when its sentence ends with a question mark.
    const end = /[.!?\n]/.exec(text.slice(to));
    const question = end?.[0] === '?';
    clauses.push({ start: from, end: to, state: stateOf(text.slice(from, to), question) });
  };
  CLAUSE_BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CLAUSE_BREAK.exec(text)) !== null) {
    cut(m.index);
    from = m.index + m[0].length;
  }
  cut(text.length);
  // A list item takes the state of the clause it leads into.
  let next: State = 'other';
  for (let i = clauses.length - 1; i >= 0; i--) {
    if (clauses[i].state === 'open') clauses[i].state = next;
    next = clauses[i].state;
  }
  return (offset) => clauses.some((c) => c.state === 'fine' && offset >= c.start && offset < c.end);
}
