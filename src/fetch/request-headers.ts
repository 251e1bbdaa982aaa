/**
 * The request side of a fetch (miniflux request_builder): which headers go out. Kept apart
 * from the response handling so each can be read, and tested, on its own.
 */
export interface ConditionalState {
  /** From the previous 200, sent back as If-None-Match. */
  etag?: string | null;
  /** From the previous 200, sent back as If-Modified-Since. */
  lastModified?: string | null;
}

export const DEFAULT_ACCEPT = 'application/atom+xml, application/rss+xml, application/xml;q=0.9, application/json;q=0.9, text/xml;q=0.8, */*;q=0.5';

/** We decode these ourselves so the size cap applies to the decoded bytes. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

export function buildRequestHeaders(state: ConditionalState, userAgent: string, accept: string = DEFAULT_ACCEPT): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept,
    'accept-encoding': ACCEPT_ENCODING,
  };
  if (state.etag) headers['if-none-match'] = state.etag;
  if (state.lastModified) headers['if-modified-since'] = state.lastModified;
  return headers;
}
