"""The head-to-head benchmark's driver; bench/run builds everything and then runs this.

One interleaved run: every server is started once (pinned to CPU 0 when the machine has two or
more), warmed up until its JIT compilers have settled (warm_up), and then measured round after
round, A B C ... C B A ..., keep-alive and `Connection: close`, with wrk pinned to CPU 1, a
disturbed load run measured again, at most --retries times, once the machine is quiet (load_quiet).
For every load run it records what wrk saw (requests, req/s, p50/p99, socket errors, non-2xx) and
what the server spent (user + system time from /proc/PID/stat before and after, divided by the
requests answered), and how much CPU other processes took meanwhile (the quiet-machine check). Then
it holds idle keep-alive connections open on each server and records the heap after a full GC
(JVMs, through jcmd) and the RSS per connection; each Java server once more, restarted with compact
object headers, for the idle part alone. Only ratios within one run mean anything: absolute figures
move between runs.

Usage (normally through bench/run): python3 bench/bench.py [--quick] [--rounds=N] [--seconds=S]
    [--connections=C] [--idle=N] [--only=name,name] [--modes=keep_alive,close] [--retries=N]
    [--trace-cost] [--baseline=DIR] [--jdk-scheduler]
       python3 bench/bench.py --summarise=FILE   (recomputes a written run's medians and ratios)
    (--idle=0 skips the idle connections; options after --quick override its short settings)
"""
import json
import os
import platform
import re
import resource
import socket
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.path.join(ROOT, "bench", "peers")
BUILD = os.path.join(ROOT, "bench", "target")
JAVA = os.environ.get("BENCH_JAVA", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
JCMD = os.path.join(os.path.dirname(JAVA), "jcmd")
PYTHON = "/usr/bin/python3"
TICK = os.sysconf("SC_CLK_TCK")
NCPU = os.cpu_count()
PINNED = NCPU >= 2
# The same JVM flags for every Java server: the heap bounded alike, and the warnings the JDK
# prints about Netty's native library kept off the terminal.
JVM = [JAVA, "-Xmx512m", "--enable-native-access=ALL-UNNAMED"]
# The idle part is measured twice for every Java server: as started above, and once more in a new
# process with this option added (JDK 25's compact object headers, JEP 519: 8 bytes of header per
# object instead of 12), since a server that keeps many idle connections is what it is for. The
# load runs use the flags above only.
COMPACT_HEADERS = "-XX:+UseCompactObjectHeaders"
# Our servers also get what lets the loop's thread carry its coroutines (chapter 6, "The loop as
# carrier"), as `mvn exec:exec` gives it to the walkthroughs; the callback connection
# starts no coroutine and is the same either way.
OURS = JVM + ["--add-opens", "java.base/java.lang=ALL-UNNAMED"]
# The warm-up goes on, slice after slice (at most WARMUP_SLICES more), while the JIT compilers
# take more than this share of the server's CPU in a slice. A JVM is not done compiling after
# one short warm-up: measured (2026-12-03), the first 10 s round after a 5 s + 2 s warm-up spent
# 12 % of ours-hello's CPU and 12 % of Netty's in the compilers, and the later rounds under 1 %;
# that round measured the compiler as much as the server.
JIT_LIMIT = 0.01
WARMUP_SLICES = 6
# Another process's CPU above this share of the machine during a load run marks it disturbed.
QUIET_LIMIT = 0.05
# A disturbed load run is measured again, at most this many times (--retries=N), each time once
# a probe of QUIET_PROBE_S finds the machine quiet (wait_until_quiet; at most QUIET_WAIT_S). On
# 2026-12-03, a run without this had 36 of its 60 load runs disturbed, steal up to 48 %, and
# ratios taken only from rounds where both sides were quiet had almost nothing left to be read
# from; the next run, with it, had 14 disturbed on their first measurement and 5 on their last.
# The measurement kept is the last; the disturbed ones before it stay in the record
# ("disturbed_attempts"), never averaged in.
RETRIES = 2
QUIET_PROBE_S = 2
QUIET_WAIT_S = 60
# Set by --jdk-scheduler: the coroutine connection once more, started without the hook, so that
# its coroutines run on the JDK's scheduler with the loop on a virtual thread: what the loop's
# thread as carrier buys, in one interleaved run.
JDK_SCHEDULER = False
# Set by --trace-cost: bench/run then builds bench/target/notrace and the run includes it.
TRACE_COST = False
# Set by --baseline=DIR: a checkout of an earlier commit, built there (mvn -q test-compile); its
# walkthroughs join the run as base-hello and base-uri-echo, so that a change is measured
# against what it changes in one interleaved run.
BASELINE = ""


def servers():
    """Every server of the run: name, what it is, the command, the path wrk asks for."""
    ours_cp = os.path.join(ROOT, "target", "classes") + ":" + os.path.join(ROOT, "target", "test-classes")
    netty = os.path.join(PEERS, "netty")
    # Netty's class path exists once bench/run has built the peer; a focused bench.py run of our
    # servers alone (--only=ours-...) works without it.
    cp_file = os.path.join(netty, "target", "classpath.txt")
    netty_cp = (open(cp_file).read().strip() + ":" + os.path.join(netty, "target", "classes")) if os.path.exists(cp_file) else ""
    all_ = [
        ("ours-hello", "ours: hello (chapter 5, web)", OURS + ["-cp", ours_cp, "tornado.bench.BenchServer", "hello", "--port={port}"], "jvm"),
        # The same web layer sending the headers Netty's hello sends: no ETag, no Server and Date,
        # text/plain (tornado.bench.PlainHello), so that it is also set against Netty's answer.
        ("ours-hello-plain", "ours: hello-plain, Netty's headers (chapter 5, web)", OURS + ["-cp", ours_cp, "tornado.bench.BenchServer", "hello-plain", "--port={port}"], "jvm"),
        ("ours-uri-echo", "ours: uri-echo (chapter 4, bare HTTPServer)", OURS + ["-cp", ours_cp, "tornado.bench.BenchServer", "uri-echo", "--port={port}"], "jvm"),
        # Chapter 7's coroutine connection under the same two walkthroughs: issue's ratio of the
        # coroutine connection to the callback one is read from the same run.
        ("ours-hello-coroutine", "ours: hello on the coroutine connection (chapter 7)", OURS + ["-cp", ours_cp, "tornado.bench.BenchServer", "hello", "--connection=coroutine", "--port={port}"], "jvm"),
        ("ours-uri-echo-coroutine", "ours: uri-echo on the coroutine connection (chapter 7)", OURS + ["-cp", ours_cp, "tornado.bench.BenchServer", "uri-echo", "--connection=coroutine", "--port={port}"], "jvm"),
        ("tornado-web", "Tornado 6.2 web hello", [PYTHON, os.path.join(PEERS, "tornado_web.py"), "{port}"], "python"),
        ("tornado-raw", "Tornado 6.2 raw HTTPServer", [PYTHON, os.path.join(PEERS, "tornado_raw.py"), "{port}"], "python"),
        ("netty-epoll", "Netty epoll, 1 event loop", JVM + ["-cp", netty_cp, "bench.NettyHello", "{port}", "epoll"], "jvm"),
        ("netty-nio", "Netty NIO, 1 event loop", JVM + ["-cp", netty_cp, "bench.NettyHello", "{port}", "nio"], "jvm"),
    ]
    if JDK_SCHEDULER:
        for walk in ("hello", "uri-echo"):
            all_.append(("ours-%s-coroutine-jdk" % walk, "ours: %s on the coroutine connection, the JDK's scheduler" % walk,
                         JVM + ["-cp", ours_cp, "tornado.bench.BenchServer", walk, "--connection=coroutine", "--port={port}"], "jvm"))
    if TRACE_COST:
        # The same walkthroughs from a build whose trace calls are removed: the cost of tracing
        # compiled in but off is the difference between the two.
        notrace_cp = os.path.join(BUILD, "notrace", "classes") + ":" + os.path.join(ROOT, "target", "test-classes")
        for walk in ("hello", "uri-echo"):
            all_.insert(0, ("ours-%s-notrace" % walk, "ours: %s, trace calls removed" % walk,
                            OURS + ["-cp", notrace_cp, "tornado.bench.BenchServer", walk, "--port={port}"], "jvm"))
    if BASELINE:
        base_cp = os.path.join(BASELINE, "target", "classes") + ":" + os.path.join(BASELINE, "target", "test-classes")
        for walk in ("uri-echo", "hello"):
            all_.insert(0, ("base-%s" % walk, "ours before: %s, from %s" % (walk, BASELINE),
                            OURS + ["-cp", base_cp, "tornado.bench.BenchServer", walk, "--port={port}"], "jvm"))
    floor = os.path.join(BUILD, "floor")
    if os.path.exists(floor):
        all_.append(("floor-c", "bare C epoll (the floor)", [floor, "{port}"], "c"))
    return all_


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pin(cpu, cmd):
    return (["taskset", "-c", str(cpu)] + cmd) if PINNED else cmd


def cpu_ticks(pid):
    """utime + stime of the whole process (all its threads), in clock ticks."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def compiler_ticks(pid):
    """utime + stime of the process's JIT compiler threads (HotSpot's "C1/C2 CompilerThread"), in
    clock ticks; 0 for a server without any (Python, C)."""
    total = 0
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                if "CompilerThre" not in f.read():
                    continue
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass  # the thread ended between the listing and the read
    return total


def machine_busy():
    """Busy and total jiffies of the whole machine, and its steal, from the first line of /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]
    # The eighth field, steal, is time the hypervisor gave this machine's CPUs to another guest.
    return sum(v[:8]) - idle, sum(v[:8]), v[7]


