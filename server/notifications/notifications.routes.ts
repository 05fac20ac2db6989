import { z } from "zod";
import { defineRoute } from "@/server/http/api-route";
import {
  createDestination,
  deleteDestination,
  getDestination,
  listDestinations,
  testDestination,
  updateDestination,
} from "./destinations.service";
import {
  createDestinationBodySchema,
  destinationDeletedSchema,
  destinationParamsSchema,
  destinationSchema,
  testDestinationResponseSchema,
  updateDestinationBodySchema,
} from "./notifications.schema";

const tags = ["Notifications"];
const base = "/api/v1/notifications/destinations";
const byId = `${base}/{id}`;

export const list = defineRoute({
  method: "get",
  path: base,
  summary: "List notification destinations, by name",
  tags,
  access: "user",
  response: { schema: z.array(destinationSchema) },
  handler: ({ auth }) => listDestinations(auth),
});

export const create = defineRoute({
  method: "post",
  path: base,
  summary:
    "Create a destination (email, slack, discord, gotify, ntfy, pushover, telegram, generic, healthchecks, custom); self-hosted addresses must be in WEBHOOK_ALLOWED_ORIGINS",
  tags,
  access: "user",
  body: createDestinationBodySchema,
  response: { status: 201, schema: destinationSchema },
  handler: ({ auth, body }) => createDestination(auth, body),
});

export const get = defineRoute({
  method: "get",
  path: byId,
  summary: "One notification destination",
  tags,
  access: "user",
  params: destinationParamsSchema,
  response: { schema: destinationSchema },
  errors: [404],
  handler: ({ auth, params }) => getDestination(auth, params.id),
});

export const update = defineRoute({
  method: "patch",
  path: byId,
  summary: "Rename, enable/disable, or change the config (send a masked secret back to keep it)",
  tags,
  access: "user",
  params: destinationParamsSchema,
  body: updateDestinationBodySchema,
  response: { schema: destinationSchema },
  errors: [404],
  handler: ({ auth, params, body }) => updateDestination(auth, params.id, body),
});

export const remove = defineRoute({
  method: "delete",
  path: byId,
  summary: "Delete a notification destination",
  tags,
  access: "user",
  params: destinationParamsSchema,
  response: { schema: destinationDeletedSchema },
  errors: [404],
  handler: ({ auth, params }) => deleteDestination(auth, params.id),
});

export const test = defineRoute({
  method: "post",
  path: `${byId}/test`,
  summary: "Send a test message now; a failed delivery is a 502 with the reason, and the status becomes error",
  tags,
  access: "user",
  params: destinationParamsSchema,
  response: { schema: testDestinationResponseSchema },
  errors: [404, 502],
  handler: ({ auth, params }) => testDestination(auth, params.id),
});
