/**
 * From a status page's web address (what the catalog names) to the document a kind polls. A URL
 * that already names a document is kept as it is, so a catalog entry or sources.yaml may give
 * either.
 */

/** `pageUrl` when `isDocument` says its path already names a document, else `path` on its host. */
export function documentOnHost(pageUrl: string, isDocument: (path: string) => boolean, path: string): string {
  const u = new URL(pageUrl);
  if (isDocument(u.pathname)) return pageUrl;
  return new URL(path, u.origin).toString();
}

/** A path ending in one of these extensions names a document, not a page. */
export function hasExtension(path: string, extensions: readonly string[]): boolean {
  const lower = path.toLowerCase();
  return extensions.some((e) => lower.endsWith(`.${e}`));
}
