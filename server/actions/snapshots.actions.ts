"use server";
// The restore form: the same service and schema as POST /api/v1/repositories/{shortId}/restore.
import { repositoryParamsSchema } from "@/server/repositories/repositories.schema";
import { startRestore } from "@/server/snapshots/restore.service";
import { restoreBodySchema } from "@/server/snapshots/snapshots.schema";
import { runAction } from "./run-action";

export async function restoreAction(_previous: unknown, input: unknown) {
  return runAction(repositoryParamsSchema.extend(restoreBodySchema.shape), input, (auth, { shortId, ...body }) =>
    startRestore(auth, shortId, body),
  );
}
