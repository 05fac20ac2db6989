import { Panel } from "@/components/ui/panel";
import type { AuthContext } from "@/server/auth/auth-context";

export function AccountDetails({ user }: { user: AuthContext["user"] }) {
  const rows = [
    ["Name", user.name],
    ["Email", user.email],
    ["Username", user.username],
    ["Role", user.role === "admin" ? "Administrator" : "User"],
  ] as const;
  return (
    <Panel title="Account">
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[8rem_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-sm text-zinc-500 dark:text-zinc-400">{term}</dt>
            <dd className="text-sm font-medium break-all">{value}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}
