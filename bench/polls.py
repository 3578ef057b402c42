"""How many polls (epoll_wait) each server makes per request under load, counted by perf.

    python3 bench/polls.py [--rounds=8] [--seconds=5] [--connections=64] [--modes=keep_alive]
                           [--only=ours-uri-echo,netty-epoll] [--baseline=DIR]

The servers of bench.py (bench/run builds them; --baseline=DIR adds an earlier build's
walkthroughs as base-hello and base-uri-echo, as bench.py's option does), each started once and
pinned as bench.py pins them, warmed up as bench.py warms them, then loaded round after round in
turn with wrk (-t1, --connections). Around each load run, `perf stat` counts the server's poll
system calls (epoll_wait, epoll_pwait and epoll_pwait2: the JDK's selector makes the first,
Netty's epoll transport the last) while the server's CPU time is read from /proc as bench.py
reads it. Prints, per round and on average, CPU per request and polls per request. Needs perf
(Debian's linux-perf), and the right to count system-call tracepoints: root, as on this
project's machines, or kernel.perf_event_paranoid at -1 with tracefs readable. IOLoop.runBeforePoll's comment and the Benchmarks page cite its figures.
Writes nothing: the figures are quoted where they are used, with the date.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (bench.py's servers, pinning, warm-up and wrk runs)

POLLS = ("syscalls:sys_enter_epoll_wait", "syscalls:sys_enter_epoll_pwait", "syscalls:sys_enter_epoll_pwait2")


def counted(pid, port, seconds, connections, close):
    """One wrk run (bench.load) with perf counting the server's polls: (wrk's figures, polls)."""
    with tempfile.NamedTemporaryFile(suffix=".perf", delete=False) as f:
        out = f.name
    cmd = ["perf", "stat", "-x,", "-o", out, "-p", str(pid)]
    for event in POLLS:
        cmd += ["-e", event]
    perf = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        r = bench.load(pid, port, "/", seconds, connections, close)
    finally:
        # perf stat writes its counts when it is interrupted, as after Ctrl-C.
        perf.send_signal(2)
        perf.wait(10)
    polls = 0
    with open(out) as f:
        for line in f:
            fields = line.strip().split(",")
            if len(fields) > 2 and fields[2] in POLLS and fields[0].isdigit():
                polls += int(fields[0])
    os.unlink(out)
    return r, polls


def main(argv):
    opts = {"rounds": 8, "seconds": 5, "connections": 64, "modes": "keep_alive",
            "only": "ours-uri-echo,netty-epoll", "baseline": ""}
    for a in argv:
        k, _, v = a.lstrip("-").partition("=")
        if k not in opts:
            raise SystemExit("unknown argument %r; see the usage at the top of bench/polls.py" % a)
        opts[k] = int(v) if k in ("rounds", "seconds", "connections") else v
    if subprocess.run(["sh", "-c", "command -v perf"], capture_output=True).returncode != 0:
        raise SystemExit("perf is not installed: apt-get install linux-perf")
    bench.BASELINE = os.path.abspath(opts["baseline"]) if opts["baseline"] else ""
    names = opts["only"].split(",")
    chosen = [s for s in bench.servers() if s[0] in names]
    missing = set(names) - {s[0] for s in chosen}
    if missing:
        raise SystemExit("no such server: %s (base-* needs --baseline=DIR)" % ", ".join(sorted(missing)))
    started = []
    totals = {}
    try:
        for name, label, cmd, kind in chosen:
            port = bench.free_port()
            proc = subprocess.Popen(bench.pin(0, [c.format(port=port) for c in cmd]), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            started.append((name, proc, port))
            bench.wait_ready(port, "/", proc)
        for name, proc, port in started:
            print("warming up %s" % name, flush=True)
            bench.warm_up(proc, port, {"warmup": 5, "connections": opts["connections"]})
        for rnd in range(opts["rounds"]):
            # Every other round the other way round, as bench.py interleaves.
            order = started if rnd % 2 == 0 else list(reversed(started))
            for mode in opts["modes"].split(","):
                for name, proc, port in order:
                    r, polls = counted(proc.pid, port, opts["seconds"], opts["connections"], mode == "close")
                    if not r["requests"]:
                        raise SystemExit("%s answered no request in round %d" % (name, rnd + 1))
                    per = polls / r["requests"]
                    t = totals.setdefault((name, mode), [0.0, 0.0, 0])
                    t[0] += r["cpu_us_per_request"]
                    t[1] += per
                    t[2] += 1
                    print("round %d %-10s %-16s %8.0f req/s  %6.2f us/req  %6.3f polls/req%s" % (
                        rnd + 1, mode, name, r["rps"], r["cpu_us_per_request"], per,
                        "  DISTURBED" if r["disturbed"] else ""), flush=True)
    finally:
        for name, proc, port in started:
            proc.terminate()
            proc.wait(10)
    print("\naverage over %d rounds, wrk -c%d:" % (opts["rounds"], opts["connections"]))
    for (name, mode), (cpu, polls, n) in totals.items():
        print("  %-10s %-16s %6.2f us/req  %6.3f polls/req" % (mode, name, cpu / n, polls / n))


if __name__ == "__main__":
    main(sys.argv[1:])
