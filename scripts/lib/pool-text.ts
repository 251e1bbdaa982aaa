/**
 * How the pool scripts read a raw post's text: HTML entities the scrapes left decoded, whitespace
 * folded; and whether its letters are Latin enough for the labellers (and the model) to read.
 */

/** A raw post's text with the entities its scrape left (&amp;, &#39;, ...) decoded and whitespace folded. */
export function clean(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** At least 80% of the letters are Latin (ASCII or Latin-1/Extended); other scripts cannot be read by the labellers. */
export function latinScript(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return false;
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  return latin / letters.length >= 0.8;
}
