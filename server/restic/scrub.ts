// Every message and detail that leaves the runner passes through here: restic echoes repository URLs (with
// userinfo) and sometimes option values, and callers pass the secret values they know of.
const MASK = "********";

/** Secrets shorter than this are not searched for: masking "a" everywhere would destroy the message. */
const MIN_SECRET_LENGTH = 4;

export function scrubSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)([^/\s:@]*):([^@\s/]*)@/gi, `$1$2:${MASK}@`)
    .replace(/\b(password|passwd|pass|secret|token|key)=([^\s&"']+)/gi, `$1=${MASK}`);
  const known = [...new Set(secrets.filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH))];
  // Longest first, so a secret that contains another is masked whole.
  for (const secret of known.sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join(MASK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.split(encoded).join(MASK);
  }
  return result;
}
