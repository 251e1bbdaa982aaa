/**
 * Is the character before `at` the end of a sentence (or the start of the text)? Spaces, quotes
 * and an opening bracket are skipped. Both the entity extractor and the classifier's features ask
 * it: a capital after a full stop says nothing about a name.
 */
export function sentenceStart(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const p = text[i];
    if (p === ' ' || p === '\t' || p === '"' || p === '“' || p === '(') continue;
    return p === '.' || p === '!' || p === '?' || p === '\n' || p === ':';
  }
  return true;
}