# What the quiet probe runs on each CPU for QUIET_PROBE_S: a loop that only wants the CPU.
SPIN = "import time\nend = time.monotonic() + %g\nwhile time.monotonic() < end: pass" % QUIET_PROBE_S


def wait_until_quiet():
    """Waits until a probe of QUIET_PROBE_S finds the machine quiet, or QUIET_WAIT_S have passed;
    returns the seconds waited and whether the last probe was quiet. The probe keeps every CPU
    busy with a spinning process while it reads /proc/stat, since the kernel counts steal only
    while a CPU wants to run: an idle probe saw none at all (every wait of the 2026-12-03 14:59
    run ended at its first probe). Quiet is what a load run is held to: the CPU the spinners were
    not given, steal included, at most QUIET_LIMIT of the machine. It catches another process; on
    this kind of virtual machine it has not caught the steal itself. Spinning probes found none
    between load runs that measured a fifth of the machine stolen: the steal there seems to come
    with the load's own pattern, both CPUs sleeping and waking thousands of times a second.
    Against that, what helps is measuring again (RETRIES)."""
    start = time.monotonic()
    quiet = False
    while not quiet and time.monotonic() - start + QUIET_PROBE_S <= QUIET_WAIT_S:
        busy0, total0, _ = machine_busy()
        spinners = [subprocess.Popen(pin(cpu, [PYTHON, "-c", SPIN])) for cpu in range(NCPU)]
        spun = 0.0
        for p in spinners:
            _, _, usage = os.wait4(p.pid, 0)
            spun += usage.ru_utime + usage.ru_stime
        busy1, total1, _ = machine_busy()
        # What else ran: busy time (steal counts as busy) beyond the spinners' own.
        other = (busy1 - busy0) / TICK - spun
        quiet = total1 > total0 and other / ((total1 - total0) / TICK) <= QUIET_LIMIT
    return round(time.monotonic() - start, 1), quiet


