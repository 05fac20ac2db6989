// TOTP (RFC 6238) with otpauth, plus single-use backup codes stored as SHA-256 hashes. Both are second factors
// behind the credential limiter; a TOTP code is good for one sign-in (its time step is recorded), and a backup code
// is burnt with a compare-and-swap, so two requests racing with the same code cannot both pass.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { database } from "@/db/client";
import { twoFactor, users } from "@/db/schema";
import { recordAudit } from "@/server/audit/audit.service";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { BadRequestError, ConflictError, UnauthorizedError } from "@/server/http/errors";
import type { AuthContext } from "./auth-context";
import { forgetResolvedCredentials } from "./credential-cache";
import { limitCredentialCheck } from "./credential-limiter";
import { requireUserPassword } from "./users.service";

/** Who is proving a second factor, and from where (for the credential limiter). */
export type SecondFactorAttempt = { userId: string; ip: string };
type PasswordCaller = Pick<AuthContext, "user" | "clientIp">;
const secondFactorSubject = ({ userId, ip }: SecondFactorAttempt) => ({ ip, account: `second-factor:${userId}` });

const BACKUP_CODE_COUNT = 10;
const ISSUER = "Zerobyte";

const hashCode = (code: string) => createHash("sha256").update(code.replace(/[\s-]/g, "").toLowerCase()).digest("hex");

function newBackupCodes(): string[] {
  return Array.from({ length: BACKUP_CODE_COUNT }, () => {
    const raw = randomBytes(5).toString("hex");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

function totpFor(secretBase32: string, label: string) {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

async function loadTwoFactor(userId: string) {
  const db = await database();
  const [row] = await db.select().from(twoFactor).where(eq(twoFactor.userId, userId));
  return row ?? null;
}

/** Starts 2FA setup: a new secret and backup codes. 2FA is on only after the first valid code (verifyTotp). */
export async function beginTwoFactorSetup(caller: PasswordCaller, password: string) {
  const { user } = caller;
  await requireUserPassword(caller, password);
  if (user.twoFactorEnabled) throw new ConflictError("Two-factor authentication is already enabled");
  const secret = new Secret({ size: 20 }).base32;
  const backupCodes = newBackupCodes();
  const db = await database();
  const values = {
    secret: encryptSecret(secret),
    backupCodes: backupCodes.map(hashCode),
    verified: false,
    lastUsedStep: null,
  };
  await db
    .insert(twoFactor)
    .values({ id: randomUUID(), userId: user.id, ...values })
    .onConflictDoUpdate({ target: twoFactor.userId, set: values });
  return { totpURI: totpFor(secret, user.email).toString(), backupCodes };
}

/** The time step a code is valid for (±1 step of clock drift), or null when it is not valid now. */
function acceptedStep(secretBase32: string, code: string, now: number): number | null {
  const totp = totpFor(secretBase32, "");
  const delta = totp.validate({ token: code.replace(/\s/g, ""), window: 1, timestamp: now });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

/** Records `step` as used unless it (or a later step) already was: the one write that makes a code single-use. */
async function claimStep(userId: string, step: number): Promise<boolean> {
  const db = await database();
  const claimed = await db
    .update(twoFactor)
    .set({ lastUsedStep: step })
    .where(and(eq(twoFactor.userId, userId), or(isNull(twoFactor.lastUsedStep), lt(twoFactor.lastUsedStep, step))))
    .returning({ id: twoFactor.id });
  return claimed.length === 1;
}

/** Checks a TOTP code once. The first valid code after setup switches 2FA on. */
export async function verifyTotp(attempt: SecondFactorAttempt, code: string): Promise<void> {
  const row = await loadTwoFactor(attempt.userId);
  if (!row) throw new BadRequestError("Two-factor authentication is not set up");
  const passed = await limitCredentialCheck(secondFactorSubject(attempt), async () => {
    const step = acceptedStep(decryptSecret(row.secret), code, Date.now());
    return step !== null && (await claimStep(attempt.userId, step));
  });
  if (!passed) throw new UnauthorizedError("Invalid two-factor code");
  if (!row.verified) {
    const db = await database();
    await db.update(twoFactor).set({ verified: true }).where(eq(twoFactor.userId, attempt.userId));
    await db.update(users).set({ twoFactorEnabled: true }).where(eq(users.id, attempt.userId));
    forgetResolvedCredentials();
  }
}

/** Removes `code` from the unused codes with a compare-and-swap; false when it is not (or no longer) there. */
async function burnBackupCode(userId: string, code: string): Promise<boolean> {
  const given = Buffer.from(hashCode(code), "hex");
  const db = await database();
  // A lost race rereads the row: if the other request spent this very code it is gone now, else try again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await loadTwoFactor(userId);
    const match = row?.backupCodes.find((stored) => timingSafeEqual(Buffer.from(stored, "hex"), given));
    if (!row || !match) return false;
    const burnt = await db
      .update(twoFactor)
      .set({ backupCodes: row.backupCodes.filter((stored) => stored !== match) })
      .where(and(eq(twoFactor.userId, userId), eq(twoFactor.backupCodes, row.backupCodes)))
      .returning({ id: twoFactor.id });
    if (burnt.length === 1) return true;
  }
  return false;
}

/** Accepts one unused backup code and burns it. */
export async function verifyBackupCode(attempt: SecondFactorAttempt, code: string): Promise<void> {
  const row = await loadTwoFactor(attempt.userId);
  if (!row?.verified) throw new BadRequestError("Two-factor authentication is not enabled");
  const passed = await limitCredentialCheck(secondFactorSubject(attempt), () => burnBackupCode(attempt.userId, code));
  if (!passed) throw new UnauthorizedError("Invalid backup code");
}

export async function regenerateBackupCodes(caller: PasswordCaller, password: string): Promise<string[]> {
  const userId = caller.user.id;
  await requireUserPassword(caller, password);
  const row = await loadTwoFactor(userId);
  if (!row?.verified) throw new BadRequestError("Two-factor authentication is not enabled");
  const backupCodes = newBackupCodes();
  const db = await database();
  await db
    .update(twoFactor)
    .set({ backupCodes: backupCodes.map(hashCode) })
    .where(eq(twoFactor.userId, userId));
  return backupCodes;
}

/** Switches 2FA off once the caller re-entered their password. */
export async function disableOwnTwoFactor(caller: PasswordCaller, password: string): Promise<void> {
  await requireUserPassword(caller, password);
  await disableTwoFactor(caller.user.id);
}

/** Switches 2FA off without a check (the admin CLI). */
export async function disableTwoFactor(userId: string): Promise<void> {
  const db = await database();
  await db.delete(twoFactor).where(eq(twoFactor.userId, userId));
  const [user] = await db
    .update(users)
    .set({ twoFactorEnabled: false })
    .where(eq(users.id, userId))
    .returning({ username: users.username });
  await recordAudit({ action: "two_factor.disable", target: user?.username ?? userId });
  await db.update(users).set({ twoFactorEnabled: false }).where(eq(users.id, userId));
  forgetResolvedCredentials();
}
