// What the audit log records, as a list rather than only a type: the audit view offers these as its action filter,
// and this module has no imports so the browser bundle can take it without the service's database code.
export const AUDIT_ACTIONS = [
  "auth.sign_in_failed",
  "user.create",
  "user.delete",
  "user.ban",
  "user.unban",
  "user.role_change",
  "user.password_reset",
  "two_factor.disable",
  "api_key.create",
  "api_key.delete",
  "rest_user.create",
  "rest_user.update",
  "rest_user.delete",
  "repository.delete",
  "repository.purge",
  "snapshot.delete",
  "snapshot.tag",
  "schedule.delete",
  "volume.delete",
  "restore.original_location",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
