"""One person writing to the store, in a process of its own:

    python worker.py URL view NAME AUTHOR        save a view
    python worker.py URL submit ROUND_ID NAME    submit weights to a round

Opens the store (creating or upgrading it, as a fresh app would), prints `ready`, waits for a
line on stdin so that every worker writes at the same moment, writes, and prints the outcome:
`saved <id>`, `taken` or `submitted`. Anything else is a failure the test shows.
"""

import sys

from scoring.store import NameTaken, Store, rounds, views

url, mode, first, second = sys.argv[1:5]
store = Store.open(url)
print("ready", flush=True)
sys.stdin.readline()
if mode == "view":
    try:
        view = views.save(store, first, second, "m=wsm")
        print(f"saved {view.id}", flush=True)
    except NameTaken:
        print("taken", flush=True)
else:
    rounds.submit(store, first, second, "Role", {"quality": float(len(second)), "price": 1.0})
    print("submitted", flush=True)
