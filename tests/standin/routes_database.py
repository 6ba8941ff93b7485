"""
The database API of platform-api.md ({database_api}/api/...), backed by the real
server: databases, instances, plan, features (force-ssl edits pg_hba.conf), the CA,
backups (pg_dump archives behind pre-signed-style URLs), PITR and operations,
users (real roles with the platform's grants), metrics, actions, upgrades.
Every call takes the addon token of its database; a user JWT is refused.
"""

import hashlib
import hmac
import os
import re
import secrets
import tarfile
import threading
import time

from pgbackend import BackendError
from routes_regional import _bearer
from state import Operation, iso, parse_iso, record_secret
from web import HttpError, route

DB = r"/api/databases/(?P<db>[^/]+)"


def find_db(ctx):
    addon = ctx.state.addons.get(ctx.match["db"])
    token = _bearer(ctx)
    if not ctx.state.check_addon_token(token, ctx.match["db"]):
        raise HttpError(401, {"error": "invalid token for this database"})
    if not addon or not addon.is_pg or addon.app.region != ctx.region:
        raise HttpError(404, {"resource": "database", "error": "not found"})
    return addon


def current_operation(addon):
    op = addon.current_operation
    if op and op.status() in ("finished", "error"):
        addon.current_operation = op = None
    return op


def failing(ctx, kind):
    """The reason an operation or backup of this kind fails, when the config "fail" lists the kind."""
    if kind in ctx.state.config.get("fail", []):
        return "the %s failed on the platform (made to fail by the stand-in's config)" % kind.replace("_", " ")
    return None


def instances(ctx, addon):
    plan = addon.plan_info()
    nodes = [("db-node", "leader")] + ([("db-node", "follower")] if plan["cluster"] else [])
    nodes += [("gateway", "")] * plan["gateway"]
    status = "running" if addon.status == "running" else "restarting"
    return [{"id": "%s-%s-%d" % (addon.id, kind, i), "hostname": addon.host, "port": ctx.backend.port,
             "status": status, "type": kind, "role": role} for i, (kind, role) in enumerate(nodes)]


def database_json(ctx, addon):
    plan = addon.plan_info()
    op = current_operation(addon)
    status = addon.status
    if op and op.status() == "running":
        status = "stopped" if op.type == "pitr_restore" else "upgrading"
    return {"id": addon.id, "app_name": addon.app.name, "plan": addon.plan, "status": status,
            "type_name": "postgresql", "readable_version": addon.version,
            "next_version_id": addon.next_version, "hostname": "%s:%d" % (addon.host, addon.port),
            "cluster": plan["cluster"],
            "encryption_at_rest": False, "created_at": iso(addon.created_at),
            "features": [{"name": n, "status": s} for n, s in sorted(addon.features.items())],
            "instances": instances(ctx, addon),
            "periodic_backups_enabled": addon.schedule["enabled"],
            "periodic_backups_scheduled_at": list(addon.schedule["hours"]),
            "maintenance_window": {"weekday_utc": 2, "starting_hour_utc": 3, "duration_in_hour": 8},
            "current_operation_id": op.id if op else None}


@route("db", "GET", DB)
def get_database(ctx):
    return 200, {"database": database_json(ctx, find_db(ctx))}


@route("db", "PATCH", DB)
def patch_database(ctx):
    addon = find_db(ctx)
    spec = (ctx.body or {}).get("database")
    if not isinstance(spec, dict):
        raise HttpError(400, {"error": "the body needs a database object", "code": "invalid_body"})
    hours = spec.get("periodic_backups_scheduled_at", addon.schedule["hours"])
    hours = [hours] if isinstance(hours, int) else hours
    if not isinstance(hours, list) or not all(isinstance(h, int) and 0 <= h <= 23 for h in hours):
        raise HttpError(422, {"errors": {"periodic_backups_scheduled_at": ["must be hours between 0 and 23"]}})
    enabled = spec.get("periodic_backups_enabled", addon.schedule["enabled"])
    if not isinstance(enabled, bool):
        raise HttpError(422, {"errors": {"periodic_backups_enabled": ["must be true or false"]}})
    with ctx.state.lock:
        addon.schedule = {"enabled": enabled, "hours": hours}
    return 200, {"database": database_json(ctx, addon)}


