"use server";
import {
  createDestination,
  deleteDestination,
  testDestination,
  updateDestination,
} from "@/server/notifications/destinations.service";
// Notification destination forms and buttons: the same services and schemas as /api/v1/notifications.
import {
  createDestinationBodySchema,
  destinationParamsSchema,
  updateDestinationBodySchema,
} from "@/server/notifications/notifications.schema";
import { runAction } from "./run-action";

export async function createDestinationAction(_previous: unknown, input: unknown) {
  return runAction(createDestinationBodySchema, input, (auth, body) => createDestination(auth, body));
}

export async function updateDestinationAction(_previous: unknown, input: unknown) {
  return runAction(
    destinationParamsSchema.extend(updateDestinationBodySchema.shape),
    input,
    (auth, { id, ...changes }) => updateDestination(auth, id, changes),
  );
}

export async function deleteDestinationAction(_previous: unknown, input: unknown) {
  return runAction(destinationParamsSchema, input, (auth, { id }) => deleteDestination(auth, id));
}

export async function testDestinationAction(_previous: unknown, input: unknown) {
  return runAction(destinationParamsSchema, input, (auth, { id }) => testDestination(auth, id));
}
