#!/usr/bin/env python3
# Runs Khabar, a bare GTK 4 window and the feed readers people would pick
# instead on the generated feeds, one at a time, interleaved round by round,
# on one virtual X display and one session bus, against nginx on loopback.
# Everything runs in a network namespace of its own with only loopback in
# it, so no program measured can reach beyond this machine.
#
#   harness.py --prefix PREFIX --build BUILD --feeds FEEDS --out OUT
#              [--sizes 100,1000,10000,50000] [--peer-sizes 1000,10000]
#              [--runs 5] [--peers rssguard,liferea,gnome-feeds]
#              [--groups start,sizes,live]
#
# Writes OUT/runs.json (every run) and OUT/results.md (the tables).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
KHABAR_LIMIT = 32 * 1024 * 1024
SAMPLE_SECONDS = 0.05
IDLE_AFTER_CONTENT = 2.0
REFRESH_ADDED = 100


def log(*args):
    print("bench:", *args, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- processes

def read_stat(pid):
    try:
        with open("/proc/{}/stat".format(pid)) as f:
            text = f.read()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    # ppid, utime, stime, rss in pages
    return int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[21])


def process_tree(root):
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        stat = read_stat(int(name))
        if stat:
            children.setdefault(stat[0], []).append(int(name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def kill_tree(root, sig):
    for pid in reversed(process_tree(root)):
        try:
            os.kill(pid, sig)
        except OSError:
            pass


class Sampler:
    """Peak memory (sum over the process tree) and CPU time, sampled."""

    def __init__(self, root):
        self.root = root
        self.cpu_ticks = {}
        self.peak_rss_kib = 0
        self.samples = []   # (seconds since start, cpu seconds so far)

    def sample(self, elapsed):
        rss = 0
        for pid in process_tree(self.root):
            stat = read_stat(pid)
            if stat is None:
                continue
            self.cpu_ticks[pid] = stat[1]
            rss += stat[2] * PAGE_KIB
        self.peak_rss_kib = max(self.peak_rss_kib, rss)
        self.samples.append((elapsed, self.cpu_seconds()))

    def cpu_seconds(self):
        return sum(self.cpu_ticks.values()) / CLOCK_TICKS

    def busy_until(self, end, threshold=0.10, window=0.3):
        """The last moment, before @end, at which the tree used more than
        @threshold of a core over @window seconds: when it settled."""
        last = None
        samples = [s for s in self.samples if s[0] <= end]
        j = 0
        for i, (t, cpu) in enumerate(samples):
            while samples[j][0] < t - window:
                j += 1
            if t - samples[j][0] >= window / 2 and (cpu - samples[j][1]) / (t - samples[j][0]) > threshold:
                last = t
        return last


# ---------------------------------------------------------------- session

class Session:
    def __init__(self, args):
        self.args = args
        self.root = tempfile.mkdtemp(prefix="khabar-bench-", dir=args.out)
        self.processes = []
        self.maps = []
        self.maps_lock = threading.Lock()

    def start(self):
        self.start_nginx()
        self.start_x()
        self.start_bus()
        self.start_map_watch()

    def start_nginx(self):
        rundir = os.path.join(self.root, "nginx")
        os.makedirs(rundir)
        self.port = free_port()
        self.proxy_port = free_port()
        with open(os.path.join(HERE, "nginx.conf.in")) as f:
            conf = f.read()
        conf = (conf.replace("@USER@", "user root;" if os.getuid() == 0 else "")
                .replace("@RUNDIR@", rundir).replace("@PORT@", str(self.port))
                .replace("@PROXY_PORT@", str(self.proxy_port)).replace("@ROOT@", self.args.feeds))
        path = os.path.join(rundir, "nginx.conf")
        with open(path, "w") as f:
            f.write(conf)
        self.access_log = os.path.join(rundir, "access.log")
        self.spawn(["nginx", "-c", path, "-p", rundir], os.path.join(rundir, "stderr"))
        base = "http://127.0.0.1:{}".format(self.port)
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/inputs.txt", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        self.base = base
        self.check_conditional()

    def check_conditional(self):
        url = self.base + "/feed-{}.json".format(min(self.args.size_list))
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        first = opener.open(url, timeout=5)
        etag = first.headers.get("ETag")
        first.read()
        request = urllib.request.Request(url, headers={"If-None-Match": etag})
        try:
            status = opener.open(request, timeout=5).status
        except urllib.error.HTTPError as error:
            status = error.code
        self.conditional = "ETag {} then If-None-Match: {}".format(etag, status)
        if status != 304:
            raise SystemExit("bench: nginx did not answer a conditional request with 304")
        log("nginx on", self.base, "-", self.conditional)

    def start_x(self):
        read_fd, write_fd = os.pipe()
        self.spawn(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                    "-nolisten", "tcp", "-noreset"], os.path.join(self.root, "xvfb.log"),
                   pass_fds=(write_fd,))
        os.close(write_fd)
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(read_fd, 16)
            if not chunk:
                raise SystemExit("bench: Xvfb did not start")
            number += chunk
        os.close(read_fd)
        self.display = ":" + number.decode().strip()

    def start_bus(self):
        process = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.processes.append(process)
        self.bus = process.stdout.readline().decode().strip()

    def start_map_watch(self):
        env = dict(os.environ, DISPLAY=self.display)
        process = subprocess.Popen([os.path.join(self.args.build, "bench", "x11-map-watch")],
                                   stdout=subprocess.PIPE, env=env)
        self.processes.append(process)
        assert process.stdout.readline().strip() == b"ready"

        def read():
            for line in process.stdout:
                parts = line.decode().split()
                if parts and parts[0] == "map":
                    with self.maps_lock:
                        self.maps.append((int(parts[1]), int(parts[3])))
        threading.Thread(target=read, daemon=True).start()

    def first_map_after(self, start_ns, pids):
        with self.maps_lock:
            for when, pid in self.maps:
                if when >= start_ns and (pid == 0 or pid in pids):
                    return (when - start_ns) / 1e6
        return None

    def spawn(self, argv, log_path, **kwargs):
        out = open(log_path, "w")
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, **kwargs)
        self.processes.append(process)
        return process

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()

    def access_lines(self, since, until):
        lines = []
        with open(self.access_log) as f:
            for line in f:
                parts = line.split()
                if parts and since <= float(parts[0]) <= until:
                    lines.append(parts)
        return lines

    def url(self, name):
        return "{}/{}".format(self.base, name)


