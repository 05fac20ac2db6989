// What the volume forms ask for, per backend: the config field names of the API (reference §4.1).
import type { FieldSpec } from "@/components/forms/config-fields";
import { readConfigFields } from "@/components/forms/config-fields";
import type { BadgeTone } from "@/components/ui/badge";
import type { VolumeBackend, VolumeStatus } from "@/db/schema/volumes";

export const VOLUME_BACKEND_LABELS: Record<VolumeBackend, string> = {
  directory: "Directory on this server",
  nfs: "NFS share",
  smb: "SMB / CIFS share",
  webdav: "WebDAV",
  sftp: "SFTP",
  rclone: "rclone remote",
};

export const volumeBackendLabel = (backend: string) => VOLUME_BACKEND_LABELS[backend as VolumeBackend] ?? backend;

export const VOLUME_STATUS: Record<VolumeStatus, { label: string; tone: BadgeTone }> = {
  mounted: { label: "Mounted", tone: "success" },
  unmounted: { label: "Unmounted", tone: "neutral" },
  error: { label: "Error", tone: "danger" },
};

const readOnly: FieldSpec = {
  name: "readOnly",
  label: "Mount read-only",
  kind: "flag",
  hint: "Backups only read; restoring into the volume then needs another target.",
};

const choice = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

export const VOLUME_FIELDS: Record<VolumeBackend, FieldSpec[]> = {
  directory: [
    {
      name: "path",
      label: "Path",
      placeholder: "/srv/data",
      hint: "An absolute folder on this server. Backups read it as it is.",
    },
  ],
  nfs: [
    { name: "server", label: "Server", placeholder: "nas.local" },
    { name: "exportPath", label: "Export path", placeholder: "/export/data" },
    { name: "port", label: "Port", kind: "port", initial: "2049" },
    { name: "version", label: "NFS version", kind: "choice", initial: "4.1", options: choice(["3", "4", "4.1"]) },
    readOnly,
  ],
  smb: [
    { name: "server", label: "Server", placeholder: "nas.local" },
    { name: "share", label: "Share", placeholder: "data" },
    { name: "username", label: "Username", optional: true },
    { name: "password", label: "Password", kind: "secret", optional: true },
    { name: "domain", label: "Domain", optional: true },
    {
      name: "vers",
      label: "SMB version",
      kind: "choice",
      initial: "auto",
      options: choice(["auto", "3.0", "2.1", "2.0", "1.0"]),
    },
    { name: "port", label: "Port", kind: "port", initial: "445" },
    { name: "guest", label: "Guest access (no password)", kind: "flag" },
    readOnly,
  ],
  webdav: [
    { name: "server", label: "Server", placeholder: "dav.example.com" },
    { name: "path", label: "Path", initial: "/" },
    { name: "port", label: "Port", kind: "port", initial: "80" },
    { name: "username", label: "Username", optional: true },
    { name: "password", label: "Password", kind: "secret", optional: true },
    { name: "ssl", label: "Use HTTPS", kind: "flag" },
    readOnly,
  ],
  sftp: [
    { name: "host", label: "Host", placeholder: "files.example.com" },
    { name: "port", label: "Port", kind: "port", initial: "22" },
    { name: "username", label: "Username" },
    { name: "path", label: "Path", placeholder: "data", hint: "Relative to the user's home, or absolute." },
    { name: "password", label: "Password", kind: "secret", optional: true, hint: "A password or a private key." },
    { name: "privateKey", label: "Private key", kind: "secretMultiline", optional: true, hint: "An unencrypted key." },
    { name: "knownHosts", label: "Known hosts", kind: "multiline", optional: true, hint: "Lines for the host's key." },
    { name: "skipHostKeyCheck", label: "Skip the host key check", kind: "flag" },
    { name: "allowLegacySshRsa", label: "Allow legacy ssh-rsa keys", kind: "flag" },
    readOnly,
  ],
  rclone: [
    { name: "remote", label: "Remote", kind: "remote", hint: "A remote of the server's rclone configuration." },
    { name: "path", label: "Path", optional: true, placeholder: "backups/source" },
    readOnly,
  ],
};

export function readVolumeConfig(backend: VolumeBackend, form: FormData): Record<string, unknown> {
  return { backend, ...readConfigFields(VOLUME_FIELDS[backend], form) };
}

export const shownVolumeFields = (backend: VolumeBackend) =>
  VOLUME_FIELDS[backend].map((field) => `config.${field.name}`);
