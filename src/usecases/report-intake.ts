import { createHash, randomUUID } from 'node:crypto';
import type { AppContext } from '../app/context.js';
import { REPORT_CLOCK_SKEW_MINUTES, type ReportBody } from '../api/schemas.js';
import { ApiError } from '../api/errors.js';
import { requireProvider } from '../api/known-provider.js';
import { cleanPost } from '../domain/post-hygiene.js';
import { reportToPost } from '../sources/first-party.js';
import { getPost, insertPosts, unanalyzed, type StoredPost } from '../store/posts-repo.js';
import { claimReportKey, findReportKey } from '../store/report-keys-repo.js';
import { QueueUnavailableError } from '../queue/queues.js';

export interface ReportIntake {
  /** 201 when this request stored the report, 200 when it was already stored, 202 when it is stored but Redis could not take it yet. */
  status: 200 | 201 | 202;
  /** This request stored it (false: the same report was already stored). */
  stored: boolean;
  /** It is queued for analysis (false: Redis is down; the repair sweep queues it once Redis is back). */
  queued: boolean;
  post: StoredPost;
}

/**
 * POST /api/v1/reports: one report, stored once and always queued for analysis.
 *
 * Identity: a client `id` names the report (the same id with other content is a 409, never a
 * silent drop); without one, every request is a new report (a widget with fixed text reports
 * the same words every time) unless its `Idempotency-Key` header repeats within 24 h, when it is
 * the earlier report (another body under the same key is a 422).
 *
 * Who reports: staff keys (reader, admin) report as `first-party`: the classifier cannot veto
 * them, their tier's weight still applies. `reporter` keys (customer widgets) report as the
 * `public`: classified like any social post, and a lone one is a watch item.
 *
 * Stored means queued, now or later: a report already stored but not analyzed yet (Redis was
 * down when it came) is queued again by a retry. While Redis is down the report is stored all the
 * same and the answer is 202 (`queued: false`): the repair sweep queues it once Redis is back,
 * so the client has nothing to retry (a 503 here made clients without an id report twice).
 */
export async function intakeReport(
  ctx: AppContext,
  body: ReportBody,
  opts: { scope: string; idempotencyKey?: string; as?: 'staff' | 'public' },
): Promise<ReportIntake> {
  requireProvider(ctx.config.catalog, body.provider, 'body field "provider"');
  const now = ctx.clock.now();
  const nowIso = new Date(now).toISOString();
  // A report from the future would sort before everything real and keep its incident "fresh".
  if (body.observed_at && Date.parse(body.observed_at) > now + REPORT_CLOCK_SKEW_MINUTES * 60_000) {
    throw new ApiError(400, 'invalid_request', `body field "observed_at": ${body.observed_at} is in the future (our clock says ${nowIso})`, 'observed_at');
  }
  const { id: _clientId, ...content } = body;
  const bodyHash = createHash('sha256').update(JSON.stringify(content)).digest('hex');

  let seed = body.id ?? randomUUID();
  if (!body.id && opts.idempotencyKey) {
    const known = await findReportKey(ctx.db, opts.scope, opts.idempotencyKey, now);
    const claim = known ?? (await claimReportKey(ctx.db, opts.scope, opts.idempotencyKey, { post_id: `report:${seed}`, body_hash: bodyHash }, now));
    if (claim.body_hash !== bodyHash) {
      throw new ApiError(422, 'idempotency_key_reused', 'header Idempotency-Key: already used within 24 h for a different report', 'Idempotency-Key');
    }
    seed = claim.post_id.replace(/^report:/, '');
  }

  const post = cleanPost(reportToPost(body, nowIso, seed));
  const before = await getPost(ctx.db, post.id);
  if (before && (before.text !== post.text || before.provider !== post.provider || before.author !== post.author)) {
    throw new ApiError(409, 'conflict', `report "${post.id}" was already stored with other content; send a new id for a new report`, 'id');
  }
  // Staff reports are first-party (no classifier veto, their tier's weight); a widget's are the
  // public's, classified like any social post.
  const [sourceId, tier] = opts.as === 'public' ? ['reports-widget', 'public'] : ['first-party', 'first-party'];
  const fresh = before ? [] : await insertPosts(ctx.db, sourceId, tier, [post], nowIso);
  const pending = await unanalyzed(ctx.db, [post.id]);
  let queued = true;
  try {
    await ctx.queues.addBulk(
      'analyze',
      pending.map((postId) => ({ postId })),
      pending.map(() => 1),
    );
  } catch (err) {
    if (!(err instanceof QueueUnavailableError)) throw err;
    ctx.log.warn({ post: post.id, err: err.message }, 'report stored; queued for analysis once Redis is back');
    queued = false;
  }
  const stored = await getPost(ctx.db, post.id);
  if (!stored) throw new Error(`report ${post.id} vanished after it was stored`);
  return { status: !queued ? 202 : fresh.length ? 201 : 200, stored: fresh.length > 0, queued, post: stored };
}
