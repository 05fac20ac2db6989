"use server";
// Volume forms and buttons: the same services and schemas as /api/v1/volumes.
import { z } from "zod";
import { BadRequestError } from "@/server/http/errors";
import type { VolumeStatusResult } from "@/server/volumes/volume-health";
import {
  createVolumeBodySchema,
  testConnectionBodySchema,
  updateVolumeBodySchema,
  volumeParamsSchema,
} from "@/server/volumes/volumes.schema";
import {
  createVolume,
  deleteVolume,
  healthCheckVolume,
  mountVolumeAction,
  testConnection,
  unmountVolumeAction,
  updateVolume,
} from "@/server/volumes/volumes.service";
import { runAction } from "./run-action";

/** Mount and unmount answer a failed operation as a 500 Response for the REST API; here it is the form's message. */
async function statusOf(result: VolumeStatusResult | Response): Promise<VolumeStatusResult> {
  if (!(result instanceof Response)) return result;
  const body = (await result.json()) as { error?: string; message?: string };
  throw new BadRequestError(body.error ?? body.message ?? "The operation failed");
}

export async function createVolumeAction(_previous: unknown, input: unknown) {
  return runAction(createVolumeBodySchema, input, (auth, body) => createVolume(auth, body));
}

export async function updateVolumeAction(_previous: unknown, input: unknown) {
  return runAction(volumeParamsSchema.extend(updateVolumeBodySchema.shape), input, (auth, { shortId, ...changes }) =>
    updateVolume(auth, shortId, changes),
  );
}

export async function deleteVolumeAction(_previous: unknown, input: unknown) {
  return runAction(volumeParamsSchema, input, (auth, { shortId }) => deleteVolume(auth, shortId));
}

export async function testVolumeConnectionAction(_previous: unknown, input: unknown) {
  return runAction(testConnectionBodySchema, input, (auth, body) => testConnection(auth, body.config));
}

const volumeOperation = volumeParamsSchema.extend({ operation: z.enum(["mount", "unmount", "healthCheck"]) });

/** Mount, unmount or health check: one button form each on the volume page. */
export async function volumeOperationAction(_previous: unknown, input: unknown) {
  return runAction(volumeOperation, input, async (auth, { shortId, operation }) => {
    if (operation === "mount") return statusOf(await mountVolumeAction(auth, shortId));
    if (operation === "unmount") return statusOf(await unmountVolumeAction(auth, shortId));
    return healthCheckVolume(auth, shortId);
  });
}
