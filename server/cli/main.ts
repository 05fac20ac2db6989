// Admin CLI: `npm run cli -- <command> [options]`. Works on the database that DATA_DIR / DATABASE_URL point at.
import { randomBytes } from "node:crypto";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { closeDb } from "@/db/client";
import { actingAs, cliActor } from "@/server/audit/audit-actor";
import { signUpBodySchema } from "@/server/auth/auth.schema";
import { disableTwoFactor } from "@/server/auth/two-factor.service";
import { deleteUser, resetPassword, setUserBanned, setUserRole } from "@/server/auth/user-admin.service";
import { createUser, findUserByLogin, listUsers } from "@/server/auth/users.service";
import { AppError } from "@/server/http/errors";

const USAGE = `Usage: npm run cli -- <command> [options]

  list-users
  create-user --email <email> --name <name> [--username <name>] [--password <pw>] [--admin]
  reset-password --user <email or username> [--password <pw>]   (ends the user's sessions)
  disable-2fa --user <email or username>
  ban-user --user <email or username>        (ends the user's sessions; API keys stop working)
  unban-user --user <email or username>
  set-role --user <email or username> --role <admin|user>
  delete-user --user <email or username>     (with the organizations only they belong to)

Every command but list-users is recorded in the audit log, with your login name as the actor.

A password left out is generated and printed once.`;

const options = {
  email: { type: "string" },
  name: { type: "string" },
  username: { type: "string" },
  password: { type: "string" },
  user: { type: "string" },
  admin: { type: "boolean" },
  role: { type: "string" },
} as const;

async function requireUser(login: string | undefined) {
  if (!login) throw new AppError(400, "--user is required");
  const user = await findUserByLogin(
    login.includes("@") ? { email: login.toLowerCase() } : { username: login.toLowerCase() },
  );
  if (!user) throw new AppError(404, `No user ${login}`);
  return user;
}

const generatedPassword = () => randomBytes(12).toString("base64url");

async function run(
  command: string | undefined,
  values: ReturnType<typeof parseArgs<{ options: typeof options }>>["values"],
) {
  switch (command) {
    case "list-users": {
      for (const user of await listUsers()) {
        console.log(`${user.username}\t${user.email}\t${user.role}${user.twoFactorEnabled ? "\t2fa" : ""}`);
      }
      return;
    }
    case "create-user": {
      const password = values.password ?? generatedPassword();
      const input = signUpBodySchema.parse({
        email: values.email,
        name: values.name,
        username: values.username,
        password,
      });
      const user = await createUser(input, values.admin ? "admin" : "user");
      console.log(`created ${user.username} (${user.email}, ${user.role})`);
      if (!values.password) console.log(`password: ${password}`);
      return;
    }
    case "reset-password": {
      const user = await requireUser(values.user);
      const password = values.password ?? generatedPassword();
      await resetPassword(user.id, password);
      console.log(`password of ${user.username} reset; their sessions were ended`);
      if (!values.password) console.log(`password: ${password}`);
      return;
    }
    case "disable-2fa": {
      const user = await requireUser(values.user);
      await disableTwoFactor(user.id);
      console.log(`two-factor authentication disabled for ${user.username}`);
      return;
    }
    case "ban-user":
    case "unban-user": {
      const user = await requireUser(values.user);
      await setUserBanned(user.id, command === "ban-user");
      console.log(`${user.username} ${command === "ban-user" ? "banned; their sessions were ended" : "unbanned"}`);
      return;
    }
    case "set-role": {
      const user = await requireUser(values.user);
      if (values.role !== "admin" && values.role !== "user") throw new AppError(400, "--role must be admin or user");
      await setUserRole(user.id, values.role);
      console.log(`${user.username} is now ${values.role === "admin" ? "an admin" : "a user"}`);
      return;
    }
    case "delete-user": {
      const user = await requireUser(values.user);
      const { deletedOrganizations } = await deleteUser(user.id);
      console.log(`deleted ${user.username} and ${deletedOrganizations} organization(s) only they belonged to`);
      return;
    }
    default:
      console.log(USAGE);
      process.exitCode = command ? 2 : 0;
  }
}

const { positionals, values } = parseArgs({ options, allowPositionals: true });
try {
  await actingAs(cliActor(userInfo().username), () => run(positionals[0], values));
} catch (error) {
  const message =
    error instanceof ZodError
      ? `${error.issues[0].path.join(".")}: ${error.issues[0].message}`
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`error: ${message}`);
  process.exitCode = 1;
} finally {
  closeDb();
}
