#!/usr/bin/env bash
# Part of `npm test`: the HTML report test renders the page in headless Chromium, which npm
# cannot bring. Debian packages it: install it when it is missing (as root, or through sudo
# without a password), or stop at once with the one command that installs it.
set -euo pipefail

chromium="${PYJAMAS_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0

command="apt-get update && apt-get install -y --no-install-recommends chromium"
if [ "$(id -u)" -eq 0 ]; then
  run=(bash -c)
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  run=(sudo bash -c)
else
  echo "npm test needs headless Chromium at $chromium; install it with: sudo $command" >&2
  exit 1
fi

echo "headless Chromium is missing: installing Debian's chromium package" >&2
log="$(mktemp)"
if ! DEBIAN_FRONTEND=noninteractive "${run[@]}" "$command" >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "installing Chromium failed; install it with: sudo $command" >&2
  exit 1
fi
rm -f "$log"
