// Volumes for the web UI's reads: thin adapters over the volume services with the REST API's schemas as inputs.
// Writes (create, update, delete, mount, test connection) are server actions (server/actions/volumes.actions.ts).

import type { z } from "zod";
import { browseHostDirectories, listVolumeFiles } from "@/server/volumes/volume-files.service";
import {
  browseQuerySchema,
  volumeFilesQuerySchema,
  type volumeFilesSchema,
  volumeParamsSchema,
} from "@/server/volumes/volumes.schema";
import { getVolume, listVolumes } from "@/server/volumes/volumes.service";
import { createTRPCRouter, protectedProcedure } from "../init";
import { adminProcedure } from "./admin-procedure";
import { responseJson } from "./response-json";

export const volumesRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listVolumes(ctx.auth)),
  get: protectedProcedure.input(volumeParamsSchema).query(({ ctx, input }) => getVolume(ctx.auth, input.shortId)),
  files: protectedProcedure
    .input(volumeParamsSchema.extend(volumeFilesQuerySchema.shape))
    .query(({ ctx, input: { shortId, ...query } }) =>
      responseJson<z.infer<typeof volumeFilesSchema>>(listVolumeFiles(ctx.auth, shortId, query)),
    ),
  /** The host's folders, to pick a directory volume (instance admins, as on the REST API). */
  browse: adminProcedure.input(browseQuerySchema).query(({ input }) => browseHostDirectories(input.path)),
});
