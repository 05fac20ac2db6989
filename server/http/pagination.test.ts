// The file-listing pagination contract (seed api-overview.txt, SPEC §11), shared by every paginated listing.
import { describe, expect, it } from "vitest";
import { pageMeta, paginationQuerySchema } from "./pagination";

describe("pagination", () => {
  it("defaults to offset 0 and limit 500, reading query-string numbers", () => {
    expect(paginationQuerySchema.parse({})).toEqual({ offset: 0, limit: 500 });
    expect(paginationQuerySchema.parse({ offset: "20", limit: "1000" })).toEqual({ offset: 20, limit: 1000 });
  });

  it.each([{ limit: "1001" }, { limit: "0" }, { limit: "2.5" }, { limit: "ten" }, { offset: "-1" }])(
    "refuses %o",
    (query) => expect(paginationQuerySchema.safeParse(query).success).toBe(false),
  );

  it("says whether more items follow", () => {
    expect(pageMeta({ offset: 0, limit: 500 }, 1200)).toEqual({ offset: 0, limit: 500, total: 1200, hasMore: true });
    expect(pageMeta({ offset: 1000, limit: 500 }, 1200)).toEqual({
      offset: 1000,
      limit: 500,
      total: 1200,
      hasMore: false,
    });
  });
});
