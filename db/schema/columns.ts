import { integer } from "drizzle-orm/sqlite-core";

/** Epoch milliseconds, set on insert. */
export const createdAt = () =>
  integer("created_at")
    .notNull()
    .$defaultFn(() => Date.now());

/** Epoch milliseconds, refreshed on every update made through drizzle. */
export const updatedAt = () =>
  integer("updated_at")
    .notNull()
    .$defaultFn(() => Date.now())
    .$onUpdateFn(() => Date.now());
