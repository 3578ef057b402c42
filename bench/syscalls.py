"""One request's system calls, server by server, counted by strace.

CPU per request says how much each server spends; this says on what, in the kernel's own names.
With `Connection: close` most of a request's cost is the kernel's (accepting, reading, writing,
closing a socket), so the calls a server makes for one connection decide how close to the C floor
it can come. For each server of bench.py's list that is built, this:

. starts it (pinned to CPU 0 where the machine has two CPUs, as bench.py does) and warms it up
  with wrk, keep-alive and close, so that nothing is done for the first time while it is counted;
. attaches strace to all its threads (`strace -f`) and sends requests one at a time from this
  process: R+1 `Connection: close` requests, each on a new connection, then R+1 requests on one
  keep-alive connection; each asks for a path of its own (`/?sc=c7`, `/?sc=k7`), which strace
  shows in the read that receives it;
. counts, by name, the calls made between the read of request 0 and the read of request R of each
  kind: one whole turn per request (its answer, its close, the next accept, the next read), R turns.

Calls of threads that took no part in serving (a JVM's compiler and GC threads waking up, say)
are counted apart as "other threads". A thread took part if it made a call that moves a request:
accept, read, write, epoll, poll or select (a virtual thread's carrier does, and so does the JDK's
poller thread that wakes it). Their futex calls are counted with the rest: for a JVM they are the
threads parking and waking each other, and now and then the compiler or the collector asking the
thread for a moment.

Requests one at a time are not a load: the loop blocks for every request, where under wrk it
finds several ready at once. So the counts are an upper bound on the calls per request under load
(bench.py's figures), and exact for what a server does for one connection.

Usage: bench/run --syscalls [--requests=R] [--only=name,name]   (builds the servers first)
       python3 bench/syscalls.py [--requests=R] [--only=name,name]
    Needs strace (Debian's strace; bench/run installs it) and the servers bench/run builds.
    Writes bench/results/syscalls.json, which the Benchmarks page shows.
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (bench.py's servers, ports and warm-up, so there is one list of them)

# The calls that move a request: a thread that made one of them took part in serving it.
SERVING = {"accept", "accept4", "read", "recvfrom", "readv", "write", "sendto", "writev", "sendmsg",
           "recvmsg", "epoll_wait", "epoll_pwait", "epoll_pwait2", "poll", "ppoll", "select"}
# "7596  accept4(21, ..." or "7596  <... futex resumed>..." or "7596  +++ exited with 0 +++".
LINE = re.compile(r"^(\d+)\s+(?:<\.\.\. )?([a-z_0-9]+)(\(| resumed>)")


def request(sock, tag, close):
    head = "GET /?sc=%s HTTP/1.1\r\nHost: bench\r\n%s\r\n" % (tag, "Connection: close\r\n" if close else "")
    sock.sendall(head.encode())
    bench.read_response(sock)


def one_close(port, tag):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        request(s, tag, True)
        # Wait for the server's close, so that the next request's calls do not interleave with it.
        s.settimeout(10)
        while s.recv(4096):
            pass


def seen(path, marker):
    with open(path, errors="replace") as f:
        return marker in f.read()


def trace(pid, port, turns):
    """strace the server while it answers turns+1 requests of each kind; the log's lines."""
    fd, path = tempfile.mkstemp(prefix="syscalls-", suffix=".txt")
    os.close(fd)
    st = subprocess.Popen(["strace", "-f", "-qq", "-s", "48", "-o", path, "-p", str(pid)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # strace says nothing when it has attached, so requests are sent until one shows in its log.
        deadline = time.time() + 30
        k = 0
        while not seen(path, "sc=sync%d " % k):
            if time.time() > deadline:
                raise SystemExit("strace did not attach to %d within 30 s (is ptrace allowed here?)" % pid)
            k += 1
            one_close(port, "sync%d" % k)
        for i in range(turns + 1):
            one_close(port, "c%d" % i)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            for i in range(turns + 1):
                request(s, "k%d" % i, False)
        one_close(port, "end")
        deadline = time.time() + 30
        while not seen(path, "sc=end "):
            if time.time() > deadline:
                raise SystemExit("strace's log of %d never showed the last request" % pid)
            time.sleep(0.05)
    finally:
        st.send_signal(signal.SIGINT)
        st.wait(30)
    with open(path, errors="replace") as f:
        lines = f.read().splitlines()
    os.unlink(path)
    return lines


def window(lines, first, last):
    """The lines from the read of request `first` up to (not including) the read of request `last`."""
    start = next(i for i, l in enumerate(lines) if "sc=%s " % first in l)
    end = next(i for i, l in enumerate(lines) if "sc=%s " % last in l)
    return lines[start:end]


def calls(lines):
    """(thread, call, line) for every call begun in the lines."""
    out = []
    for l in lines:
        m = LINE.match(l)
        # A call strace shows in two halves ("<unfinished ...>", then "<... x resumed>") is one call.
        if m and m.group(3) == "(" and m.group(2) != "restart_syscall":
            out.append((m.group(1), m.group(2), l))
    return out


def serving_threads(made):
    return {tid for tid, name, l in made if name in SERVING}


def count(lines, turns):
    """Calls per request by name for the serving threads, and the other threads' calls per request."""
    made = calls(lines)
    serving = serving_threads(made)
    by_name = Counter(name for tid, name, l in made if tid in serving)
    other = sum(1 for tid, name, l in made if tid not in serving)
    return {"per_request": {name: round(n / turns, 2) for name, n in by_name.most_common()},
            "total": round(sum(by_name.values()) / turns, 2),
            "other_threads": round(other / turns, 2), "serving_threads": len(serving)}


def sequence(lines):
    """One turn's calls in order, the serving threads' only: what a server does between two reads."""
    made = calls(lines)
    serving = serving_threads(made)
    return [name for tid, name, l in made if tid in serving]


def main(argv):
    opts = {"requests": 50, "only": ""}
    for a in argv:
        k, _, v = a.lstrip("-").partition("=")
        if k not in opts:
            raise SystemExit("unknown argument %r; see the usage at the top of bench/syscalls.py" % a)
        opts[k] = int(v) if k == "requests" else v
    if subprocess.run(["sh", "-c", "command -v strace"], capture_output=True).returncode != 0:
        raise SystemExit("strace is not installed: apt-get install strace (bench/run installs it)")
    turns = opts["requests"]
    result = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "command": ("bench/run --syscalls " + " ".join(argv)).strip(), "requests": turns,
              "versions": bench.versions(), "servers": {}}
    chosen = [s for s in bench.servers() if not opts["only"] or s[0] in opts["only"].split(",")]
    for name, label, cmd, kind in chosen:
        if kind == "jvm" and name.startswith("netty") and not cmd[cmd.index("-cp") + 1]:
            print("%s: not built (bench/run builds it); left out" % name)
            continue
        port = bench.free_port()
        proc = subprocess.Popen(bench.pin(0, [c.format(port=port) for c in cmd]), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            bench.wait_ready(port, "/", proc)
            bench.warm_up(proc, port, {"warmup": 5, "connections": 16})
            lines = trace(proc.pid, port, turns)
        finally:
            proc.terminate()
            proc.wait(10)
        close = window(lines, "c0", "c%d" % turns)
        keep = window(lines, "k0", "k%d" % turns)
        middle = turns // 2
        result["servers"][name] = {
            "label": label,
            "close": dict(count(close, turns), sequence=sequence(window(lines, "c%d" % middle, "c%d" % (middle + 1)))),
            "keep_alive": dict(count(keep, turns), sequence=sequence(window(lines, "k%d" % middle, "k%d" % (middle + 1)))),
        }
        for mode in ("close", "keep_alive"):
            r = result["servers"][name][mode]
            print("%-24s %-10s %5.1f calls per request (other threads %.1f): %s" % (
                name, mode, r["total"], r["other_threads"],
                ", ".join("%s %g" % kv for kv in r["per_request"].items())), flush=True)
            print("%-24s %-10s one turn: %s" % ("", "", " ".join(r["sequence"])), flush=True)
    out = os.path.join(bench.ROOT, "bench", "results", "syscalls.json")
    if opts["only"]:
        out = os.path.join(bench.BUILD, "syscalls.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        f.write(json.dumps(result, indent=1) + "\n")
    print("written: %s" % os.path.relpath(out, bench.ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
