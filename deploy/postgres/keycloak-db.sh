#!/bin/sh
# Keycloak's own database and login role (not the superuser that owns the hub's data and the
# access log). Idempotent: runs on every `docker compose up`; the password follows the secret.
set -eu
# PGPASSWORD (the superuser's, from .env) is in the environment; Keycloak's own is a secret file.
: "${PGPASSWORD:?PGPASSWORD is required}"
KC_PASSWORD="$(cat "${KEYCLOAK_DB_PASSWORD_FILE:-/run/secrets/keycloak_db_password}")"
psql -v ON_ERROR_STOP=1 -h "${PGHOST:-postgres}" -U hub_admin -d hub -v kc_password="$KC_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE keycloak LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'keycloak')\gexec
ALTER ROLE keycloak WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'kc_password';
SELECT 'CREATE DATABASE keycloak OWNER keycloak' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'keycloak')\gexec
REVOKE ALL ON DATABASE keycloak FROM PUBLIC;
SQL
