import type { ReactNode } from "react";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import type { AuthContext } from "@/server/auth/auth-context";
import { Logo } from "./logo";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

/** Sidebar (stacked on top on small screens) with the sections, the signed-in user, sign-out and the theme toggle. */
export function AppShell({ user, children }: { user: AuthContext["user"]; children: ReactNode }) {
  return (
    <div className="min-h-screen md:flex">
      {/* The aside runs the full height of the page (its border and background reach the bottom); its content stays
          in view while the page scrolls. */}
      <aside className="border-b border-zinc-200 bg-white md:w-60 md:shrink-0 md:border-r md:border-b-0 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="md:sticky md:top-0 md:flex md:h-screen md:flex-col">
          <div className="px-4 pt-4 pb-2 md:px-5 md:pt-5 md:pb-4">
            <Logo />
          </div>
          <div className="px-2 pb-2 md:flex-1 md:px-3">
            <NavLinks />
          </div>
          <div className="flex flex-wrap items-center gap-2 border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">
            <div className="min-w-0 flex-1 md:basis-full">
              <p className="truncate text-sm font-medium">{user.name}</p>
              <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">@{user.username}</p>
            </div>
            <ThemeToggle />
            <SignOutButton />
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-6 md:px-10 md:py-10">
        <div className="mx-auto max-w-5xl">{children}</div>
      </main>
    </div>
  );
}