@route("db", "GET", DB + r"/instances_status")
def instances_status(ctx):
    addon = find_db(ctx)
    return 200, [{"id": i["id"], "type": i["type"], "status": i["status"], "role": i["role"]}
                 for i in instances(ctx, addon)]


@route("db", "GET", DB + r"/plan")
def get_plan(ctx):
    addon = find_db(ctx)
    p = addon.plan_info()
    return 200, {"plan": {"id": addon.plan, "name": addon.plan, "backup": p["backup"], "disk": p["disk"],
                          "memory": p["memory"], "manual_backups_count": p["manual"],
                          "daily_scheduled_backups": p["daily"], "weekly_scheduled_backups": p["weekly"],
                          "monthly_scheduled_backups": p["monthly"], "pitr_backup_days": p["pitr"],
                          "gateway_nodes": p["gateway"]}}


@route("db", "GET", r"/api/ca_certificate")
def ca_certificate(ctx):
    if ctx.headers.get("Authorization") and not ctx.state.check_addon_token(_bearer(ctx), None):
        raise HttpError(401, {"error": "invalid token"})
    with open(ctx.state.config["postgres"]["ca_file"], "rb") as f:
        return 200, f.read(), {"Content-Type": "application/x-pem-file"}


# ---- features ----

FEATURES = ("force-ssl", "publicly-available")


def _apply_feature(ctx, addon, name, on):
    if name == "force-ssl":
        ctx.backend.set_force_ssl(addon, on)
    with ctx.state.lock:
        if on:
            addon.features[name] = "ACTIVATED"
        else:
            addon.features.pop(name, None)


@route("db", "POST", DB + r"/features")
def add_feature(ctx):
    addon = find_db(ctx)
    name = ((ctx.body or {}).get("feature") or {}).get("name")
    if name not in FEATURES:
        raise HttpError(400, {"error": "unknown feature %r" % name, "code": "invalid_feature"})
    if name == "publicly-available" and addon.features.get("force-ssl") != "ACTIVATED":
        raise HttpError(400, {"error": "force-ssl must be activated first", "code": "feature_dependency"})
    delay = ctx.state.config.get("feature_delay", 0)
    if addon.features.get(name) == "ACTIVATED":
        return 200, {"name": name, "status": "ACTIVATED", "message": "feature already activated"}
    if delay:
        addon.features[name] = "PENDING_TO_ACTIVATE"
        ctx.later(time.time() + delay, lambda: _apply_feature(ctx, addon, name, True))
        return 200, {"name": name, "status": "PENDING_TO_ACTIVATE", "message": "feature being activated"}
    _apply_feature(ctx, addon, name, True)
    return 200, {"name": name, "status": "ACTIVATED", "message": "feature activated"}


@route("db", "DELETE", DB + r"/features")
def remove_feature(ctx):
    addon = find_db(ctx)
    name = ctx.query.get("feature")
    if name not in addon.features:
        raise HttpError(404, {"resource": "feature", "error": "not found"})
    if name == "force-ssl" and "publicly-available" in addon.features:
        raise HttpError(400, {"error": "publicly-available needs force-ssl: remove it first",
                              "code": "feature_dependency"})
    delay = ctx.state.config.get("feature_delay", 0)
    if delay:
        # listed as PENDING_TO_REMOVE until the platform is done, then gone
        addon.features[name] = "PENDING_TO_REMOVE"
        ctx.later(time.time() + delay, lambda: _apply_feature(ctx, addon, name, False))
        return 200, {"message": "feature %s being removed" % name}
    _apply_feature(ctx, addon, name, False)
    return 200, {"message": "feature %s removed" % name}


# ---- backups ----

def backup_json(b):
    return {k: b[k] for k in ("id", "created_at", "started_at", "name", "size", "status", "database_id", "method",
                              "type")}


def run_backup(ctx, addon, b):
    """scheduled, running, then done with a real pg_dump -Fc inside <name>.tar.gz; error when pg_dump fails."""
    time.sleep(0.2)
    b["status"], b["started_at"] = "running", iso()
    directory = os.path.join(ctx.state.config["state_dir"], "backups")
    os.makedirs(directory, exist_ok=True)
    dump = os.path.join(directory, b["name"] + ".pgsql")
    try:
        if failing(ctx, "backup"):
            raise BackendError(failing(ctx, "backup"))
        ctx.backend.dump(addon, dump)
        archive = os.path.join(directory, b["name"] + ".tar.gz")
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(dump, arcname=b["name"] + ".pgsql")
        os.unlink(dump)
        b["path"], b["size"], b["status"] = archive, os.path.getsize(archive), "done"
    except (BackendError, OSError):
        b["status"] = "error"


