export type MemberRole = "owner" | "admin" | "member" | "viewer";

/** Who is calling, resolved from the session cookie or an API key. */
export type AuthContext = {
  user: {
    id: string;
    email: string;
    username: string;
    name: string;
    role: "admin" | "user";
    twoFactorEnabled: boolean;
    hasDownloadedResticPassword: boolean;
  };
  organizationId: string;
  memberRole: MemberRole;
  method: "session" | "apiKey";
  sessionId?: string;
  sessionExpiresAt?: number;
  apiKeyId?: string;
};
