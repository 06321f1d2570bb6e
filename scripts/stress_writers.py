"""Many writers at once on one data directory (issue 18): `followup serve` with its worker,
four CLI loops adding and editing applications, and two browsers posting new applications,
for a set time. Prints every failure and the totals; exits 1 on any failed or lost write.

Usage: stress_writers.py BINARY DATA_DIR [SECONDS]
"""

import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time

binary, data_dir = sys.argv[1], sys.argv[2]
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
env = dict(os.environ, FOLLOWUP_DATA_DIR=data_dir,
           FOLLOWUP_CONFIG_DIR=os.path.join(data_dir, "config"), NO_COLOR="1")

lock = threading.Lock()
counts = {"cli ok": 0, "cli failed": 0, "web ok": 0, "web failed": 0}
added = {"cli": 0, "web": 0}


def count(key, n=1):
    with lock:
        counts[key] += n


def followup(*args):
    return subprocess.run([binary, *args], env=env, capture_output=True, text=True)


def cli_loop(n, stop):
    i = 0
    while time.time() < stop:
        i += 1
        made = followup("--json", "app", "add", f"Loop {n} Co {i}", "Analyst")
        if made.returncode != 0:
            count("cli failed")
            print(f"cli {n}: add failed ({made.returncode}): {made.stderr.strip()}", flush=True)
            continue
        count("cli ok")
        with lock:
            added["cli"] += 1
        app_id = json.loads(made.stdout)["id"]
        edited = followup("app", "edit", app_id, "--notes", f"edited by loop {n}")
        if edited.returncode != 0:
            count("cli failed")
            print(f"cli {n}: edit failed ({edited.returncode}): {edited.stderr.strip()}", flush=True)
        else:
            count("cli ok")


def web_loop(n, port, stop):
    def request(method, path, body=None, cookie=None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Host": f"127.0.0.1:{port}"}
        if cookie:
            headers["Cookie"] = cookie
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        answer = conn.getresponse()
        text = answer.read().decode("utf-8", "replace")
        return answer.status, answer.getheader("Set-Cookie"), text

    _, set_cookie, page = request("GET", "/apps")
    cookie = set_cookie.split(";")[0]
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    i = 0
    while time.time() < stop:
        i += 1
        body = f"csrf={token}&company=Web+{n}+Co+{i}&role=Engineer"
        status, _, text = request("POST", "/apps", body, cookie)
        if status == 303:
            count("web ok")
            with lock:
                added["web"] += 1
        else:
            count("web failed")
            print(f"web {n}: POST /apps answered {status}: {text[:200]}", flush=True)


def main():
    followup("profile", "set", "--name", "Stress Test", "--email", "stress@example.com",
             "--timezone", "Europe/London")
    before = len(json.loads(followup("--json", "app", "list").stdout))
    serve = subprocess.Popen([binary, "serve", "--port", "0"], env=env,
                             stdout=subprocess.PIPE, text=True)
    try:
        port = int(serve.stdout.readline().strip().rsplit(":", 1)[1].rstrip("/"))
        stop = time.time() + seconds
        threads = [threading.Thread(target=cli_loop, args=(n, stop)) for n in range(4)]
        threads += [threading.Thread(target=web_loop, args=(n, port, stop)) for n in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        serve.terminate()
        serve.wait()
    after = len(json.loads(followup("--json", "app", "list").stdout))
    lost = before + added["cli"] + added["web"] - after
    print(f"{seconds:.0f} s: CLI writes {counts['cli ok']} ok, {counts['cli failed']} failed; "
          f"web POSTs {counts['web ok']} ok, {counts['web failed']} failed; "
          f"applications {before} -> {after}, lost {lost}")
    sys.exit(1 if counts["cli failed"] or counts["web failed"] or lost else 0)


main()