def new_backup(ctx, addon, method):
    now = time.time()
    name = time.strftime("%Y%m%d%H%M%S", time.gmtime(now)) + "_" + addon.db
    b = {"id": "bk-" + secrets.token_hex(10), "created_at": iso(now), "started_at": None, "name": name,
         "size": 0, "status": "scheduled", "database_id": addon.id, "method": method, "type": "postgresql",
         "path": None}
    with ctx.state.lock:
        addon.backups.insert(0, b)
        manual = [x for x in addon.backups if x["method"] == "manual"]
        for old in manual[addon.plan_info()["manual"]:]:
            addon.backups.remove(old)
    threading.Thread(target=run_backup, args=(ctx, addon, b), daemon=True).start()
    return b


@route("db", "GET", DB + r"/backups")
def list_backups(ctx):
    addon = find_db(ctx)
    return 200, {"database_backups": [backup_json(b) for b in addon.backups]}


@route("db", "POST", DB + r"/backups")
def create_backup(ctx):
    addon = find_db(ctx)
    if not addon.plan_info()["backup"]:
        raise HttpError(403, {"error": "backups are not available on the %s plan" % addon.plan,
                              "code": "plan_limitation"})
    return 201, {"database_backup": backup_json(new_backup(ctx, addon, "manual"))}


def find_backup(ctx, addon):
    for b in addon.backups:
        if b["id"] == ctx.match["backup"]:
            return b
    raise HttpError(404, {"resource": "database_backup", "error": "not found"})


@route("db", "GET", DB + r"/backups/(?P<backup>[^/]+)")
def show_backup(ctx):
    return 200, {"database_backup": backup_json(find_backup(ctx, find_db(ctx)))}


@route("db", "GET", r"/api/backups/(?P<backup>[^/]+)")
def show_backup_short(ctx):
    claims = ctx.state.check_addon_token(_bearer(ctx), None)
    if not claims:
        raise HttpError(401, {"error": "invalid token"})
    addon = ctx.state.addons[claims["addon"]]
    return 200, {"database_backup": backup_json(find_backup(ctx, addon))}


def _signature(ctx, token, expires):
    return hmac.new(ctx.state.tokens.secret, ("%s:%s" % (token, expires)).encode(), hashlib.sha256).hexdigest()


@route("db", "GET", DB + r"/backups/(?P<backup>[^/]+)/archive")
def backup_archive(ctx):
    b = find_backup(ctx, find_db(ctx))
    if b["status"] != "done":
        raise HttpError(400, {"error": "the backup is not done yet", "code": "backup_not_done"})
    token = secrets.token_urlsafe(18)
    expires = int(time.time()) + 600
    ctx.state.downloads[token] = b
    url = "%s/download/%s/%s.tar.gz?X-Amz-Expires=%d&X-Amz-Signature=%s" % (
        ctx.server_urls[ctx.region]["db"], token, b["name"], expires, _signature(ctx, token, expires))
    record_secret("presigned-url-token", token)
    record_secret("presigned-url-signature", _signature(ctx, token, expires))
    return 200, {"download_url": record_secret("presigned-url", url)}


@route("db", "GET", r"/download/(?P<token>[^/]+)/(?P<file>[^/]+)")
def download(ctx):
    # like an object store's pre-signed URL: the signature is the credential, a second one is refused
    if ctx.headers.get("Authorization"):
        raise HttpError(400, "Only one auth mechanism allowed")
    token, expires = ctx.match["token"], ctx.query.get("X-Amz-Expires", "0")
    b = ctx.state.downloads.get(token)
    good = hmac.compare_digest(_signature(ctx, token, expires), ctx.query.get("X-Amz-Signature", ""))
    if not b or not good or not expires.isdigit() or int(expires) < time.time():
        raise HttpError(403, "Request has expired or its signature does not match")
    with open(b["path"], "rb") as f:
        return 200, f.read(), {"Content-Type": "application/gzip"}


# ---- point-in-time recovery and operations ----

def recovery_window(addon):
    days = addon.plan_info()["pitr"]
    if not days:
        return None, None
    now = time.time()
    return max(addon.created_at, now - days * 86400), now


