// Admin CLI: `npm run cli -- <command> [options]`. Works on the database that DATA_DIR / DATABASE_URL point at.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { closeDb } from "@/db/client";
import { signUpBodySchema } from "@/server/auth/auth.schema";
import { disableTwoFactor } from "@/server/auth/two-factor.service";
import { createUser, findUserByLogin, listUsers, setPassword } from "@/server/auth/users.service";
import { AppError } from "@/server/http/errors";

const USAGE = `Usage: npm run cli -- <command> [options]

  list-users
  create-user --email <email> --name <name> [--username <name>] [--password <pw>] [--admin]
  reset-password --user <email or username> [--password <pw>]   (ends the user's sessions)
  disable-2fa --user <email or username>

A password left out is generated and printed once.`;

const options = {
  email: { type: "string" },
  name: { type: "string" },
  username: { type: "string" },
  password: { type: "string" },
  user: { type: "string" },
  admin: { type: "boolean" },
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
      await setPassword(user.id, password);
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
    default:
      console.log(USAGE);
      process.exitCode = command ? 2 : 0;
  }
}

const { positionals, values } = parseArgs({ options, allowPositionals: true });
try {
  await run(positionals[0], values);
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
