#!/usr/bin/env python3
"""Print the fixture directories under the given roots whose kind `conform --kinds` supports."""
import json, os, subprocess, sys

kinds = set(subprocess.run(sys.argv[1].split() + ["conform", "--kinds"], check=True, capture_output=True,
                           text=True).stdout.split())
for root in sys.argv[2:]:
    for d in sorted(os.listdir(root)):
        spec = os.path.join(root, d, "fixture.json")
        if os.path.exists(spec) and json.load(open(spec))["kind"] in kinds:
            print(os.path.join(root, d))
