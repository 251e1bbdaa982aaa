/**
 * The parts of a Sorry™ status page's notices the adapter reads (Sorry's API v1:
 * `GET /v1/pages/{page}/notices`, docs.sorryapp.com; a page serves its public part under its own
 * host at `/api/v1/...`). A notice is an incident (`type: unplanned`), a maintenance (`planned`)
 * or a `general` announcement, with a `state` word, a `subject`, a `synopsis`, a `link`, its
 * `began_at`/`ended_at` times and, when embedded, its `updates` (each a `content` and a time)
 * and `components`. The list arrives bare or wrapped (`response`, `data` or `notices`): public
 * descriptions disagree on the wrapper, so each is accepted.
 */
import { z } from 'zod';

const id = z.union([z.string().min(1), z.number()]).transform(String);
const text = z.string().nullish();
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

export const updateSchema = z.object({ id: id.nullish(), content: text, created_at: text, updated_at: text });
export const componentSchema = z.object({ id: id.nullish(), name: text });

export const noticeSchema = z.object({
  id,
  type: text,
  state: text,
  subject: text,
  synopsis: text,
  link: text,
  began_at: text,
  ended_at: text,
  created_at: text,
  updated_at: text,
  updates: list(updateSchema),
  components: list(componentSchema),
});

export const documentSchema = z.array(noticeSchema);

export type SorryNotice = z.infer<typeof noticeSchema>;
export type SorryUpdate = z.infer<typeof updateSchema>;

/** The keys the list of notices may be wrapped in, in the order they are looked for. */
export const WRAPPERS = ['response', 'data', 'notices'] as const;
