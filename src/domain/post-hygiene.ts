import type { Post } from './post.js';
import { httpUrl } from './web-link.js';
import { isolatedText, storable, storableDeep, visibleName } from './text-hygiene.js';

/**
 * A post as it is stored: every text valid for the database, its url a web link or null, the author's name spelled visibly,
 * and title and text isolated so their bidi controls reorder nothing outside them. The store
 * applies this to every post, whatever source it came from (see text-hygiene.ts for why).
 */
export function cleanPost<P extends Post>(p: P): P {
  return {
    ...p,
    id: storable(p.id),
    provider: p.provider === null ? null : storable(p.provider),
    author: p.author === null ? null : visibleName(p.author),
    url: ((u) => (u === null ? null : storable(u)))(httpUrl(p.url)), // web links only: a javascript: url is no link
    title: p.title === null ? null : isolatedText(p.title),
    text: isolatedText(p.text),
    incident: p.incident === null ? null : storableDeep(p.incident),
    ...(p.meta ? { meta: storableDeep(p.meta) } : {}),
  };
}
