#!/usr/bin/env bash
# Renders the eval HTML report in headless Chromium (Debian's chromium) and checks the page has its parts.
# Usage: .ci/render-report.sh [out-dir]; exit 0 when the page rendered with its sections.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/report}"
mkdir -p "$out"
if ! command -v chromium >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 || true
fi
command -v chromium >/dev/null || { echo "render-report: chromium is not installed and could not be installed" >&2; exit 1; }
dotnet run --project src/PromptGuard.Cli -c Release --no-build -- eval data/dev/tune --html "$out/report.html" > "$out/eval.txt"
profile=$(mktemp -d)
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$profile")
timeout 120 chromium "${flags[@]}" --dump-dom "file://$PWD/$out/report.html" > "$out/dom.html" 2>/dev/null
timeout 120 chromium "${flags[@]}" --window-size=1200,1600 --screenshot="$out/report.png" "file://$PWD/$out/report.html" >/dev/null 2>&1
rm -rf "$profile"
for part in "Per language" "Confusion table" "Misses" 'class="bar recall"'; do
  grep -q "$part" "$out/dom.html" || { echo "render-report: the rendered page lacks '$part'" >&2; exit 1; }
done
[ -s "$out/report.png" ] || { echo "render-report: no screenshot" >&2; exit 1; }
echo "render-report: rendered $out/report.html ($(wc -c < "$out/report.png") byte screenshot)"
