import { z } from "zod";

export const emailSchema = z.email({ message: "must be a valid email address" }).trim().toLowerCase();
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{2,30}$/, { message: "must be 2 to 30 characters: letters, digits, _ . -" });
export const newPasswordSchema = z.string().min(8, { message: "must be at least 8 characters" }).max(128);

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(["admin", "user"]),
  twoFactorEnabled: z.boolean(),
  hasDownloadedResticPassword: z.boolean(),
});

export const signUpBodySchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  name: z.string().trim().min(1).max(100),
  /** Optional: derived from the email address when absent. */
  username: usernameSchema.optional(),
});

export const signInEmailBodySchema = z.object({ email: emailSchema, password: z.string().min(1) });
export const signInUsernameBodySchema = z.object({
  username: z.string().trim().toLowerCase().min(1),
  password: z.string().min(1),
});

export const signInResponseSchema = z.union([
  z.object({ redirect: z.literal(false), user: userSchema }),
  z.object({ twoFactorRedirect: z.literal(true) }),
]);

export const twoFactorCodeBodySchema = z.object({
  code: z.string().trim().min(6).max(32),
  trustDevice: z.boolean().optional(),
});
export const passwordBodySchema = z.object({ password: z.string().min(1) });
export const twoFactorSetupResponseSchema = z.object({ totpURI: z.string(), backupCodes: z.array(z.string()) });

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1),
  newPassword: newPasswordSchema,
});

export const sessionResponseSchema = z
  .object({
    session: z.object({ id: z.string(), expiresAt: z.number(), activeOrganizationId: z.string() }),
    user: userSchema,
  })
  .nullable();

export const authStatusSchema = z.object({ hasUsers: z.boolean() });
export const ssoProvidersSchema = z.object({
  providers: z.array(z.object({ providerId: z.string(), organizationSlug: z.string() })),
});
export const successSchema = z.object({ success: z.boolean() });
