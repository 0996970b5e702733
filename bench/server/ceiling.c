/* The harness's ceiling: the smallest possible keep-alive HTTP responder, for bench/server/run.sh.
 * One epoll loop, edge-triggered; each request is answered with the fixed response of
 * examples/http.lua without parsing anything: the responder only counts request ends (an empty
 * line, "\r\n\r\n", which may straddle two reads), so that a read holding 16 pipelined requests
 * gets 16 responses, sent with one send. No Lua server can beat it, so its requests/s under
 * the same wrk run is the most the load generator and the kernel's loopback TCP allow on this
 * machine: what fraction of it kraken and copas reach says how much of their time is theirs. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static const char response[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 14\r\n\r\nHello, world!\n";

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 8080, one = 1;
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 4096) != 0) return 1;
    int epoll = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener}, events[256];
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    char buffer[4096];
    enum { MaxFd = 65536, MaxBatch = 64 };
    static unsigned char matched[MaxFd]; /* per descriptor: how much of "\r\n\r\n" the last read ended with */
    static char responses[MaxBatch * (sizeof response - 1)];
    for (int i = 0; i < MaxBatch; i++) memcpy(responses + i * (sizeof response - 1), response, sizeof response - 1);
    for (;;) {
        int n = epoll_wait(epoll, events, 256, -1);
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == listener) {
                int client;
                while ((client = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    if (client >= MaxFd) {
                        close(client);
                        continue;
                    }
                    matched[client] = 0;
                    setsockopt(client, IPPROTO_TCP, 1 /* TCP_NODELAY */, &one, sizeof one);
                    struct epoll_event e = {.events = EPOLLIN | EPOLLET, .data.fd = client};
                    epoll_ctl(epoll, EPOLL_CTL_ADD, client, &e);
                }
                continue;
            }
            for (;;) { /* drain the socket: one response per request end seen */
                ssize_t got = recv(fd, buffer, sizeof buffer, 0);
                if (got <= 0) {
                    if (got == 0) close(fd);
                    break;
                }
                int ends = 0, state = matched[fd];
                for (ssize_t j = 0; j < got; j++) {
                    char c = buffer[j];
                    if (c == (state & 1 ? '\n' : '\r')) state++;
                    else state = c == '\r';
                    if (state == 4) ends++, state = 0;
                }
                matched[fd] = (unsigned char)state;
                while (ends > 0) { /* loopback sends of a few KiB are not cut short */
                    int batch = ends < MaxBatch ? ends : MaxBatch;
                    if (send(fd, responses, batch * (sizeof response - 1), MSG_NOSIGNAL) < 0) break;
                    ends -= batch;
                }
                if (got < (ssize_t)sizeof buffer) break;
            }
        }
    }
}
