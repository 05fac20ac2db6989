// TOTP (RFC 6238) with otpauth, plus single-use backup codes stored as SHA-256 hashes.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { database } from "@/db/client";
import { twoFactor, users } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { BadRequestError, ConflictError, UnauthorizedError } from "@/server/http/errors";
import { forgetResolvedCredentials } from "./credential-cache";
import { requireUserPassword } from "./users.service";

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
export async function beginTwoFactorSetup(
  user: { id: string; email: string; twoFactorEnabled: boolean },
  password: string,
) {
  await requireUserPassword(user.id, password);
  if (user.twoFactorEnabled) throw new ConflictError("Two-factor authentication is already enabled");
  const secret = new Secret({ size: 20 }).base32;
  const backupCodes = newBackupCodes();
  const db = await database();
  const values = { secret: encryptSecret(secret), backupCodes: backupCodes.map(hashCode), verified: false };
  await db
    .insert(twoFactor)
    .values({ id: randomUUID(), userId: user.id, ...values })
    .onConflictDoUpdate({ target: twoFactor.userId, set: values });
  return { totpURI: totpFor(secret, user.email).toString(), backupCodes };
}

/** Checks a TOTP code (±1 step of clock drift). The first valid code after setup switches 2FA on. */
export async function verifyTotp(userId: string, code: string): Promise<void> {
  const row = await loadTwoFactor(userId);
  if (!row) throw new BadRequestError("Two-factor authentication is not set up");
  const delta = totpFor(decryptSecret(row.secret), userId).validate({ token: code.replace(/\s/g, ""), window: 1 });
  if (delta === null) throw new UnauthorizedError("Invalid two-factor code");
  if (!row.verified) {
    const db = await database();
    await db.update(twoFactor).set({ verified: true }).where(eq(twoFactor.userId, userId));
    await db.update(users).set({ twoFactorEnabled: true }).where(eq(users.id, userId));
    forgetResolvedCredentials();
  }
}

/** Accepts one unused backup code and burns it. */
export async function verifyBackupCode(userId: string, code: string): Promise<void> {
  const row = await loadTwoFactor(userId);
  if (!row?.verified) throw new BadRequestError("Two-factor authentication is not enabled");
  const given = Buffer.from(hashCode(code), "hex");
  const match = row.backupCodes.find((stored) => timingSafeEqual(Buffer.from(stored, "hex"), given));
  if (!match) throw new UnauthorizedError("Invalid backup code");
  const db = await database();
  await db
    .update(twoFactor)
    .set({ backupCodes: row.backupCodes.filter((stored) => stored !== match) })
    .where(eq(twoFactor.userId, userId));
}

export async function regenerateBackupCodes(userId: string, password: string): Promise<string[]> {
  await requireUserPassword(userId, password);
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

export async function disableTwoFactor(userId: string, password?: string): Promise<void> {
  if (password !== undefined) await requireUserPassword(userId, password);
  const db = await database();
  await db.delete(twoFactor).where(eq(twoFactor.userId, userId));
  await db.update(users).set({ twoFactorEnabled: false }).where(eq(users.id, userId));
  forgetResolvedCredentials();
}
