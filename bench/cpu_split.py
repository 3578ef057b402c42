"""Where a server's CPU time per request goes, by thread and by code, sampled by perf.

bench.py says how much CPU each server spends per request; this splits it. Each server is started
once (pinned to CPU 0, wrk to CPU 1, as bench.py does) and warmed up; then, round after round and
server after server, one wrk run is sampled with `perf record` (the CPU clock, 2,000 samples a
second, every thread of the server's process). Each sample falls in one thread and one piece of
code, and a sample stands for half a millisecond, so samples × 500 µs ÷ requests answered is the
CPU time per request that went there. The threads:

  serving    every thread the JVM does not own: the loop's (a platform thread named "java",
             which also carries the coroutine connection's virtual threads when the JVM lets it;
             without that, the virtual threads' carriers, "ForkJoinPool-1-worker-N",
             the scheduler's timer thread and the JDK's poller, "MasterPoller", for the
             coroutine connection), Netty's event loop, Python's and the C floor's only thread
  compiler   the JIT's C1 and C2 threads
  vm and gc  the JVM's other threads (the VM thread, the collector's threads, ...)

and the code, for the serving threads:

  kernel     system calls and what the kernel does for them
  java       JIT-compiled Java (perf shows it as "[JIT] tid N")
  libc       the C library (the system calls' wrappers, memcpy, ...)
  jvm        the JVM itself (libjvm.so: allocation, the runtime calls of compiled code, a
             virtual thread's freeze and thaw)
  jdk native the JDK's own native code (libnio.so, libnet.so, libjava.so)

Sampling slows the server a little, so the figures run a few percent above bench.py's; compare
servers within one run.

Usage: python3 bench/cpu_split.py [--rounds=N] [--seconds=S] [--modes=close,keep_alive]
           [--only=ours-uri-echo,ours-uri-echo-coroutine]
    Needs perf (Debian's linux-perf) and the servers bench/run builds; prints the split and
    writes bench/target/cpu-split.json (copy it to bench/results/ to commit a run).
"""
import json
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (bench.py's servers, pinning, warm-up and wrk runs)

FREQUENCY = 2000


# The JVM's own threads, by the names the kernel has for them (15 characters at most).
JVM_THREADS = ("VM Thread", "VM Periodic", "GC Thread", "G1 ", "Monitor Deflati", "Common-Cleaner", "Signal Dispatch",
               "Finalizer", "Reference Handl", "Service Thread", "Notification", "Attach Listener")


def thread_group(comm):
    """Which of the three groups a thread is in; every thread the JVM does not own serves."""
    if comm.startswith("C1 Compiler") or comm.startswith("C2 Compiler"):
        return "compiler"
    if comm.startswith(JVM_THREADS):
        return "vm and gc"
    return "serving"


def code_group(dso):
    if dso.startswith("[kernel"):
        return "kernel"
    if dso.startswith("[JIT]") or dso.startswith("perf-"):
        return "java"
    if dso.startswith("libc.so") or dso.startswith("ld-linux") or dso == "[vdso]":
        return "libc"
    if dso == "libjvm.so":
        return "jvm"
    if dso.startswith("lib") and dso.endswith(".so") and dso[3:-3] in ("nio", "net", "java", "zip", "jimage"):
        return "jdk native"
    return "other"


def sampled(pid, port, seconds, close):
    """One wrk run under perf: (wrk's figures, {(thread group, code group): samples})."""
    data = os.path.join(bench.BUILD, "cpu-split.data")
    perf = subprocess.Popen(["perf", "record", "-q", "-F", str(FREQUENCY), "-p", str(pid), "-o", data],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)  # perf attaches to every thread before the load starts
    r = bench.load(pid, port, "/", seconds, 64, close)
    perf.send_signal(signal.SIGINT)
    perf.wait(60)
    out = subprocess.run(["perf", "report", "-i", data, "--stdio", "-n", "--sort", "comm,dso", "-g", "none", "-t", "|"],
                         capture_output=True, text=True, timeout=300).stdout
    split = {}
    for line in out.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        # " 62.83% | 5797 |ForkJoinPool-1-|[kernel.kallsyms]": percent, samples, thread, code
        # (both of the last two may hold spaces: "C2 CompilerThre", "[JIT] tid 7078").
        parts = [p.strip() for p in line.split("|")]
        samples, comm, dso = int(parts[1]), parts[2], parts[3]
        key = (thread_group(comm), code_group(dso) if thread_group(comm) == "serving" else "")
        split[key] = split.get(key, 0) + samples
    os.unlink(data)
    return r, split


def main(argv):
    opts = {"rounds": 3, "seconds": 10, "modes": "close", "only": "ours-uri-echo,ours-uri-echo-coroutine"}
    for a in argv:
        k, _, v = a.lstrip("-").partition("=")
        if k not in opts:
            raise SystemExit("unknown argument %r; see the usage at the top of bench/cpu_split.py" % a)
        opts[k] = int(v) if k in ("rounds", "seconds") else v
    if subprocess.run(["sh", "-c", "command -v perf"], capture_output=True).returncode != 0:
        raise SystemExit("perf is not installed: apt-get install linux-perf")
    chosen = [s for s in bench.servers() if s[0] in opts["only"].split(",")]
    result = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "command": ("python3 bench/cpu_split.py " + " ".join(argv)).strip(), "options": opts,
              "versions": bench.versions(), "servers": {}}
    started = []
    try:
        for name, label, cmd, kind in chosen:
            port = bench.free_port()
            proc = subprocess.Popen(bench.pin(0, [c.format(port=port) for c in cmd]), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            started.append((name, label, proc, port))
            bench.wait_ready(port, "/", proc)
        for name, label, proc, port in started:
            print("warming up %s" % name, flush=True)
            bench.warm_up(proc, port, {"warmup": 10, "connections": 64})
            result["servers"][name] = {"label": label}
        for rnd in range(opts["rounds"]):
            for mode in opts["modes"].split(","):
                for name, label, proc, port in started:
                    r, split = sampled(proc.pid, port, opts["seconds"], mode == "close")
                    per = {("%s: %s" % k if k[1] else k[0]): round(n * 1e6 / FREQUENCY / r["requests"], 2)
                           for k, n in sorted(split.items(), key=lambda kv: -kv[1])} if r["requests"] else {}
                    row = {"requests": r["requests"], "rps": r["rps"], "cpu_us_per_request": r["cpu_us_per_request"],
                           "disturbed": r["disturbed"], "us_per_request": per}
                    result["servers"][name].setdefault(mode, []).append(row)
                    print("round %d %-10s %-24s %8.0f req/s  /proc %6.2f us/req  sampled %6.2f: %s%s" % (
                        rnd + 1, mode, name, r["rps"], r["cpu_us_per_request"] or 0, sum(per.values()),
                        ", ".join("%s %.2f" % kv for kv in per.items() if kv[1] >= 0.05),
                        "  DISTURBED" if r["disturbed"] else ""), flush=True)
    finally:
        for name, label, proc, port in started:
            proc.terminate()
            proc.wait(10)
    out = os.path.join(bench.BUILD, "cpu-split.json")
    with open(out, "w") as f:
        f.write(json.dumps(result, indent=1) + "\n")
    print("written: %s" % os.path.relpath(out, bench.ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
