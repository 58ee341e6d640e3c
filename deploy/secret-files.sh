#!/bin/sh
# Container secrets for programs that read only variables (Keycloak, nats-server): every
# <NAME>_FILE variable that names a file under /run/secrets/ becomes <NAME> holding the file's
# first line, line break dropped (as subgraphs/common/config.ts secret() does); then the real
# command runs. Other *_FILE variables (SSL_CERT_FILE ...) are left alone. No grep or sed: the
# Keycloak image may not have them.
set -eu
# Variable names: bash's built-in list where there is one (the Keycloak image), else env(1).
if [ -n "${BASH_VERSION:-}" ]; then names=$(compgen -e); else names=$(env | while IFS='=' read -r name _; do echo "$name"; done); fi
for var in $names; do
  case "$var" in *_FILE) ;; *) continue ;; esac
  case "$var" in *[!A-Za-z0-9_]*) continue ;; esac
  eval "file=\${$var}"
  case "$file" in /run/secrets/*) ;; *) continue ;; esac
  value=''
  if [ ! -r "$file" ]; then echo "secret-files: $var names $file, which cannot be read" >&2; exit 1; fi
  IFS= read -r value < "$file" || [ -n "$value" ]
  [ -n "$value" ] || { echo "secret-files: $file ($var) is empty" >&2; exit 1; }
  export "${var%_FILE}=$value"
  unset "$var"
done
exec "$@"
