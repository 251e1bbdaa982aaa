import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/clock.js';
import type { ScenarioSource } from '../scenario.js';
import { sendJson } from './http.js';
import { sendInvalidBody, xRateHeaders } from './x-http.js';

/**
 * The filtered stream's rules, answered at /2/tweets/search/stream/rules as X does
 * (docs.x.com/x-api/posts/filtered-stream): GET lists them (`ids` narrows), POST adds
 * (`{add: [{value, tag}]}`, 201 with `meta.summary` and the new ids; a value already there is
 * a DuplicateRule error) or deletes (`{delete: {ids | values}}`); `dry_run=true` answers
 * without changing anything. Each `twitter` source with a `query` starts as a rule whose value
 * is its query and whose tag is the source id: every post line of that source matches it, as
 * for its searches. The replay server does not evaluate X's rule language, so a rule a client
 * adds matches no post; it is kept and listed for the run.
 */
export interface XRule {
  id: string;
  value: string;
  tag?: string;
  /** The scenario source whose posts match it (scenario rules only). */
  sourceId?: string;
}

interface RulesBody {
  add?: Array<{ value?: unknown; tag?: unknown }>;
  delete?: { ids?: unknown[]; values?: unknown[] };
}

const RULES_RATE_LIMIT = 450;
/** Characters per rule on the Basic plan (the production reader builds to this limit). */
const MAX_RULE_LENGTH = 512;
const TWITTER_EPOCH_MS = 1288834974657;

export class XRuleSet {
  private rules: XRule[] = [];
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    sources: readonly ScenarioSource[],
  ) {
    for (const s of sources) if (s.kind === 'twitter' && s.query) this.rules.push({ id: this.nextId(), value: s.query, tag: s.id, sourceId: s.id });
  }

  /** The rules in force that the source's posts match. */
  matching(sourceId: string): XRule[] {
    return this.rules.filter((r) => r.sourceId === sourceId);
  }

  /** Answers GET and POST /2/tweets/search/stream/rules. */
  async handle(req: IncomingMessage, res: ServerResponse, q: URLSearchParams): Promise<void> {
    const sent = new Date(this.clock.now()).toISOString();
    const headers = xRateHeaders(this.clock, RULES_RATE_LIMIT);
    if (req.method === 'GET') {
      const ids = q.get('ids')?.split(',');
      const listed = this.rules.filter((r) => !ids || ids.includes(r.id)).map(publicRule);
      return sendJson(res, 200, { ...(listed.length ? { data: listed } : {}), meta: { sent, result_count: listed.length } }, headers);
    }
    if (req.method !== 'POST') return sendJson(res, 405, { title: 'Method Not Allowed', detail: `${req.method} is not allowed`, status: 405 });
    let body: RulesBody;
    try {
      body = JSON.parse(await readBody(req)) as RulesBody;
    } catch {
      return sendInvalidBody(res, 'The request body is not valid JSON.');
    }
    const dryRun = q.get('dry_run') === 'true';
    if (Array.isArray(body?.add) && !body.delete) return this.add(res, body.add, dryRun, sent, headers);
    if (body?.delete && !body.add) return this.remove(res, body.delete, dryRun, sent, headers);
    sendInvalidBody(res, 'The request body must contain either an add or a delete.');
  }

  private add(res: ServerResponse, wanted: NonNullable<RulesBody['add']>, dryRun: boolean, sent: string, headers: Record<string, string>): void {
    const created: XRule[] = [];
    const errors: unknown[] = [];
    for (const r of wanted) {
      const value = typeof r.value === 'string' ? r.value : '';
      const tag = typeof r.tag === 'string' && r.tag ? r.tag : undefined;
      const same = [...this.rules, ...created].find((x) => x.value === value);
      if (!value.trim())
        errors.push({ value, title: 'Invalid Rule', type: 'https://api.twitter.com/2/problems/invalid-rules', details: ['Rule value is empty'] });
      else if (value.length > MAX_RULE_LENGTH)
        errors.push({
          value,
          title: 'RuleLengthExceeded',
          type: 'https://api.twitter.com/2/problems/invalid-rules',
          details: [`Rule length exceeds the limit of ${MAX_RULE_LENGTH} characters`],
        });
      else if (same) errors.push({ value, id: same.id, title: 'DuplicateRule', type: 'https://api.twitter.com/2/problems/duplicate-rules' });
      else created.push({ id: this.nextId(), value, ...(tag ? { tag } : {}) });
    }
    if (!dryRun) this.rules.push(...created);
    const summary = { created: created.length, not_created: errors.length, valid: created.length, invalid: errors.length };
    sendJson(
      res,
      201,
      { ...(created.length ? { data: created.map(publicRule) } : {}), meta: { sent, summary }, ...(errors.length ? { errors } : {}) },
      headers,
    );
  }

  private remove(res: ServerResponse, del: NonNullable<RulesBody['delete']>, dryRun: boolean, sent: string, headers: Record<string, string>): void {
    const ids = (del.ids ?? []).map(String);
    const values = (del.values ?? []).map(String);
    const asked = ids.length + values.length;
    const gone = this.rules.filter((r) => ids.includes(r.id) || values.includes(r.value));
    if (!dryRun) this.rules = this.rules.filter((r) => !gone.includes(r));
    const missing = [...ids.filter((id) => !gone.some((r) => r.id === id)), ...values.filter((v) => !gone.some((r) => r.value === v))];
    const errors = missing.length
      ? [
          {
            errors: missing.map(() => ({ parameters: {}, message: 'Rule does not exist' })),
            title: 'Invalid Request',
            detail: 'One or more parameters to your request was invalid.',
            type: 'https://api.twitter.com/2/problems/invalid-request',
          },
        ]
      : [];
    const summary = { deleted: gone.length, not_deleted: asked - gone.length };
    sendJson(res, 200, { meta: { sent, summary }, ...(errors.length ? { errors } : {}) }, headers);
  }

  /** A Snowflake-like id from the virtual time, as X's rule ids are. */
  private nextId(): string {
    const ms = BigInt(Math.max(0, this.clock.now() - TWITTER_EPOCH_MS));
    return String((ms << 22n) + BigInt(this.seq++));
  }
}

function publicRule(r: XRule): { id: string; value: string; tag?: string } {
  return { id: r.id, value: r.value, ...(r.tag ? { tag: r.tag } : {}) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
