#!/usr/bin/env python3
"""gremium against its peers, side by side in one run (PRODUCT.md §9,
docs/performance.md).

    python3 benches/compare.py [DATA_DIR] [--runs N] [--seed N]

Builds the release binary and the data (examples/bench_data.rs: a session
of 2,000 dossiers, a 200,000-event record for it, a 20 MB collection;
`--seed N` for other data of the same sizes, in a folder of their own),
finds or installs the peers (jq; VisiData's `vd` via `pip install
visidata`), and measures each comparison N times (default 5), gremium's
runs and the peer's alternating, printing the
medians, the ratio to the peer and the target, and peak memory of the real
binary (`/usr/bin/time -f %M`). The table is also written to
DATA_DIR/compare.md.

Time to first frame is taken on the real binary in a tmux pane of 120×40:
the pane is respawned with the command, and each time the program
writes to the terminal the screen is read, until the expected text is on
it. Both go through one tmux control-mode client (`tmux -C`): its
`%output` notifications say when the program wrote, and the screen is
asked for over the same pipe. Nothing runs beside the program while it
works — polling the screen every 2 ms (a `tmux capture-pane` process
each time, as this script first did) took a good part of one of the two
cores from it, and more from a program that works on both cores than
from one that works on one. The floor of the method — the same for a
command that prints the text at once — is measured in the same run and
printed; it is part of every first-frame figure.

Not run in CI: it needs tmux, jq, Python and a quiet machine.
"""

import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "gremium")
GEN = os.path.join(ROOT, "target", "release", "examples", "bench_data")
POLL = 0.002


def sh(*args, **kw):
    return subprocess.run(list(args), check=True, **kw)


def build(data, seed):
    sh("cargo", "build", "--release", "--quiet", "--bin", "gremium", "--example", "bench_data", cwd=ROOT)
    sh(GEN, data, "--seed", str(seed), stdout=subprocess.DEVNULL)


def find_vd():
    # on PATH, or where an earlier `pip install --user` put it
    local = os.path.expanduser("~/.local/bin/vd")
    vd = shutil.which("vd") or (local if os.path.exists(local) else None)
    if vd:
        return vd
    print("installing VisiData (pip install --user visidata) …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--user", "visidata"], check=False)
    return shutil.which("vd") or (local if os.path.exists(local) else None)


def wall(cmd, env=None):
    """Seconds one run of `cmd` takes, output thrown away."""
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - start


