import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RestUsersSettings } from "@/components/rest-users/rest-users-settings";
import { AccountDetails } from "@/components/settings/account-details";
import { ApiKeysSettings } from "@/components/settings/api-keys-settings";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { OrganizationSettings } from "@/components/settings/organization-settings";
import { TwoFactorSettings } from "@/components/settings/two-factor-settings";
import { UsersSettings } from "@/components/settings/users-settings";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAuth } from "@/server/trpc/server-auth";

export const metadata: Metadata = { title: "Settings · Zerobyte" };

export default async function SettingsPage() {
  const auth = await getPageAuth();
  if (!auth) redirect("/login");
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your account, sign-in security, API keys, your organization and, for administrators, users."
      />
      <div className="flex flex-col gap-6">
        <AccountDetails user={auth.user} />
        <ChangePasswordForm />
        <TwoFactorSettings user={auth.user} />
        <ApiKeysSettings />
        <OrganizationSettings organizationId={auth.organizationId} role={auth.memberRole} />
        {auth.user.role === "admin" && <UsersSettings />}
        {auth.user.role === "admin" && <RestUsersSettings />}
      </div>
    </>
  );
}