# ---------------------------------------------------------------- runs

def fresh_home(session):
    home = tempfile.mkdtemp(prefix="home-", dir=session.root)
    dirs = {}
    for key, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                     ("XDG_CACHE_HOME", ".cache"), ("XDG_RUNTIME_DIR", "runtime")):
        path = os.path.join(home, sub)
        os.makedirs(path, exist_ok=True)
        dirs[key] = path
    os.chmod(dirs["XDG_RUNTIME_DIR"], 0o700)
    settings = "[Settings]\ngtk-cursor-blink=false\ngtk-enable-animations=false\n"
    for version in ("gtk-3.0", "gtk-4.0"):
        os.makedirs(os.path.join(dirs["XDG_CONFIG_HOME"], version), exist_ok=True)
        with open(os.path.join(dirs["XDG_CONFIG_HOME"], version, "settings.ini"), "w") as f:
            f.write(settings)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": home,
        "DISPLAY": session.display,
        "DBUS_SESSION_BUS_ADDRESS": session.bus,
        "no_proxy": "127.0.0.1,localhost",
        "NO_PROXY": "127.0.0.1,localhost",
        "TZ": "UTC",
        # The namespace has no route out, which GLib's netlink monitor
        # reads as offline and some readers then do not refresh at all;
        # the plain monitor says the network is there, as it is for them.
        "GIO_USE_NETWORK_MONITOR": "base",
    }
    env.update(dirs)
    return home, env


