#!/usr/bin/env bash
# Installs the system tools Zerobyte uses, from Debian's packages. Idempotent and quick when all is there.
#   restic 0.18 (Debian trixie's package, unpacked into .tools/ without touching the system's apt sources)
#   restic 0.14, rclone, sshfs, openssh-server, chromium, unzip (bookworm; unzip reads zip downloads back in tests)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
restic_new="$tools/restic-0.18/usr/bin/restic"
export DEBIAN_FRONTEND=noninteractive

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

system_packages=(restic rclone sshfs openssh-server chromium ca-certificates unzip)
missing=()
for pkg in "${system_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x "$restic_new" ]; then
  echo "Fetching restic from Debian trixie into $tools"
  # The mirror is whatever the system already uses for Debian; only the suite differs.
  mirror="$({ cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true; } \
    | grep -E '^(URIs:|deb )' | grep -v security | head -n1 \
    | sed -E 's/^URIs:[[:space:]]*//; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//; s/[[:space:]].*$//')"
  [ -n "$mirror" ] || { echo "Cannot find a Debian mirror in the system's apt sources" >&2; exit 1; }
  apt_dir="$tools/apt-trixie"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$tools/debs"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$apt_dir/sources.list"
  apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "Dir::State::Status=/var/lib/dpkg/status"
    -o "APT::Sandbox::User=root")
  apt-get "${apt_opts[@]}" update -qq
  (cd "$tools/debs" && apt-get "${apt_opts[@]}" download restic)
  rm -rf "$tools/restic-0.18"
  dpkg -x "$(ls -t "$tools"/debs/restic_*.deb | head -n1)" "$tools/restic-0.18"
fi

echo "restic (app): $("$restic_new" version)"
echo "restic (compat): $(/usr/bin/restic version)"
echo "rclone: $(rclone version | head -n1)"
