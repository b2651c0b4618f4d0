#!/usr/bin/env python3
# Runs one of the core benchmark programs on the generated feeds, writing
# them first when they are missing or of other sizes.
#
#   core-bench.py parse|merge PROGRAM FEEDS_DIR SIZES
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def ensure_feeds(feeds_dir, sizes):
    stamp = os.path.join(feeds_dir, "inputs.txt")
    wanted = "sizes={} ".format(sizes)
    if os.path.exists(stamp) and wanted in open(stamp).read():
        return
    subprocess.run([sys.executable, os.path.join(HERE, "generate-feeds.py"), feeds_dir,
                    "--sizes", sizes], check=True)


def main():
    mode, program, feeds_dir, sizes = sys.argv[1:5]
    ensure_feeds(feeds_dir, sizes)
    size_list = sizes.split(",")
    if mode == "parse":
        args = [os.path.join(feeds_dir, "feed-{}{}".format(size, suffix))
                for size in size_list for suffix in (".json", ".rss.xml", ".atom.xml")]
    else:
        args = [feeds_dir] + size_list
    return subprocess.run([program] + args).returncode


if __name__ == "__main__":
    sys.exit(main())