@route("db", "GET", DB + r"/pitr/recovery_window")
def get_recovery_window(ctx):
    earliest, latest = recovery_window(find_db(ctx))
    return 200, {"recovery_window": {"earliest_recoverable_at": iso(earliest) if earliest else None,
                                     "latest_recoverable_at": iso(latest) if latest else None}}


def start_operation(ctx, addon, kind, on_finish=None):
    if current_operation(addon):
        raise HttpError(409, {"error": "another operation is in progress on this database"})
    op = Operation(kind, addon, ctx.state.operation_seconds, on_finish, failing(ctx, kind))
    with ctx.state.lock:
        ctx.state.operations[op.id] = op
        addon.current_operation = op
    return op


@route("db", "POST", DB + r"/pitr/restore")
def pitr_restore(ctx):
    addon = find_db(ctx)
    earliest, latest = recovery_window(addon)
    if earliest is None:
        raise HttpError(400, {"error": "point-in-time recovery is not available on the %s plan" % addon.plan,
                              "code": "pitr_unavailable"})
    when = parse_iso((ctx.body or {}).get("restore_time"))
    if when is None:
        raise HttpError(422, {"errors": {"restore_time": ["is not an RFC 3339 date with a time zone"]}})
    if not earliest <= when <= latest:
        raise HttpError(422, {"errors": {"restore_time": ["must be between %s and %s" % (iso(earliest),
                                                                                     iso(latest))]}})
    op = start_operation(ctx, addon, "pitr_restore")
    return 201, {"operation": op.json()}


@route("db", "GET", DB + r"/operations/(?P<op>[^/]+)")
def get_operation(ctx):
    addon = find_db(ctx)
    op = ctx.state.operations.get(ctx.match["op"])
    if not op or op.addon is not addon:
        raise HttpError(404, {"resource": "operation", "error": "not found"})
    return 200, {"operation": op.json()}


@route("db", "POST", DB + r"/upgrade")
def upgrade(ctx):
    addon = find_db(ctx)
    target = addon.next_version
    if not target:
        raise HttpError(400, {"error": "the database already runs the latest version", "code": "no_upgrade"})

    def finish():
        addon.version, addon.next_version = target, None
    op = start_operation(ctx, addon, "upgrade", finish)
    return 202, {"message": "the upgrade to %s has started" % target, "operation_id": op.id}


# ---- users ----

NAME_RE = re.compile(r"^[a-z][a-z0-9_]{5,31}$")


def user_json(ctx, name, info, password=None):
    out = {"name": name, "read_only": info["read_only"], "protected": info["protected"],
           "dbms_attributes": {"password_encryption": ctx.backend.password_encryption(name)}}
    if password is not None:
        out["password"] = password
    return out


def check_password(spec, errors):
    """The password asked for, or a generated one; adds to errors what the platform would refuse."""
    password = spec.get("password")
    if password is None:
        return record_secret("db-user-password", secrets.token_urlsafe(24))
    if not isinstance(password, str) or not 24 <= len(password) <= 64:
        errors["password"] = ["must be between 24 and 64 characters"]
    elif "'" in password or '"' in password:
        errors["password"] = ["must not contain quotes"]
    elif spec.get("password_confirmation") != password:
        errors["password_confirmation"] = ["does not match the password"]
    return password


@route("db", "GET", DB + r"/users")
def list_users(ctx):
    addon = find_db(ctx)
    users = [user_json(ctx, n, i) for n, i in sorted(addon.users.items()) if ctx.backend.role_exists(n)]
    return 200, {"database-users": users}


@route("db", "POST", DB + r"/users")
def create_user(ctx):
    addon = find_db(ctx)
    spec = (ctx.body or {}).get("database_user")
    if not isinstance(spec, dict):
        raise HttpError(400, {"error": "the body needs a database_user object", "code": "invalid_body"})
    errors = {}
    name = spec.get("name")
    if not isinstance(name, str) or not NAME_RE.match(name):
        errors["name"] = ["must be 6 to 32 lowercase letters, digits or underscores, starting with a letter"]
    elif name in addon.users or ctx.backend.role_exists(name):
        errors["name"] = ["has already been taken"]
    password = check_password(spec, errors)
    if errors:
        raise HttpError(422, {"errors": errors})
    read_only = bool(spec.get("read_only", False))
    ctx.backend.create_user(addon, name, password, read_only)
    with ctx.state.lock:
        addon.users[name] = {"read_only": read_only, "protected": False}
    return 201, {"database_user": user_json(ctx, name, addon.users[name], password)}


