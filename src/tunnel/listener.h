/*
 * The tunnel's listening socket: the address (loopback unless --bind says otherwise),
 * the port (10000 by default, the next few when it is taken; an explicit port that is
 * taken is an error, never a silent move).
 */
#ifndef PGC_TUNNEL_LISTENER_H
#define PGC_TUNNEL_LISTENER_H

#include <stdbool.h>

typedef struct Listener {
    int fd;
    int port;               /* the one it got */
    bool loopback;          /* only this machine can connect */
    char host[64];          /* the address as clients should write it ("127.0.0.1", "::1") */
} Listener;

/* listens on bind_addr:port; with extra_tries > 0, a taken port moves on to the following
   ones (port 0: any free port); false with *err */
bool listener_open(Listener *l, const char *bind_addr, int port, int extra_tries, char **err);
void listener_close(Listener *l);

#endif