def peak_kb(cmd, env=None):
    """Peak resident memory of `cmd` in KB, by /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", out.name] + cmd,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env,
        )
        return int(out.read().strip().splitlines()[-1])


class Pane:
    """One tmux session whose pane is respawned for each measured run."""

    def __init__(self, cols=120, rows=40):
        self.name = f"gremium-compare-{os.getpid()}"
        sh("tmux", "new-session", "-d", "-s", self.name, "-x", str(cols), "-y", str(rows), "sleep 100000")
        # a command that ends (a gremium told to quit) leaves the pane to respawn
        sh("tmux", "set-option", "-t", self.name, "remain-on-exit", "on")
        self.control = Control(self.name)

    def screen(self):
        return self.control.run(f"capture-pane -p -t {self.name}")

    def first_frame(self, command, marker, timeout=30.0, keep=False):
        """Seconds from respawning the pane with `command` until `marker`
        is on the screen; the pane is then emptied (unless `keep`)."""
        sh("tmux", "respawn-pane", "-k", "-t", self.name, "sleep 100000")
        while marker in self.screen():
            time.sleep(POLL)
        start = time.perf_counter()
        deadline = start + timeout
        sh("tmux", "respawn-pane", "-k", "-t", self.name, command)
        # the screen once now (the program may have written already), then
        # again after each time it writes
        while marker not in self.screen():
            if not self.control.wait_output(deadline):
                raise RuntimeError(f"no {marker!r} after {timeout} s: {command}\n{self.screen()}")
        elapsed = time.perf_counter() - start
        if not keep:
            sh("tmux", "respawn-pane", "-k", "-t", self.name, "sleep 100000")
        return elapsed

    def keys(self, keys):
        sh("tmux", "send-keys", "-t", self.name, keys)

    def close(self):
        self.control.close()
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False)


class Control:
    """A tmux control-mode client: each command goes to the server over
    one pipe and its answer is read back, no process started per command;
    between answers come notifications, among them `%output` when a
    program in the session wrote to its terminal."""

    def __init__(self, session):
        self.proc = subprocess.Popen(
            ["tmux", "-C", "attach-session", "-t", session],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.fd = self.proc.stdout.fileno()
        self.pending = b""

    def line(self, deadline=None):
        """The next line from tmux; None if `deadline` passes first."""
        while b"\n" not in self.pending:
            if deadline is not None:
                left = deadline - time.perf_counter()
                if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                    return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise RuntimeError("the tmux control client ended")
            self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        return line.decode("utf-8", "replace")

    def run(self, command):
        """The output of `command`. Answers come as %begin … %end blocks
        (flags 1: a command of this client); notifications come between
        blocks, never inside one, and those before the answer are passed
        over (the answer already reflects them)."""
        self.proc.stdin.write(command.encode() + b"\n")
        self.proc.stdin.flush()
        number, out = None, []
        while True:
            line = self.line()
            fields = line.split()
            if number is None:
                if line.startswith("%begin ") and len(fields) == 4 and fields[3] == "1":
                    number = fields[2]
                continue
            if line.startswith(("%end ", "%error ")) and len(fields) == 4 and fields[2] == number:
                if line.startswith("%error "):
                    raise RuntimeError(f"tmux refused {command!r}: {' '.join(out)}")
                return "\n".join(out) + "\n"
            out.append(line)

    def wait_output(self, deadline):
        """Block until a program writes to its terminal (True) or the
        deadline passes (False)."""
        while True:
            line = self.line(deadline)
            if line is None:
                return False
            if line.startswith("%output "):
                return True

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        self.proc.wait(timeout=5)


def median(samples):
    return statistics.median(samples)


def ms(s):
    return f"{s * 1000:.0f} ms"


def main():
    def option(name, default):
        if name in sys.argv:
            return int(sys.argv[sys.argv.index(name) + 1])
        return default

    runs = option("--runs", 5)
    seed = option("--seed", 0)
    # the arguments that are neither an option nor an option's value
    values = {i + 1 for i, a in enumerate(sys.argv) if a in ("--runs", "--seed")}
    args = [a for i, a in enumerate(sys.argv) if i > 0 and i not in values and not a.startswith("--")]
    default = "gremium-bench" if seed == 0 else f"gremium-bench-seed-{seed}"
    data = os.path.abspath(args[0] if args else os.path.join(tempfile.gettempdir(), default))
    build(data, seed)
    session = os.path.join(data, "session-2000")
    dossiers = os.path.join(session, "dossiers.json")
    record = os.path.join(data, "record-200k")
    collection = os.path.join(data, "collection-20mb.json")
    jq = shutil.which("jq")
    vd = find_vd()
    home = tempfile.mkdtemp(prefix="gremium-compare-")
    env = dict(os.environ, GREMIUM_DATA=os.path.join(home, "data"), GREMIUM_CONFIG=os.path.join(home, "config"))
    env_prefix = f"env GREMIUM_DATA={home}/data GREMIUM_CONFIG={home}/config "
    rows = []
    pane = Pane()
    try:
        floor = [pane.first_frame("printf 'gremium-marker\\n'; sleep 100000", "gremium-marker") for _ in range(runs)]

        # 1. Open 2,000 dossiers (no record yet) to the first frame, beside
        #    vd opening the same dossier file to its first screen. The runs
        #    alternate, gremium then the peer, so that both medians come
        #    from the same minutes of a machine whose speed varies.
        opened, vd_times = [], []
        for i in range(runs):
            fresh = os.path.join(home, f"fresh-{i}")
            opened.append(pane.first_frame(f"{env_prefix}{BIN} open {session} --record {fresh}", "Bench"))
            if vd:
                vd_times.append(pane.first_frame(f"{vd} {dossiers}", "gremium.dossiers/1"))
        row = ["open 2,000 dossiers, no record, to first frame (120×40)", ms(median(opened))]
        if vd:
            row += [f"`vd` first screen: {ms(median(vd_times))}", f"{median(opened) / median(vd_times):.2f}", "≤ 0.1"]
        else:
            row += ["`vd` not found", "—", "≤ 0.1"]
        rows.append(row)

        # 2. validate a 20 MB collection beside `jq .` on it, alternating.
        validate, jq_times = [], []
        for _ in range(runs):
            validate.append(wall([BIN, "validate", collection]))
            if jq:
                jq_times.append(wall([jq, ".", collection]))
        row = ["`validate` of a 20 MB collection", ms(median(validate))]
        if jq:
            row += [f"`jq .`: {ms(median(jq_times))}", f"{median(validate) / median(jq_times):.2f}", "≤ 0.1"]
        else:
            row += ["`jq` not found", "—", "≤ 0.1"]
        rows.append(row)
        validate_kb = peak_kb([BIN, "validate", collection])
        jq_kb = peak_kb([jq, ".", collection]) if jq else None

        # 3. Open with a 200,000-event record to the first frame (read-only:
        #    no lock, nothing written), and its peak memory.
        replay = [
            pane.first_frame(f"{env_prefix}{BIN} open {session} --record {record} --read-only", "Bench")
            for _ in range(runs)
        ]
        rows.append(["open + replay 200,000 events, 2,000 dossiers, to first frame", ms(median(replay)), "—", "—", "≤ 300 ms"])
        # The same open for writing, as the chair opens a session: a fresh
        # copy of the record each run (made before the clock starts), the
        # files read and digested, the record's bytes kept as its history,
        # the resumption recorded (fsync).
        writing = []
        for i in range(runs):
            copy = os.path.join(home, f"record-writing-{i}")
            shutil.copytree(record, copy)
            if os.path.exists(os.path.join(copy, "record.lock")):
                os.remove(os.path.join(copy, "record.lock"))
            # on disk first: the resumption's fsync would otherwise write
            # the whole fresh copy, which a chair's record never is
            os.sync()
            writing.append(pane.first_frame(f"{env_prefix}{BIN} open {session} --record {copy}", "Bench"))
            shutil.rmtree(copy, ignore_errors=True)
        rows.append(["the same open for writing (a copy of the record)", ms(median(writing)), "—", "—", "≤ 300 ms"])
        # Peak memory of the same open, and of opening a copy of the record
        # for writing (which keeps the record's bytes as its history): quit
        # with `q` once the first frame is there, and read what
        # /usr/bin/time wrote.
        def peak_of_open(name, record_dir, flags):
            rss_file = os.path.join(home, name)
            command = f"{env_prefix}/usr/bin/time -f %M -o {rss_file} {BIN} open {session} --record {record_dir} {flags}"
            pane.first_frame(command, "Bench", keep=True)
            pane.keys("q")
            deadline = time.perf_counter() + 10
            while not (os.path.exists(rss_file) and os.path.getsize(rss_file) > 0) and time.perf_counter() < deadline:
                time.sleep(0.05)
            with open(rss_file) as f:
                return int(f.read().strip().splitlines()[-1])

        replay_kb = peak_of_open("rss-view", record, "--read-only")
        writable = os.path.join(home, "record-copy")
        shutil.copytree(record, writable)
        for stale in ("record.lock",):
            if os.path.exists(os.path.join(writable, stale)):
                os.remove(os.path.join(writable, stale))
        writing_kb = peak_of_open("rss-write", writable, "")
    finally:
        pane.close()

    lines = [
        f"data: {data} (seed {seed}); runs: {runs} each, medians; floor of the first-frame method (tmux respawn, screen read on each output): "
        f"{ms(median(floor))} (in every first-frame figure)",
        "",
        "| what | gremium | peer | ratio | target (PRODUCT.md §9) |",
        "|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    lines += [
        "",
        "| peak memory | KB |",
        "|---|---|",
        f"| `gremium validate` 20 MB | {validate_kb} |",
    ]
    if jq_kb:
        lines.append(f"| `jq .` 20 MB | {jq_kb} |")
    lines.append(f"| `gremium open --read-only` with the 200,000-event record, to the first frame and quit (≤ 150 MB) | {replay_kb} |")
    lines.append(f"| `gremium open` of a copy of that record for writing, to the first frame and quit (≤ 150 MB) | {writing_kb} |")
    text = "\n".join(lines) + "\n"
    print(text)
    with open(os.path.join(data, "compare.md"), "w") as out:
        out.write(text)
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
