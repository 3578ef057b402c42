/* The floor: a bare epoll HTTP server that only finds the end of each request's head
 * ("\r\n\r\n") and writes a fixed 200 answer. No parsing, no allocation per request: what is
 * left is the kernel's and the loopback's cost, which no server can go below.
 * Built by bench/run with the system C compiler: cc -O2 -o floor floor.c ; run: ./floor PORT
 * It honours "Connection: close" (closes after answering) so that wrk's close mode measures
 * the same work as for the other servers. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <sys/epoll.h>
#include <sys/socket.h>

static const char OK[] = "HTTP/1.1 200 OK\r\nContent-Length: 12\r\nContent-Type: text/plain\r\n\r\nHello, world";
static const char OK_CLOSE[] = "HTTP/1.1 200 OK\r\nContent-Length: 12\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nHello, world";

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 8080, one = 1;
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (bind(ls, (struct sockaddr *)&a, sizeof a) || listen(ls, 1024)) { perror("listen"); return 1; }
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = ls}, evs[256];
    epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
    char buf[16384];
    for (;;) {
        int n = epoll_wait(ep, evs, 256, -1);
        for (int i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == ls) {
                int c;
                while ((c = accept4(ls, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event ce = {.events = EPOLLIN, .data.fd = c};
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &ce);
                }
                continue;
            }
            ssize_t r = read(fd, buf, sizeof buf - 1);
            if (r <= 0) { close(fd); continue; }
            buf[r] = 0;
            /* Answer each complete head in what arrived (wrk sends one at a time, unpipelined). */
            int close_after = 0;
            for (char *p = buf; (p = strstr(p, "\r\n\r\n")) != NULL; p += 4) {
                close_after = strcasestr(buf, "\r\nConnection: close") != NULL;
                if (close_after) write(fd, OK_CLOSE, sizeof OK_CLOSE - 1);
                else write(fd, OK, sizeof OK - 1);
            }
            if (close_after) close(fd);
        }
    }
}
