"""PostgreSQL helpers for scripts/provision.sh; run with the project venv's python.

    pg_database.py resolve          print "source<TAB>host<TAB>port<TAB>dbname<TAB>url"
    pg_database.py ensure URL       connect; create the URL's database when it is missing

The URL is resolved exactly as portal.settings does it (django-environ: the environment wins over
.env, which wins over the built-in default), so provisioning and Django agree on the database.
Python + psycopg rather than psql because the psql client may be missing on a fresh machine, while
psycopg is always in the venv.

Exit codes of `ensure`: 0 ready, 3 the server wants a password / knows no such role (the caller may
then create a role), 1 any other failure (message on stderr). `resolve` names the source of the URL
"the environment", ".env" or "default".
"""

import os
import sys
from pathlib import Path
from urllib.parse import unquote

import environ
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
# Keep in sync with portal.settings. PROVISION_DEFAULT_URL exists for testing the provisioning
# branches (e.g. "no server answers") against another port without stopping the real server.
DEFAULT_URL = os.environ.get("PROVISION_DEFAULT_URL") or "postgres://postgres@127.0.0.1:5432/cong"
AUTH_FAILED = 3


def resolve():
    if os.environ.get("DATABASE_URL"):
        source = "the environment"
    else:
        environ.Env.read_env(ROOT / ".env")  # never overrides the environment, like Django's
        source = ".env" if os.environ.get("DATABASE_URL") else "default"
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    config = connect_kwargs(url)
    print("\t".join([source, config["host"], str(config["port"]), config["dbname"], url]))


def connect_kwargs(url, dbname=None):
    config = environ.Env.db_url_config(url)
    kwargs = {
        "dbname": dbname or config["NAME"],
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
        "host": unquote(config["HOST"] or ""),
        "port": config["PORT"] or 5432,
        "connect_timeout": 5,
        **config.get("OPTIONS", {}),
    }
    return kwargs


def is_auth_failure(error):
    # psycopg gives connection failures no SQLSTATE, so go by libpq's messages: wrong or missing
    # password ("fe_sendauth: no password supplied"), unknown role, pg_hba.conf rejection.
    message = str(error)
    return (
        "password" in message
        or ('role "' in message and "does not exist" in message)
        or "pg_hba.conf" in message
    )


def ensure(url):
    target = connect_kwargs(url)
    name, user = target["dbname"], target["user"] or "the default user"
    try:
        # The maintenance database "postgres" is where CREATE DATABASE can run.
        conn = psycopg.connect(**connect_kwargs(url, "postgres"), autocommit=True)
    except psycopg.OperationalError as error:
        if is_auth_failure(error):
            # Not an error yet: provision.sh may create a role with a password now.
            print(f"PostgreSQL: the server refuses {user}: {str(error).strip()}")
            return AUTH_FAILED
        try:  # some hosted servers only let a role into its own database: fine if that exists
            psycopg.connect(**target).close()
        except psycopg.Error:
            print(f"PostgreSQL: cannot connect as {user}: {str(error).strip()}", file=sys.stderr)
            return 1
        print(f"PostgreSQL: database {name} exists")
        return 0
    with conn:
        try:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists:
                print(f"PostgreSQL: database {name} exists")
            else:
                create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
                template_encoding = conn.execute(
                    "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'template1'"
                ).fetchone()[0]
                if template_encoding != "UTF8":  # e.g. SQL_ASCII from initdb without a locale
                    create += sql.SQL(
                        " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
                    )
                conn.execute(create)
                print(f"PostgreSQL: created database {name}")
            can_create = conn.execute(
                "SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user"
            ).fetchone()[0]
        except psycopg.Error as error:
            print(f"PostgreSQL: cannot create database {name}: {str(error).strip()}", file=sys.stderr)
            return 1
    if not can_create:  # pytest-django creates test_<name> itself
        print(
            f"PostgreSQL: warning: {user} lacks CREATEDB, which the test suite needs "
            f"(ALTER ROLE {user} CREATEDB)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "resolve":
        resolve()
    elif command == "ensure" and len(sys.argv) == 3:
        sys.exit(ensure(sys.argv[2]))
    else:
        sys.exit(__doc__)
