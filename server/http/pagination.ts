import { z } from "zod";

export const MAX_PAGE_LIMIT = 1000;

export const paginationQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(500),
});
export type PaginationQuery = z.infer<typeof paginationQuerySchema>;

export const pageMetaSchema = z.object({
  offset: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
  hasMore: z.boolean(),
});

export function pageMeta({ offset, limit }: PaginationQuery, total: number) {
  return { offset, limit, total, hasMore: offset + limit < total };
}
