#!/bin/bash
# Every test runs with a HOME and XDG folders of its own: each one is set,
# exists, is empty, and lies in one fresh folder that is not the caller's.
# Argument: the HOME meson was started with.
set -u
outer_home=$1
echo "1..1"
problems=()
root=$(dirname "$HOME")
for var in HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME; do
  dir=${!var:-}
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    problems+=("$var is not a folder: '$dir'")
  elif [ -n "$(ls -A "$dir")" ]; then
    problems+=("$var is not empty: $dir")
  elif [ "$(dirname "$dir")" != "$root" ]; then
    problems+=("$var is outside the test's folder $root: $dir")
  fi
done
[ "$HOME" = "$outer_home" ] && problems+=("HOME is the caller's: $HOME")
if [ ${#problems[@]} -eq 0 ]; then
  echo "ok 1 own HOME and XDG folders"
else
  echo "not ok 1 own HOME and XDG folders"; printf '# %s\n' "${problems[@]}"
fi
