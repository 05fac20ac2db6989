import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/next-auth-options";

// Options are read per request: they depend on the validated configuration, which is loaded at start-up.
const handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(authOptions())(request, context);

export { handler as GET, handler as POST };