def parse_timings(path):
    result = {"stalls": [], "marks": []}
    if not os.path.exists(path):
        return result
    with open(path) as f:
        for line in f:
            if not line.startswith("khabar-timing "):
                continue
            fields = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
            words = line.split()
            if len(words) > 1 and words[1] == "stall":
                result["stalls"].append((float(fields["at-ms"]), float(fields["ms"])))
            elif "mark" in fields:
                result["marks"].append((fields["mark"], float(fields["at-ms"]), int(fields["items"])))
            elif len(words) > 1 and words[1] == "summary":
                result["summary"] = fields
            else:
                result.update(fields)
    return result


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class Run:
    """One start of one program, watched until it is done."""

    def __init__(self, session, config, round_index):
        self.session = session
        self.config = config
        self.round = round_index
        self.record = {"config": config["name"], "app": config["app"], "round": round_index,
                       "size": config.get("size"), "renderer": config.get("renderer", "default")}

    def execute(self):
        config = self.config
        home, env = fresh_home(self.session)
        if config.get("renderer") == "cairo":
            env["GSK_RENDERER"] = "cairo"
        elif config.get("renderer") == "nogl":
            # What Khabar does by itself on a machine without a GPU.
            env["GDK_DEBUG"] = "gl-disable"
        # Compiled shaders are kept between runs of a program, as they are
        # between a person's sessions; everything else starts afresh.
        env["MESA_SHADER_CACHE_DIR"] = os.path.join(self.session.root, "shader-cache", config["name"])
        env.update(config.get("env", {}))
        timings = os.path.join(home, "timings.log")
        if config["app"] in ("khabar", "bare"):
            env["KHABAR_TIMINGS"] = timings
            env["KHABAR_TIMINGS_EXIT"] = str(int(config.get("idle") or IDLE_AFTER_CONTENT))
        argv = config["prepare"](self.session, home, env) if "prepare" in config else config["argv"]

        wall_start = time.time()
        start_ns = time.monotonic_ns()
        env["KHABAR_EXEC_TIME"] = str(start_ns)
        with open(os.path.join(home, "output.log"), "w") as out:
            process = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        sampler = Sampler(process.pid)
        rusage = None
        content_at = None
        stop_at = None
        deadline = config.get("timeout", 60)
        timed_out = False
        while True:
            elapsed = (time.monotonic_ns() - start_ns) / 1e9
            sampler.sample(elapsed)
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid == process.pid:
                rusage = usage
                process.returncode = status
                break
            if content_at is None and "content" in config:
                if config["content"](home):
                    content_at = elapsed
            if content_at is None and config.get("settle") and elapsed > 3:
                busy = sampler.busy_until(elapsed)
                served = [line for line in self.session.access_lines(wall_start, time.time())
                          if line[2].startswith("/feed") and line[3] == "200"]
                if served and busy is not None and elapsed - busy > 3:
                    content_at = elapsed
            if content_at is not None and stop_at is None and config["app"] not in ("khabar", "bare"):
                stop_at = elapsed + IDLE_AFTER_CONTENT
            if stop_at is not None and elapsed >= stop_at:
                kill_tree(process.pid, signal.SIGTERM)
                stop_at = float("inf")
                deadline = elapsed + 5
            if elapsed > deadline:
                if stop_at is None:
                    timed_out = True
                kill_tree(process.pid, signal.SIGKILL)
                deadline = float("inf")
            time.sleep(SAMPLE_SECONDS)
        kill_tree(process.pid, signal.SIGKILL)
        end = (time.monotonic_ns() - start_ns) / 1e9

        record = self.record
        record["timed_out"] = timed_out
        record["timeout"] = config.get("timeout", 60)
        record["exit_status"] = process.returncode
        record["mapped_ms"] = self.session.first_map_after(start_ns, set(process_tree(process.pid)) | {process.pid})
        record["peak_rss_kib"] = max(sampler.peak_rss_kib, rusage.ru_maxrss if rusage else 0)
        record["cpu_s"] = max(sampler.cpu_seconds(), (rusage.ru_utime + rusage.ru_stime) if rusage else 0)
        busy = sampler.busy_until(end - 0.5 if config["app"] in ("khabar", "bare") else (stop_at or end))
        record["busy_until_ms"] = busy * 1000 if busy is not None else None
        record["requests"] = [" ".join(line[1:5]) for line in self.session.access_lines(wall_start, time.time())]

        if config["app"] in ("khabar", "bare"):
            t = parse_timings(timings)
            summary = t.get("summary", {})
            record["first_frame_ms"] = number(t.get("first-frame-ms"))
            record["content_ms"] = number(t.get("content-ms"))
            record["content_items"] = int(t["items"]) if "items" in t else None
            record["stall_max_ms"] = number(summary.get("stall-max-ms"))
            record["stalls_over_16ms"] = int(summary["stalls-over-16ms"]) if "stalls-over-16ms" in summary else None
            record["stalls"] = t["stalls"]
            record["marks"] = t["marks"]
            record["font_change_ms"] = number(summary.get("font-change-ms"))
            record["refresh_result"] = summary.get("refresh-result")
            record["refresh_ms"] = number(summary.get("refresh-ms"))
            record["refresh_cpu_ms"] = number(summary.get("refresh-cpu-ms"))
            record["refresh_bytes_parsed"] = number(summary.get("refresh-bytes-parsed"))
            record["vmhwm_kib"] = number(summary.get("vmhwm-kib"))
            record["failed"] = any(m[0] == "failed" for m in t["marks"])
        else:
            if config.get("settle"):
                record["content_ms"] = record["busy_until_ms"] if content_at is not None else None
            else:
                record["content_ms"] = content_at * 1000 if content_at is not None else None
        if not self.session.args.keep:
            shutil.rmtree(home, ignore_errors=True)
        return record


# ---------------------------------------------------------------- the programs

def khabar_config(args, name, size, endpoint, renderer="default", store=None, actions=None, timeout=90,
                  idle=None):
    def prepare(session, home, env):
        env["XDG_DATA_DIRS"] = os.path.join(args.prefix, "share") + ":/usr/local/share:/usr/share"
        env["GSETTINGS_SCHEMA_DIR"] = os.path.join(args.prefix, "share", "glib-2.0", "schemas")
        env["GSETTINGS_BACKEND"] = "memory"
        if actions:
            env["KHABAR_TIMINGS_ACTIONS"] = actions
        if store:
            target = os.path.join(env["XDG_DATA_HOME"], "khabar")
            os.makedirs(target, exist_ok=True)
            shutil.copy(store, os.path.join(target, "khabar.db"))
        return [os.path.join(args.prefix, "bin", "khabar"), "--endpoint", session.url(endpoint)]
    return {"name": name, "app": "khabar", "size": size, "renderer": renderer, "prepare": prepare,
            "timeout": timeout, "idle": idle}


def bare_config(args, renderer="default"):
    return {"name": "bare-gtk4-" + renderer, "app": "bare", "renderer": renderer,
            "argv": [os.path.join(args.build, "bench", "bare-window")], "timeout": 30}


def count_rows(path, table):
    if not os.path.exists(path):
        return 0
    try:
        connection = sqlite3.connect("file:{}?mode=ro".format(path), uri=True, timeout=0.05)
        try:
            return connection.execute("SELECT count(*) FROM {}".format(table)).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


