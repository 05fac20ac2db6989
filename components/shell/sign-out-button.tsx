"use client";
import { useState } from "react";
import { postAuth } from "@/components/auth/auth-request";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  async function signOut() {
    setPending(true);
    // Even if the request fails the cookie may be gone; the login page sorts out either case.
    await postAuth("/api/auth/sign-out").catch(() => undefined);
    // A full page load drops every query the signed-out user had cached in this tab.
    window.location.assign("/login");
  }
  return (
    <Button variant="ghost" onClick={signOut} pending={pending} className="px-2.5">
      Sign out
    </Button>
  );
}