def load_quiet(pid, port, path, opts, close):
    """A load run (load), measured again while it was disturbed, at most opts["retries"] times;
    the disturbed attempts before the one kept are recorded in it, in brief."""
    earlier = []
    while True:
        r = load(pid, port, path, opts["seconds"], opts["connections"], close)
        if not r["disturbed"] or len(earlier) >= opts["retries"]:
            break
        earlier.append({k: r[k] for k in ("rps", "cpu_us_per_request", "p99_ms", "other_cpu_share", "steal_share")})
        earlier[-1]["waited_s"], earlier[-1]["then_quiet"] = wait_until_quiet()
    if earlier:
        r["disturbed_attempts"] = earlier
    return r


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def heap_after_gc(pid):
    """The used heap after a full GC, in KiB, as jcmd reports it (every generation's "used")."""
    subprocess.run([JCMD, str(pid), "GC.run"], capture_output=True, timeout=60)
    out = subprocess.run([JCMD, str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    used = 0
    for line in out.splitlines():
        if "Metaspace" in line or "class space" in line:
            continue
        # The generations' lines start at the margin ("DefNew total ..., used 14477K",
        # "garbage-first heap total ..., used ..."); the indented lines are their parts.
        m = re.search(r"used (\d+)K", line)
        if m and not line[:1].isspace() and "total" in line:
            used += int(m.group(1))
    return used


def wait_ready(port, path, proc, seconds=30):
    end = time.time() + seconds
    while time.time() < end:
        if proc.poll() is not None:
            raise SystemExit("server exited early with status %s" % proc.returncode)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(("GET %s HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n" % path).encode())
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("server on port %d did not answer within %ds" % (port, seconds))


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def parse_wrk(out):
    r = {}
    m = re.search(r"(\d+) requests in", out)
    r["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    r["rps"] = float(m.group(1)) if m else 0.0
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)\s*$" % pct, out, re.M)
        r[key] = float(m.group(1)) * UNITS[m.group(2)] if m else None
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    r["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    r["non_2xx"] = int(m.group(1)) if m else 0
    return r


def load(pid, port, path, seconds, connections, close):
    """One wrk run against one server, with the server's and the machine's CPU around it."""
    cmd = ["wrk", "-t1", "-c%d" % connections, "-d%ds" % seconds, "--latency"]
    if close:
        cmd += ["-H", "Connection: close"]
    cmd.append("http://127.0.0.1:%d%s" % (port, path))
    busy0, total0, steal0 = machine_busy()
    t0 = cpu_ticks(pid)
    c0 = compiler_ticks(pid)
    wall0 = time.time()
    p = subprocess.Popen(pin(1, cmd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.time() - wall0
    t1 = cpu_ticks(pid)
    c1 = compiler_ticks(pid)
    busy1, total1, steal1 = machine_busy()
    r = parse_wrk(out)
    server_s = (t1 - t0) / TICK
    wrk_s = usage.ru_utime + usage.ru_stime
    # What neither the server nor wrk spent: other processes (and the kernel's work for them).
    other_s = max(0.0, (busy1 - busy0) / TICK - server_s - wrk_s)
    r["server_cpu_s"] = round(server_s, 3)
    # Part of the server's CPU above: its JIT compilers. Counted in, as the server spent it, and
    # recorded, so that a run still compiling (JIT_LIMIT) is seen for what it is.
    r["compiler_cpu_s"] = round((c1 - c0) / TICK, 3)
    r["wrk_cpu_s"] = round(wrk_s, 3)
    r["cpu_us_per_request"] = round(server_s * 1e6 / r["requests"], 3) if r["requests"] else None
    r["other_cpu_share"] = round(other_s / (wall * NCPU), 3)
    # The part of that the hypervisor took for other guests (steal): a disturbance from outside
    # this machine, which no process list shows.
    r["steal_share"] = round((steal1 - steal0) / TICK / (wall * NCPU), 3)
    r["loadavg"] = os.getloadavg()[0]
    r["disturbed"] = r["other_cpu_share"] > QUIET_LIMIT
    r["errors"] = r["socket_errors"] + r["non_2xx"]
    return r


def read_response(s):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            raise OSError("closed before the response head ended")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    m = re.search(rb"(?i)content-length:\s*(\d+)", head)
    need = int(m.group(1)) if m else 0
    while len(body) < need:
        chunk = s.recv(4096)
        if not chunk:
            raise OSError("closed before the body ended")
        body += chunk


def class_histogram(pid):
    """Live objects by class after a full GC (jcmd GC.class_histogram): {class: (instances, bytes)}."""
    out = subprocess.run([JCMD, str(pid), "GC.class_histogram"], capture_output=True, text=True, timeout=120).stdout
    classes = {}
    for line in out.splitlines():
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            # Classes of one name from different loaders (lambdas, say) are added together.
            c, b = classes.get(m.group(3), (0, 0))
            classes[m.group(3)] = (c + int(m.group(1)), b + int(m.group(2)))
    return classes


def owner(cls):
    """Whose class it is: ours (tornado.*, its lambdas included), Netty's (io.netty.*), or the JDK's (the rest).

    By class, not by who made the object: an ArrayDeque or a byte[] our code made counts as the JDK's."""
    if cls.startswith("tornado."):
        return "ours"
    if cls.startswith("io.netty."):
        return "netty"
    return "jdk"


def per_connection(before, after, n):
    """What the idle connections hold, class by class (each above 4 bytes a connection) and by owner.

    None for both when either histogram is empty (jcmd failed): the whole heap would pass for the connections'."""
    if not before or not after:
        return None, None
    rows = []
    for cls, (count, size) in after.items():
        c0, s0 = before.get(cls, (0, 0))
        if size - s0 > 4 * n:
            rows.append([cls, round((size - s0) / n, 1), round((count - c0) / n, 2)])
    rows.sort(key=lambda r: -r[1])
    owners = {}
    for cls, size, _ in rows:
        owners[owner(cls)] = owners.get(owner(cls), 0) + size
    return rows, {k: round(v) for k, v in owners.items()}


def without_classes(idle_result):
    """An idle result without its long class list, for one printed line."""
    return {k: x for k, x in idle_result.items() if k != "classes_per_connection"}


def idle(name, kind, pid, port, path, count):
    """Opens `count` connections, one request answered on each, and holds them idle."""
    time.sleep(0.5)
    heap0 = heap_after_gc(pid) if kind == "jvm" else None
    classes0 = class_histogram(pid) if kind == "jvm" else None
    rss0 = rss_kib(pid)
    held, failed = [], 0
    request = ("GET %s HTTP/1.1\r\nHost: bench\r\n\r\n" % path).encode()
    for _ in range(count):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(request)
            read_response(s)
            held.append(s)
        except OSError:
            failed += 1
    time.sleep(0.5)
    heap1 = heap_after_gc(pid) if kind == "jvm" else None
    classes1 = class_histogram(pid) if kind == "jvm" else None
    rss1 = rss_kib(pid)
    n = len(held)
    for s in held:
        s.close()
    r = {"connections": n, "failed": failed,
         "rss_bytes_per_connection": round((rss1 - rss0) * 1024 / n) if n else None}
    if heap0 is not None and n:
        r["heap_bytes_per_connection"] = round((heap1 - heap0) * 1024 / n)
        # The same heap by class, and by whose code made it: the JDK's own objects for an
        # accepted socket are a floor no server on java.nio can go below.
        rows, owners = per_connection(classes0, classes1, n)
        if rows is not None:
            r["classes_per_connection"], r["heap_by_owner"] = rows, owners
    return r


def warm_up(proc, port, opts):
    """Load the server, keep-alive and then Connection: close, as the rounds will, until its JIT
    compilers have settled: the fixed warm-up, then more slices of the same while the last one
    still spent more than JIT_LIMIT of the server's CPU compiling. Returns the slices run."""
    for slices in range(1, WARMUP_SLICES + 2):
        c0, t0 = compiler_ticks(proc.pid), cpu_ticks(proc.pid)
        load(proc.pid, port, "/", opts["warmup"], opts["connections"], False)
        load(proc.pid, port, "/", max(1, opts["warmup"] // 2), opts["connections"], True)
        spent = cpu_ticks(proc.pid) - t0
        if compiler_ticks(proc.pid) - c0 <= JIT_LIMIT * spent:
            return slices
    return slices


def idle_compact(chosen, opts, result):
    """The idle part again for every Java server, each restarted with COMPACT_HEADERS and warmed up
    as in the run (but without the run's rounds, and with the run's servers still up, idle), so
    that its figure differs from the run's own mainly by that option."""
    if subprocess.run([JAVA, COMPACT_HEADERS, "-version"], capture_output=True).returncode != 0:
        print("idle with compact object headers: left out, %s does not take %s" % (JAVA, COMPACT_HEADERS))
        return
    for name, label, cmd, kind in chosen:
        if kind != "jvm":
            continue
        port = free_port()
        argv = [cmd[0], COMPACT_HEADERS] + [c.format(port=port) for c in cmd[1:]]
        proc = subprocess.Popen(pin(0, argv), stdout=subprocess.DEVNULL,
                                stderr=open(os.path.join(BUILD, name + "-compact.log"), "w"))
        try:
            wait_ready(port, "/", proc)
            warm_up(proc, port, opts)
            r = idle(name, kind, proc.pid, port, "/", opts["idle"])
            result["servers"][name]["idle_compact_headers"] = r
            print("idle, compact headers %-14s %s" % (name, without_classes(r)), flush=True)
        except (Exception, SystemExit) as e:
            # An extra part: its failure is recorded and said, and the run's own results stand.
            result["servers"][name]["idle_compact_headers"] = {"failed_to_measure": str(e)}
            print("idle, compact headers %-14s not measured: %s" % (name, e), flush=True)
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def median(runs, key):
    vals = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(vals) if vals else None


def summarise(runs):
    """Medians over the clean runs; if every run had errors, over all of them, and said so."""
    clean = [r for r in runs if r["errors"] == 0]
    use = clean or runs
    return {
        "rps": median(use, "rps"), "cpu_us_per_request": median(use, "cpu_us_per_request"),
        "p50_ms": median(use, "p50_ms"), "p99_ms": median(use, "p99_ms"),
        "runs": len(runs), "runs_with_errors": len(runs) - len(clean),
        "errors_total": sum(r["errors"] for r in runs),
        "disturbed_runs": sum(1 for r in runs if r["disturbed"]),
        # Disturbed measurements made before the ones kept (load_quiet): not in any figure above.
        "measured_again": sum(len(r.get("disturbed_attempts", [])) for r in runs),
        # Runs in which the JIT compilers still took more than JIT_LIMIT of the server's CPU
        # (results written before the compilers were recorded have no figure and count as none).
        "compiling_runs": sum(1 for r in runs if r.get("compiler_cpu_s", 0) > JIT_LIMIT * (r.get("server_cpu_s") or 0)),
        "median_over": "clean runs" if clean else "ALL RUNS HAD ERRORS",
        # The same median over the runs that were also quiet: on a shared machine, the fairer
        # figure for a ratio (None when no run was quiet).
        "cpu_us_per_request_quiet": median([r for r in clean if not r["disturbed"]], "cpu_us_per_request"),
        "quiet_runs": sum(1 for r in clean if not r["disturbed"]),
    }


# The comparisons the targets are stated in: (what, server, against). Each is read round by round,
# as the CPU per request of the server divided by that of the one it is set against, both from the
# same round: they ran about a minute apart there (more when a run was measured again), where two
# medians over the whole run can come from rounds far apart. The spread of the rounds' ratios says
# how far one round can be trusted.
RATIOS = [
    ("hello against Netty epoll", "ours-hello", "netty-epoll"),
    ("uri-echo against Netty epoll", "ours-uri-echo", "netty-epoll"),
    ("uri-echo against the C floor", "ours-uri-echo", "floor-c"),
    ("the web layer: hello against uri-echo", "ours-hello", "ours-uri-echo"),
    ("hello with Netty's headers, against Netty epoll", "ours-hello-plain", "netty-epoll"),
    ("the web layer with Netty's headers: hello-plain against uri-echo", "ours-hello-plain", "ours-uri-echo"),
    ("Tornado's answer: hello against hello-plain", "ours-hello", "ours-hello-plain"),
    ("hello, coroutine against callback connection", "ours-hello-coroutine", "ours-hello"),
    ("uri-echo, coroutine against callback connection", "ours-uri-echo-coroutine", "ours-uri-echo"),
    ("hello, coroutine: the loop's thread against the JDK's scheduler", "ours-hello-coroutine", "ours-hello-coroutine-jdk"),
    ("uri-echo, coroutine: the loop's thread against the JDK's scheduler", "ours-uri-echo-coroutine", "ours-uri-echo-coroutine-jdk"),
]


def round_ratios(servers):
    """Each of RATIOS present in the run, per mode: the CPU ratio (server ÷ against) of every round
    with no errors and no disturbance on either side."""
    out = []
    for what, a, b in RATIOS:
        if a not in servers or b not in servers:
            continue
        for mode in ("keep_alive", "close"):
            ra, rb = servers[a].get(mode, []), servers[b].get(mode, [])
            rounds = [round(x["cpu_us_per_request"] / y["cpu_us_per_request"], 3) for x, y in zip(ra, rb)
                      if x["errors"] == 0 and y["errors"] == 0 and not x["disturbed"] and not y["disturbed"]
                      and x["cpu_us_per_request"] and y["cpu_us_per_request"]]
            if rounds:
                out.append({"what": what, "server": a, "against": b, "mode": mode, "by_round": rounds,
                            "median": round(statistics.median(rounds), 3), "min": min(rounds), "max": max(rounds)})
    return out


def summarise_run(result):
    """The medians of every server and mode, and the round-by-round ratios, from the runs recorded."""
    for v in result["servers"].values():
        v["summary"] = {m: summarise(v[m]) for m in ("keep_alive", "close") if v.get(m)}
    result["ratios"] = round_ratios(result["servers"])


def versions():
    def first(cmd):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
            return (p.stdout + p.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return None
    netty = re.search(r"<netty.version>(.*)</netty.version>", open(os.path.join(PEERS, "netty", "pom.xml")).read()).group(1)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    return {
        "jdk": first([JAVA, "-version"]), "python_tornado": first([PYTHON, "-c", "import tornado; print(tornado.version)"]),
        "netty": netty, "wrk": first(["wrk", "-v"]), "cc": first(["cc", "--version"]),
        "kernel": platform.release(), "cpu": cpu, "cpus": NCPU, "machine": platform.node(),
    }


def main(argv):
    global TRACE_COST, BASELINE, JDK_SCHEDULER
    opts = {"rounds": 3, "seconds": 10, "connections": 64, "idle": 10000, "warmup": 5, "only": "",
            "modes": "keep_alive,close", "retries": RETRIES}
    for a in argv:
        if a.startswith("--summarise="):
            path = a.split("=", 1)[1]
            with open(path) as f:
                result = json.load(f)
            summarise_run(result)
            report(result)
            with open(path, "w") as f:
                f.write(json.dumps(result, indent=1, sort_keys=False) + "\n")
            print("summaries and ratios rewritten in %s" % path)
            return
        if a == "--trace-cost":
            TRACE_COST = True
        elif a == "--jdk-scheduler":
            JDK_SCHEDULER = True
        elif a.startswith("--baseline="):
            BASELINE = os.path.abspath(a.split("=", 1)[1])
        elif a == "--quick":
            opts.update(rounds=1, seconds=2, idle=1000, warmup=2)
        elif a.startswith("--") and "=" in a and a[2:].split("=")[0] in opts:
            k, v = a[2:].split("=", 1)
            opts[k] = v if k in ("only", "modes") else int(v)
        else:
            raise SystemExit("unknown argument %r; see the usage at the top of bench/bench.py" % a)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    # The client (this process) and each server hold one descriptor per idle connection, each
    # in its own process, under the same limit.
    if 0 < hard < opts["idle"] + 500:
        opts["idle"] = max(100, hard - 500)
        print("ulimit -n allows %d descriptors: idle connections cut to %d" % (hard, opts["idle"]))
    chosen = [s for s in servers() if not opts["only"] or s[0] in opts["only"].split(",")]
    started = []
    result = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "command": "bench/run " + " ".join(argv),
              "options": opts, "pinned": PINNED, "versions": versions(), "servers": {}}
    try:
        for name, label, cmd, kind in chosen:
            port = free_port()
            proc = subprocess.Popen(pin(0, [c.format(port=port) for c in cmd]), stdout=subprocess.DEVNULL,
                                    stderr=open(os.path.join(BUILD, name + ".log"), "w"))
            started.append((name, label, kind, proc, port))
            wait_ready(port, "/", proc)
        for name, label, kind, proc, port in started:
            print("warming up %s" % name, end="", flush=True)
            slices = warm_up(proc, port, opts)
            print(": %d slice(s) of %d s + %d s until the JIT compilers settled%s" % (
                slices, opts["warmup"], max(1, opts["warmup"] // 2),
                "" if slices <= WARMUP_SLICES else ", or stopped there: STILL COMPILING"), flush=True)
            result["servers"][name] = {"label": label, "keep_alive": [], "close": [], "warmup_slices": slices}
        for rnd in range(opts["rounds"]):
            # Every other round goes the other way (A B C, then C B A), so that no server always
            # follows the same one or always comes late in a round while the machine drifts: of
            # each pair RATIOS compares, either side runs first in some rounds.
            order = started if rnd % 2 == 0 else started[::-1]
            for mode in opts["modes"].split(","):
                for name, label, kind, proc, port in order:
                    r = load_quiet(proc.pid, port, "/", opts, mode == "close")
                    result["servers"][name][mode].append(r)
                    again = len(r.get("disturbed_attempts", []))
                    print("round %d %-10s %-14s %9.0f req/s %8.2f us/req p99 %6.2f ms errors %d other-cpu %.0f%%%s%s"
                          % (rnd + 1, mode, name, r["rps"], r["cpu_us_per_request"] or 0, r["p99_ms"] or 0,
                             r["errors"], 100 * r["other_cpu_share"],
                             ("  DISTURBED (steal %.0f%%)" % (100 * r["steal_share"])) if r["disturbed"] else "",
                             ("  (measured again %d time(s) after disturbed measurements)" % again) if again else ""), flush=True)
        for name, label, kind, proc, port in started if opts["idle"] > 0 else []:
            r = idle(name, kind, proc.pid, port, "/", opts["idle"])
            result["servers"][name]["idle"] = r
            print("idle %-14s %s" % (name, without_classes(r)), flush=True)
        if opts["idle"] > 0:
            idle_compact(chosen, opts, result)
    finally:
        for name, label, kind, proc, port in started:
            proc.terminate()
        for name, label, kind, proc, port in started:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    summarise_run(result)
    report(result)
    out = os.path.join(ROOT, "bench", "results")
    os.makedirs(out, exist_ok=True)
    stamp = time.strftime("%Y-%m-%d-%H%M", time.gmtime())
    text = json.dumps(result, indent=1, sort_keys=False)
    if not any(a == "--quick" for a in argv):
        with open(os.path.join(out, stamp + ".json"), "w") as f:
            f.write(text + "\n")
        with open(os.path.join(out, "latest.json"), "w") as f:
            f.write(text + "\n")
        print("written: bench/results/%s.json and bench/results/latest.json" % stamp)
    else:
        with open(os.path.join(BUILD, "quick.json"), "w") as f:
            f.write(text + "\n")
        print("--quick: written to bench/target/quick.json only (not a committed result)")


def report(result):
    s = result["servers"]
    base = s.get("netty-epoll", {}).get("summary", {})
    print("\n%-14s %-10s %9s %9s %8s %8s %7s %6s %-9s %s" % ("server", "mode", "req/s", "us/req", "x netty", "p50 ms", "p99 ms", "errs", "disturbed", "quiet us/req (x netty)"))
    for name, v in s.items():
        for mode, m in v.get("summary", {}).items():
            b = base.get(mode, {}).get("cpu_us_per_request")
            ratio = "%.2f" % (m["cpu_us_per_request"] / b) if b and m["cpu_us_per_request"] else "-"
            bq = base.get(mode, {}).get("cpu_us_per_request_quiet")
            q = m["cpu_us_per_request_quiet"]
            quiet = "%.2f (%s)" % (q, "%.2f" % (q / bq) if bq else "-") if q else "no quiet run"
            print("%-14s %-10s %9.0f %9.2f %8s %8.2f %7.2f %6d %-9s %s%s" % (
                name, mode, m["rps"] or 0, m["cpu_us_per_request"] or 0, ratio, m["p50_ms"] or 0, m["p99_ms"] or 0,
                m["errors_total"], "%d/%d" % (m["disturbed_runs"], m["runs"]), quiet,
                "" if m["median_over"] == "clean runs" else "  " + m["median_over"]))
    for name, v in s.items():
        if "idle" in v:
            print("%-14s idle: %s" % (name, without_classes(v["idle"])))
            if "idle_compact_headers" in v:
                print("%-14s idle, compact object headers: %s" % (name, without_classes(v["idle_compact_headers"])))
            for cls, size, count in v["idle"].get("classes_per_connection", [])[:16]:
                print("%-14s   %7.1f B %5.2f  %s" % ("", size, count, cls))
    if result.get("ratios"):
        print("\nCPU per request, server ÷ the one it is set against, round by round (median, lowest and highest round):")
        for r in result["ratios"]:
            print("  %-48s %-10s %.2f (%.2f-%.2f)  %s" % (r["what"], r["mode"], r["median"], r["min"], r["max"],
                                                        " ".join("%.2f" % x for x in r["by_round"])))
    compiling = sum(m.get("compiling_runs", 0) for v in s.values() for m in v.get("summary", {}).values())
    if compiling:
        print("\nJIT CHECK: in %d load runs the JIT compilers took more than %d%% of the server's CPU "
              "(see each run's compiler_cpu_s)." % (compiling, 100 * JIT_LIMIT))
    dist = sum(m["disturbed_runs"] for v in s.values() for m in v.get("summary", {}).values())
    if dist:
        print("\nQUIET CHECK: %d load runs had other processes using more than %d%% of the machine: "
              "their absolute figures are noisy; compare ratios only." % (dist, 100 * QUIET_LIMIT))
    again = sum(m.get("measured_again", 0) for v in s.values() for m in v.get("summary", {}).values())
    if again:
        print("\nRETRIES: %d disturbed measurements were followed by another (after a wait for a quiet "
              "machine, see each one's then_quiet); only the last of each load run is counted above, "
              "the others are in its disturbed_attempts." % again)


if __name__ == "__main__":
    main(sys.argv[1:])
