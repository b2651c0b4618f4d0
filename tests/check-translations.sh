#!/usr/bin/env bash
# Every translatable string of the sources, extracted afresh, must have a
# finished translation in every language of po/LINGUAS.
set -euo pipefail

top=${1:?usage: check-translations.sh SOURCE_ROOT}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$top"
xgettext --package-name=khabar --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --files-from=po/POTFILES.in --output="$work/khabar.pot"

status=0
while read -r lang; do
  [ -n "$lang" ] || continue
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/khabar.pot" -o "$work/$lang.po"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$work/$lang.po" 2>&1)
  echo "$lang: $stats"
  if printf '%s' "$stats" | grep -Eq 'fuzzy|untranslated'; then
    msgattrib --untranslated --only-fuzzy "$work/$lang.po" 2>/dev/null | grep '^msgid' | head -20 || true
    msgattrib --untranslated "$work/$lang.po" | grep '^msgid' | head -20 || true
    status=1
  fi
done < po/LINGUAS

exit $status
