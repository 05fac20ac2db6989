import { nextAuthHandler } from "@/server/auth/next-auth-handler";

export { nextAuthHandler as GET, nextAuthHandler as POST };
