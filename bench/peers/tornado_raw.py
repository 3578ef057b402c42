"""Tornado's bare HTTPServer with a plain request callback, the peer of our chapter 4
walkthrough `uri-echo` (the same answer: "You requested <uri>").

Run by bench/run with Debian's python3-tornado: /usr/bin/python3 tornado_raw.py PORT"""
import sys

import tornado.httpserver
import tornado.httputil
import tornado.ioloop


def handle_request(request):
    message = ("You requested %s\n" % request.uri).encode()
    request.connection.write_headers(
        tornado.httputil.ResponseStartLine("HTTP/1.1", 200, "OK"),
        tornado.httputil.HTTPHeaders({"Content-Length": str(len(message))}))
    request.connection.write(message)
    request.connection.finish()


if __name__ == "__main__":
    server = tornado.httpserver.HTTPServer(handle_request)
    server.listen(int(sys.argv[1]), address="127.0.0.1")
    tornado.ioloop.IOLoop.current().start()
