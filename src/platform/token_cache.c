#include "platform/token_cache.h"

#include <jansson.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "platform/cachefile.h"
#include "platform/http.h"
#include "util/xalloc.h"

/* base64url without padding, as JWTs use it; NULL when it does not decode */
static char *base64url_decode(const char *s, size_t len, size_t *outlen)
{
    size_t padded = (len + 3) / 4 * 4;
    char *b64 = xmalloc(padded + 1);
    for (size_t i = 0; i < len; i++)
        b64[i] = s[i] == '-' ? '+' : s[i] == '_' ? '/' : s[i];
    for (size_t i = len; i < padded; i++)
        b64[i] = '=';
    b64[padded] = '\0';
    unsigned char *out = xmalloc(padded / 4 * 3 + 1);
    int n = EVP_DecodeBlock(out, (unsigned char *)b64, (int)padded);
    free(b64);
    if (n < 0 || len % 4 == 1) {
        free(out);
        return NULL;
    }
    /* EVP_DecodeBlock counts the bytes the padding stands for */
    *outlen = (size_t)n - (padded - len);
    return (char *)out;
}

long long jwt_expiry(const char *jwt)
{
    const char *dot1 = jwt ? strchr(jwt, '.') : NULL;
    const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
    if (!dot2)
        return 0;
    size_t len = 0;
    char *payload = base64url_decode(dot1 + 1, (size_t)(dot2 - dot1 - 1), &len);
    if (!payload)
        return 0;
    json_t *claims = json_loadb(payload, len, 0, NULL);
    free(payload);
    json_t *exp = json_object_get(claims, "exp");
    /* compared as a double first: casting one beyond long long's range is undefined */
    double seconds = json_is_number(exp) ? json_number_value(exp) : 0;
    long long value = !(seconds > 0) ? 0 : seconds >= (double)JWT_EXPIRY_MAX ? JWT_EXPIRY_MAX : (long long)seconds;
    json_decref(claims);
    return value;
}

static char *path_for(const char *name)
{
    char *file = xasprintf("token-%s", name);
    char *path = cache_path(file);
    free(file);
    return path;
}

static void wipe(char *token)
{
    if (token) {
        explicit_bzero(token, strlen(token));
        free(token);
    }
}

static char *load(const char *name, long min_left, long assumed_life)
{
    char *path = path_for(name);
    time_t mtime = 0;
    char *token = cache_read(path, -1, 16384, &mtime);
    free(path);
    if (!token)
        return NULL;
    token[strcspn(token, "\r\n")] = '\0';
    if (!http_token_fits_header(token)) {
        wipe(token);
        return NULL;
    }
    long long exp = jwt_expiry(token);
    if (exp == 0)
        exp = (long long)mtime + assumed_life;
    if (!*token || exp - (long long)time(NULL) <= min_left) {
        wipe(token);
        return NULL;
    }
    return token;
}

void cached_token_init(CachedToken *t, char *name, long min_left, long assumed_life)
{
    t->value = NULL;
    t->name = name;
    t->min_left = min_left;
    t->assumed_life = assumed_life;
}

const char *cached_token_get(CachedToken *t, bool refresh)
{
    if (refresh) {
        wipe(t->value);
        t->value = NULL;
        char *path = path_for(t->name);
        cache_remove(path);
        free(path);
        return NULL;
    }
    if (!t->value)
        t->value = load(t->name, t->min_left, t->assumed_life);
    return t->value;
}

const char *cached_token_set(CachedToken *t, char *token)
{
    wipe(t->value);
    t->value = token;
    long long exp = token ? jwt_expiry(token) : 0;
    long long left = exp ? exp - (long long)time(NULL) : t->assumed_life;
    if (token && left > t->min_left) {
        char *path = path_for(t->name);
        cache_store(path, token, strlen(token));
        free(path);
    }
    return token;
}

void cached_token_free(CachedToken *t)
{
    wipe(t->value);
    free(t->name);
    memset(t, 0, sizeof(*t));
}
