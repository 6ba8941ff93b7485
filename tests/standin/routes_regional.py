"""
The auth API (regions, token exchange) and the regional API (apps, variables,
addons, addon tokens, plans, plan change) of platform-api.md, with its checks:
Basic auth with an empty user name on the exchange, a user JWT everywhere else.
"""

import base64
import time

from state import PLANS, iso, plan_id
from web import HttpError, route


def _bearer(ctx):
    auth = ctx.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        raise HttpError(401, {"error": "you need to be authenticated to access this resource"})
    return auth[len("Bearer "):].strip()


def require_user(ctx):
    claims = ctx.state.check_user_jwt(_bearer(ctx))
    if not claims:
        raise HttpError(401, {"error": "invalid or expired token"})
    return claims


@route("auth", "POST", r"/v1/tokens/exchange")
def exchange(ctx):
    auth = ctx.headers.get("Authorization", "")
    if not auth.startswith("Basic "):
        raise HttpError(401, {"error": "basic authentication with an API token is required"})
    try:
        user, _, token = base64.b64decode(auth[6:].strip(), validate=True).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        raise HttpError(401, {"error": "invalid authorization header"})
    account = ctx.state.accounts.get(token)
    # the platform takes the API token as the password of an empty user name
    if user != "" or not account:
        raise HttpError(401, {"error": "invalid token"})
    return 200, {"token": ctx.state.issue_user_jwt(account)}


@route("auth", "GET", r"/v1/regions")
def regions(ctx):
    require_user(ctx)
    out = []
    gateway = ctx.state.config.get("ssh_gateway")
    for i, r in enumerate(ctx.state.regions):
        urls = ctx.server_urls[r["name"]]
        out.append({"name": r["name"], "display_name": r["display_name"], "api": urls["api"],
                    "database_api": urls["db"], "dashboard": "https://dashboard.example.invalid",
                    "ssh": gateway or "ssh.%s.example.invalid:22" % r["name"], "default": i == 0})
    return 200, {"regions": out}


def find_app(ctx, name):
    """The app in this listener's region: a 404 naming the app resource otherwise, as the platform answers."""
    require_user(ctx)
    app = ctx.state.apps.get(name)
    if not app or app.region != ctx.region:
        raise HttpError(404, {"resource": "app", "error": "not found"})
    return app


def app_json(app):
    return {"id": app.id, "name": app.name, "region": app.region, "status": "running",
            "url": "https://%s.%s.example.invalid" % (app.name, app.region), "flags": {},
            "created_at": iso(app.created_at), "last_deployed_at": iso(app.created_at + 3600),
            "owner": {"id": "us-1", "username": "demo", "email": "demo@example.invalid"}}


def addon_json(addon):
    plan = PLANS.get(addon.plan, {})
    provider = {"postgresql": "PostgreSQL", "redis": "Redis", "mongodb": "MongoDB"}.get(addon.provider,
                                                                                      addon.provider)
    return {"id": addon.id, "app_id": addon.app.id, "resource_id": addon.resource_id, "status": addon.status,
            "provisioned_at": iso(addon.created_at),
            "plan": {"id": plan_id(addon.plan), "name": addon.plan, "display_name": plan.get("display_name",
                                                                                             addon.plan)},
            "addon_provider": {"id": addon.provider, "name": provider, "logo_url": ""}}


@route("api", "GET", r"/v1/apps/(?P<app>[^/]+)")
def get_app(ctx):
    return 200, {"app": app_json(find_app(ctx, ctx.match["app"]))}


@route("api", "GET", r"/v1/apps/(?P<app>[^/]+)/variables")
def variables(ctx):
    app = find_app(ctx, ctx.match["app"])
    resolve = ctx.query.get("aliases") == "false"
    out = [{"id": "var-%d" % i, "name": n, "value": v} for i, (n, v) in enumerate(app.variables(resolve))]
    return 200, {"variables": out}


@route("api", "GET", r"/v1/apps/(?P<app>[^/]+)/addons")
def addons(ctx):
    app = find_app(ctx, ctx.match["app"])
    return 200, {"addons": [addon_json(a) for a in app.addons]}


def find_addon(ctx):
    app = find_app(ctx, ctx.match["app"])
    for a in app.addons:
        if a.id == ctx.match["addon"]:
            return a
    raise HttpError(404, {"resource": "addon", "error": "not found"})


@route("api", "POST", r"/v1/apps/(?P<app>[^/]+)/addons/(?P<addon>[^/]+)/token")
def addon_token(ctx):
    addon = find_addon(ctx)
    body = addon_json(addon)
    body["token"] = ctx.state.issue_addon_token(addon)
    return 200, {"addon": body}


@route("api", "GET", r"/v1/addon_providers/(?P<provider>[^/]+)/plans")
def plans(ctx):
    require_user(ctx)
    if ctx.match["provider"] not in ("postgresql", "postgres", "psql", "pgsql"):
        raise HttpError(404, {"resource": "addon_provider", "error": "not found"})
    out = []
    for pos, (name, p) in enumerate(PLANS.items()):
        out.append({"id": plan_id(name), "name": name, "display_name": p["display_name"], "price": p["price"],
                    "description": "%d MB memory, %d MB disk" % (p["memory"], p["disk"]), "position": pos,
                    "on_demand": False, "disabled": False, "hds_available": False, "sku": name})
    return 200, {"plans": out}


@route("api", "PATCH", r"/v1/apps/(?P<app>[^/]+)/addons/(?P<addon>[^/]+)")
def change_plan(ctx):
    addon = find_addon(ctx)
    wanted = ((ctx.body or {}).get("addon") or {}).get("plan_id")
    names = {plan_id(n): n for n in PLANS}
    if not isinstance(wanted, str) or wanted not in names:
        raise HttpError(422, {"errors": {"plan_id": ["is invalid"]}})
    with ctx.state.lock:
        addon.plan = names[wanted]
        addon.status = "updating"
    done_at = time.time() + sum(ctx.state.operation_seconds)
    ctx.later(done_at, lambda: setattr(addon, "status", "running"))
    return 200, {"addon": addon_json(addon), "message": "Your addon is being upgraded",
                 "variables": [addon.variable, "DATABASE_URL"]}
