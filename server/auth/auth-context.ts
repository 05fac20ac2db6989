import type { z } from "zod";
import type { userSchema } from "./auth.schema";

export type MemberRole = "owner" | "admin" | "member" | "viewer";

/** Who is calling, resolved from the session cookie or an API key. */
export type AuthContext = {
  /** The caller as the API shows a user (the same shape the sign-in routes answer with). */
  user: z.infer<typeof userSchema>;
  organizationId: string;
  memberRole: MemberRole;
  method: "session" | "apiKey";
  sessionId?: string;
  sessionExpiresAt?: number;
  apiKeyId?: string;
  /** The address the request came from (for the credential limiter); absent when a page resolves its session. */
  clientIp?: string;
};
