"""Tornado's own Hello world (tornado.web), the peer of our chapter 5 walkthrough `hello`.

Run by bench/run with Debian's python3-tornado: /usr/bin/python3 tornado_web.py PORT
The access log is silenced as ours is, so both measure the server and not the console."""
import logging
import sys

import tornado.ioloop
import tornado.web


class MainHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Hello, world")


if __name__ == "__main__":
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
    app = tornado.web.Application([(r"/", MainHandler)])
    app.listen(int(sys.argv[1]), address="127.0.0.1")
    tornado.ioloop.IOLoop.current().start()
