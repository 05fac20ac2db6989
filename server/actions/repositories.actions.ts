"use server";
// Repository forms and the delete button: the same services and schemas as /api/v1/repositories.
import { z } from "zod";
import {
  createRepositoryBodySchema,
  repositoryParamsSchema,
  updateRepositoryBodySchema,
} from "@/server/repositories/repositories.schema";
import { createRepository, deleteRepository, updateRepository } from "@/server/repositories/repositories.service";
import { runAction } from "./run-action";

export async function createRepositoryAction(_previous: unknown, input: unknown) {
  return runAction(createRepositoryBodySchema, input, (auth, body) => createRepository(auth, body));
}

export async function updateRepositoryAction(_previous: unknown, input: unknown) {
  return runAction(
    repositoryParamsSchema.extend(updateRepositoryBodySchema.shape),
    input,
    (auth, { shortId, ...changes }) => updateRepository(auth, shortId, changes),
  );
}

/** `purge` also deletes the stored backup data (the REST API's `?purge=true`); a form sends it as "on". */
const deleteInput = repositoryParamsSchema.extend({
  purge: z.union([z.boolean(), z.literal("on").transform(() => true)]).default(false),
});

export async function deleteRepositoryAction(_previous: unknown, input: unknown) {
  return runAction(deleteInput, input, (auth, { shortId, purge }) => deleteRepository(auth, shortId, { purge }));
}