def find_user(ctx, addon):
    name = ctx.match["user"]
    info = addon.users.get(name)
    if not info:
        raise HttpError(404, {"resource": "database_user", "error": "not found"})
    if info["protected"]:
        raise HttpError(403, {"error": "the user %s is protected: it cannot be changed or deleted" % name,
                              "code": "protected_user"})
    return name, info


@route("db", "PATCH", DB + r"/users/(?P<user>[^/]+)")
def update_user(ctx):
    addon = find_db(ctx)
    name, info = find_user(ctx, addon)
    spec = (ctx.body or {}).get("database_user") or {}
    errors = {}
    if "password" not in spec:
        errors["password"] = ["can't be blank"]
    password = check_password(spec, errors)
    if errors:
        raise HttpError(422, {"errors": errors})
    ctx.backend.set_password(name, password)
    return 200, {"database_user": user_json(ctx, name, info, password)}


@route("db", "POST", DB + r"/users/(?P<user>[^/]+)/reset_password")
def reset_password(ctx):
    addon = find_db(ctx)
    name, info = find_user(ctx, addon)
    password = record_secret("db-user-password", secrets.token_urlsafe(24))
    ctx.backend.set_password(name, password)
    return 200, {"database_user": user_json(ctx, name, info, password)}


@route("db", "DELETE", DB + r"/users/(?P<user>[^/]+)")
def delete_user(ctx):
    addon = find_db(ctx)
    name, _ = find_user(ctx, addon)
    ctx.backend.drop_user(addon, name)
    with ctx.state.lock:
        del addon.users[name]
    return 204, None


# ---- metrics ----

def memory_json(addon, s):
    limit = addon.plan_info()["memory"] * 1024 * 1024
    return {"memory": s["memory"], "memory_max": s["memory_max"], "memory_limit": limit, "swap": s["swap"],
            "swap_max": s["swap_max"], "swap_limit": limit // 2}


@route("db", "GET", DB + r"/metrics")
def metrics(ctx):
    addon = find_db(ctx)
    s = ctx.state.sample(ctx.backend)
    per_instance = {i["id"]: {"cpu_usage": s["cpu"], "memory": memory_json(addon, s)}
                    for i in instances(ctx, addon) if i["type"] == "db-node"}
    return 200, {"cpu_usage": s["cpu"], "memory": memory_json(addon, s), "real_disk_size": s["disk"],
                 "database_stats": ctx.backend.database_stats(addon), "instances_metrics": per_instance}


@route("db", "GET", DB + r"/metrics/(?P<kind>cpu|memory|swap|disk|diskio)")
def metrics_history(ctx):
    find_db(ctx)
    try:
        since = float(ctx.query.get("since", "3"))
    except ValueError:
        raise HttpError(400, {"error": "since must be a number of hours", "code": "invalid_since"})
    ctx.state.sample(ctx.backend)
    start = time.time() - since * 3600
    with ctx.state.lock:
        points = [(t, s) for t, s in ctx.state.history if t >= start]
    return 200, [{"time": iso(t), "value": s[ctx.match["kind"]]} for t, s in points]


# ---- actions ----

def run_action(ctx, addon, name, params):
    if name == "pg-list-queries":
        return ctx.backend.queries(addon)
    if name in ("pg-cancel-query", "pg-terminate-query"):
        pid = params.get("pid")
        if not isinstance(pid, int):
            raise BackendError("params.pid must be an integer")
        ctx.backend.signal_query(addon, pid, name == "pg-terminate-query")
        return None
    if name.startswith("pg-stat-statements-") and name[19:] in ("enable", "reset", "list"):
        return ctx.backend.stat_statements(addon, name[19:])
    raise HttpError(400, {"ok": 0, "error": "unknown action %r" % name})


@route("db", "POST", DB + r"/action")
def action(ctx):
    addon = find_db(ctx)
    body = ctx.body or {}
    name, params = body.get("action_name"), body.get("params") or {}
    if not isinstance(name, str) or not isinstance(params, dict):
        raise HttpError(400, {"ok": 0, "error": "action_name and params are required"})
    try:
        return 200, {"ok": 1, "result": run_action(ctx, addon, name, params)}
    except BackendError as e:
        return 200, {"ok": 0, "error": str(e)}
