#!/usr/bin/env python3
# Writes resources/workloads/demo.rep, the built-in demo: a heap filled with
# mixed sizes, every other block freed, then requests that first, best and
# worst fit place differently. Deterministic (seeded).
import random
rnd = random.Random(5)
lines = ["# HeapViz demo: the same requests under first, best and worst fit.",
         "# Run it on a fixed 8 KiB heap (the app's default for the demo).",
         "# 1. Fill the heap with blocks of mixed sizes.",]
ids = 0; live = []
def a(size):
    global ids
    lines.append(f"a {ids} {size}"); live.append(ids); ids += 1
def f(i):
    lines.append(f"f {i}"); live.remove(i)
cycle = [40, 200, 88, 360, 24, 120, 56, 280]
for k in range(22):
    a(cycle[k % len(cycle)])
lines.append("# 2. Free every other block: holes of many sizes.")
for i in list(live)[::2]:
    f(i)
lines.append("# 3. Small and medium requests: where does each fit put them?")
for k in range(40):
    a(rnd.choice([16, 24, 40, 56, 72, 100, 130]))
    if k % 3 == 2:
        f(rnd.choice(live[-8:]))
lines.append("# 4. Large requests: who kept a big enough hole?")
for k in range(12):
    a(rnd.choice([240, 300, 350, 420]))
    if k % 2 == 1:
        f(rnd.choice(live))
lines.append("# 5. Churn.")
for k in range(60):
    if rnd.random() < 0.55 and len(live) > 4:
        f(rnd.choice(live))
    else:
        a(rnd.choice([24, 48, 90, 160, 260, 330]))
open(__import__("sys").argv[1] if len(__import__("sys").argv) > 1 else "resources/workloads/demo.rep", "w").write("\n".join(lines)+"\n")
