/**
 * A trie over words: the catalog's spellings ("amazon web services", "s3") as paths of tokens, so
 * a post is read once, left to right, for the longest spelling at each word. The entity extractor
 * and the classifier's lexicon each keep their own entries at the nodes (and their own rules for
 * merging two entries of one spelling); the path is shared.
 */
export interface WordTrie<E> {
  next: Map<string, WordTrie<E>>;
  entries: E[];
}

export function emptyTrie<E>(): WordTrie<E> {
  return { next: new Map(), entries: [] };
}

/** The node at the end of `words`, made along the way where missing. */
export function nodeAt<E>(root: WordTrie<E>, words: readonly string[]): WordTrie<E> {
  let node = root;
  for (const w of words) {
    let n = node.next.get(w);
    if (!n) {
      n = emptyTrie<E>();
      node.next.set(w, n);
    }
    node = n;
  }
  return node;
}
