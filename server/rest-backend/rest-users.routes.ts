import { z } from "zod";
import { defineRoute } from "@/server/http/api-route";
import {
  createRestUserSchema,
  deleteRestUserQuerySchema,
  restUserIdParamsSchema,
  restUserSchema,
  updateRestUserSchema,
} from "./rest-users.schema";
import { createRestUser, deleteRestUser, getRestUser, listRestUsers, updateRestUser } from "./rest-users.service";

const tags = ["REST server users"];
const byId = "/api/v1/rest-users/{id}";

export const list = defineRoute({
  method: "get",
  path: "/api/v1/rest-users",
  summary: "Accounts of the built-in restic REST server (instance admins)",
  tags,
  access: "admin",
  response: { schema: z.array(restUserSchema) },
  handler: () => listRestUsers(),
});

export const create = defineRoute({
  method: "post",
  path: "/api/v1/rest-users",
  summary: "Create a REST server account (password stored as a bcrypt hash)",
  tags,
  access: "admin",
  body: createRestUserSchema,
  response: { status: 201, schema: restUserSchema },
  errors: [409],
  handler: ({ body }) => createRestUser(body),
});

export const get = defineRoute({
  method: "get",
  path: byId,
  summary: "One REST server account",
  tags,
  access: "admin",
  params: restUserIdParamsSchema,
  response: { schema: restUserSchema },
  errors: [404],
  handler: ({ params }) => getRestUser(params.id),
});

export const update = defineRoute({
  method: "patch",
  path: byId,
  summary: "Change a REST server account (password, private repositories, append-only, quota)",
  tags,
  access: "admin",
  params: restUserIdParamsSchema,
  body: updateRestUserSchema,
  response: { schema: restUserSchema },
  errors: [404, 409],
  handler: ({ params, body }) => updateRestUser(params.id, body),
});

export const remove = defineRoute({
  method: "delete",
  path: byId,
  summary:
    "Delete a REST server account; its repositories are set aside under DATA_DIR/rest-deleted (`?purge=true`: deleted), so a new account of the same name starts empty",
  tags,
  access: "admin",
  params: restUserIdParamsSchema,
  query: deleteRestUserQuerySchema,
  response: { schema: z.object({ message: z.string() }) },
  errors: [404],
  handler: async ({ params, query }) => {
    await deleteRestUser(params.id, query);
    return { message: query.purge ? "REST user and its repositories deleted" : "REST user deleted" };
  },
});
