"use server";
// Accounts created by an instance administrator from the settings page (the same sign-up service and schema as
// POST /api/auth/sign-up/email with an admin session).
import { signUpBodySchema } from "@/server/auth/auth.schema";
import { requireInstanceAdmin } from "@/server/auth/authorization";
import { signUp } from "@/server/auth/users.service";
import { runAction } from "./run-action";

export async function createUserAction(_previous: unknown, input: unknown) {
  return runAction(signUpBodySchema, input, (auth, body) => {
    requireInstanceAdmin(auth);
    return signUp(body, auth);
  });
}
