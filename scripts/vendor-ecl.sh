#!/usr/bin/env bash
# Copies the Europa Component Library's built styles (@ecl/preset-ec) into apps/api/assets/ecl.
#
# Why vendored: `npm install @ecl/preset-ec` resolves the preset's ~60 component packages
# (@ecl/accordion@5.3.1, ...), which the npm registry this project builds from does not serve; the
# preset's dist files are self-contained, so they are taken from its tarball, checked against the
# registry's integrity hash. The one change: the Inter font is served by the app (from
# @fontsource-variable/inter) instead of webtools.europa.eu, which the pages' CSP does not allow.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=5.3.1
INTEGRITY='sha512-GKJqzoidZdabWTAGeZsVuvQbkhQ+Dm+HPNHenNAoAqeUwXH0T2NjfoV9hfIiVwFsfA5LW7lOncQNE2zGbAmmGA=='
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm pack "@ecl/preset-ec@$VERSION" --pack-destination "$work" >/dev/null 2>&1
tarball="$work/ecl-preset-ec-$VERSION.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
[ "$actual" = "$INTEGRITY" ] || { echo "integrity mismatch: $actual" >&2; exit 1; }
tar xzf "$tarball" -C "$work"
out=apps/api/assets/ecl
mkdir -p "$out"
for file in ecl-ec.css optional/ecl-ec-utilities.css; do
  sed -E \
    -e 's#src:url\(https://webtools\.europa\.eu/fonts/inter/InterVariable\.woff2\) format\("woff2"\),url\(\.\./fonts/InterVariable\.woff2\) format\("woff2"\)#src:url(/assets/fonts/InterVariable.woff2) format("woff2")#' \
    -e 's#src:url\(https://webtools\.europa\.eu/fonts/inter/InterVariable-Italic\.woff2\) format\("woff2"\),url\(\.\./fonts/InterVariable-Italic\.woff2\) format\("woff2"\)#src:url(/assets/fonts/InterVariable-Italic.woff2) format("woff2")#' \
    -e 's#/\*\# sourceMappingURL=[^*]*\*/##' \
    "$work/package/dist/styles/$file" > "$out/$(basename "$file")"
done
cp "$work/package/dist/images/logo/positive/logo-ec--en.svg" "$out/logo-ec--en.svg"
cp "$work/package/dist/images/logo/positive/logo-ec--fr.svg" "$out/logo-ec--fr.svg"
cp "$work/package/LICENSE" "$out/LICENSE"
echo "@ecl/preset-ec $VERSION ($INTEGRITY)" > "$out/VERSION"
if grep -q 'webtools.europa.eu' "$out"/*.css; then echo 'an external URL is left in the styles' >&2; exit 1; fi
