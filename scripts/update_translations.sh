#!/usr/bin/env bash
# Refresh the translation catalogues from the code, then compile them.
#
# gettext (the one mechanism, docs/translations.md and decision 0001), with Babel:
#   pybabel extract: collects text()/ntext()/ptext() (core) and ui_text()/ui_ntext()/
#                    ui_ptext() (UI) strings from olchat_desktop/ (keywords in babel.cfg)
#                    into a temporary template, sorted by msgid and without source
#                    locations, so that two branches adding strings rarely touch the same
#                    lines of the .po;
#   pybabel update:  merges it into olchat_desktop/locale/<lang>/LC_MESSAGES/olchat_desktop.po
#                    (existing translations kept, vanished strings dropped, near matches
#                    marked fuzzy for a translator to confirm);
#   pybabel compile: writes the .mo next to each .po (the app and the CLI load it).
# English is the source language and needs no catalogue.
# Translate new (empty or "#, fuzzy") entries in the .po (Poedit, or by hand), then run this
# again; tests/test_translations.py fails while any is left.
#
# Qt's own texts (standard buttons, context menus) come from Qt's qtbase_<lang>.qm at run
# time; the project has no Qt catalogue of its own any more.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -f .venv/bin/activate ]]; then
    # shellcheck disable=SC1091
    source .venv/bin/activate
fi

locale_dir=olchat_desktop/locale
domain=olchat_desktop
languages=(ru)
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT
pybabel -q extract -F babel.cfg --no-location --sort-output --no-wrap -c TRANSLATORS: \
    --project "OLChat Desktop" --copyright-holder OLChat -o "$pot" olchat_desktop
for lang in "${languages[@]}"; do
    pybabel -q update -i "$pot" -d "$locale_dir" -D "$domain" -l "$lang" \
        --no-wrap --ignore-obsolete --init-missing
    # The dates change on every run and would make every rebase conflict in the header.
    sed -i -E '/^"(POT-Creation-Date|PO-Revision-Date): /d' \
        "$locale_dir/$lang/LC_MESSAGES/$domain.po"
done
pybabel -q compile -d "$locale_dir" -D "$domain" --statistics
echo "gettext catalogues updated in $locale_dir"