class RssGuard:
    """RSS Guard keeps its subscriptions in an SQLite database it creates on
    its first start; the template is made by starting it once, then
    subscribing it to the feed in that database."""

    def __init__(self, session):
        self.session = session
        self.template = None

    def make_template(self):
        home, env = fresh_home(self.session)
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
        data = os.path.join(self.session.root, "rssguard-template")
        with open(os.path.join(home, "output.log"), "w") as out:
            process = subprocess.Popen(["rssguard", "-d", data], env=env, stdout=out,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        database = os.path.join(data, "database", "database.db")
        config = os.path.join(data, "config", "config.ini")
        for _ in range(300):
            if os.path.exists(config) and count_rows(database, "Feeds") == 0 and os.path.getsize(database) > 0:
                time.sleep(1.5)
                break
            time.sleep(0.1)
        kill_tree(process.pid, signal.SIGTERM)
        process.wait(10)
        connection = sqlite3.connect(database)
        connection.execute("INSERT INTO Accounts (id, type, proxy_type) VALUES (1, 'std-rss', 0)")
        # type 4 is JSON Feed; update_type 1 follows the global schedule,
        # which includes the refresh at start-up.
        custom = json.dumps({"source_type": 0, "type": 4, "encoding": "UTF-8", "post_process": "",
                             "protected": False, "username": "", "password": ""})
        connection.execute("INSERT INTO Feeds (id, title, description, date_created, category, source, "
                           "update_type, update_interval, account_id, custom_id, custom_data) "
                           "VALUES (1, 'Bench', '', 0, -1, 'URL', 1, 15, 1, '1', ?)", (custom,))
        connection.commit()
        connection.close()
        with open(config) as f:
            text = f.read()
        text = text.replace("[feeds]\n", "[feeds]\nfeeds_update_on_startup=true\nfeeds_update_on_startup_delay=0\n")
        text += "\n[general]\nupdate_on_start=false\n"
        with open(config, "w") as f:
            f.write(text)
        shutil.rmtree(home, ignore_errors=True)
        self.template = data

    def config(self, size):
        def prepare(session, home, env):
            if self.template is None:
                self.make_template()
            data = os.path.join(home, "rssguard")
            shutil.copytree(self.template, data)
            connection = sqlite3.connect(os.path.join(data, "database", "database.db"))
            connection.execute("UPDATE Feeds SET source = ?", (session.url("feed-{}.json".format(size)),))
            connection.commit()
            connection.close()
            env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
            return ["rssguard", "-d", data]

        def content(home):
            return count_rows(os.path.join(home, "rssguard", "database", "database.db"), "Messages") >= size

        return {"name": "rssguard-{}".format(size), "app": "rssguard", "size": size, "prepare": prepare,
                "content": content, "content_kind": "all items in its database", "timeout": 90}


def liferea_config(size):
    def prepare(session, home, env):
        url = session.url("feed-{}.rss.xml".format(size))
        # Liferea keeps 100 items of a feed unless told otherwise.
        keyfile = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
        os.makedirs(keyfile, exist_ok=True)
        with open(os.path.join(keyfile, "keyfile"), "w") as f:
            f.write("[org/gnome/liferea]\nmaxitemcount=1000000\n")
        env["GSETTINGS_BACKEND"] = "keyfile"
        # A subscription written into feedlist.opml beforehand is not
        # refreshed at start-up; one given on the command line is, at once.
        return ["liferea", "--add-feed=" + url]

    def content(home):
        return count_rows(os.path.join(home, ".local", "share", "liferea", "liferea.db"), "items") >= size

    return {"name": "liferea-{}".format(size), "app": "liferea", "size": size, "prepare": prepare,
            "content": content, "content_kind": "all items in its database", "timeout": 90}


def gnome_feeds_config(size, timeout):
    def prepare(session, home, env):
        url = session.url("feed-{}.rss.xml".format(size))
        conf = {"feeds": {url: {}}, "refresh_on_startup": True, "max_article_age_days": 36500,
                "default_view": "rsscont", "windowsize": {"width": 1100, "height": 720}}
        with open(os.path.join(env["XDG_CONFIG_HOME"], "org.gabmus.gfeeds.json"), "w") as f:
            json.dump(conf, f)
        # Its online check goes to the loopback stand-in (see nginx.conf.in).
        proxy = "http://127.0.0.1:{}".format(session.proxy_port)
        env.update({"http_proxy": proxy, "HTTP_PROXY": proxy, "https_proxy": proxy, "HTTPS_PROXY": proxy,
                    "GSETTINGS_BACKEND": "memory"})
        return ["gfeeds"]

    return {"name": "gnome-feeds-{}".format(size), "app": "gnome-feeds", "size": size, "prepare": prepare,
            "settle": True, "content_kind": "settled (no CPU for 3 s after the feed was served)",
            "timeout": timeout}


# ---------------------------------------------------------------- groups

def make_store(session, args, name, feed_name):
    """A Khabar store that has read @feed_name at /@name once."""
    path = os.path.join(session.root, name.replace("/", "-") + ".db")
    if os.path.exists(path):
        return path
    config = khabar_config(args, "store-" + name, None, name)
    home, env = fresh_home(session)
    argv = config["prepare"](session, home, env)
    env["KHABAR_TIMINGS"] = os.path.join(home, "timings.log")
    env["KHABAR_TIMINGS_EXIT"] = "1"
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    database = os.path.join(env["XDG_DATA_HOME"], "khabar", "khabar.db")
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    shutil.copy(database, path)
    shutil.rmtree(home, ignore_errors=True)
    log("store of", feed_name, "made:", count_rows(path, "items"), "items")
    return path


def start_group(session, args):
    stored = make_store(session, args, "feed-10000.json", "feed-10000.json")
    configs = []
    for renderer in args.renderers:
        configs.append(khabar_config(args, "khabar-empty-store-" + renderer, 100, "feed-100.json", renderer))
        configs.append(khabar_config(args, "khabar-10000-stored-" + renderer, 10000, "feed-10000.json",
                                     renderer, store=stored))
        configs.append(bare_config(args, renderer))
    configs.append(bare_config(args, "nogl"))
    return configs


def sizes_group(session, args):
    configs = [bare_config(args), bare_config(args, "nogl")]
    rssguard = RssGuard(session)
    for size in args.size_list:
        for renderer in args.renderers:
            suffix = "" if renderer == "default" else "-" + renderer
            configs.append(khabar_config(args, "khabar-{}{}".format(size, suffix), size,
                                         "feed-{}.json".format(size), renderer))
        if size in args.peer_size_list:
            if "rssguard" in args.peer_list:
                configs.append(rssguard.config(size))
            if "liferea" in args.peer_list:
                configs.append(liferea_config(size))
            if "gnome-feeds" in args.peer_list:
                configs.append(gnome_feeds_config(size, 60))
    return configs


def live_group(session, args):
    grown_dir = os.path.join(args.feeds, "grown")
    os.makedirs(grown_dir, exist_ok=True)
    base = 10000 if 10000 in args.size_list else max(args.size_list)
    shutil.copy(os.path.join(args.feeds, "feed-{}.json".format(base)), os.path.join(grown_dir, "feed.json"))
    grown_store = make_store(session, args, "grown/feed.json", "feed-{}.json".format(base))
    # The same address now serves the feed grown by 100 items, with a new
    # ETag, so each run's first refresh adds them.
    staged = os.path.join(grown_dir, "feed.json.tmp")
    shutil.copy(os.path.join(args.feeds, "feed-{}.json".format(base + REFRESH_ADDED)), staged)
    os.replace(staged, os.path.join(grown_dir, "feed.json"))
    stored = make_store(session, args, "feed-{}.json".format(base), "feed-{}.json".format(base))
    configs = []
    for renderer in args.renderers:
        suffix = "" if renderer == "default" else "-" + renderer
        configs += [
            # Stays up until the refresh behind the stored items is merged.
            khabar_config(args, "khabar-refresh-adds-100" + suffix, base, "grown/feed.json", renderer,
                          store=grown_store, idle=8),
            khabar_config(args, "khabar-refresh-unchanged" + suffix, base, "feed-{}.json".format(base),
                          renderer, store=stored, actions="refresh"),
            khabar_config(args, "khabar-font-change-long" + suffix, 1, "long.json", renderer, actions="font"),
        ]
    return configs


def run_group(session, args, name, configs, records):
    log("group", name + ":", len(configs), "programs,", args.runs, "rounds")
    skip = set()
    # One unmeasured start of each first, so that caches are warm for all.
    for config in configs:
        Run(session, config, -1).execute()
    for round_index in range(args.runs):
        for config in configs:
            if config["name"] in skip:
                continue
            record = Run(session, config, round_index).execute()
            record["group"] = name
            records.append(record)
            log("  {} round {}: mapped {} first-frame {} content {} stall-max {} rss {} MiB cpu {:.2f} s{}".format(
                config["name"], round_index, fmt(record.get("mapped_ms")), fmt(record.get("first_frame_ms")),
                fmt(record.get("content_ms")), fmt(record.get("stall_max_ms")),
                fmt(record["peak_rss_kib"] / 1024), record["cpu_s"],
                " (timed out)" if record["timed_out"] else ""))
            if record["timed_out"]:
                # A program that cannot finish once is not made to fail again.
                skip.add(config["name"])


# ---------------------------------------------------------------- report

def fmt(value, digits=0):
    if value is None:
        return "–"
    return "{:.{}f}".format(value, digits)


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return statistics.median(values), min(values), max(values), len(values)


def cell(values, scale=1.0, digits=0, unit=""):
    s = stats(values)
    if s is None:
        return "–"
    median, low, high, n = s
    return "{}{} ({}–{})".format(fmt(median * scale, digits), unit, fmt(low * scale, digits), fmt(high * scale, digits))


def ratio(a, b, digits=2):
    sa, sb = stats(a), stats(b)
    if sa is None or sb is None or sb[0] == 0:
        return "–"
    return "{:.{}f}".format(sa[0] / sb[0], digits)


def machine():
    info = {}
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in lscpu.splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("Model name", "CPU(s)", "Thread(s) per core", "CPU max MHz"):
                info[key.strip()] = value.strip()
    except OSError:
        pass
    with open("/proc/meminfo") as f:
        info["Memory"] = "{:.1f} GiB".format(int(f.readline().split()[1]) / 1024 / 1024)
    info["Kernel"] = platform.release()
    try:
        with open("/etc/debian_version") as f:
            info["Debian"] = f.read().strip()
    except OSError:
        pass
    versions = {}
    for package in ("libgtk-4-1", "libgl1-mesa-dri", "xvfb", "nginx", "rssguard", "liferea", "gnome-feeds"):
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
        if out.returncode == 0:
            versions[package] = out.stdout
    info["Packages"] = ", ".join("{} {}".format(k, v) for k, v in versions.items())
    info["Load average at start"] = " ".join(open("/proc/loadavg").read().split()[:3])
    return info


def select(records, name):
    return [r for r in records if r["config"] == name]


def values(records, name, key):
    return [r.get(key) for r in select(records, name)]


def report(args, session, records, core_lines):
    out = []
    w = out.append
    w("# Khabar benchmark results\n")
    w("Generated by `build-aux/bench.sh {}` on {}.\n".format(" ".join(args.command_line), time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())))
    w("Each figure: median (min–max) of {} interleaved runs; times in milliseconds from exec.\n".format(args.runs))
    w("## Machine\n")
    for key, value in machine().items():
        w("- {}: {}".format(key, value))
    w("- Display: Xvfb 1280×800×24, no window manager, no GPU. Default renderers: GL on Mesa llvmpipe for the "
      "bare window; cairo for Khabar, which leaves OpenGL unloaded without a GPU (`src/ui/kh-renderer.c`). "
      "*cairo*: `GSK_RENDERER=cairo`; *nogl*: `GDK_DEBUG=gl-disable`")
    w("- Server: nginx on 127.0.0.1 ({})".format(getattr(session, "conditional", "ETag, then 304")))
    w("")

    if any(r["group"] == "start" for r in records):
        w("## 1. Start to first frame\n")
        w("| program | renderer | first frame (in app) | window mapped (X11) | peak RSS MiB | vs bare window |")
        w("|---|---|---|---|---|---|")
        for renderer in args.renderers:
            bare = "bare-gtk4-" + renderer
            for name, label in (("khabar-empty-store-" + renderer, "Khabar, empty store"),
                                ("khabar-10000-stored-" + renderer, "Khabar, 10 000 items stored"),
                                (bare, "bare GTK 4 window")):
                w("| {} | {} | {} | {} | {} | {} |".format(
                    label, renderer, cell(values(records, name, "first_frame_ms")),
                    cell(values(records, name, "mapped_ms")),
                    cell(values(records, name, "peak_rss_kib"), 1 / 1024),
                    "×" + ratio(values(records, name, "first_frame_ms"), values(records, bare, "first_frame_ms"))
                    if name != bare else "1"))
        w("| bare GTK 4 window | nogl | {} | {} | {} | 1 |".format(
            cell(values(records, "bare-gtk4-nogl", "first_frame_ms")),
            cell(values(records, "bare-gtk4-nogl", "mapped_ms")),
            cell(values(records, "bare-gtk4-nogl", "peak_rss_kib"), 1 / 1024)))
        w("")
        w("Khabar (default) / bare window without OpenGL: first frame ×{}.\n".format(
            ratio(values(records, "khabar-empty-store-" + args.renderers[0], "first_frame_ms"),
                  values(records, "bare-gtk4-nogl", "first_frame_ms"))))
        w("With 10 000 items stored, the stored items are shown at {} ms.\n".format(
            cell(values(records, "khabar-10000-stored-" + args.renderers[0], "content_ms"))))

    if any(r["group"] == "sizes" for r in records):
        w("## 2, 3, 6. Start to content, stalls and memory per feed size (Khabar)\n")
        w("| items | renderer | feed MB | start to content | longest stall ms | stalls > 16 ms (per run) | peak RSS MiB | over bare window MiB | over bare window without GL MiB | CPU s |")
        w("|---|---|---|---|---|---|---|---|---|---|")
        nogl = stats(values(records, "bare-gtk4-nogl", "peak_rss_kib"))
        for size, renderer in [(z, r) for z in args.size_list for r in args.renderers]:
            bare = values(records, "bare-gtk4-" + renderer, "peak_rss_kib")
            if not [v for v in bare if v]:
                bare = values(records, "bare-gtk4-default", "peak_rss_kib")
            bare_median = stats(bare)[0] if stats(bare) else None
            name = "khabar-{}{}".format(size, "" if renderer == "default" else "-" + renderer)
            runs = select(records, name)
            feed_bytes = os.path.getsize(os.path.join(args.feeds, "feed-{}.json".format(size)))
            content = cell(values(records, name, "content_ms"))
            if runs and all(r.get("failed") for r in runs):
                content = "refused: {:.0f} MB is over the 32 MB feed limit".format(feed_bytes / 1e6) \
                    if feed_bytes > KHABAR_LIMIT else "failed"
            rss = stats(values(records, name, "peak_rss_kib"))
            w("| {} | {} | {:.1f} | {} | {} | {} | {} | {} | {} | {} |".format(
                size, renderer, feed_bytes / 1e6, content, cell(values(records, name, "stall_max_ms"), digits=1),
                cell(values(records, name, "stalls_over_16ms")),
                cell(values(records, name, "peak_rss_kib"), 1 / 1024),
                fmt((rss[0] - bare_median) / 1024) if rss and bare_median else "–",
                fmt((rss[0] - nogl[0]) / 1024) if rss and nogl else "–",
                cell(values(records, name, "cpu_s"), digits=2)))
        w("")
        w("Bare GTK 4 window in the same rounds: GL peak RSS {} MiB, first frame {} ms; "
          "without OpenGL {} MiB, {} ms.\n".format(
            cell(values(records, "bare-gtk4-default", "peak_rss_kib"), 1 / 1024),
            cell(values(records, "bare-gtk4-default", "first_frame_ms")),
            cell(values(records, "bare-gtk4-nogl", "peak_rss_kib"), 1 / 1024),
            cell(values(records, "bare-gtk4-nogl", "first_frame_ms"))))

        w("## Side by side\n")
        w("Same rounds, same content (JSON Feed for Khabar and RSS Guard, RSS 2.0 for Liferea and GNOME Feeds), default renderers. "
          "Window: first top-level window mapped, seen by X11. Content: Khabar — the newest item's article laid out and painted; "
          "RSS Guard and Liferea — all items in their database; GNOME Feeds — settled (nothing else is observable from outside).\n")
        w("| program | items | window mapped | content | busy until | peak RSS MiB | CPU s | Khabar / program: window | content | RSS | CPU |")
        w("|---|---|---|---|---|---|---|---|---|---|---|")
        for size in args.size_list:
            if size not in args.peer_size_list:
                continue
            khabar = "khabar-{}".format(size)
            programs = [(khabar, "Khabar")] + \
                [("khabar-{}-{}".format(size, r), "Khabar ({})".format(r)) for r in args.renderers if r != "default"] + \
                [("{}-{}".format(p, size), p) for p in args.peer_list] + \
                [("bare-gtk4-default", "bare GTK 4 window")]
            for name, label in programs:
                runs = select(records, name)
                if not runs:
                    continue
                content = cell(values(records, name, "content_ms"))
                if runs and all(r["timed_out"] for r in runs):
                    content = "not done in {} s".format(runs[0]["timeout"])
                same = name.startswith("khabar-")
                w("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                    label, size if name != "bare-gtk4-default" else "–",
                    cell(values(records, name, "mapped_ms")), content if name != "bare-gtk4-default" else "–",
                    cell(values(records, name, "busy_until_ms")),
                    cell(values(records, name, "peak_rss_kib"), 1 / 1024), cell(values(records, name, "cpu_s"), digits=2),
                    "1" if same else ratio(values(records, khabar, "mapped_ms"), values(records, name, "mapped_ms")),
                    "1" if same else (ratio(values(records, khabar, "content_ms"), values(records, name, "content_ms"))
                                      if name != "bare-gtk4-default" else "–"),
                    "1" if same else ratio(values(records, khabar, "peak_rss_kib"), values(records, name, "peak_rss_kib")),
                    "1" if same else ratio(values(records, khabar, "cpu_s"), values(records, name, "cpu_s"))))
        w("")

        if any(r["app"] not in ("khabar", "bare") for r in records):
            w("Khabar / program, medians of the same rounds (below 1: Khabar is faster or smaller):\n")
            w("| items | program | Khabar renderer | window | content | peak RSS | CPU |")
            w("|---|---|---|---|---|---|---|")
            for size in args.peer_size_list:
                for peer in args.peer_list:
                    name = "{}-{}".format(peer, size)
                    if not select(records, name):
                        continue
                    for renderer in args.renderers:
                        khabar = "khabar-{}{}".format(size, "" if renderer == "default" else "-" + renderer)
                        w("| {} | {} | {} | {} | {} | {} | {} |".format(
                            size, peer, renderer,
                            ratio(values(records, khabar, "mapped_ms"), values(records, name, "mapped_ms")),
                            ratio(values(records, khabar, "content_ms"), values(records, name, "content_ms")),
                            ratio(values(records, khabar, "peak_rss_kib"), values(records, name, "peak_rss_kib")),
                            ratio(values(records, khabar, "cpu_s"), values(records, name, "cpu_s"))))
            w("")

    for renderer in args.renderers if any(r["group"] == "live" for r in records) else []:
        suffix = "" if renderer == "default" else "-" + renderer
        w("## 3 (refresh), 5, 7. Live figures (Khabar, {})\n".format(renderer))
        grown = "khabar-refresh-adds-100" + suffix
        w("- Refresh adding {} items to {} stored: merged at {} ms from exec; longest stall {} ms; stalls over 16 ms per run {}.".format(
            REFRESH_ADDED, select(records, grown)[0]["size"] if select(records, grown) else "–",
            cell([next((m[1] for m in r.get("marks", []) if m[0] == "merged"), None) for r in select(records, grown)]),
            cell(values(records, grown, "stall_max_ms"), digits=1), cell(values(records, grown, "stalls_over_16ms"))))
        font = "khabar-font-change-long" + suffix
        w("- Text one step bigger (100 % → 110 %) on a {:.0f} KB article: next frame painted after {} ms; longest stall of the run {} ms.".format(
            long_article_kib(args.feeds), cell(values(records, font, "font_change_ms"), digits=1),
            cell(values(records, font, "stall_max_ms"), digits=1)))
        same = "khabar-refresh-unchanged" + suffix
        statuses = sorted({line.split()[2] for r in select(records, same) for line in r["requests"]})
        w("- Refresh of an unchanged feed ({} items): outcome {}; bytes parsed {}; {} ms; CPU {} ms; HTTP statuses seen {}.".format(
            select(records, same)[0]["size"] if select(records, same) else "–",
            ", ".join(sorted({str(r.get("refresh_result")) for r in select(records, same)})),
            cell(values(records, same, "refresh_bytes_parsed")),
            cell(values(records, same, "refresh_ms"), digits=1), cell(values(records, same, "refresh_cpu_ms"), digits=1),
            " ".join(statuses)))
        w("")

    stalls = [(r["config"], r["round"], s) for r in records for s in r.get("stalls", [])]
    w("## Stalls over 16 ms\n")
    if not stalls:
        w("None in any run.\n")
    else:
        w("| run | round | at ms | lasted ms | after mark |")
        w("|---|---|---|---|---|")
        for name, round_index, (at, ms) in stalls:
            run = next(r for r in records if r["config"] == name and r["round"] == round_index)
            before = [m for m in run.get("marks", []) if m[1] <= at]
            w("| {} | {} | {:.0f} | {:.1f} | {} |".format(name, round_index, at, ms,
                                                          "{} ({} items)".format(before[-1][0], before[-1][2]) if before else "start-up"))
        w("")

    if core_lines:
        w("## 4. Core throughput (`meson benchmark`)\n")
        w("| program | figure | items | median ms | min–max ms | throughput |")
        w("|---|---|---|---|---|---|")
        for line in core_lines:
            fields = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
            if line.startswith("bench-parse"):
                if "unsupported" in line:
                    w("| parse | {} | – | – | – | {} |".format(fields["file"], line.split("unsupported=", 1)[1].strip('"')))
                else:
                    w("| parse | {} | {} | {} | {}–{} | {} MB/s, {} items/s |".format(
                        fields["file"], fields["items"], fields["median-ms"], fields["min-ms"], fields["max-ms"],
                        fields["mb-per-s"], fields["items-per-s"]))
            elif line.startswith("bench-merge") and "refused=" in line:
                w("| merge | {} items | – | – | – | refused: {} |".format(
                    fields["size"], line.split("refused=", 1)[1].strip('"')))
            elif line.startswith("bench-merge"):
                w("| merge | {} of {} | {} | {} | {}–{} | {} items/s |".format(
                    fields["what"], fields["size"], fields["items"], fields["median-ms"], fields["min-ms"],
                    fields["max-ms"], fields["items-per-s"]))
        w("")
    return "\n".join(out) + "\n"


