#!/usr/bin/env bash
# Refresh the Qt translation sources from the code, then compile them.
#   pyside6-lupdate: collects tr()/translate() strings from olchat_desktop/ui and app.py
#                    into resources/translations/olchat_desktop_{ru,en}.ts (existing
#                    translations are kept; vanished strings are dropped);
#   pyside6-lrelease: compiles each .ts into the .qm the app loads.
# Translate new strings in the ru .ts (Qt Linguist, or by hand), then run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -f .venv/bin/activate ]]; then
    # shellcheck disable=SC1091
    source .venv/bin/activate
fi
out=resources/translations
mkdir -p "$out"
mapfile -t sources < <(find olchat_desktop/ui -name "*.py" | sort; echo olchat_desktop/app.py; echo olchat_desktop/app_logging.py)
for lang in ru en; do
    pyside6-lupdate -silent -no-obsolete -locations none -source-language en -target-language "$lang" \
        "${sources[@]}" -ts "$out/olchat_desktop_$lang.ts"
    pyside6-lrelease -silent "$out/olchat_desktop_$lang.ts" -qm "$out/olchat_desktop_$lang.qm"
done
echo "translations updated in $out"
