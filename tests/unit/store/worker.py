"""One person saving a view, in a process of its own: `python worker.py URL NAME AUTHOR`.

Opens the store (creating or upgrading it, as a fresh app would), prints `ready`, waits for a
line on stdin so that every worker writes at the same moment, saves, and prints the outcome:
`saved <id>` or `taken`. Anything else is a failure the test shows.
"""

import sys

from scoring.store import NameTaken, Store, views

url, name, author = sys.argv[1:4]
store = Store.open(url)
print("ready", flush=True)
sys.stdin.readline()
try:
    view = views.save(store, name, author, "m=wsm")
    print(f"saved {view.id}", flush=True)
except NameTaken:
    print("taken", flush=True)
