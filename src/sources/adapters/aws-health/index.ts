import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { detectSyntax } from '../../kit/detect.js';
import { isRecord, parseError, parseJson } from '../../kit/official.js';
import { parseXml } from '../../kit/xml.js';
import { parseCurrentEvents } from './currentevents.js';
import { parseDataJson } from './data-json.js';
import { repairText } from './decode.js';
import { parseAwsRss } from './rss.js';
import type { DocumentPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';
import { documentOnHost, hasExtension } from '../../kit/document-url.js';

const KIND = 'AWS Health data.json, currentevents or per-service RSS';

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('aws-health', DEFAULT_POLL_INTERVAL_MS);

/** AWS Health Dashboard: legacy data.json, current currentevents (possibly UTF-16), per-service RSS. */
export const plugin = {
  kind: 'aws-health',
  mode: 'polled',
  fetch: 'document',
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'AWS Health Dashboard: legacy data.json, currentevents JSON (UTF-16 or UTF-8) and per-service RSS',
  documents: ['data.json', 'currentevents', '<service>.rss'],
  // The dashboard page (health.aws.amazon.com/health/status) loads its events from /public/currentevents.
  documentUrl: (page: string) => documentOnHost(page, (path) => path.startsWith('/public/') || hasExtension(path, ['json', 'rss']), '/public/currentevents'),
  async parse(input: string, ctx: ParseContext): Promise<Post[]> {
    // currentevents is UTF-16; if the caller decoded it as 8-bit text, undo that first.
    const doc = repairText(input);
    switch (detectSyntax(doc)) {
      case 'json': {
        const value = parseJson(doc, ctx, KIND);
        if (Array.isArray(value)) return parseCurrentEvents(value, ctx);
        if (isRecord(value) && ('archive' in value || 'current' in value)) return parseDataJson(value, ctx);
        throw parseError(ctx, `not an ${KIND} document: expected an array of events or an object with archive/current`);
      }
      case 'xml':
        return parseAwsRss(parseXml(doc, ctx), ctx);
      default:
        throw parseError(ctx, `neither JSON nor XML, expected ${KIND}`);
    }
  },
} satisfies DocumentPlugin<'aws-health', typeof configSchema>;
