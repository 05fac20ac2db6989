import { z } from "zod";
import { scheduleParamsSchema } from "@/server/backups/backups.schema";
import { defineRoute } from "@/server/http/api-route";
import { listAssignments, replaceAssignments } from "./assignments.service";
import {
  createDestination,
  deleteDestination,
  getDestination,
  listDestinations,
  testDestination,
  updateDestination,
} from "./destinations.service";
import {
  assignmentSchema,
  createDestinationBodySchema,
  destinationDeletedSchema,
  destinationParamsSchema,
  destinationSchema,
  overdueSettingsBodySchema,
  overdueSettingsSchema,
  replaceAssignmentsBodySchema,
  testDestinationResponseSchema,
  updateDestinationBodySchema,
} from "./notifications.schema";
import { getOverdueSettings, updateOverdueSettings } from "./overdue.service";

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

const scheduleTags = ["Backups"];
const schedulePath = "/api/v1/backups/{shortId}";

export const assignments = defineRoute({
  method: "get",
  path: `${schedulePath}/notifications`,
  summary: "Which destinations hear this schedule's start, success, warning and failure (and overdue) notices",
  tags: scheduleTags,
  access: "user",
  params: scheduleParamsSchema,
  response: { schema: z.array(assignmentSchema) },
  errors: [404],
  handler: ({ auth, params }) => listAssignments(auth, params.shortId),
});

export const assignmentsReplace = defineRoute({
  method: "put",
  path: `${schedulePath}/notifications`,
  summary: "Replace the schedule's notification assignments",
  tags: scheduleTags,
  access: "user",
  params: scheduleParamsSchema,
  body: replaceAssignmentsBodySchema,
  response: { schema: z.array(assignmentSchema) },
  errors: [404],
  handler: ({ auth, params, body }) => replaceAssignments(auth, params.shortId, body),
});

export const overdueAlert = defineRoute({
  method: "get",
  path: `${schedulePath}/overdue-alert`,
  summary: "The schedule's overdue alert: on or off, its grace, and by when the next successful backup is due",
  tags: scheduleTags,
  access: "user",
  params: scheduleParamsSchema,
  response: { schema: overdueSettingsSchema },
  errors: [404],
  handler: ({ auth, params }) => getOverdueSettings(auth, params.shortId),
});

export const overdueAlertUpdate = defineRoute({
  method: "put",
  path: `${schedulePath}/overdue-alert`,
  summary: "Turn the overdue alert on or off, and set its grace in minutes (null: 25 % of the interval, at least 1 h)",
  tags: scheduleTags,
  access: "user",
  params: scheduleParamsSchema,
  body: overdueSettingsBodySchema,
  response: { schema: overdueSettingsSchema },
  errors: [404],
  handler: ({ auth, params, body }) => updateOverdueSettings(auth, params.shortId, body),
});
