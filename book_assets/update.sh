#!/usr/bin/env bash
# Re-vendor the widget embed script: bash book_assets/update.sh 1.0.15
set -euo pipefail
version="${1:?usage: update.sh VERSION of @jupyter-widgets/html-manager}"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@jupyter-widgets/html-manager@${version}" >/dev/null && tar xzf ./*.tgz)
find "$here/widgets" -type f ! -name mathjax-hub-shim.js -delete
# embed.js is self-contained (no RequireJS); it loads its fonts from its own folder.
cp "$tmp"/package/dist/embed.js "$tmp"/package/dist/embed.js.LICENSE.txt "$here/widgets/"
cp "$tmp"/package/dist/*.{woff2,woff,ttf,eot,svg} "$here/widgets/"
echo "vendored @jupyter-widgets/html-manager@${version} into $here/widgets"