def long_article_kib(feeds):
    try:
        with open(os.path.join(feeds, "long.json")) as f:
            first = json.load(f)["items"][0]["content_html"]
        return len(first.encode()) / 1000
    except (OSError, ValueError, KeyError, IndexError):
        return 0


# ---------------------------------------------------------------- main

def enter_namespace():
    """Re-runs this script in a network namespace with only loopback."""
    if os.environ.get("KHABAR_BENCH_NETNS") == "1":
        subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
        return
    env = dict(os.environ, KHABAR_BENCH_NETNS="1")
    os.execvpe("unshare", ["unshare", "--net", "--", sys.executable] + sys.argv, env)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--feeds", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--sizes", default="100,1000,10000,50000")
    parser.add_argument("--peer-sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--peers", default="rssguard,liferea,gnome-feeds")
    parser.add_argument("--groups", default="start,sizes,live")
    parser.add_argument("--renderers", default="default,cairo")
    parser.add_argument("--core", help="file with the core benchmark lines to include")
    parser.add_argument("--keep", action="store_true", help="keep each run's home folder")
    parser.add_argument("--command-line", default="")
    parser.add_argument("--report-only", metavar="RUNS_JSON",
                        help="write the tables again from the runs of an earlier (or interrupted) session")
    args = parser.parse_args()
    args.size_list = [int(s) for s in args.sizes.split(",") if s]
    args.peer_size_list = [int(s) for s in args.peer_sizes.split(",") if s]
    args.peer_list = [p for p in args.peers.split(",") if p and p != "none"]
    args.renderers = [r for r in args.renderers.split(",") if r]
    args.command_line = args.command_line.split()
    args.out = os.path.abspath(args.out)
    args.feeds = os.path.abspath(args.feeds)
    os.makedirs(args.out, exist_ok=True)

    if args.report_only:
        with open(args.report_only) as f:
            records = json.load(f)
        done = {r["group"] for r in records}
        args.groups = ",".join(g for g in args.groups.split(",") if g in done)
        args.runs = max(r["round"] for r in records) + 1
        core_lines = []
        if args.core and os.path.exists(args.core):
            with open(args.core) as f:
                core_lines = [line.strip() for line in f if line.startswith("bench-")]
        text = report(args, argparse.Namespace(), records, core_lines)
        with open(os.path.join(args.out, "results.md"), "w") as f:
            f.write(text)
        print(text)
        return

    enter_namespace()
    session = Session(args)
    records = []
    try:
        session.start()
        groups = {"start": start_group, "sizes": sizes_group, "live": live_group}
        for name in args.groups.split(","):
            run_group(session, args, name, groups[name](session, args), records)
    except KeyboardInterrupt:
        log("interrupted: the runs so far are in runs.json; --report-only makes the tables")
        raise
    finally:
        session.stop()
        with open(os.path.join(args.out, "runs.json"), "w") as f:
            json.dump(records, f, indent=1)

    core_lines = []
    if args.core and os.path.exists(args.core):
        with open(args.core) as f:
            core_lines = [line.strip() for line in f if line.startswith("bench-")]
    text = report(args, session, records, core_lines)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write(text)
    if not args.keep:
        shutil.rmtree(session.root, ignore_errors=True)
    print(text)


if __name__ == "__main__":
    main()
