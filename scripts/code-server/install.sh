#!/usr/bin/env bash
# Installs a real VS Code (code-server, from the npm registry) and the browser that drives it, for the
# extension's end-to-end test. Idempotent and cached: the install lives outside the repo, keyed by
# version, so CI and later runs reuse it. Prints the install folder on its last line.
#
# Why by hand: code-server's postinstall downloads things and fails as root, so it is installed with
# --ignore-scripts and its postinstall steps are replayed here (see docs/vscode.md).
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE_ROOT="${KPI_CODE_SERVER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kpi-as-code}"
TARGET="$CACHE_ROOT/code-server-$VERSION"
DONE_MARKER="$TARGET/.installed"
DEBIAN_PACKAGES=(chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev)

log() { echo "[code-server] $*" >&2; }

install_debian_packages() {
  local missing=()
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

install_code_server() {
  if [ -f "$DONE_MARKER" ]; then
    log "cached: $TARGET"
    return 0
  fi
  rm -rf "$TARGET"
  mkdir -p "$TARGET"
  cd "$TARGET"
  echo '{"name":"code-server-host","private":true}' > package.json
  log "npm install code-server@$VERSION (about a minute)"
  npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >&2

  local app="$TARGET/node_modules/code-server"
  # code-server loads argon2 (password hashing) at start even with --auth none; build it here, since
  # node-pre-gyp's prebuilt download is not reachable.
  npm_config_yes=true npm_config_build_from_source=true npm rebuild argon2 >&2
  # Replays code-server's postinstall.sh without its downloads.
  (cd "$app/lib/vscode" && npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2)
  local rg_dir="$app/lib/vscode/node_modules/@vscode/ripgrep/bin"
  mkdir -p "$rg_dir"
  ln -sf "$(command -v rg)" "$rg_dir/rg"
  (cd "$app/lib/vscode" && npm_config_yes=true npm rebuild >&2)
  ln -sfn node_modules "$app/lib/vscode/node_modules.asar"
  ln -sf code-linux.sh "$app/lib/vscode/bin/remote-cli/code-server"
  ln -sf browser-linux.sh "$app/lib/vscode/bin/helpers/browser.sh"
  (cd "$app/lib/vscode/extensions" && npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2)
  # playwright-core drives the browser; pinned here so the test does not need it in the repo.
  npm install --no-audit --no-fund --ignore-scripts playwright-core@1.65.1 >&2
  date -u +%FT%TZ > "$DONE_MARKER"
  log "installed: $TARGET"
}

install_debian_packages
install_code_server
echo "$TARGET"
